//! Reads one JSON input per line and prints, per line, what the Rust core decides it shows (see
//! `nhs_login_help_tools::decide`). The rules' random tests (tests/unit/rules.test.mjs) compare it
//! with the embed entry's copy: `cargo run -p nhs-login-help-tools --bin decide < inputs`.

use nhs_login_help_tools::decide::decide;
use std::io::{self, BufRead, Write};

fn main() -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in io::stdin().lock().lines() {
        let input: serde_json::Value = serde_json::from_str(&line?).map_err(io::Error::other)?;
        let decided = decide(&input).map_err(io::Error::other)?;
        writeln!(out, "{decided}")?;
    }
    out.flush()
}
