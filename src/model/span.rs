//! Half-open code-point spans and the one place where code points meet bytes.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of Unicode code points (Rust `char`s)
/// into a document's text as loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CharSpan {
    /// First code point of the span.
    pub start: usize,
    /// One past the last code point of the span.
    pub end: usize,
}

impl CharSpan {
    /// A span from two offsets in either order.
    #[must_use]
    pub fn new(a: usize, b: usize) -> Self {
        Self {
            start: a.min(b),
            end: a.max(b),
        }
    }

    /// Number of code points covered.
    #[must_use]
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers nothing.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// True when the two spans share at least one code point.
    #[must_use]
    pub fn overlaps(self, other: Self) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely within `self`.
    #[must_use]
    pub fn contains_span(self, other: Self) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when code point `offset` lies inside the span.
    #[must_use]
    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The span moved by `delta` code points to the right.
    #[must_use]
    pub fn shifted(self, delta: usize) -> Self {
        Self {
            start: self.start + delta,
            end: self.end + delta,
        }
    }
}

impl std::fmt::Display for CharSpan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}, {})", self.start, self.end)
    }
}

/// Byte offset of code point `char_offset` in `text`; `text.len()` for the
/// offset one past the end; `None` beyond that.
#[must_use]
pub fn byte_offset(text: &str, char_offset: usize) -> Option<usize> {
    if char_offset == 0 {
        return Some(0);
    }
    let mut count = 0;
    for (byte, _) in text.char_indices() {
        if count == char_offset {
            return Some(byte);
        }
        count += 1;
    }
    (count == char_offset).then_some(text.len())
}

/// Number of code points in `text` before byte offset `byte` (which must lie
/// on a char boundary; otherwise the count of chars starting before it).
#[must_use]
pub fn char_count_before(text: &str, byte: usize) -> usize {
    text.char_indices().take_while(|(b, _)| *b < byte).count()
}

/// Turns byte ranges of one text, met in increasing order (regex matches),
/// into code-point spans, counting each stretch of text once.
///
/// ```
/// use stancemark::model::span::{CharCursor, CharSpan};
/// let text = "🐟 fish and 佐藤 fish";
/// let mut cursor = CharCursor::default();
/// let spans: Vec<CharSpan> = text.match_indices("fish").map(|(b, m)| cursor.span(text, b, b + m.len())).collect();
/// assert_eq!(spans, [CharSpan::new(2, 6), CharSpan::new(14, 18)]);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct CharCursor {
    byte: usize,
    chars: usize,
}

impl CharCursor {
    /// The code-point span of bytes `[start, end)` of `text`; `start` must
    /// not lie before the end of the previous range, and both must be char
    /// boundaries.
    pub fn span(&mut self, text: &str, start: usize, end: usize) -> CharSpan {
        self.chars += text[self.byte..start].chars().count();
        let first = self.chars;
        self.chars += text[start..end].chars().count();
        self.byte = end;
        CharSpan::new(first, self.chars)
    }
}

/// True when bytes `[start, end)` of `text` are not glued to a letter, digit
/// or underscore on either side. In the scripts written without spaces
/// (Thai, Chinese…), a letter beside is no glue where the dictionary puts
/// a word break (see `model::words`).
#[must_use]
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    use super::words::{is_dictionary_break, needs_dictionary};
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
        return false;
    };
    let glued = |outside: Option<char>, inside: Option<char>, at: usize| {
        word(outside)
            && !(outside.is_some_and(needs_dictionary)
                && inside.is_some_and(needs_dictionary)
                && is_dictionary_break(text, at))
    };
    let first = text.get(start..end).and_then(|w| w.chars().next());
    let last = text.get(start..end).and_then(|w| w.chars().next_back());
    !glued(before.chars().next_back(), first, start) && !glued(after.chars().next(), last, end)
}

/// The code-point slice `[span.start, span.end)` of `text`, or `None` when the
/// span runs past the end.
///
/// ```
/// use stancemark::model::span::{CharSpan, slice};
/// // The emoji is one code point (four UTF-8 bytes, two UTF-16 units).
/// assert_eq!(slice("🐟 fish", CharSpan::new(2, 6)), Some("fish"));
/// assert_eq!(slice("佐藤美咲 said", CharSpan::new(0, 4)), Some("佐藤美咲"));
/// assert_eq!(slice("abc", CharSpan::new(1, 9)), None);
/// ```
#[must_use]
pub fn slice(text: &str, span: CharSpan) -> Option<&str> {
    let start = byte_offset(text, span.start)?;
    let rest = &text[start..];
    let len = byte_offset(rest, span.len())?;
    Some(&rest[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, span: (usize, usize), expected: Option<&str>) {
        assert_eq!(
            slice(text, CharSpan::new(span.0, span.1)),
            expected,
            "{text:?} {span:?}"
        );
    }

    #[test]
    fn slices_count_code_points_not_bytes() {
        check("Putin", (0, 5), Some("Putin"));
        check("🌊 Putin", (2, 7), Some("Putin"));
        check("佐藤美咲 said", (0, 4), Some("佐藤美咲"));
        // "é" as e + COMBINING ACUTE ACCENT is two code points.
        check("Rene\u{301} Fa", (0, 5), Some("Rene\u{301}"));
        check("👍🏽 ok", (3, 5), Some("ok"));
        check("🇫🇷 Paris", (3, 8), Some("Paris"));
        check("abc", (1, 1), Some(""));
        check("abc", (0, 3), Some("abc"));
        check("abc", (2, 4), None);
        check("", (0, 0), Some(""));
    }

    #[test]
    fn byte_and_char_offsets_agree() {
        let text = "a🌊b佐c";
        for (chars, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(byte_offset(text, chars), Some(byte));
            assert_eq!(char_count_before(text, byte), chars);
        }
        assert_eq!(byte_offset(text, 5), Some(text.len()));
        assert_eq!(byte_offset(text, 6), None);
    }

    #[test]
    fn overlap_and_nesting() {
        let outer = CharSpan::new(0, 10);
        let inner = CharSpan::new(2, 5);
        let touching = CharSpan::new(10, 12);
        let crossing = CharSpan::new(8, 12);
        assert!(outer.overlaps(inner) && outer.contains_span(inner));
        assert!(
            !outer.overlaps(touching),
            "half-open spans that touch do not overlap"
        );
        assert!(outer.overlaps(crossing) && !outer.contains_span(crossing));
        assert_eq!(CharSpan::new(5, 2), CharSpan { start: 2, end: 5 });
        assert!(CharSpan::new(3, 3).is_empty());
    }
}
