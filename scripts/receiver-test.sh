#!/usr/bin/env bash
# The receiver's tests (crates/receiver) against both databases it supports: an SQLite file, then
# a throwaway PostgreSQL (Debian's postgresql, installed when missing; scripts/postgres.sh), which
# is stopped afterwards. Asked for PostgreSQL, the tests fail rather than skip when it is missing.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source "$ROOT/scripts/postgres.sh"

ensure_rust

say "Receiver: formatting and lints"
cargo fmt -p nhs-login-help-receiver --check
cargo clippy --locked -p nhs-login-help-receiver --all-targets -- -D warnings

say "Receiver: unit and property tests, and the integration tests against SQLite"
RECEIVER_TEST_DATABASE=sqlite cargo test --locked -p nhs-login-help-receiver

postgres_start
say "Receiver: the integration tests against PostgreSQL $(basename "$(dirname "$PG_BIN")") on 127.0.0.1:$PG_TEST_PORT"
RECEIVER_TEST_DATABASE=postgres cargo test --locked -p nhs-login-help-receiver --test '*'
postgres_stop
