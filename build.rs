// Compiles the help articles in `content/articles/` into static Rust data at build time, so the
// widget never parses markdown in the browser and a malformed article fails the build, not a page.

#[path = "build/compile.rs"]
mod compile;
#[path = "build/lint.rs"]
mod lint;

use std::{env, fs, path::Path, process};

const ARTICLES_DIR: &str = "content/articles";

fn main() {
    println!("cargo:rerun-if-changed={ARTICLES_DIR}");
    println!("cargo:rerun-if-changed=build/compile.rs");
    println!("cargo:rerun-if-changed=build/lint.rs");
    println!("cargo:rerun-if-changed=src/words.rs");

    let mut paths: Vec<_> = fs::read_dir(ARTICLES_DIR)
        .unwrap_or_else(|e| fail(&format!("cannot read {ARTICLES_DIR}: {e}")))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    paths.sort();

    let sources: Vec<(String, String)> = paths
        .iter()
        .map(|path| {
            println!("cargo:rerun-if-changed={}", path.display());
            let text = fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
            (path.display().to_string(), text)
        })
        .collect();

    let articles = compile::compile(&sources).unwrap_or_else(|errors| {
        for error in &errors {
            eprintln!("error: {error}");
        }
        fail(&format!("{} problem(s) in the help articles; see above", errors.len()))
    });

    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("articles.rs");
    fs::write(&out, compile::generate(&articles)).unwrap_or_else(|e| fail(&format!("{}: {e}", out.display())));

    // Style checks: warnings that never fail the build, shown by cargo (and so by Trunk) and, from
    // `lint.rs`, in the gallery the tools write (native builds only; the wasm never includes it).
    let reports = lint::lint(&articles, &sources);
    for warning in reports.iter().flat_map(|report| &report.warnings) {
        println!("cargo:warning={warning}");
    }
    let out = out.with_file_name("lint.rs");
    fs::write(&out, lint::generate(&reports)).unwrap_or_else(|e| fail(&format!("{}: {e}", out.display())));
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    process::exit(1)
}
