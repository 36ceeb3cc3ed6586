//! The partners' tables of attributes and events, from the contract: printed, or with `--write`
//! written into `docs/partners/api.md` between their markers (see
//! `nhs_login_help_tools::api_tables`).

use nhs_login_help_tools::api_tables::{tables, with_tables, DOC};
use std::{env, fs, process};

fn main() {
    if env::args().nth(1).as_deref() != Some("--write") {
        for (_, table) in tables() {
            println!("{table}");
        }
        return;
    }
    let path = format!("{}/../{DOC}", env!("CARGO_MANIFEST_DIR"));
    let written = fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|doc| with_tables(&doc));
    match written.and_then(|doc| fs::write(&path, doc).map_err(|e| e.to_string())) {
        Ok(()) => println!("wrote the tables into {DOC}"),
        Err(error) => {
            eprintln!("error: {error}");
            process::exit(1);
        }
    }
}
