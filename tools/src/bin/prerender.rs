//! Prints, as JSON, what the build puts into the embed entry and the standalone page's script:
//! `{ contract, firstPaint, problems }`, the names hosts rely on and every state the widget can
//! show without interaction, prerendered from its components (see
//! `nhs_login_help_tools::first_paint`); and `null`, or, in a development build whose articles
//! have mistakes, the "Content problems" page the standalone page shows instead of the help
//! (`{ title, html, count }`).
//! `scripts/package.mjs`, Trunk's post-build hook, runs it:
//! `cargo run -p nhs-login-help-tools --bin prerender`.

use nhs_login_help::components::PROBLEMS_HEADING;
use nhs_login_help::content::PROBLEMS;
use nhs_login_help::lookup::PAGE_TITLE_SUFFIX;
use nhs_login_help_tools::contract::contract_json;
use nhs_login_help_tools::first_paint::first_paint_json;
use nhs_login_help_tools::render::problems_html;
use serde_json::{json, Value};
use std::process;

fn main() {
    match first_paint_json() {
        Ok(first_paint) => {
            let problems = if PROBLEMS.is_empty() {
                Value::Null
            } else {
                let title = [PROBLEMS_HEADING, PAGE_TITLE_SUFFIX].concat();
                json!({
                    "title": title,
                    "html": problems_html(PROBLEMS),
                    "count": PROBLEMS.len(),
                })
            };
            println!("{}", json!({ "contract": contract_json(), "firstPaint": first_paint, "problems": problems }))
        }
        Err(error) => {
            eprintln!("error: the first paint: {error}");
            process::exit(1);
        }
    }
}
