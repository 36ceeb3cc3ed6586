//! Prints, as JSON, the element's typed API that `scripts/package.mjs` writes into the build for
//! the package: `{ typescript, customElements }`, the text of `nhs-login-help.d.ts` and the Custom
//! Elements Manifest (`custom-elements.json`), both from the contract (see
//! `nhs_login_help_tools::declarations`): `cargo run -p nhs-login-help-tools --bin declarations`.

use nhs_login_help_tools::declarations::declarations_json;

fn main() {
    println!("{}", declarations_json());
}
