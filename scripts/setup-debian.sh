#!/usr/bin/env bash
# Installs what building, running and testing Stillpoint needs on Debian/Ubuntu.
# Idempotent: it skips what is already there. Run as root or with sudo available.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

packages=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libssl-dev libxdo-dev
  webkit2gtk-driver xvfb xauth xdotool
  poppler-utils qpdf
  fonts-noto-core fonts-noto-cjk fonts-dejavu-core
  locales
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  # apt on these machines sometimes fails once with "cannot access archive": retry once.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The real-window tests run the app in German too (dates in the computer's locale).
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  echo "setup: generating the de_DE.UTF-8 locale"
  $SUDO sed -i 's/^# *\(de_DE.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
  $SUDO locale-gen >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "setup: Rust is missing; install it with rustup (https://rustup.rs) and run this again" >&2
  exit 1
fi
# rust-toolchain.toml pins the toolchain. Where the installed stable toolchain is that version
# under another name, link it rather than let rustup download a copy.
pinned=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
if command -v rustup >/dev/null && ! (cd / && rustup toolchain list | grep -q "^$pinned"); then
  if (cd / && rustc +stable --version 2>/dev/null | grep -q "^rustc $pinned "); then
    (cd / && rustup toolchain link "$pinned" "$(rustc +stable --print sysroot)")
  fi
fi

command -v tauri-driver >/dev/null || cargo install tauri-driver --version 2.1.0 --locked

# `npm install` (not `npm ci`): it keeps the locked versions, and tolerates lock files written
# where npm omits other platforms' optional packages (the Tauri CLI's binaries).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi
