//! The widget's own parts the receiver uses, from its pure core: its answer type with the rules a
//! received answer must pass, and what the explorer shows of an article. The one place that names
//! the core crate.

pub use nhs_login_help_core::content::{Article, ARTICLES};
pub use nhs_login_help_core::feedback::{is_article_id, is_origin, AnsweredIn, Invalid, Submission};
pub use nhs_login_help_core::lookup::article_by_id;
