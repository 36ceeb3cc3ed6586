//! Where the help's links point. The widget lives on other sites, so every link is absolute, and
//! the contact link carries the person's reference so the help centre knows what went wrong.

use crate::content::LinkTarget;
use crate::contract::param;
use crate::reference::ErrorReference;

/// The NHS login help centre's contact form.
pub const CONTACT_URL: &str = "https://help.login.nhs.uk/contact";

pub use crate::content_facts::SETTINGS_URL;

/// The addresses behind "Contact us" and "your NHS account"; one value per widget so a host can
/// point them elsewhere without touching the articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTargets {
    pub contact: String,
    pub settings: String,
}

impl Default for LinkTargets {
    fn default() -> Self {
        Self { contact: CONTACT_URL.to_string(), settings: SETTINGS_URL.to_string() }
    }
}

impl LinkTargets {
    /// The contact link, with `error=<reference>` added when there is a well-formed reference.
    pub fn contact_link(&self, reference: Option<&ErrorReference>) -> String {
        match reference {
            Some(reference) => {
                let separator = if self.contact.contains('?') { "&" } else { "?" };
                [self.contact.as_str(), separator, param::ERROR, "=", reference.as_str()].concat()
            }
            None => self.contact.clone(),
        }
    }

    /// The address of a link in an article.
    pub fn href(&self, target: &LinkTarget, reference: Option<&ErrorReference>) -> String {
        match target {
            LinkTarget::Contact => self.contact_link(reference),
            LinkTarget::Settings => self.settings.clone(),
            LinkTarget::External(href) => (*href).to_string(),
        }
    }
}

/// Longest address a host may set; a real contact page's address is far shorter.
const MAX_URL_LEN: usize = 2048;

/// A host's link setting, if it is safe to put in an `href` or send feedback to: an `https://`
/// address with a host, an `http://` address on the person's own computer (`localhost`,
/// `127.0.0.1`, `[::1]`: for development, which browsers treat as secure too), or an absolute
/// path on the host's own site (`/help/contact`). Everything else — `javascript:`, other `http:`,
/// protocol-relative `//`, backslashes, spaces, control characters — is refused.
pub fn checked_url(value: &str) -> Option<String> {
    let value = value.trim();
    let clean = value.len() <= MAX_URL_LEN && !value.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\');
    let host_of = |scheme: &str| {
        let rest =
            value.get(..scheme.len()).filter(|s| s.eq_ignore_ascii_case(scheme)).map(|_| &value[scheme.len()..])?;
        let host = rest.split(['/', '?', '#']).next()?;
        (!host.is_empty() && !host.contains('@')).then_some(host)
    };
    let https = host_of("https://").is_some();
    let loopback = host_of("http://").is_some_and(|host| {
        let name = host
            .rsplit_once(':')
            .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
            .map_or(host, |(name, _)| name);
        matches!(name.to_ascii_lowercase().as_str(), "localhost" | "127.0.0.1" | "[::1]")
    });
    let host_path = value.starts_with('/') && !value.starts_with("//");
    (clean && (https || loopback || host_path)).then(|| value.to_string())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn reference(code: &str) -> ErrorReference {
        ErrorReference::parse(code).unwrap()
    }

    #[test]
    fn contact_link_carries_the_reference() {
        let links = LinkTargets::default();
        assert_eq!(links.contact_link(Some(&reference("cid 7023"))), "https://help.login.nhs.uk/contact?error=CID7023");
        assert_eq!(links.contact_link(None), "https://help.login.nhs.uk/contact");
    }

    #[test]
    fn contact_link_respects_a_query_already_in_the_address() {
        let links = LinkTargets { contact: "https://example.org/help?lang=en".into(), ..LinkTargets::default() };
        assert_eq!(links.contact_link(Some(&reference("CID2014"))), "https://example.org/help?lang=en&error=CID2014");
    }

    #[test]
    fn article_links_resolve_to_absolute_addresses() {
        let links = LinkTargets::default();
        let code = reference("CID3002");
        assert_eq!(links.href(&LinkTarget::Contact, Some(&code)), "https://help.login.nhs.uk/contact?error=CID3002");
        assert_eq!(links.href(&LinkTarget::Settings, Some(&code)), "https://settings.login.nhs.uk/");
        assert_eq!(
            links.href(&LinkTarget::External("https://support.google.com/mail/answer/7015314"), None),
            "https://support.google.com/mail/answer/7015314"
        );
    }

    #[test]
    fn hosts_may_set_https_addresses_and_paths_on_their_own_site() {
        for good in [
            "https://example.org/contact",
            "HTTPS://example.org",
            " /help/contact?x=1 ",
            "/",
            "http://127.0.0.1:8080/feedback",
            "http://localhost/feedback",
            "http://[::1]:9000/",
        ] {
            assert_eq!(checked_url(good).as_deref(), Some(good.trim()), "{good:?}");
        }
    }

    #[test]
    fn anything_else_is_refused() {
        let long = format!("https://example.org/{}", "a".repeat(MAX_URL_LEN));
        for bad in [
            "javascript:alert(1)",
            "http://example.org/",
            "http://127.0.0.1.evil.example/",
            "http://localhost@evil.example/",
            "http://localhost:80x/",
            "//evil.example/",
            "/\\evil.example",
            "https://",
            "https:///path",
            "https://user@evil.example/",
            "https://example.org/a b",
            "https://example.org/\u{0}",
            "data:text/html,<script>",
            "contact",
            "",
            long.as_str(),
        ] {
            assert_eq!(checked_url(bad), None, "{bad:?}");
        }
    }
}
