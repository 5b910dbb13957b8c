#!/usr/bin/env python3
"""Asks an X window to close the way a window manager's close button does: a WM_DELETE_WINDOW
client message (xdotool's windowclose destroys the window instead, which no app can refuse).

Usage: close-window.py WINDOW_ID..."""
import ctypes
import sys

x11 = ctypes.CDLL("libX11.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XInternAtom.restype = ctypes.c_ulong
x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
x11.XFlush.argtypes = [ctypes.c_void_p]
x11.XCloseDisplay.argtypes = [ctypes.c_void_p]


class ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class XEvent(ctypes.Union):
    _fields_ = [("client", ClientMessage), ("pad", ctypes.c_long * 24)]


display = x11.XOpenDisplay(None)
if not display:
    sys.exit("close-window.py: cannot open the display")
protocols = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
delete = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
for arg in sys.argv[1:]:
    event = XEvent()
    event.client.type = 33  # ClientMessage
    event.client.window = int(arg)
    event.client.message_type = protocols
    event.client.format = 32
    event.client.data[0] = delete
    event.client.data[1] = 0  # CurrentTime
    x11.XSendEvent(display, int(arg), 0, 0, ctypes.byref(event))
x11.XFlush(display)
x11.XCloseDisplay(display)
