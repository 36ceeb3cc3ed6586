//! What a content designer asks the explorer for: an article, a date range, a partner origin and
//! how the help was shown (the placement),
//! read from the query string (the filter form's GET), each value checked, and turned into the
//! database's [`Selection`] and back into a query string for the CSV link.

use crate::db::Selection;
use crate::widget::{is_origin, AnsweredIn};
use serde::Deserialize;
use time::macros::format_description;
use time::Date;

/// The query string as the form sends it; an empty value means "all".
#[derive(Debug, Default, Deserialize)]
pub struct FilterQuery {
    pub article: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub origin: Option<String>,
    pub placement: Option<String>,
}

/// A checked filter: each part that is set narrows the answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub article: Option<String>,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub origin: Option<String>,
    /// `standalone`, `page` or `inline` (the widget's `AnsweredIn`).
    pub placement: Option<String>,
}

/// A filter value that cannot be used: which form field, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    /// The form field's name (and the id of its input).
    pub field: &'static str,
    pub message: &'static str,
}

/// How dates are written in the query and the form (`<input type="date">`'s value).
pub const DATE_FORMAT: &[time::format_description::FormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// A date as the query and the form write it.
pub fn date_text(date: Date) -> String {
    date.format(DATE_FORMAT).unwrap_or_default()
}

impl Filter {
    /// Reads the query: values that cannot be used are left out and reported.
    pub fn read(query: FilterQuery) -> (Self, Vec<FilterError>) {
        let given =
            |value: Option<String>| value.map(|value| value.trim().to_string()).filter(|value| !value.is_empty());
        let mut errors = Vec::new();
        let mut check = |field: &'static str, value: Option<String>, valid: fn(&str) -> bool, message: &'static str| {
            let value = given(value)?;
            if valid(&value) {
                Some(value)
            } else {
                errors.push(FilterError { field, message });
                None
            }
        };
        let article = check("article", query.article, crate::widget::is_article_id, "Choose an article from the list");
        let origin = check("origin", query.origin, is_origin, "Choose a partner origin from the list");
        let placement =
            check("placement", query.placement, is_placement, "Choose how the help was shown from the list");
        let mut date = |field: &'static str, value: Option<String>| {
            let value = given(value)?;
            let date = Date::parse(&value, DATE_FORMAT).ok();
            if date.is_none() {
                errors.push(FilterError { field, message: "Enter a real date, for example 2026-11-25" });
            }
            date
        };
        let from = date("from", query.from);
        let to = date("to", query.to);
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                errors.push(FilterError {
                    field: "to",
                    message: "The end date must be the same as or after the start date",
                });
            }
        }
        (Filter { article, from, to, origin, placement }, errors)
    }

    /// The answers this filter shows, as the database selects them: whole UTC days, `to` included.
    pub fn selection(&self) -> Selection {
        let midnight = |date: Date| format!("{}T00:00:00.000Z", date_text(date));
        Selection {
            article: self.article.clone(),
            from: self.from.map(midnight),
            until: self.to.and_then(Date::next_day).map(midnight),
            origin: self.origin.clone(),
            placement: self.placement.clone(),
        }
    }

    /// The filter as a query string (`article=…&from=…`), empty when nothing is set.
    pub fn query_string(&self) -> String {
        let mut query = form_urlencoded_pairs();
        let pairs = [
            ("article", self.article.clone()),
            ("from", self.from.map(date_text)),
            ("to", self.to.map(date_text)),
            ("origin", self.origin.clone()),
            ("placement", self.placement.clone()),
        ];
        for (name, value) in pairs {
            if let Some(value) = value {
                query.append_pair(name, &value);
            }
        }
        query.finish()
    }

    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// One of the placements the widget's answers name.
fn is_placement(value: &str) -> bool {
    AnsweredIn::ALL.iter().any(|placement| placement.name() == value)
}

fn form_urlencoded_pairs() -> form_urlencoded::Serializer<'static, String> {
    form_urlencoded::Serializer::new(String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> FilterQuery {
        let get = |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string());
        FilterQuery {
            article: get("article"),
            from: get("from"),
            to: get("to"),
            origin: get("origin"),
            placement: get("placement"),
        }
    }

    #[test]
    fn a_full_filter_selects_whole_days_and_round_trips() {
        let (filter, errors) = Filter::read(query(&[
            ("article", "cannot-connect-to-gp-system"),
            ("from", "2026-11-01"),
            ("to", "2026-11-30"),
            ("origin", "https://partner.example"),
        ]));
        assert_eq!(errors, []);
        let selection = filter.selection();
        assert_eq!(selection.from.as_deref(), Some("2026-11-01T00:00:00.000Z"));
        assert_eq!(selection.until.as_deref(), Some("2026-12-01T00:00:00.000Z"));
        assert_eq!(
            filter.query_string(),
            "article=cannot-connect-to-gp-system&from=2026-11-01&to=2026-11-30&origin=https%3A%2F%2Fpartner.example"
        );
    }

    #[test]
    fn empty_values_mean_all_and_bad_ones_are_named() {
        let (filter, errors) = Filter::read(query(&[("article", ""), ("from", " "), ("origin", "")]));
        assert!(filter.is_empty() && errors.is_empty());
        let (filter, errors) = Filter::read(query(&[
            ("article", "<script>"),
            ("from", "2026-02-30"),
            ("to", "yesterday"),
            ("origin", "javascript:alert(1)"),
        ]));
        assert!(filter.is_empty());
        let fields: Vec<&str> = errors.iter().map(|error| error.field).collect();
        assert_eq!(fields, ["article", "origin", "from", "to"]);
        let (_, errors) = Filter::read(query(&[("from", "2026-11-02"), ("to", "2026-11-01")]));
        assert_eq!(errors[0].field, "to");
    }
}
