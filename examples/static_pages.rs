//! Writes one static HTML page per article, `<out dir>/<id>.html`: the markup the widget renders
//! on the standalone page (`nhs_login_help::markup`), in the same page shell as `index.html` and
//! with the build's own stylesheet. The benchmark (`bash scripts/bench.sh`) times the widget
//! against these pages, which show the same article with no script at all:
//! `cargo run --release --example static_pages -- <out dir> <dist dir>`.
//!
//! The stylesheet is the one `widget-<hash>.css` in `<dist dir>`, linked as `/<name>`: the pages
//! are meant to be served by the same server as the build, with the build at its root.

use nhs_login_help::config::Placement;
use nhs_login_help::content::{Article, ARTICLES};
use nhs_login_help::lookup::Help;
use nhs_login_help::markup::{escape, widget_html};
use std::path::Path;
use std::{env, fs, process};

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let [out, dist] = args.as_slice() else {
        eprintln!("usage: cargo run --example static_pages -- <out dir> <dist dir>");
        process::exit(2);
    };
    if let Err(error) = write_pages(Path::new(out), Path::new(dist)) {
        eprintln!("error: {error}");
        process::exit(1);
    }
}

/// Writes every article's page into `out`, linking the stylesheet found in `dist`.
fn write_pages(out: &Path, dist: &Path) -> Result<(), String> {
    let stylesheet = format!("/{}", stylesheet_in(dist)?);
    fs::create_dir_all(out).map_err(|error| format!("{}: {error}", out.display()))?;
    for article in ARTICLES {
        let path = out.join(format!("{}.html", article.id));
        fs::write(&path, page(article, &stylesheet)).map_err(|error| format!("{}: {error}", path.display()))?;
    }
    eprintln!("wrote {} static pages to {} (stylesheet {stylesheet})", ARTICLES.len(), out.display());
    Ok(())
}

/// The name of the build's one `widget-<hash>.css`.
fn stylesheet_in(dist: &Path) -> Result<String, String> {
    let entries = fs::read_dir(dist).map_err(|error| format!("{}: {error}", dist.display()))?;
    let mut found: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("widget-") && name.ends_with(".css"))
        .collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        n => Err(format!("expected one widget-*.css in {}, found {n}", dist.display())),
    }
}

/// A whole page: `index.html`'s shell with the article where the widget would mount it.
fn page(article: &'static Article, stylesheet: &str) -> String {
    // The same help, title and links as the standalone page at `?article=<id>` (or at
    // `?error=<its first code>`, which shows the same reference).
    let help = Help::for_article(article);
    let Help::Article { reference, .. } = &help else { unreachable!("an article") };
    let placement = Placement::standalone();
    let body = widget_html(article, reference.as_ref(), placement.level, placement.variant, &placement.links);
    format!(
        r#"<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{title}</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="{stylesheet}">
  </head>
  <body class="nhs-login-help-page">
    <div class="nhsuk-width-container">
      <main class="nhsuk-main-wrapper" id="nhs-login-help-standalone">{body}</main>
    </div>
  </body>
</html>
"#,
        title = escape(&help.page_title()),
        stylesheet = escape(stylesheet),
    )
}
