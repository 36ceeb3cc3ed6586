//! From what the page asked for to what the person sees: an article, the topic list, the
//! gallery, or a fallback that says we have no help for what they were given.

use crate::config::Request;
use crate::content::{Article, ARTICLES};
use crate::reference::{attempted_digits, echo_text, ErrorReference};
use crate::search::one_typo_apart;

/// Top heading of the topic list when it is the whole page (the help centre's page title).
pub const TOPICS_HEADING: &str = "Error messages and support";
/// Top heading of the designers' gallery.
pub const GALLERY_HEADING: &str = "All help articles";
/// Top heading of the fallback when we have no help for what was given.
pub const NOT_FOUND_HEADING: &str = "Sorry, we could not find that help";
/// What follows the top heading in the standalone page's title.
pub const PAGE_TITLE_SUFFIX: &str = " – NHS login help";

/// What the widget shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Help {
    /// The list of help topics.
    Topics,
    /// Every article, for content designers.
    Gallery,
    /// One article; `reference` is what the contact link carries (the person's reference, or the
    /// article's own code when it was opened by id).
    /// `section` is the id of an expander a deep link asked to open (`&section=wrong-details`).
    Article { article: &'static Article, reference: Option<ErrorReference>, section: Option<&'static str> },
    /// We have no help for what was given. `echo` is safe, shortened text of what was given;
    /// `reference` is set only when the input was a well-formed reference; `suggestions` are the
    /// articles whose code is one typo away from it ("Did you mean CID7023?").
    NotFound { echo: String, reference: Option<ErrorReference>, suggestions: Vec<&'static Article> },
}

impl Help {
    /// Decides what to show for a request.
    pub fn for_request(request: Request) -> Self {
        match request {
            Request::Nothing => Help::Topics,
            Request::Gallery => Help::Gallery,
            Request::Article(id) => match article_by_id(&id) {
                Some(article) => Help::for_article(article),
                None => Help::NotFound { echo: echo_text(&id), reference: None, suggestions: Vec::new() },
            },
            Request::Reference(reference) => match article_for(&reference) {
                Some(article) => Help::Article { article, reference: Some(reference), section: None },
                None => Help::NotFound {
                    echo: reference.to_string(),
                    suggestions: near_misses(reference.as_str()),
                    reference: Some(reference),
                },
            },
            Request::Unrecognised(raw) => {
                Help::NotFound { echo: echo_text(&raw), reference: None, suggestions: near_misses(&raw) }
            }
        }
    }

    /// What is shown, in a few words: the text of its top heading. Announced when it changes.
    pub fn heading(&self) -> &'static str {
        match self {
            Help::Topics => TOPICS_HEADING,
            Help::Gallery => GALLERY_HEADING,
            Help::Article { article, .. } => article.title,
            Help::NotFound { .. } => NOT_FOUND_HEADING,
        }
    }

    /// The well-formed reference behind what is shown, if any: what the contact link carries.
    pub fn reference(&self) -> Option<&ErrorReference> {
        match self {
            Help::Article { reference, .. } | Help::NotFound { reference, .. } => reference.as_ref(),
            Help::Topics | Help::Gallery => None,
        }
    }

    /// The document title for the standalone page, so tabs and screen readers name the help.
    pub fn page_title(&self) -> String {
        [self.heading(), PAGE_TITLE_SUFFIX].concat()
    }

    /// An article opened without a reference carries its own first code, if it has one.
    pub fn for_article(article: &'static Article) -> Self {
        let reference = article.own_code().and_then(ErrorReference::parse);
        Help::Article { article, reference, section: None }
    }

    /// Opens the expander a deep link names, if the article shown has one by that id; any other
    /// section (a typo, a stale link) is ignored and the article shows as usual.
    pub fn with_section(self, section: Option<&str>) -> Self {
        match (self, section) {
            (Help::Article { article, reference, .. }, Some(wanted)) => {
                let section = article.expanders().map(|expander| expander.id).find(|id| *id == wanted);
                Help::Article { article, reference, section }
            }
            (help, _) => help,
        }
    }
}

/// The article that explains a reference.
pub fn article_for(reference: &ErrorReference) -> Option<&'static Article> {
    ARTICLES.iter().find(|article| article.codes.contains(&reference.as_str()))
}

/// The articles whose code is one typo (a digit missing, extra, wrong, or two swapped) from what
/// was given as a reference, in topic-list order.
pub fn near_misses(given: &str) -> Vec<&'static Article> {
    let Some(digits) = attempted_digits(given) else { return Vec::new() };
    ARTICLES.iter().filter(|article| article.codes.iter().any(|code| one_typo_apart(&code[3..], &digits))).collect()
}

/// The article with a stable id.
pub fn article_by_id(id: &str) -> Option<&'static Article> {
    ARTICLES.iter().find(|article| article.id == id)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::content::{Part, Topic};

    /// Every code in the seed help pages, with the heading the seeds give its section.
    const SEED_CODES: [(&str, &str); 8] = [
        ("CID1111", "You already have an NHS account"),
        ("CID2011", "There may be a problem with your NHS number"),
        ("CID2012", "Your NHS login may have been disabled"),
        ("CID2014", "You cannot use your NHS login"),
        ("CID3002", "The link to cancel the update to your phone number has expired"),
        ("CID3003", "The link to cancel the update to your phone number has already been used"),
        ("CID7023", "Unable to connect to your GP surgery’s system"),
        ("CID7029", "We cannot connect your NHS login to your GP surgery"),
    ];

    fn reference(code: &str) -> ErrorReference {
        ErrorReference::parse(code).unwrap()
    }

    #[test]
    fn each_seed_code_resolves_to_its_article() {
        for (code, title) in SEED_CODES {
            let article = article_for(&reference(code)).unwrap_or_else(|| panic!("no article for {code}"));
            assert_eq!(article.title, title, "{code}");
        }
    }

    #[test]
    fn there_are_eleven_articles_with_unique_ids() {
        assert_eq!(ARTICLES.len(), 11);
        for article in ARTICLES {
            assert_eq!(article_by_id(article.id), Some(article));
        }
    }

    #[test]
    fn help_without_a_code_is_found_by_id() {
        for (id, topic) in [
            ("security-code-email", Topic::PhoneAndSecurity),
            ("nhsmail-login", Topic::StaffLogin),
            ("applying-for-nhs-login", Topic::Applying),
        ] {
            let article = article_by_id(id).unwrap_or_else(|| panic!("no article {id}"));
            assert!(article.codes.is_empty(), "{id}");
            assert_eq!(article.topic, topic, "{id}");
        }
    }

    #[test]
    fn cid7023_has_its_two_expanders_and_cid1111_its_three() {
        let ids = |code: &str| article_for(&reference(code)).unwrap().expanders().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(ids("CID7023"), ["already-set-up", "wrong-details"]);
        assert_eq!(ids("CID1111"), ["forgotten-password", "change-email", "delete-account"]);
        let email = article_by_id("security-code-email").unwrap();
        assert_eq!(
            email.expanders().map(|e| e.summary).collect::<Vec<_>>(),
            ["If you are using Gmail (Google mail)", "If you are using Outlook, Hotmail, or Live"]
        );
    }

    #[test]
    fn articles_are_listed_in_topic_order() {
        let topics: Vec<Topic> = ARTICLES.iter().map(|a| a.topic).collect();
        let mut sorted = topics.clone();
        sorted.sort();
        assert_eq!(topics, sorted);
        assert!(Topic::ALL.iter().all(|topic| topics.contains(topic)));
    }

    #[test]
    fn every_article_has_a_body_before_its_first_expander() {
        for article in ARTICLES {
            assert!(matches!(article.parts.first(), Some(Part::Block(_))), "{}", article.id);
        }
    }

    #[test]
    fn a_known_reference_shows_its_article() {
        let help = Help::for_request(Request::Reference(reference("cid 7023")));
        let Help::Article { article, reference: Some(shown), section: None } = help else { panic!("{help:?}") };
        assert_eq!(article.id, "cannot-connect-to-gp-system");
        assert_eq!(shown.as_str(), "CID7023");
    }

    #[test]
    fn an_unknown_but_well_formed_reference_is_kept_for_the_contact_link() {
        let help = Help::for_request(Request::Reference(reference("CID9999")));
        assert_eq!(
            help,
            Help::NotFound { echo: "CID9999".into(), reference: Some(reference("CID9999")), suggestions: vec![] }
        );
    }

    fn suggested(given: &str) -> Vec<&'static str> {
        match Help::for_request(Request::from_reference_text(given)) {
            Help::NotFound { suggestions, .. } => suggestions.iter().map(|article| article.codes[0]).collect(),
            help => panic!("{given:?} gave {help:?}"),
        }
    }

    #[test]
    fn a_near_miss_suggests_the_codes_one_typo_away() {
        assert_eq!(suggested("CID7032"), ["CID7023"], "two digits swapped");
        assert_eq!(suggested("CID 702"), ["CID7023", "CID7029"], "a digit missing");
        assert_eq!(suggested("cid70233"), ["CID7023"], "a digit extra");
        assert_eq!(suggested("CID2013"), ["CID2011", "CID2012", "CID2014"], "a digit wrong");
        assert_eq!(suggested("3004"), ["CID3002", "CID3003"], "a bare number");
        assert!(suggested("CID9999").is_empty());
        assert!(suggested("<script>7023</script>").is_empty(), "only text written as a reference");
        assert!(suggested(&"7".repeat(100_000)).is_empty());
    }

    #[test]
    fn a_deep_link_opens_an_expander_the_article_has() {
        let cid7023 = || Help::for_request(Request::Reference(reference("CID7023")));
        assert!(matches!(
            cid7023().with_section(Some("wrong-details")),
            Help::Article { section: Some("wrong-details"), .. }
        ));
        assert!(matches!(cid7023().with_section(Some("no-such")), Help::Article { section: None, .. }));
        assert!(matches!(cid7023().with_section(None), Help::Article { section: None, .. }));
        assert_eq!(Help::Topics.with_section(Some("wrong-details")), Help::Topics);
    }

    #[test]
    fn a_malformed_reference_is_shown_as_text_without_a_reference() {
        let help = Help::for_request(Request::Unrecognised("<script>alert(1)</script>".into()));
        let echo = "<script>alert(1)</script>".into();
        assert_eq!(help, Help::NotFound { echo, reference: None, suggestions: vec![] });
    }

    #[test]
    fn an_article_opened_by_id_carries_its_own_code() {
        let help = Help::for_request(Request::Article("login-disabled".into()));
        assert!(matches!(help, Help::Article { reference: Some(r), .. } if r.as_str() == "CID2012"));
        let help = Help::for_request(Request::Article("nhsmail-login".into()));
        assert!(matches!(help, Help::Article { reference: None, .. }));
        let help = Help::for_request(Request::Article("no-such-article".into()));
        assert!(matches!(help, Help::NotFound { reference: None, .. }));
    }

    #[test]
    fn the_page_title_names_what_is_shown() {
        let article = Help::for_request(Request::Reference(reference("CID2012")));
        assert_eq!(article.page_title(), "Your NHS login may have been disabled – NHS login help");
        let missing = Help::for_request(Request::Unrecognised("x".into()));
        assert_eq!(missing.page_title(), "Sorry, we could not find that help – NHS login help");
        assert_eq!(Help::Topics.page_title(), "Error messages and support – NHS login help");
    }

    #[test]
    fn nothing_shows_the_topics() {
        assert_eq!(Help::for_request(Request::Nothing), Help::Topics);
        assert_eq!(Help::for_request(Request::Gallery), Help::Gallery);
    }
}
