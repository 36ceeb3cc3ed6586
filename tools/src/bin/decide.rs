//! Reads one JSON input per line and prints, per line, what the Rust core decides it shows (see
//! `nhs_login_help_tools::decide`). The rules' random tests (tests/unit/rules.test.mjs) compare it
//! with the embed entry's copy: `cargo run -p nhs-login-help-tools --bin decide < inputs`. With
//! `--html`, each line also has the components' markup for it, which tests/unit/paint.test.mjs
//! holds the first paint to.

use nhs_login_help_tools::decide::{decide, decide_and_render};
use std::io::{self, BufRead, Write};

fn main() -> io::Result<()> {
    let answer = if std::env::args().nth(1).as_deref() == Some("--html") { decide_and_render } else { decide };
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in io::stdin().lock().lines() {
        let input: serde_json::Value = serde_json::from_str(&line?).map_err(io::Error::other)?;
        let decided = answer(&input).map_err(io::Error::other)?;
        writeln!(out, "{decided}")?;
    }
    out.flush()
}
