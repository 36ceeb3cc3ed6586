//! Prints, as JSON, the element's typed API that `scripts/package.mjs` writes into the build for
//! the package: `{ typescript, customElements, jsx }`, the text of `nhs-login-help.d.ts`, the
//! Custom Elements Manifest (`custom-elements.json`) and each JSX library's declarations
//! (`react.d.ts`, …), all from the contract (see `nhs_login_help_tools::declarations`):
//! `cargo run -p nhs-login-help-tools --bin declarations`.

use nhs_login_help_tools::declarations::declarations_json;

fn main() {
    println!("{}", declarations_json());
}
