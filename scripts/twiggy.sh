# Where the wasm's bytes are: builds the release wasm as Trunk does (cargo with the profile and
# wasm-bindgen and wasm-opt with the flags in index.html) but keeps the function names, then prints twiggy's summaries.
# The names add a custom section, which the figures leave out; everything else is the shipped wasm.
#
#   bash scripts/twiggy.sh            # top items, dominators, monomorphisations
#   bash scripts/twiggy.sh top -n 60  # any twiggy command, on the same wasm
#
# Needs twiggy (`cargo install twiggy --locked`; not part of the test command).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
command -v twiggy >/dev/null || { echo "error: install twiggy first: cargo install twiggy --locked" >&2; exit 1; }

OUT="target/twiggy"
mkdir -p "$OUT"
# The profile and the wasm-opt flags are the ones index.html gives Trunk.
profile="$(sed -n 's/.*data-cargo-profile-release="\([^"]*\)".*/\1/p' index.html)"
cargo build --quiet --profile "$profile" --target wasm32-unknown-unknown --bin nhs-login-help
wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$OUT" \
  "target/wasm32-unknown-unknown/$profile/nhs-login-help.wasm"
# The same passes and features as Trunk's (index.html's data-wasm-opt-params), names kept.
params="$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html | sed 's/--strip-debug//')"
# shellcheck disable=SC2086 # the flags are words
wasm-opt -Oz $params --debuginfo "$OUT/nhs-login-help_bg.wasm" -o "$OUT/named.wasm"
WASM="$OUT/named.wasm"

if [ $# -gt 0 ]; then
  twiggy "$@" "$WASM"
  exit
fi
# Only the features: reading the wasm again needs them, and no pass runs here.
features="$(printf '%s\n' $params | grep -- '^--enable-' | tr '\n' ' ')"
# shellcheck disable=SC2086 # the flags are words
echo "== shipped size without the name section: $(wasm-opt $features "$WASM" --strip-debug -o - | wc -c) bytes raw"
echo "== top 40 (shallow size)"
twiggy top -n 40 "$WASM"
echo "== dominators (retained size), 3 levels, the 40 largest"
twiggy dominators -d 3 -r 40 "$WASM"
echo "== monomorphisations (generic functions and their copies), top 25"
twiggy monos -m 25 -n 5 "$WASM"
