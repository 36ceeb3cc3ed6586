//! The widget's own parts the receiver uses: its answer type with the rules a received answer
//! must pass, and what the explorer shows of an article. The one place that names the widget's
//! crate, so moving these into `nhs-login-help-core` changes only this file.

pub use nhs_login_help::content::{Article, ARTICLES};
pub use nhs_login_help::feedback::{is_article_id, is_origin, Invalid, Submission};
pub use nhs_login_help::lookup::article_by_id;
