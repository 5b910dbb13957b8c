// A small WebDriver client for driving the real Stillpoint window through tauri-driver
// (which speaks to Debian's WebKitWebDriver). Each app launch gets its own tauri-driver, its
// own database and its own XDG folders, and its WebDriver connection is always ended, also on
// failure. (A "session" in Stillpoint is a therapy session; here the driver's is a `connection`.)
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
export const appBinary =
  process.env.STILLPOINT_BIN ?? resolve(root, process.env.CARGO_TARGET_DIR ?? "target", "debug/stillpoint");
export const outputDir = join(root, "test-output/e2e");
mkdirSync(outputDir, { recursive: true });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Two different free ports: both are held open until both are known, so the system cannot
 * hand out the same one twice (tauri-driver given one port for both talks to itself forever). */
function freePorts() {
  const listen = () =>
    new Promise((res, rej) => {
      const srv = createServer();
      srv.on("error", rej);
      srv.listen(0, "127.0.0.1", () => res(srv));
    });
  return Promise.all([listen(), listen()]).then((servers) =>
    Promise.all(servers.map((srv) => new Promise((res) => { const { port } = srv.address(); srv.close(() => res(port)); }))),
  );
}

/** A fresh home for one test: its database and WebKit's storage live here. */
export function scratch(name) {
  const dir = mkdtempSync(join(tmpdir(), `stillpoint-e2e-${name}-`));
  return { dir, db: join(dir, "stillpoint.db") };
}

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** The app processes started on this test's database (found by their STILLPOINT_DB). */
function appProcesses(home) {
  const marker = `STILLPOINT_DB=${home.db}\0`;
  return readdirSync("/proc").filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/environ`, "latin1").includes(marker);
    } catch {
      return false;
    }
  }).map(Number);
}

/** Sends `signal` to the test's app, as the system does at logout or shutdown; resolves when it
 * has quit. */
export async function signalApp(home, signal = "SIGTERM", ms = 10000) {
  const pids = appProcesses(home);
  if (!pids.length) throw new Error("the app is not running");
  for (const pid of pids) process.kill(pid, signal);
  const end = Date.now() + ms;
  while (appProcesses(home).length) {
    if (Date.now() > end) throw new Error(`the app did not quit on ${signal}`);
    await sleep(100);
  }
}

/** Waits up to `ms` for the test's app to quit, then stops what is left. */
async function stopApp(home, ms) {
  const end = Date.now() + ms;
  while (appProcesses(home).length && Date.now() < end) await sleep(100);
  for (const pid of appProcesses(home)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** The app's window, driven through one WebDriver connection. */
class AppWindow {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  async cmd(method, path, body) {
    const res = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.message ?? res.status}`);
    return json.value;
  }

  async find(css) {
    const found = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return found[ELEMENT];
  }

  /** Waits until `css` matches an element (and, if given, its text contains `text`). */
  async waitFor(css, { text, timeout = 10000 } = {}) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try {
        const el = await this.find(css);
        if (text === undefined || (await this.text(css)).includes(text)) return el;
      } catch (e) {
        last = e;
      }
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${css}${text ? ` with text "${text}"` : ""}: ${last?.message ?? ""}`);
  }

  /** Clicks the element at `css`, first scrolling it to the middle of its scroll area, as a
   * person would, so no sticky header or footer covers it. A view that draws its rows again
   * (a reloaded list, the virtual table) may replace the element between finding and clicking
   * it, as a person's click would land on the new one: then it is found again, a few times. */
  async click(css) {
    for (let tries = 1; ; tries++) {
      const el = await this.waitFor(css);
      try {
        await this.script("arguments[0].scrollIntoView({ block: 'center' })", [{ [ELEMENT]: el }]);
        await this.cmd("POST", `/element/${el}/click`, {});
        return;
      } catch (e) {
        const replaced = await this.script("return arguments[0].isConnected === false", [{ [ELEMENT]: el }]).catch(() => true);
        if (!replaced || tries === 3) throw e;
      }
    }
  }

  /** Clears the input at `css` and types `value` into it, as a person would. */
  async type(css, value) {
    const el = await this.waitFor(css);
    await this.cmd("POST", `/element/${el}/clear`, {});
    if (value !== "") await this.cmd("POST", `/element/${el}/value`, { text: value });
  }

  /** Chooses a file in the `<input type=file>` at `css`, as the file dialog would. */
  async upload(css, path) {
    const el = await this.find(css);
    await this.cmd("POST", `/element/${el}/value`, { text: path });
  }

  /** The text a person sees in the element (WebKitWebDriver's own "element text" drops the
   * cells of a grid row). */
  async text(css) {
    const el = await this.find(css);
    return this.script("return arguments[0].innerText", [{ [ELEMENT]: el }]);
  }

  async value(css) {
    const el = await this.find(css);
    return this.cmd("GET", `/element/${el}/property/value`);
  }

  async attribute(css, name) {
    const el = await this.find(css);
    return this.cmd("GET", `/element/${el}/attribute/${name}`);
  }

  /** True when a person can see the element: its middle is inside the window and nothing (a
   * sticky footer, a side panel) lies over it. */
  async visible(css) {
    const el = await this.find(css);
    return this.script(
      "const el = arguments[0]; const r = el.getBoundingClientRect(); const x = r.left + r.width / 2, y = r.top + r.height / 2;" +
        "if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;" +
        "const top = document.elementFromPoint(x, y); return top !== null && (top === el || el.contains(top));",
      [{ [ELEMENT]: el }],
    );
  }

  async exists(css) {
    const found = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return found.length > 0;
  }

  async script(source, args = []) {
    return this.cmd("POST", "/execute/sync", { script: source, args });
  }

  /** An ISO date as the window shows it, in the window's own locale. */
  async shownDate(iso) {
    return this.script(
      "const [y, m, d] = arguments[0].split('-').map(Number); return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(y, m - 1, d, 12))",
      [iso],
    );
  }

  /** An ISO date as a date field shows it, in the window's own locale ("04/16/2025" in en-US). */
  async fieldDate(iso) {
    return this.script(
      "const [y, m, d] = arguments[0].split('-').map(Number); return new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(y, m - 1, d, 12))",
      [iso],
    );
  }

  async activeElementId() {
    return this.script("return document.activeElement && document.activeElement.id");
  }

  async keys(text) {
    const el = await this.cmd("GET", "/element/active");
    await this.cmd("POST", `/element/${el[ELEMENT]}/value`, { text });
  }

  /** Saves a PNG of the window under test-output/e2e/, after two animation frames. */
  async screenshot(name) {
    await this.cmd("POST", "/execute/async", {
      script: "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
      args: [],
    });
    const png = await this.cmd("GET", "/screenshot");
    const file = join(outputDir, `${name}.png`);
    writeFileSync(file, Buffer.from(png, "base64"));
    return file;
  }
}

/** A stand-in for the desktop's `xdg-open` that writes down what it was asked to open: pass
 * its `env` to `withApp`, read `opened()` after. */
export function fakeViewer(home) {
  const bin = join(home.dir, "bin");
  mkdirSync(bin, { recursive: true });
  const log = join(home.dir, "opened.txt");
  writeFileSync(join(bin, "xdg-open"), `#!/bin/sh\nprintf '%s\\n' "$1" >> '${log}'\n`);
  chmodSync(join(bin, "xdg-open"), 0o755);
  return {
    env: { PATH: `${bin}:${process.env.PATH}` },
    opened: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []),
  };
}

/** Polls `check` until it is true; fails with `message` after `timeout` ms. */
export async function waitUntil(check, message, timeout = 10000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(message);
    await sleep(100);
  }
}

/**
 * Answers the system's save dialog the way a person does: finds it by its title, types the
 * full path into its name field and presses Enter (GTK's file chooser takes a path there).
 */
export async function answerSaveDialog(title, path) {
  const id = await dialogTitled(title, "save");
  execFileSync("xdotool", ["windowfocus", "--sync", id]);
  await sleep(300);
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+a"]);
  execFileSync("xdotool", ["type", "--delay", "8", path]);
  execFileSync("xdotool", ["key", "Return"]);
}

/**
 * Answers the system's open dialog the way a person does: finds it by its title, opens its
 * location field (Ctrl+L), types the file's full path over what it holds and presses Enter.
 */
export async function answerOpenDialog(title, path) {
  const id = await dialogTitled(title, "open");
  execFileSync("xdotool", ["windowfocus", "--sync", id]);
  // Keys sent before the dialog has built its file list go to the list's search, and Enter then
  // opens whatever file it shows first (the recent ones): give it time.
  await sleep(1000);
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+l"]);
  await sleep(500);
  // Whatever the field holds already (the folder it opened in) is replaced.
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+a"]);
  execFileSync("xdotool", ["type", "--delay", "8", path]);
  await sleep(200);
  execFileSync("xdotool", ["key", "Return"]);
  // The field's list of completions can take the first Enter (choosing the name it shows, the
  // one typed); a person then presses Enter again.
  for (let tries = 0; tries < 3; tries++) {
    await sleep(1000);
    let open = "";
    try {
      open = execFileSync("xdotool", ["search", "--onlyvisible", "--name", title], { encoding: "utf8" }).trim();
    } catch {
      open = "";
    }
    if (open === "") return;
    execFileSync("xdotool", ["key", "Return"]);
  }
}

/**
 * Answers the system's folder picker the way a person does: opens its location field (Ctrl+L),
 * types the folder's full path with a final slash and presses Enter, which takes the picker into
 * it, then Enter again, which chooses the folder it shows.
 */
export async function answerFolderDialog(title, path) {
  const id = await dialogTitled(title, "folder");
  execFileSync("xdotool", ["windowfocus", "--sync", id]);
  await sleep(1000);
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+l"]);
  await sleep(500);
  execFileSync("xdotool", ["key", "--clearmodifiers", "ctrl+a"]);
  execFileSync("xdotool", ["type", "--delay", "8", path.endsWith("/") ? path : `${path}/`]);
  await sleep(1000);
  execFileSync("xdotool", ["key", "Return"]);
  await sleep(1000);
  execFileSync("xdotool", ["key", "Return"]);
  await waitUntil(() => {
    try {
      return execFileSync("xdotool", ["search", "--onlyvisible", "--name", title], { encoding: "utf8" }).trim() === "";
    } catch {
      return true;
    }
  }, `the folder picker "${title}" did not close`, 10000);
}

/** The window id of the visible dialog titled `title`, once it has appeared. */
async function dialogTitled(title, kind) {
  let id = "";
  await waitUntil(() => {
    try {
      id = execFileSync("xdotool", ["search", "--onlyvisible", "--name", title], { encoding: "utf8" }).trim().split("\n")[0];
    } catch {
      id = "";
    }
    return id !== "";
  }, `no ${kind} dialog titled "${title}" appeared`, 15000);
  return id;
}

/**
 * Starts the app on `db` and runs `body(window)`; always ends the connection and the driver.
 * `env` adds variables for the app (it inherits tauri-driver's environment).
 *
 * The app turns WebKit's accelerated compositing off on Linux (it saves ~75 MiB), but
 * WebKitWebDriver's screenshot never answers in that mode, so tests run with it on
 * (WEBKIT_DISABLE_COMPOSITING_MODE=0, which the app respects) unless `shippedCompositing` asks
 * for the app exactly as shipped (then take no screenshots).
 */
export async function withApp(home, body, { env = {}, shippedCompositing = false } = {}) {
  const [port, nativePort] = await freePorts();
  const driverEnv = {
    ...process.env,
    STILLPOINT_DB: home.db,
    XDG_DATA_HOME: join(home.dir, "data"),
    XDG_CACHE_HOME: join(home.dir, "cache"),
    XDG_CONFIG_HOME: join(home.dir, "config"),
    WEBKIT_DISABLE_COMPOSITING_MODE: "0",
    ...env,
  };
  if (shippedCompositing) delete driverEnv.WEBKIT_DISABLE_COMPOSITING_MODE;
  // The log goes to a file, not a pipe: an app that outlived its driver would hold a pipe open
  // and keep this process from ever exiting.
  const logFile = join(home.dir, `tauri-driver-${port}.log`);
  const logFd = openSync(logFile, "w");
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    env: driverEnv,
    stdio: ["ignore", logFd, logFd],
    // Its own process group, so ending it also ends the WebKitWebDriver it starts.
    detached: true,
  });
  closeSync(logFd);
  const driverLog = () => {
    try {
      return readFileSync(logFile, "utf8");
    } catch {
      return "";
    }
  };
  const base = `http://127.0.0.1:${port}`;
  let connection;
  try {
    const end = Date.now() + 20000;
    for (;;) {
      try {
        const res = await fetch(`${base}/session`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            capabilities: { alwaysMatch: { "tauri:options": { application: appBinary } } },
          }),
        });
        const json = await res.json();
        if (!res.ok) throw new Error(json.value?.message ?? `status ${res.status}`);
        connection = new AppWindow(base, json.value.sessionId);
        break;
      } catch (e) {
        if (Date.now() > end) throw new Error(`could not start the app: ${e.message}\n${driverLog()}`);
        await sleep(200);
      }
    }
    return await body(connection);
  } catch (error) {
    error.message += `\n--- tauri-driver and app log (tail) ---\n${driverLog().slice(-3000)}`;
    throw error;
  } finally {
    if (connection) await fetch(`${base}/session/${connection.id}`, { method: "DELETE" }).catch(() => {});
    await stopApp(home, 3000);
    const exited = new Promise((r) => (driver.exitCode !== null || driver.signalCode !== null ? r() : driver.once("exit", r)));
    try {
      process.kill(-driver.pid, "SIGTERM");
    } catch {
      driver.kill("SIGTERM");
    }
    await exited;
  }
}
