//! Where and how the widget sits on its page: the level of its top heading, its variant and
//! its links.

use crate::links::{checked_url, LinkTargets};

/// The level of a component's top heading, so the widget fits the host page's outline: `h1` on
/// the standalone page, lower when embedded under the host's own heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadingLevel(u8);

impl HeadingLevel {
    /// The standalone page's level: the article is the page's main heading.
    pub const PAGE: HeadingLevel = HeadingLevel(1);

    /// An embedded widget's default level: under the host page's own `h1`.
    pub const ELEMENT: HeadingLevel = HeadingLevel(2);

    /// A level from 1 to 6; anything else is clamped into that range.
    pub fn new(level: u8) -> Self {
        Self(level.clamp(1, 6))
    }

    /// Reads a host's setting: exactly `1` to `6`, or `None` so the caller keeps its default.
    pub fn from_attribute(value: &str) -> Option<Self> {
        match value.trim() {
            level @ ("1" | "2" | "3" | "4" | "5" | "6") => level.parse().ok().map(Self),
            _ => None,
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// The level for headings under this one (an `h6` stays `h6`).
    pub fn below(self) -> Self {
        Self::new(self.0 + 1)
    }
}

/// How the widget sits on its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Variant {
    /// The help is the page's main content: large type, a page-sized title.
    #[default]
    Page,
    /// A compact panel beside a portal's own form: body-sized type and a small title.
    Inline,
}

impl Variant {
    /// Reads a host's setting: `page` or `inline` in any case, or `None` so the caller keeps the
    /// default.
    pub fn from_attribute(value: &str) -> Option<Self> {
        [Variant::Page, Variant::Inline].into_iter().find(|variant| value.trim().eq_ignore_ascii_case(variant.name()))
    }

    /// The attribute value that asks for it.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Page => "page",
            Variant::Inline => "inline",
        }
    }

    /// The class of the widget's root element, which the styles hang from.
    pub fn root_class(self) -> &'static str {
        match self {
            Variant::Page => "nhs-login-help",
            Variant::Inline => "nhs-login-help nhs-login-help--inline",
        }
    }

    /// The class of a view's top heading: page-sized on a page, small in a compact panel.
    pub fn title_class(self) -> &'static str {
        match self {
            Variant::Page => "nhsuk-heading-l",
            Variant::Inline => "nhsuk-heading-s",
        }
    }
}

/// How the host placed the widget: everything about its look and links that is not the help itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Level of the top heading.
    pub level: HeadingLevel,
    pub variant: Variant,
    /// Where contact and settings links go.
    pub links: LinkTargets,
    /// Where answers to "Was this helpful?" are sent; without it the question is not asked.
    pub feedback_url: Option<String>,
    /// The host's few words that tell this help from other help on its page (`label`): the
    /// widget's landmarks carry them, so each is named once on the page.
    pub label: Option<String>,
}

impl Placement {
    /// The standalone page: the help is the whole page, under an `h1`.
    pub fn standalone() -> Self {
        Self {
            level: HeadingLevel::PAGE,
            variant: Variant::Page,
            links: LinkTargets::default(),
            feedback_url: None,
            label: None,
        }
    }

    /// The standalone page with its mount element's settings: `data-heading-level` (1 to 6) and
    /// `data-feedback-url` (a link setting); a value it cannot use is left out.
    pub fn for_page(heading_level: Option<&str>, feedback_url: Option<&str>) -> Self {
        let level = heading_level.and_then(HeadingLevel::from_attribute).unwrap_or(HeadingLevel::PAGE);
        Self { level, feedback_url: feedback_url.and_then(checked_url), ..Self::standalone() }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn heading_levels_stay_between_1_and_6() {
        assert_eq!(HeadingLevel::new(0).get(), 1);
        assert_eq!(HeadingLevel::new(9).get(), 6);
        assert_eq!(HeadingLevel::PAGE.below().get(), 2);
        assert_eq!(HeadingLevel::new(6).below().get(), 6);
    }

    #[test]
    fn a_heading_level_setting_is_1_to_6_or_ignored() {
        assert_eq!(HeadingLevel::from_attribute(" 2 "), Some(HeadingLevel::new(2)));
        for bad in ["0", "7", "", "h2", "2.5", "-1", "99999999999"] {
            assert_eq!(HeadingLevel::from_attribute(bad), None, "{bad:?}");
        }
    }
}
