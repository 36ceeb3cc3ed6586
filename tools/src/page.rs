//! The shell of every whole HTML page the tools write (the gallery, its partner pages, the
//! benchmark's static pages), so they share one head: English, sized for phones, no favicon
//! request.

/// A page titled `title` (given as HTML text), with `head` after the title (styles, scripts) and
/// `body` as the body's content, in a `<body>` with `body_attributes` (`""`, or ` class="…"`).
pub fn html_page(title: &str, head: &str, body_attributes: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
  <link rel="icon" href="data:,">
  {head}
</head>
<body{body_attributes}>
{body}
</body>
</html>
"#
    )
}
