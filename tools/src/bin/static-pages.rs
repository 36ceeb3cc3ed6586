//! Writes the pages the benchmark compares the widget with: the same help as static HTML, from
//! the same components (`nhs_login_help_tools::render`), with no script at all:
//! `cargo run -p nhs-login-help-tools --bin static-pages -- <out dir> <dist dir>`.
//!
//! For each state the benchmark times (every article by its id, `topics`, and `unknown`: the
//! fallback for CID4017, a real NHS login code with no article), two pages:
//! - `<name>.html`: `index.html`'s shell with the widget's markup and the build's own stylesheets
//!   (the one `widget-<hash>.css` and `page-<hash>.css` in `<dist dir>`, linked as `/<name>`: the
//!   pages are meant to be served by the same server as the build);
//! - `<name>.min.html`: the physical limit, the same markup with a few lines of inline CSS and
//!   nothing else.

use html_escape::{encode_double_quoted_attribute, encode_text};
use nhs_login_help::config::{Placement, Request};
use nhs_login_help::content::ARTICLES;
use nhs_login_help::lookup::Help;
use nhs_login_help::reference::ErrorReference;
use nhs_login_help_tools::page::html_page;
use nhs_login_help_tools::render::widget_html;
use std::path::Path;
use std::{env, fs, process};

/// Just enough style to read the help: a column of body text with NHS blue links.
const MINIMAL_STYLE: &str = "body{margin:0 auto;max-width:960px;padding:0 16px;color:#212b32;\
font:19px/1.47 Arial,sans-serif}a{color:#005eb8}h1{font-size:48px;line-height:1.1}";

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let [out, dist] = args.as_slice() else {
        eprintln!("usage: cargo run -p nhs-login-help-tools --bin static-pages -- <out dir> <dist dir>");
        process::exit(2);
    };
    if let Err(error) = write_pages(Path::new(out), Path::new(dist)) {
        eprintln!("error: {error}");
        process::exit(1);
    }
}

/// Every page, by name.
fn pages() -> Vec<(String, Help)> {
    let mut pages: Vec<(String, Help)> =
        ARTICLES.iter().map(|article| (article.id.to_string(), Help::for_article(article))).collect();
    pages.push(("topics".into(), Help::Topics));
    let unknown = ErrorReference::parse("CID4017").expect("a well-formed reference");
    pages.push(("unknown".into(), Help::for_request(Request::Reference(unknown))));
    pages
}

/// Writes every page into `out`, linking the stylesheets found in `dist`.
fn write_pages(out: &Path, dist: &Path) -> Result<(), String> {
    let stylesheets = [stylesheet_in(dist, "widget-")?, stylesheet_in(dist, "page-")?];
    fs::create_dir_all(out).map_err(|error| format!("{}: {error}", out.display()))?;
    let pages = pages();
    for (name, help) in &pages {
        let body = widget_html(help.clone(), Placement::standalone());
        let title = encode_text(&help.page_title()).into_owned();
        let links: Vec<String> = stylesheets
            .iter()
            .map(|name| format!(r#"<link rel="stylesheet" href="/{}">"#, encode_double_quoted_attribute(name)))
            .collect();
        let styled = page(&title, &links.join(""), &body);
        let minimal = page(&title, &format!("<style>{MINIMAL_STYLE}</style>"), &body);
        for (file, html) in [(format!("{name}.html"), styled), (format!("{name}.min.html"), minimal)] {
            let path = out.join(file);
            fs::write(&path, html).map_err(|error| format!("{}: {error}", path.display()))?;
        }
    }
    eprintln!(
        "wrote {} static pages, styled and minimal, to {} (stylesheets {stylesheets:?})",
        pages.len(),
        out.display()
    );
    Ok(())
}

/// The name of the build's one `<prefix><hash>.css`.
fn stylesheet_in(dist: &Path, prefix: &str) -> Result<String, String> {
    let entries = fs::read_dir(dist).map_err(|error| format!("{}: {error}", dist.display()))?;
    let mut found: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with(prefix) && name.ends_with(".css"))
        .collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        n => Err(format!("expected one {prefix}*.css in {}, found {n}", dist.display())),
    }
}

/// A whole page: `index.html`'s shell with `body` where the widget would mount it.
fn page(title: &str, style: &str, body: &str) -> String {
    let body = format!(
        r#"<div class="nhsuk-width-container">
  <main class="nhsuk-main-wrapper" id="nhs-login-help-standalone">{body}</main>
</div>"#
    );
    html_page(title, style, r#" class="nhs-login-help-page""#, &body)
}
