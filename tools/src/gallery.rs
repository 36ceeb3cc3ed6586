//! The content designers' gallery, a workbench written into the build (`gallery.html`) with no
//! wasm: for every article, the links to copy, what the build's style checks found
//! (`content::style`, from `crates/content/src/lint.rs`) and the article as partners show it, in frames of
//! 320 px and of desktop width: the page variant under an `h1` (the standalone page) and the
//! inline variant under an `h2` (an element on a small partner page, `gallery/<id>.html`). Each
//! frame shows the first paint, the markup the components render, exactly as it ships.

use crate::page::html_page;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use nhs_login_help::content::style::Report;
use nhs_login_help::content::{Article, ARTICLES};

/// The gallery's file in the build, beside `index.html`.
pub const GALLERY_FILE: &str = "gallery.html";
/// The folder of the partner pages the inline frames show, one per article: `gallery/<id>.html`.
pub const HOSTS_DIR: &str = "gallery";
/// The frames' widths: the narrowest screen WCAG's reflow asks for, and a desktop as wide as the
/// standalone page's last breakpoint (style/page.css), where its column stops growing.
pub const WIDTHS: [u32; 2] = [320, 1024];

/// How an article is shown in a frame.
#[derive(Clone, Copy)]
pub enum Variant {
    /// The standalone page: the article is the page, its title the `h1`.
    Page,
    /// `<nhs-login-help variant="inline">` under a partner page's `h1`: its title an `h2`.
    Inline,
}

impl Variant {
    pub const ALL: [Variant; 2] = [Variant::Page, Variant::Inline];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Page => "page",
            Variant::Inline => "inline",
        }
    }

    fn caption(self) -> &'static str {
        match self {
            Variant::Page => "Page variant, title as h1 (the standalone page)",
            Variant::Inline => "Inline variant, title as h2 (an element on a partner’s page)",
        }
    }

    /// The address a frame loads, under `public_url` (where the build is served from).
    fn src(self, article: &Article, public_url: &str) -> String {
        match self {
            Variant::Page => format!("{public_url}{}", article.href(None)),
            Variant::Inline => format!("{public_url}{HOSTS_DIR}/{}.html", article.id),
        }
    }
}

/// The gallery page, for a build served from `public_url` (Trunk's public URL, `/` by default).
pub fn gallery_html(public_url: &str) -> String {
    let warnings: usize = ARTICLES.iter().filter_map(|article| Report::of(article.id)).map(|r| r.warnings.len()).sum();
    let contents: String = ARTICLES
        .iter()
        .map(|article| format!(r##"<li><a href="#{}">{}</a></li>"##, attr(article.id), text(article.title)))
        .collect();
    let sections: String = ARTICLES.iter().map(|article| section_html(article, public_url)).collect();
    let body = format!(
        r#"<main class="gallery" aria-labelledby="gallery-title">
  <h1 id="gallery-title">All help articles</h1>
  <p>Every article, in the order the help topics list them, as partners show it: the page variant under an <code>h1</code> and the inline variant under an <code>h2</code>, each at {narrow} px and {wide} px wide. Each frame shows the first paint, as it ships. Beside each article: links to copy and what the style checks found ({warnings} warnings in all; the build prints them too).</p>
  <nav aria-label="Articles"><ol>{contents}</ol></nav>
  {sections}
</main>
<script>{SCRIPT}</script>"#,
        narrow = WIDTHS[0],
        wide = WIDTHS[1],
    );
    html_page("All help articles – NHS login help gallery", &format!("<style>{STYLE}</style>"), "", &body)
}

/// One article: its heading, links to copy, style checks and frames.
fn section_html(article: &'static Article, public_url: &str) -> String {
    let id = article.id;
    let codes = if article.codes.is_empty() { "no code".to_string() } else { article.codes.join(", ") };
    let link = |label: String, href: String| {
        format!(
            r#"<li>{label}: <a href="{}">{}</a></li>"#,
            attr(&format!("{public_url}{href}")),
            text(&format!("{public_url}{href}"))
        )
    };
    let mut links = vec![link("This article".into(), article.href(None))];
    links.extend(
        article
            .expanders()
            .map(|expander| link(format!("“{}”", text(expander.summary)), article.href(Some(expander.id)))),
    );
    let frames: String = Variant::ALL
        .iter()
        .flat_map(|&variant| WIDTHS.map(|width| frame_html(article, variant, width, public_url)))
        .collect();
    format!(
        r#"
  <section class="gallery__article" id="{id_attr}" data-article="{id_attr}" aria-labelledby="{id_attr}-title">
    <h2 id="{id_attr}-title">{title}</h2>
    <p class="gallery__meta">{codes} · {topic} · <code>content/articles/{id_text}.md</code></p>
    <div class="gallery__notes">
      <div>
        <h3>Links to copy</h3>
        <ul class="gallery__permalinks">{links}</ul>
      </div>
      <div>
        <h3>Style checks</h3>
        {checks}
      </div>
    </div>
    <h3>As partners show it</h3>
    <div class="gallery__frames">{frames}</div>
  </section>"#,
        id_attr = attr(id),
        id_text = text(id),
        title = text(article.title),
        codes = text(&codes),
        topic = text(article.topic.title()),
        links = links.join(""),
        checks = checks_html(id),
    )
}

/// The reading level and the warnings for an article, as the build reported them.
fn checks_html(article: &str) -> String {
    let Some(report) = Report::of(article) else { return "<p>Not checked.</p>".into() };
    let reading = format!(
        r#"<p class="gallery__reading">Reading level: Flesch reading ease <strong>{:.0}</strong> ({}), Flesch–Kincaid grade {:.1} (a reading age of about {:.0}), over {} words in {} sentences.</p>"#,
        report.ease,
        ease_band(report.ease),
        report.grade,
        report.grade + 5.0,
        report.words,
        report.sentences,
    );
    if report.warnings.is_empty() {
        return format!(r#"{reading}<p class="gallery__warnings" data-warnings="0">No warnings.</p>"#);
    }
    let items: String = report
        .warnings
        .iter()
        .map(|warning| {
            format!(r#"<li data-rule="{}">Line {}: {}</li>"#, attr(warning.rule), warning.line, text(warning.message))
        })
        .collect();
    format!(
        r#"{reading}<p>{} warning{}:</p><ul class="gallery__warnings" data-warnings="{}">{items}</ul>"#,
        report.warnings.len(),
        if report.warnings.len() == 1 { "" } else { "s" },
        report.warnings.len()
    )
}

/// Flesch's own names for the bands of his reading ease score.
fn ease_band(ease: f64) -> &'static str {
    match ease {
        e if e >= 90.0 => "very easy",
        e if e >= 80.0 => "easy",
        e if e >= 70.0 => "fairly easy",
        e if e >= 60.0 => "plain English",
        e if e >= 50.0 => "fairly difficult",
        e if e >= 30.0 => "difficult",
        _ => "very difficult",
    }
}

/// A frame of `width` CSS px showing `article` in `variant`; its height follows its content (the
/// page's script: the height of the frame's root element, which unlike its scroll height can
/// shrink below the frame's), 640 px without script.
fn frame_html(article: &Article, variant: Variant, width: u32, public_url: &str) -> String {
    let caption = format!("{}, {width} px wide", variant.caption());
    let title = format!("“{}”: {}", article.title, caption.to_lowercase());
    format!(
        r#"<figure class="gallery__frame" data-variant="{variant}" data-width="{width}" style="width:{outer}px"><figcaption>{caption}</figcaption><div class="gallery__scroll"><iframe src="{src}" width="{width}" height="640" title="{title}"></iframe></div></figure>"#,
        variant = variant.name(),
        // The frame and its border: the caption wraps within it.
        outer = width + 2,
        caption = text(&caption),
        src = attr(&variant.src(article, public_url)),
        title = attr(&title),
    )
}

/// The partner page an inline frame shows: an `h1` of its own and the element with the inline
/// variant at its default heading level (2), loading the entry as a partner does.
pub fn host_html(article: &Article, public_url: &str) -> String {
    let source = match article.own_code() {
        Some(code) => format!(r#"error="{}""#, attr(code)),
        None => format!(r#"article="{}""#, attr(article.id)),
    };
    let head = format!(
        r#"<script type="module" src="{entry}"></script>
  <style>body{{margin:0;padding:16px;color:#212b32;background:#fff;font-family:Arial,sans-serif}}h1{{font-size:24px;margin:0 0 16px}}</style>"#,
        entry = attr(&format!("{public_url}nhs-login-help.js")),
    );
    let body = format!(
        r#"<main>
  <h1>A partner’s page</h1>
  <nhs-login-help variant="inline" {source}><a href="https://help.login.nhs.uk/">Get help with NHS login</a></nhs-login-help>
</main>"#
    );
    html_page(&format!("{} – inline, on a partner’s page", text(article.title)), &head, "", &body)
}

/// The gallery's own look: NHS.UK colours and type, frames side by side where they fit, a frame
/// wider than the window scrolling in its own box so the page never scrolls sideways.
const STYLE: &str = "body{margin:0;background:#f0f4f5;color:#212b32;font-family:Arial,sans-serif;font-size:16px;line-height:1.5}\
.gallery{margin:0 auto;max-width:1440px;padding:24px 16px}\
h1{font-size:32px;line-height:1.2;margin:0 0 16px}h2{font-size:26px;margin:0 0 8px}h3{font-size:19px;margin:16px 0 8px}\
a{color:#005eb8}a:visited{color:#330072}a:focus{background:#ffeb3b;color:#212b32;outline:4px solid transparent;box-shadow:0 -2px #ffeb3b,0 4px #212b32;text-decoration:none}\
code{font-size:15px}\
.gallery__article{border-top:2px solid #aeb7bd;margin-top:40px;padding-top:24px}\
.gallery__meta{color:#4c6272;margin:0}\
.gallery__notes{display:flex;flex-wrap:wrap;gap:0 40px}.gallery__notes>div{flex:1 1 320px;min-width:0}\
.gallery__permalinks{overflow-wrap:anywhere;padding-left:20px}\
.gallery__warnings li{margin-bottom:4px}ul.gallery__warnings{padding-left:20px}\
.gallery__frames{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}\
.gallery__frame{margin:0;max-width:100%}.gallery__frame figcaption{color:#4c6272;font-size:14px;margin-bottom:4px}\
.gallery__scroll{max-width:100%;overflow-x:auto}\
.gallery__frame iframe{display:block;border:1px solid #aeb7bd;background:#fff}";

/// Fits each frame's height to its document (same origin), now and whenever that changes (an
/// expander opened, the element painted).
const SCRIPT: &str = "for(const frame of document.querySelectorAll('.gallery__frame iframe')){\
const fit=()=>{const root=frame.contentDocument&&frame.contentDocument.documentElement;\
if(root)frame.style.height=Math.ceil(root.getBoundingClientRect().height)+'px'};\
const watch=()=>{fit();if(frame.contentDocument)new ResizeObserver(fit).observe(frame.contentDocument.documentElement)};\
frame.addEventListener('load',watch);if(frame.contentDocument&&frame.contentDocument.readyState==='complete')watch()}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_article_has_four_frames_links_to_itself_and_each_expander_and_its_checks() {
        let html = gallery_html("/");
        for article in ARTICLES {
            let start =
                html.find(&format!(r#"<section class="gallery__article" id="{}""#, article.id)).expect("a section");
            let section = &html[start..start + html[start..].find("</section>").expect("closed")];
            for variant in Variant::ALL {
                for width in WIDTHS {
                    let frame = format!(r#"data-variant="{}" data-width="{width}""#, variant.name());
                    assert!(section.contains(&frame), "{}: {frame}", article.id);
                }
            }
            assert!(section.contains(&format!(r#"src="/{}""#, attr(&article.href(None)))), "{}", article.id);
            assert!(section.contains(&format!(r#"src="/gallery/{}.html""#, article.id)), "{}", article.id);
            for expander in article.expanders() {
                let href = format!("/{}", article.href(Some(expander.id)));
                assert!(section.contains(&format!(r#"href="{}""#, attr(&href))), "{}: {href}", article.id);
            }
            let report = Report::of(article.id).expect("every article is checked");
            assert!(section.contains(&format!(r#"data-warnings="{}""#, report.warnings.len())), "{}", article.id);
            for warning in report.warnings {
                assert!(section.contains(&*text(warning.message)), "{}: {}", article.id, warning.message);
            }
            assert!(section.contains("Flesch reading ease"), "{}", article.id);
        }
    }

    #[test]
    fn the_inline_host_page_has_an_h1_and_the_element_by_code_or_id() {
        let by_code = ARTICLES.iter().find(|a| a.id == "cannot-connect-to-gp-system").expect("CID7023");
        let html = host_html(by_code, "/help/");
        assert!(html.contains(r#"<nhs-login-help variant="inline" error="CID7023">"#), "{html}");
        assert!(html.contains(r#"<script type="module" src="/help/nhs-login-help.js">"#), "{html}");
        assert!(html.contains("<h1>"), "{html}");
        let by_id = ARTICLES.iter().find(|a| a.id == "nhsmail-login").expect("nhsmail-login");
        assert!(host_html(by_id, "/").contains(r#"article="nhsmail-login""#));
    }
}
