//! What the widget tells its host page: which help it showed, which expander the person opened,
//! which way out they took. Hosts use these for analytics and for app navigation; the names and
//! fields are a public contract, documented in the README.

use crate::contract::{event, Event};
use crate::lookup::Help;
use crate::reference::ErrorReference;

/// The links a host may want to handle itself (an app opening its own settings screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Contact,
    Settings,
}

impl LinkKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Contact => "contact",
            LinkKind::Settings => "settings",
        }
    }
}

/// One thing that happened in a widget, as the host sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WidgetEvent {
    /// The widget showed some help: an article (`article` set) or the topics or fallback (`None`).
    Shown { reference: Option<ErrorReference>, article: Option<&'static str> },
    /// The person opened or closed an expander.
    Toggle { article: &'static str, expander: &'static str, open: bool },
    /// The person followed a contact or settings link.
    Link { kind: LinkKind, href: String },
}

/// A value in an event's `detail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field<'a> {
    /// A string, or `null`.
    Text(Option<&'a str>),
    Flag(bool),
}

impl WidgetEvent {
    /// The event as the contract names it.
    pub fn contract(&self) -> Event {
        match self {
            WidgetEvent::Shown { .. } => event::SHOWN,
            WidgetEvent::Toggle { .. } => event::TOGGLE,
            WidgetEvent::Link { .. } => event::LINK,
        }
    }

    /// The event's DOM name, namespaced so it cannot clash with the host's own events.
    pub fn name(&self) -> &'static str {
        self.contract().name
    }

    /// The `detail` of the event, each value under the name the contract gives its field.
    pub fn detail(&self) -> Vec<(&'static str, Field<'_>)> {
        let values = match self {
            WidgetEvent::Shown { reference, article } => {
                vec![Field::Text(reference.as_ref().map(ErrorReference::as_str)), Field::Text(*article)]
            }
            WidgetEvent::Toggle { article, expander, open } => {
                vec![Field::Text(Some(article)), Field::Text(Some(expander)), Field::Flag(*open)]
            }
            WidgetEvent::Link { kind, href } => vec![Field::Text(Some(kind.as_str())), Field::Text(Some(href))],
        };
        self.contract().fields.iter().map(|field| field.name).zip(values).collect()
    }

    /// The `shown` event for what the widget now shows.
    pub fn shown(help: &Help) -> Self {
        let article = match help {
            Help::Article { article, .. } => Some(article.id),
            Help::NotFound { .. } | Help::Topics | Help::Gallery => None,
        };
        WidgetEvent::Shown { reference: help.reference().cloned(), article }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::config::Request;

    fn shown(search: &str) -> WidgetEvent {
        WidgetEvent::shown(&Help::for_request(Request::from_url(search, "")))
    }

    #[test]
    fn shown_names_the_reference_and_the_article() {
        let reference = ErrorReference::parse("CID7023");
        assert_eq!(
            shown("?error=cid7023"),
            WidgetEvent::Shown { reference, article: Some("cannot-connect-to-gp-system") }
        );
        let own_code = ErrorReference::parse("CID2014");
        assert_eq!(
            shown("?article=cannot-use-login"),
            WidgetEvent::Shown { reference: own_code, article: Some("cannot-use-login") }
        );
    }

    #[test]
    fn shown_without_an_article_keeps_only_a_well_formed_reference() {
        let reference = ErrorReference::parse("CID9999");
        assert_eq!(shown("?error=CID9999"), WidgetEvent::Shown { reference, article: None });
        assert_eq!(shown("?error=%3Cscript%3E"), WidgetEvent::Shown { reference: None, article: None });
        assert_eq!(shown(""), WidgetEvent::Shown { reference: None, article: None });
    }

    #[test]
    fn each_detail_has_a_value_for_every_field_the_contract_names() {
        let events = [
            shown("?error=CID7023"),
            WidgetEvent::Toggle { article: "a", expander: "e", open: true },
            WidgetEvent::Link { kind: LinkKind::Contact, href: "/contact".into() },
        ];
        for event in events {
            let names: Vec<&str> = event.detail().iter().map(|(name, _)| *name).collect();
            let fields: Vec<&str> = event.contract().fields.iter().map(|field| field.name).collect();
            assert_eq!(names, fields, "{event:?}");
        }
        let cid7023 = shown("?error=CID7023");
        assert_eq!(
            cid7023.detail(),
            [
                ("reference", Field::Text(Some("CID7023"))),
                ("article", Field::Text(Some("cannot-connect-to-gp-system")))
            ]
        );
    }

    /// Whether `value` is one the contract says `field` holds (what the TypeScript types promise).
    fn fits(field: &crate::contract::Field, value: Field) -> bool {
        use crate::contract::FieldValue;
        match (field.value, value) {
            (FieldValue::Text, Field::Text(text)) => text.is_some(),
            (FieldValue::TextOrNull, Field::Text(_)) | (FieldValue::Flag, Field::Flag(_)) => true,
            (FieldValue::OneOf(allowed), Field::Text(Some(text))) => allowed.contains(&text),
            _ => false,
        }
    }

    #[test]
    fn every_detail_value_is_of_the_type_the_contract_declares() {
        let events = [
            shown("?error=CID7023"),
            shown("?error=CID9999"),
            shown(""),
            WidgetEvent::Toggle { article: "a", expander: "e", open: false },
            WidgetEvent::Link { kind: LinkKind::Contact, href: "/contact".into() },
            WidgetEvent::Link { kind: LinkKind::Settings, href: "https://settings.login.nhs.uk/".into() },
        ];
        for event in events {
            for (field, (_, value)) in event.contract().fields.iter().zip(event.detail()) {
                assert!(fits(field, value), "{event:?}: {} = {value:?}", field.name);
            }
        }
        // Every kind of link the widget tells is one the contract lists, and no other.
        let kinds = [LinkKind::Contact, LinkKind::Settings].map(LinkKind::as_str);
        let kind = event::LINK.fields.iter().find(|field| field.name == "kind").map(|field| field.value);
        assert!(matches!(kind, Some(crate::contract::FieldValue::OneOf(allowed)) if allowed == kinds), "{kind:?}");
    }

    #[test]
    fn event_names_are_namespaced() {
        let link = WidgetEvent::Link { kind: LinkKind::Settings, href: String::new() };
        assert_eq!(link.name(), "nhs-login-help:link");
        assert_eq!(LinkKind::Contact.as_str(), "contact");
        assert_eq!(shown("").name(), "nhs-login-help:shown");
    }
}
