#!/usr/bin/env bash
# The README's second command (and CI's): installs what is missing, then runs every check and
# test, and ends by printing the release build's size per asset.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

RELEASE_DIST="target/dist-release"

ensure_build_tools
ensure_chromium
ensure_firefox
ensure_webkit

say "Formatting and lints (native and wasm targets)"
cargo fmt --check
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked --all-targets --target wasm32-unknown-unknown -p nhs-login-help -p nhs-login-help-core -- -D warnings

say "Unit and property tests (native: the core, the content compiler, the widget, the tools, the feedback receiver against SQLite)"
cargo test --locked --workspace

say "The feedback receiver's integration tests against a throwaway PostgreSQL (Debian's postgresql, installed when missing)"
source "$ROOT/scripts/postgres.sh"
postgres_start
RECEIVER_TEST_DATABASE=postgres cargo test --locked -p nhs-login-help-receiver --test '*'
postgres_stop

say "The embed entry's rules and first paint against the Rust core's (vectors and random input), and the docs' links"
node --test --test-reporter=spec tests/unit/

say "Component tests in headless Chromium (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER="$(command -v chromedriver)" \
  WASM_BINDGEN_TEST_TIMEOUT=60 \
  cargo test --locked --target wasm32-unknown-unknown

say "Release build"
trunk build --release --dist "$RELEASE_DIST"

# The browser suites' list of articles comes from the compiled content, not from the tests.
cargo run --quiet --locked -p nhs-login-help-tools --bin content-manifest >target/content-manifest.json
say "The package: its declarations checked by tsc --strict, npm pack, installed in a new project"
WIDGET_DIST="$RELEASE_DIST" node --test --test-reporter=spec tests/package/
# The same suites in each engine: Chromium (Chrome, Edge, Android WebViews), Firefox, and WebKit
# (Safari, every iOS WebView). A test an engine's driver cannot run says why it is skipped.
say "The WebKit driver's own checks (viewports, text size, shadow-piercing locators, keys)"
node --test --test-reporter=spec tests/e2e/engines/webkit.check.mjs
for engine in chromium firefox webkit; do
  say "End-to-end tests of the release build in $engine, with axe-core"
  E2E_ENGINE="$engine" CONTENT_MANIFEST=target/content-manifest.json WIDGET_DIST="$RELEASE_DIST" \
    node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=./tests/e2e/summary-reporter.mjs --test-reporter-destination=stdout \
    tests/e2e/
done

say "Release build size per asset"
node scripts/sizes.mjs "$RELEASE_DIST"
