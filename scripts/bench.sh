#!/usr/bin/env bash
# The benchmark: builds the release, writes a static page of every article to compare
# against, then measures in Chromium the bytes on the wire, time to article, main-thread cost,
# memory, and search and lookup times, prints them beside the targets and appends one line to
# bench/history.tsv (commit it with the change it measures). Not part of the test command: its
# times depend on the machine, and it fails only when something broke, never on a figure.
# Options go to scripts/bench.mjs: `--loads 3 --reps 1 --cycles 10 --no-history` is a quick
# smoke run. BENCH_DIST builds elsewhere than target/dist-release.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

DIST="${BENCH_DIST:-target/dist-release}"
OUT="target/bench"

ensure_build_tools
ensure_chromium

say "Release build"
trunk build --release --dist "$DIST"

say "Static pages of every article, from the same content and CSS"
rm -rf "$OUT"
cargo run --quiet --locked --release -p nhs-login-help-tools --bin static-pages -- "$OUT/static" "$DIST"

say "Search and lookup, natively"
cargo run --quiet --locked --release -p nhs-login-help-tools --bin search-bench >"$OUT/search.tsv"

say "Benchmark in Chromium (about 3 minutes)"
node scripts/bench.mjs --dist "$DIST" --static "$OUT/static" --search "$OUT/search.tsv" "$@"
