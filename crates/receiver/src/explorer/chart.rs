//! The small chart of answers over time: one stacked bar per day (per month over long ranges),
//! helpful below and not helpful above, as inline SVG with no script and no text inside it (its
//! labels are HTML beside it, so they stay readable at 320 px), and the same figures as a table.

use crate::db::DayCount;
use maud::{html, Markup};
use time::Date;

/// Longest range drawn a bar per day; longer ones get a bar per month.
const MAX_DAILY_BARS: i64 = 92;

/// The chart's drawing area, in SVG units (it scales to the width it is given).
const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 120.0;

/// One bar: a day (`2026-11-25`) or a month (`2026-11`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub helpful: i64,
    pub not_helpful: i64,
}

/// The bars from `from` to `to`, every day (or month) in between included, empty ones too, so
/// the chart's width is time. Without a range, the days that have answers set it.
pub fn bars(days: &[&DayCount], from: Option<Date>, to: Option<Date>) -> Vec<Bar> {
    let parse = |day: &str| Date::parse(day, super::filter::DATE_FORMAT).ok();
    let first = from.or_else(|| days.iter().filter_map(|d| parse(&d.day)).min());
    let last = to.or_else(|| days.iter().filter_map(|d| parse(&d.day)).max());
    let (Some(first), Some(last)) = (first, last) else { return Vec::new() };
    if last < first {
        return Vec::new();
    }
    let monthly = (last - first).whole_days() >= MAX_DAILY_BARS;
    let key = |date: Date| {
        let text = super::filter::date_text(date);
        if monthly {
            text[..7].to_string()
        } else {
            text
        }
    };
    let mut bars: Vec<Bar> = Vec::new();
    let mut date = first;
    loop {
        let label = key(date);
        if bars.last().is_none_or(|bar| bar.label != label) {
            bars.push(Bar { label, helpful: 0, not_helpful: 0 });
        }
        match date.next_day() {
            Some(next) if next <= last => date = next,
            _ => break,
        }
    }
    for day in days {
        let label = if monthly { day.day.get(..7).unwrap_or_default().to_string() } else { day.day.clone() };
        if let Some(bar) = bars.iter_mut().find(|bar| bar.label == label) {
            bar.helpful += day.helpful;
            bar.not_helpful += day.answers - day.helpful;
        }
    }
    bars
}

/// The chart, its caption and legend, and a table of its figures. `id` is unique on the page.
pub fn chart(bars: &[Bar], id: &str) -> Markup {
    let tallest = bars.iter().map(|bar| bar.helpful + bar.not_helpful).max().unwrap_or(0).max(1);
    let step = WIDTH / bars.len().max(1) as f64;
    let width = (step * 0.8).max(1.0);
    let height = |count: i64| count as f64 / tallest as f64 * HEIGHT;
    let per = if bars.first().is_some_and(|bar| bar.label.len() == 7) { "month" } else { "day" };
    let total: i64 = bars.iter().map(|bar| bar.helpful + bar.not_helpful).sum();
    let description = match (bars.first(), bars.last()) {
        (Some(first), Some(last)) => {
            format!("{total} answers from {} to {}, at most {tallest} in a {per}.", first.label, last.label)
        }
        _ => "No answers.".to_string(),
    };
    html! {
        figure.chart {
            svg.chart__svg viewBox=(format!("0 0 {WIDTH} {}", HEIGHT + 1.0)) role="img"
                aria-labelledby=(format!("{id}-caption {id}-description")) preserveAspectRatio="none" {
                @for (index, bar) in bars.iter().enumerate() {
                    @let x = index as f64 * step + (step - width) / 2.0;
                    @let helpful = height(bar.helpful);
                    @let not_helpful = height(bar.not_helpful);
                    @if bar.helpful > 0 {
                        rect.chart__helpful x=(format!("{x:.2}")) y=(format!("{:.2}", HEIGHT - helpful))
                            width=(format!("{width:.2}")) height=(format!("{helpful:.2}")) {}
                    }
                    @if bar.not_helpful > 0 {
                        rect.chart__not-helpful x=(format!("{x:.2}")) y=(format!("{:.2}", HEIGHT - helpful - not_helpful))
                            width=(format!("{width:.2}")) height=(format!("{not_helpful:.2}")) {}
                    }
                }
                line.chart__axis x1="0" x2=(WIDTH) y1=(HEIGHT + 0.5) y2=(HEIGHT + 0.5) {}
            }
            figcaption {
                span #(format!("{id}-caption")) { "Answers per " (per) }
                ", "
                span #(format!("{id}-description")) { (description) }
                span.chart__legend {
                    span.chart__key.chart__key--helpful aria-hidden="true" {} "Helpful "
                    span.chart__key.chart__key--not-helpful aria-hidden="true" {} "Not helpful"
                }
            }
        }
        details.details {
            summary.details__summary { span.details__summary-text { "Answers per " (per) " as a table" } }
            div.details__text {
                table.table {
                    caption.visually-hidden { "Answers per " (per) }
                    thead { tr { th scope="col" { (if per == "day" { "Day" } else { "Month" }) } th scope="col" { "Helpful" } th scope="col" { "Not helpful" } } }
                    tbody {
                        @for bar in bars.iter().filter(|bar| bar.helpful + bar.not_helpful > 0) {
                            tr { th scope="row" { (bar.label) } td { (bar.helpful) } td { (bar.not_helpful) } }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(day: &str, answers: i64, helpful: i64) -> DayCount {
        DayCount { article: "a".into(), day: day.into(), answers, helpful }
    }

    #[test]
    fn every_day_of_the_range_has_a_bar_empty_ones_too() {
        let days = [day("2026-11-02", 3, 1), day("2026-11-04", 1, 1)];
        let refs: Vec<&DayCount> = days.iter().collect();
        let bars = bars(&refs, None, None);
        let labels: Vec<&str> = bars.iter().map(|bar| bar.label.as_str()).collect();
        assert_eq!(labels, ["2026-11-02", "2026-11-03", "2026-11-04"]);
        assert_eq!((bars[0].helpful, bars[0].not_helpful), (1, 2));
        assert_eq!((bars[1].helpful, bars[1].not_helpful), (0, 0));
    }

    #[test]
    fn a_long_range_has_a_bar_per_month() {
        let days = [day("2026-01-15", 2, 2), day("2026-01-20", 1, 0), day("2026-06-01", 1, 1)];
        let refs: Vec<&DayCount> = days.iter().collect();
        let bars = bars(&refs, None, None);
        assert_eq!(bars.len(), 6);
        assert_eq!(bars[0], Bar { label: "2026-01".into(), helpful: 2, not_helpful: 1 });
    }

    #[test]
    fn the_chart_is_an_image_with_a_text_alternative_and_no_script() {
        let bars = [Bar { label: "2026-11-02".into(), helpful: 2, not_helpful: 1 }];
        let html = chart(&bars, "c1").into_string();
        assert!(html.contains(r#"role="img" aria-labelledby="c1-caption c1-description""#), "{html}");
        assert!(html.contains("3 answers from 2026-11-02 to 2026-11-02"), "{html}");
        assert!(!html.contains("<script"));
    }
}
