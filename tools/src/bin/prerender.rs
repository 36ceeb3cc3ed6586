//! Prints, as JSON, what the build puts into the embed entry and the standalone page's script:
//! `{ contract, firstPaint }`, the names hosts rely on and every state the widget can show without
//! interaction, prerendered from its components (see `nhs_login_help_tools::first_paint`).
//! `scripts/package.mjs`, Trunk's post-build hook, runs it:
//! `cargo run -p nhs-login-help-tools --bin prerender`.

use nhs_login_help_tools::contract::contract_json;
use nhs_login_help_tools::first_paint::first_paint_json;
use serde_json::json;
use std::process;

fn main() {
    match first_paint_json() {
        Ok(first_paint) => println!("{}", json!({ "contract": contract_json(), "firstPaint": first_paint })),
        Err(error) => {
            eprintln!("error: the first paint: {error}");
            process::exit(1);
        }
    }
}
