//! The Rust core gives every answer in the rules' test vectors (tests/vectors/rules.json), which
//! the embed entry's copy of the rules runs too (tests/unit/rules.test.mjs): one file holds both
//! to the same reference normalisation, safe-URL rule, near misses and reading of URLs and
//! attributes.

use nhs_login_help_tools::decide::decide;
use serde_json::Value;

#[test]
fn the_rust_core_gives_every_answer_the_vectors_record() {
    let vectors: Value =
        serde_json::from_str(include_str!("../../tests/vectors/rules.json")).expect("the vectors are JSON");
    let cases = vectors["decide"].as_array().expect("a list of cases");
    assert!(cases.len() > 200, "{} cases", cases.len());
    for case in cases {
        let decided = decide(&case["input"]).expect("a well-formed input");
        assert_eq!(decided, case["output"], "{}", case["input"]);
    }
}
