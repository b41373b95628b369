//! Words as counted and compared (quotation word counts, repeated passages):
//! runs of letters and digits, their combining marks included, and joined
//! across an apostrophe between two letters, straight or curly ("people’s",
//! "don't", "ʼOumuamua" are one word each). Linear, one pass, no copy.

/// An apostrophe that joins the two halves of a word.
#[must_use]
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// A character inside a word: a letter or digit, or a combining mark that
/// belongs to the character before it.
#[must_use]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c,
            '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
            // Viramas of the Indic scripts (Devanagari, Bengali, Gurmukhi,
            // Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam), which join
            // consonants into one cluster (क्ष).
            | '\u{094D}' | '\u{09CD}' | '\u{0A4D}' | '\u{0ACD}' | '\u{0B4D}'
            | '\u{0BCD}' | '\u{0C4D}' | '\u{0CCD}' | '\u{0D4D}'
            // Zero-width joiner and non-joiner inside words.
            | '\u{200C}' | '\u{200D}')
}

/// One word: its code-point and byte ranges in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordRun {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// First byte.
    pub byte_start: usize,
    /// One past the last byte.
    pub byte_end: usize,
}

/// The words of `text`, in order.
pub fn word_runs(text: &str) -> impl Iterator<Item = WordRun> + '_ {
    let mut chars = text.char_indices().enumerate().peekable();
    std::iter::from_fn(move || {
        // Skip to the first word character.
        let (start, (byte_start, first)) = loop {
            let (i, (b, c)) = chars.next()?;
            if c.is_alphanumeric() {
                break (i, (b, c));
            }
        };
        let mut end = start + 1;
        let mut byte_end = byte_start + first.len_utf8();
        while let Some(&(i, (b, c))) = chars.peek() {
            if is_word_char(c) {
                chars.next();
                end = i + 1;
                byte_end = b + c.len_utf8();
                continue;
            }
            if is_apostrophe(c) {
                // Joins only when a letter follows.
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.peek().is_some_and(|&(_, (_, n))| n.is_alphanumeric()) {
                    chars.next();
                    continue;
                }
            }
            break;
        }
        Some(WordRun {
            start,
            end,
            byte_start,
            byte_end,
        })
    })
}

/// How many words `text` holds.
#[must_use]
pub fn word_count(text: &str) -> usize {
    word_runs(text).count()
}

/// A word as compared across texts: lower-cased, every apostrophe the
/// straight one (an outlet's "people’s" is another's "people's").
#[must_use]
pub fn comparable(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_joined_across_apostrophes_and_marks() {
        for (text, words) in [
            ("the people’s bridge", vec!["the", "people’s", "bridge"]),
            ("don't stop", vec!["don't", "stop"]),
            ("the bridges’ piers", vec!["the", "bridges", "piers"]),
            ("’tis so", vec!["tis", "so"]),
            ("cafe\u{301} noir", vec!["cafe\u{301}", "noir"]),
            ("क्षमा करें", vec!["क्षमा", "करें"]),
            ("2026-03-16", vec!["2026", "03", "16"]),
            ("", vec![]),
            ("…", vec![]),
        ] {
            let got: Vec<&str> = word_runs(text)
                .map(|w| &text[w.byte_start..w.byte_end])
                .collect();
            assert_eq!(got, words, "{text:?}");
        }
        assert_eq!(comparable("People’s"), comparable("people's"));
        let text = "a people’s b";
        let w: Vec<WordRun> = word_runs(text).collect();
        assert_eq!((w[1].start, w[1].end), (2, 10));
    }
}
