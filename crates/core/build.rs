// Compiles the help articles in `content/articles/` into static Rust data at build time (with the
// content crate, `crates/content`), so the widget never parses markdown in the browser and a
// malformed article fails the release build, never a patient's page. A development build
// (`trunk serve`) shows the problems in the page.

use nhs_login_help_content::{compile, lint};
use std::{env, fs, path::Path, process};

/// The articles, from the repository's root: how problems and warnings name their files.
const ARTICLES_DIR: &str = "content/articles";
/// The repository's root, from this crate.
const ROOT: &str = "../..";

fn main() {
    let dir = Path::new(ROOT).join(ARTICLES_DIR);
    println!("cargo:rerun-if-changed={}", dir.display());

    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(&format!("cannot read {ARTICLES_DIR}: {e}")))
        .filter_map(|entry| entry.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|name| name.ends_with(".md"))
        .collect();
    names.sort();

    let sources: Vec<(String, String)> = names
        .iter()
        .map(|name| {
            let path = dir.join(name);
            println!("cargo:rerun-if-changed={}", path.display());
            let shown = format!("{ARTICLES_DIR}/{name}");
            let text = fs::read_to_string(&path).unwrap_or_else(|e| fail(&format!("{shown}: {e}")));
            (shown, text)
        })
        .collect();

    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let articles = match compile::compile(&sources) {
        Ok(articles) => articles,
        Err(problems) => return content_problems(&problems, Path::new(&out_dir)),
    };

    let out = Path::new(&out_dir).join("articles.rs");
    fs::write(&out, compile::generate(&articles)).unwrap_or_else(|e| fail(&format!("{}: {e}", out.display())));
    write(&out.with_file_name("problems.rs"), &compile::generate_problems(&[]));

    // Style checks: warnings that never fail the build, shown by cargo (and so by Trunk) and, from
    // `lint.rs`, in the gallery the tools write (native builds only; the wasm never includes it).
    let reports = lint::lint(&articles, &sources);
    for warning in reports.iter().flat_map(|report| &report.warnings) {
        println!("cargo:warning={warning}");
    }
    let out = out.with_file_name("lint.rs");
    fs::write(&out, lint::generate(&reports)).unwrap_or_else(|e| fail(&format!("{}: {e}", out.display())));
}

/// Problems in the articles fail a release build. A development build (cargo's `PROFILE` is
/// `debug`, as in `trunk serve`) prints them as warnings and writes them for the page to show in
/// place of the help (`content::PROBLEMS`), keeping the articles and style reports of the last
/// build that compiled (or none), so the rest of the build still runs.
fn content_problems(problems: &[compile::ContentError], out_dir: &Path) {
    let lines = compile::report_lines(problems);
    let summary = format!("{} problem(s) in the help articles", problems.len());
    if compile::on_problems(&env::var("PROFILE").unwrap_or_default()) == compile::OnProblems::Fail {
        for line in &lines {
            eprintln!("error: {line}");
        }
        fail(&format!("{summary}; see above"));
    }
    for line in &lines {
        println!("cargo:warning={line}");
    }
    println!("cargo:warning={summary}: the page shows them until they are fixed (a release build fails)");
    write(&out_dir.join("problems.rs"), &compile::generate_problems(problems));
    for (file, none) in [("articles.rs", compile::generate(&[])), ("lint.rs", lint::generate(&[]))] {
        if !out_dir.join(file).exists() {
            write(&out_dir.join(file), &none);
        }
    }
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    process::exit(1)
}
