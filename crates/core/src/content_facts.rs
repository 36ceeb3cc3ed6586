//! What the articles' compiler (`crates/content`, at build time) and the widget (at run time) must
//! agree on about the content: the topics and their order, the settings address an article may
//! link to, and the form of an error reference. Written once here; the compiler includes this
//! file as a module of its own (`#[path]`), because it cannot depend on this crate, whose build
//! script runs it.

/// A group of articles in the list a person sees when they have no (known) reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Topic {
    Account,
    GpSurgery,
    PhoneAndSecurity,
    StaffLogin,
    Applying,
}

impl Topic {
    /// Every topic, in the order the list shows them.
    pub const ALL: [Topic; 5] =
        [Topic::Account, Topic::GpSurgery, Topic::PhoneAndSecurity, Topic::StaffLogin, Topic::Applying];

    /// The heading of the topic's group in the list.
    pub fn title(self) -> &'static str {
        match self {
            Topic::Account => "Your account and email",
            Topic::GpSurgery => "Connecting to your GP surgery",
            Topic::PhoneAndSecurity => "Phone number and security codes",
            Topic::StaffLogin => "Health and care staff login (NHSmail / CIS2)",
            Topic::Applying => "Applying and proving who you are",
        }
    }

    /// How an article's front matter names the topic (`topic: gp`).
    pub fn key(self) -> &'static str {
        match self {
            Topic::Account => "account",
            Topic::GpSurgery => "gp",
            Topic::PhoneAndSecurity => "phone-security",
            Topic::StaffLogin => "staff",
            Topic::Applying => "applying",
        }
    }
}

/// Where a person manages their NHS login: email, password, phone number. An article's link to
/// it becomes the settings link, which a host may point elsewhere.
pub const SETTINGS_URL: &str = "https://settings.login.nhs.uk/";

/// Whether `digits` are those of an NHS login error reference: 4 or 5 of them (`CID7023`).
pub fn is_code_digits(digits: &str) -> bool {
    (4..=5).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}
