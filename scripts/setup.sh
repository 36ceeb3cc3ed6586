# Installs what building and testing the widget need, skipping whatever is already there, so the
# README's two commands work on a fresh machine and are quick on a ready one. Sourced by serve.sh
# and test.sh; see ../shared/TOOLCHAIN.md for why each version is pinned.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION="0.21.14"
WASM_OPT_VERSION="version_132" # what binaryen 132's `wasm-opt --version` prints; pinned in Trunk.toml
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)"

# npm's wasm-opt (binaryen 132) goes first: Debian's binaryen 108 emits wasm that fails in the
# browser. Then where `cargo install` puts Trunk and wasm-bindgen, honouring CARGO_INSTALL_ROOT.
CARGO_BIN="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin"
export PATH="$ROOT/node_modules/.bin:$CARGO_BIN:$PATH"
# A shell that never sourced rustup's env still finds cargo, after everything else.
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$PATH:$HOME/.cargo/bin"
fi
export TRUNK_SKIP_VERSION_CHECK=true

say() { printf '\n==> [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: '$1' is not installed; $2" >&2; exit 1; }
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The project builds with the nightly pinned in rust-toolchain.toml (with its wasm target, rust-src,
# rustfmt and clippy), and std from source (.cargo/config.toml), whose own dependencies come from
# crates.io: fetched once here, so every build after works offline.
ensure_rust() {
  need cargo "install Rust with rustup first (https://rustup.rs)"
  need rustup "the pinned toolchain is installed with rustup"
  local pinned
  pinned="$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)"
  if ! rustup toolchain list | grep -q "^$pinned"; then
    say "Installing the pinned Rust toolchain $pinned (about 1 minute; only the first time)"
    rustup toolchain install
  fi
  local library stamp="target/.std-fetched-$pinned"
  if [ ! -f "$stamp" ]; then
    say "Fetching what building std from source needs (once per toolchain)"
    library="$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
    cargo fetch --manifest-path "$library" --quiet
    mkdir -p target && touch "$stamp"
  fi
}

# Tools are installed with the machine's default toolchain, outside this folder, so neither the
# pinned nightly nor building std from source applies to them.
install_tool() {
  (cd "$HOME" && cargo install "$@")
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "Installing Trunk $TRUNK_VERSION into $CARGO_BIN (about 20 minutes on 2 cores; only the first time)"
    install_tool trunk --version "=$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
    ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION, to match Cargo.lock (about 5 minutes; only the first time)"
    # Without --locked: its lock file names a crate version the registry no longer has.
    install_tool wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
  fi
}

ensure_node_modules() {
  if ! command -v npm >/dev/null 2>&1; then
    say "Installing Debian's nodejs and npm"
    as_root apt-get update
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y nodejs npm
  fi
  local stamp="node_modules/.installed-from"
  local want
  want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "Installing npm packages from package-lock.json (wasm-opt from binaryen 132, esbuild, terser, playwright-core, selenium-webdriver, axe-core)"
    npm ci --no-audit --no-fund
    echo "$want" >"$stamp"
  fi
  local version
  version="$(wasm-opt --version)"
  case "$version" in
    *"($WASM_OPT_VERSION)"*) ;;
    *) echo "error: wasm-opt on PATH is '$version', expected binaryen $WASM_OPT_VERSION" >&2; exit 1 ;;
  esac
}

ensure_crates() {
  # Trunk builds with --offline (Trunk.toml), so every crate must already be downloaded.
  cargo fetch --locked --quiet
}

ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    say "Installing Debian's chromium and chromium-driver (about 2 minutes)"
    as_root apt-get update
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y chromium chromium-driver
  fi
}

ensure_firefox() {
  if [ ! -x /usr/lib/firefox-esr/firefox-esr ]; then
    say "Installing Debian's firefox-esr (about 1 minute)"
    as_root apt-get update
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y --no-install-recommends firefox-esr
  fi
}

# WebKitGTK, Safari's engine: its WebDriver, a display server for it (it has no headless mode) and
# GObject introspection for the bare browser window the tests drive (tests/e2e/engines/).
WEBKIT_PACKAGES=(webkit2gtk-driver xvfb xauth fonts-dejavu-core python3-gi gir1.2-gtk-3.0 gir1.2-webkit2-4.1)

ensure_webkit() {
  local missing=()
  for package in "${WEBKIT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if ((${#missing[@]})); then
    say "Installing Debian's ${missing[*]} (about 1 minute)"
    as_root apt-get update
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

ensure_build_tools() {
  ensure_rust
  ensure_node_modules
  ensure_crates
  ensure_trunk
  ensure_wasm_bindgen
}
