//! Finding every occurrence of some names in a text, with code-point offsets.

use regex::RegexBuilder;

use super::span::{CharCursor, CharSpan, is_whole_word};

/// How names are matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MatchOptions {
    /// Only matches not flanked by letters or digits.
    pub whole_word: bool,
    /// Match upper and lower case exactly.
    pub case_sensitive: bool,
}

impl Default for MatchOptions {
    fn default() -> Self {
        Self {
            whole_word: true,
            case_sensitive: false,
        }
    }
}

/// Every non-overlapping occurrence of any of `names` in `text`, leftmost
/// first and, at one place, the longest name first. Offsets are code points.
#[must_use]
pub fn find_occurrences(text: &str, names: &[&str], options: MatchOptions) -> Vec<CharSpan> {
    let mut names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        return Vec::new();
    }
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    names.dedup();
    let pattern = names
        .iter()
        .map(|n| regex::escape(n))
        .collect::<Vec<_>>()
        .join("|");
    let Ok(regex) = RegexBuilder::new(&pattern)
        .case_insensitive(!options.case_sensitive)
        .size_limit(1 << 24)
        .build()
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut cursor = CharCursor::default();
    let mut at = 0;
    while let Some(m) = regex.find_at(text, at) {
        if options.whole_word && !is_whole_word(text, m.start(), m.end()) {
            // Try again one character further on: a shorter name may fit.
            at = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        out.push(cursor.span(text, m.start(), m.end()));
        at = m.end().max(m.start() + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::span::slice;

    fn check(
        text: &str,
        names: &[&str],
        whole_word: bool,
        case_sensitive: bool,
        expected: &[&str],
    ) {
        let spans = find_occurrences(
            text,
            names,
            MatchOptions {
                whole_word,
                case_sensitive,
            },
        );
        let found: Vec<&str> = spans
            .iter()
            .map(|s| slice(text, *s).unwrap_or("<out of range>"))
            .collect();
        assert_eq!(found, expected, "{text:?} {names:?}");
    }

    #[test]
    fn finds_names_with_code_point_offsets() {
        check(
            "🐟 Putin met putin; PUTIN.",
            &["Putin"],
            true,
            false,
            &["Putin", "putin", "PUTIN"],
        );
        check("🐟 Putin met putin", &["Putin"], true, true, &["Putin"]);
        check("Putinism and Putin", &["Putin"], true, false, &["Putin"]);
        check(
            "Putinism and Putin",
            &["Putin"],
            false,
            false,
            &["Putin", "Putin"],
        );
        check(
            "Mr Putin and Vladimir Putin",
            &["Putin", "Vladimir Putin"],
            true,
            false,
            &["Putin", "Vladimir Putin"],
        );
        check(
            "佐藤美咲 met 佐藤美咲.",
            &["佐藤美咲"],
            true,
            false,
            &["佐藤美咲", "佐藤美咲"],
        );
        check(
            "Rene\u{301}e and Renee",
            &["Rene\u{301}e"],
            true,
            true,
            &["Rene\u{301}e"],
        );
        check("nothing here", &["", "  "], true, false, &[]);
        check("a.b a+b", &["a+b"], true, false, &["a+b"]);
    }

    #[test]
    fn offsets_are_code_points_after_astral_characters() {
        let text = "👍🏽🇫🇷 Ibáñez, then Ibáñez";
        let spans = find_occurrences(text, &["ibáñez"], MatchOptions::default());
        assert_eq!(spans, [CharSpan::new(5, 11), CharSpan::new(18, 24)]);
    }
}
