//! The CSV export of what a filter shows: one row per answer, newest first, every cell that a
//! spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, a tab or a carriage return)
//! neutralised with a leading `'`, as OWASP recommends.

use crate::db::Answer;
use crate::widget::article_by_id;
use std::borrow::Cow;

/// The header row. `title` is the article's title in this receiver's build, empty if unknown.
pub const HEADER: [&str; 11] = [
    "id",
    "answered_at",
    "article",
    "title",
    "reference",
    "helpful",
    "comment",
    "version",
    "origin",
    "placement",
    "received_at",
];

/// A cell a spreadsheet will show as text, never run: `=1+1` becomes `'=1+1`.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// One CSV line (quoted as RFC 4180 needs, `\r\n`-terminated) of `cells`, each neutralised.
pub fn line<'a>(cells: impl IntoIterator<Item = &'a str>) -> Vec<u8> {
    let mut writer = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    let cells: Vec<Cow<'a, str>> = cells.into_iter().map(neutralise).collect();
    // Writing to memory cannot fail; a failure would only shorten the export.
    let _ = writer.write_record(cells.iter().map(|cell| cell.as_bytes()));
    writer.into_inner().unwrap_or_default()
}

/// The header, with the byte order mark that makes spreadsheet programs read the file as UTF-8.
pub fn header() -> Vec<u8> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(line(HEADER));
    bytes
}

/// One answer's line.
pub fn row(answer: &Answer) -> Vec<u8> {
    let title = article_by_id(&answer.article).map(|article| article.title).unwrap_or_default();
    line([
        answer.id.as_str(),
        answer.answered_at.as_str(),
        answer.article.as_str(),
        title,
        answer.reference.as_deref().unwrap_or_default(),
        if answer.helpful { "yes" } else { "no" },
        answer.comment.as_deref().unwrap_or_default(),
        answer.version.as_str(),
        answer.origin.as_str(),
        answer.placement.as_deref().unwrap_or_default(),
        answer.received_at.as_str(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_are_neutralised_and_text_is_quoted() {
        let written =
            line(["=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tx", "plain", "a,b", "say \"hi\"\nbye"]);
        let expected =
            "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-1,'@SUM(A1),'\tx,plain,\"a,b\",\"say \"\"hi\"\"\nbye\"\r\n";
        assert_eq!(String::from_utf8(written).unwrap(), expected);
    }

    proptest! {
        #[test]
        fn no_cell_of_any_text_starts_a_formula(cells in proptest::collection::vec(any::<String>(), 1..5)) {
            let bytes = line(cells.iter().map(String::as_str));
            let mut reader = ::csv::ReaderBuilder::new().has_headers(false).from_reader(bytes.as_slice());
            let record = reader.records().next().expect("one record").expect("valid CSV");
            prop_assert_eq!(record.len(), cells.len());
            for (read, written) in record.iter().zip(&cells) {
                prop_assert!(!read.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", read);
                let neutralised = format!("'{written}");
                prop_assert!(read == written || read == neutralised, "{:?} from {:?}", read, written);
            }
        }
    }
}
