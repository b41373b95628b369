//! Snapping a rough selection to word boundaries (Unicode UAX #29, with
//! dictionary words for the scripts written without spaces: see
//! `model::words`).

use super::span::CharSpan;

/// Widens `span` (code points into `text`) so that it starts and ends on word
/// boundaries, then trims whitespace from both ends.
///
/// A selection that starts or ends inside a word takes in the whole word.
/// Returns `None` when nothing but whitespace is selected or the span lies
/// outside the text.
#[must_use]
pub fn snap_to_words(text: &str, span: CharSpan) -> Option<CharSpan> {
    if span.is_empty() {
        return None;
    }
    // Segments as (char start, char end, is_whitespace).
    let mut segments = Vec::new();
    let mut offset = 0;
    for piece in super::words::word_bounds(text) {
        let len = piece.chars().count();
        segments.push((offset, offset + len, piece.chars().all(char::is_whitespace)));
        offset += len;
    }
    if span.end > offset {
        return None;
    }
    let touched: Vec<_> = segments
        .iter()
        .filter(|(s, e, _)| *s < span.end && span.start < *e)
        .filter(|(_, _, blank)| !blank)
        .collect();
    let first = touched.first()?;
    let last = touched.last()?;
    Some(CharSpan::new(first.0, last.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `input` marks the rough selection with `[` and `]`; `expected` marks the
    /// snapped one the same way (or is `None`).
    fn check(input: &str, expected: Option<&str>) {
        let (text, span) = parse(input);
        let got = snap_to_words(&text, span).map(|s| mark(&text, s));
        assert_eq!(got.as_deref(), expected, "input {input:?}");
    }

    fn parse(marked: &str) -> (String, CharSpan) {
        let mut text = String::new();
        let (mut start, mut end) = (0, 0);
        for c in marked.chars() {
            match c {
                '[' => start = text.chars().count(),
                ']' => end = text.chars().count(),
                _ => text.push(c),
            }
        }
        (text, CharSpan::new(start, end))
    }

    fn mark(text: &str, span: CharSpan) -> String {
        let mut out = String::new();
        for (i, c) in text.chars().enumerate() {
            if i == span.start {
                out.push('[');
            }
            if i == span.end {
                out.push(']');
            }
            out.push(c);
        }
        if span.end == text.chars().count() {
            out.push(']');
        }
        out
    }

    #[test]
    fn snaps_to_whole_words() {
        check(
            "Mayor Hé[lène Du]arte spoke",
            Some("Mayor [Hélène Duarte] spoke"),
        );
        check("Mayor [Hélène ]Duarte", Some("Mayor [Hélène] Duarte"));
        check("[ Putin ]said", Some(" [Putin] said"));
        check("the [   ] gap", None);
        // Spaceless scripts snap to their dictionary words (UAX #29 alone
        // made each ideograph a word, and a Thai run one word).
        check("engineer 佐[藤美]咲 said", Some("engineer [佐藤美咲] said"));
        check("外交[部]长说", Some("[外交部]长说"));
        check("รัฐมนตรีกล่าวที่กรุ[ง]เทพ", Some("รัฐมนตรีกล่าวที่[กรุงเทพ]"));
        check("รัฐ[มนตรีกล่]าวที่กรุงเทพ", Some("[รัฐมนตรีกล่าว]ที่กรุงเทพ"));
        check("a wave 🌊 [hit]", Some("a wave 🌊 [hit]"));
        check("Rene\u{301}e [Fa]ure", Some("Rene\u{301}e [Faure]"));
        check("Re[n]e\u{301}e Faure", Some("[Rene\u{301}e] Faure"));
        check("“[Ibáñez]”", Some("“[Ibáñez]”"));
        check("[abc]", Some("[abc]"));
    }
}
