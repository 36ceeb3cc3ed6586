//! Text as search sees it: lower case, accents folded, apostrophes dropped, everything else that
//! is not a letter or digit a word break. One file shared by the build script, which indexes the
//! articles with it, and the widget, which reads the person's query with it, so both always agree.
//! Plain `std`, no crate items, so the content crate (`crates/content`) can include it by path.
//!
//! Only ASCII is lower-cased: the build refuses an article word that is not ASCII once folded, so
//! a query word in another script could never match anyway, and Unicode's case tables would cost
//! the wasm 12 kB (3 kB brotli).

/// The words of `text`, normalised: `"Surgery’s CID-7023"` gives `surgerys`, `cid`, `7023`.
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if matches!(c, '\'' | '’' | '‘' | '\u{AD}') {
            continue;
        }
        match fold(c) {
            Some(folded) => word.push_str(folded),
            None if c.is_alphanumeric() => word.push(c.to_ascii_lowercase()),
            None => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The accented Latin letters people type in names and copy from documents (`é`, `ñ`, `ø`, `ß`),
/// written as the plain letters they are searched by.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' | 'ă' | 'Ă' | 'ą' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' => "c",
        'ď' | 'Ď' | 'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'Ē' | 'ę' | 'Ę' | 'ě' | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'Ī' | 'ı' | 'İ' => "i",
        'ł' | 'Ł' | 'ľ' | 'Ľ' => "l",
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' => "n",
        'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' | 'ō' | 'Ō' | 'ő' | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ś' | 'Ś' | 'š' | 'Š' | 'ş' | 'Ş' => "s",
        'ß' => "ss",
        'ť' | 'Ť' | 'ţ' | 'Ţ' => "t",
        'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'Ū' | 'ů' | 'Ů' | 'ű' | 'Ű' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'Ź' | 'ż' | 'Ż' | 'ž' | 'Ž' => "z",
        'þ' | 'Þ' => "th",
        _ => return None,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::words;

    #[test]
    fn case_accents_apostrophes_and_punctuation_do_not_matter() {
        assert_eq!(
            words("Unable to connect to your GP surgery’s system"),
            ["unable", "to", "connect", "to", "your", "gp", "surgerys", "system"]
        );
        assert_eq!(words("CID-7023, cid 7023!"), ["cid", "7023", "cid", "7023"]);
        assert_eq!(words("Médecin Ærø Straße"), ["medecin", "aero", "strasse"]);
        assert_eq!(words("can't  log-in…"), ["cant", "log", "in"]);
    }

    #[test]
    fn other_scripts_are_kept_as_words_as_they_are() {
        assert_eq!(words("ΑΒΓ мир 😀 ١٢٣"), ["ΑΒΓ", "мир", "١٢٣"]);
        assert!(words("").is_empty());
        assert!(words(" …!? ").is_empty());
    }
}
