//! Writes the content designers' gallery into a build (see `nhs_login_help_tools::gallery`):
//! `<dist>/gallery.html` and the partner pages its inline frames show, `<dist>/gallery/<id>.html`.
//! `scripts/package.mjs`, Trunk's post-build hook, runs it on `trunk build` and `trunk serve`:
//! `cargo run -p nhs-login-help-tools --bin gallery -- <dist dir> [public url]`. It also prints the
//! style checks' count, which the build printed in full as cargo warnings.

use nhs_login_help::content::style::REPORTS;
use nhs_login_help::content::ARTICLES;
use nhs_login_help_tools::gallery::{gallery_html, host_html, GALLERY_FILE, HOSTS_DIR};
use std::path::Path;
use std::{env, fs, process};

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let (dist, public_url) = match args.as_slice() {
        [dist] => (dist.as_str(), "/"),
        [dist, public_url] => (dist.as_str(), public_url.as_str()),
        _ => {
            eprintln!("usage: cargo run -p nhs-login-help-tools --bin gallery -- <dist dir> [public url]");
            process::exit(2);
        }
    };
    if let Err(error) = write(Path::new(dist), public_url) {
        eprintln!("error: the gallery: {error}");
        process::exit(1);
    }
}

fn write(dist: &Path, public_url: &str) -> Result<(), String> {
    let put = |path: &Path, html: String| fs::write(path, html).map_err(|error| format!("{}: {error}", path.display()));
    let hosts = dist.join(HOSTS_DIR);
    fs::create_dir_all(&hosts).map_err(|error| format!("{}: {error}", hosts.display()))?;
    for article in ARTICLES {
        put(&hosts.join(format!("{}.html", article.id)), host_html(article, public_url))?;
    }
    put(&dist.join(GALLERY_FILE), gallery_html(public_url))?;
    let warnings: Vec<String> = REPORTS
        .iter()
        .filter(|report| !report.warnings.is_empty())
        .map(|report| format!("{} {}", report.article, report.warnings.len()))
        .collect();
    eprintln!(
        "gallery: {} articles in {}; style warnings: {}",
        ARTICLES.len(),
        dist.join(GALLERY_FILE).display(),
        if warnings.is_empty() { "none".to_string() } else { warnings.join(", ") }
    );
    Ok(())
}
