//! Keyword-in-context lines: a hit with a little text on each side, on one line.

use super::document::Document;
use super::span::CharSpan;

/// A hit with its context, line breaks turned into spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kwic {
    /// Text before the hit.
    pub left: String,
    /// The hit.
    pub hit: String,
    /// Text after the hit.
    pub right: String,
}

/// The hit at `span` with up to `context` code points on each side.
#[must_use]
pub fn kwic(doc: &Document, span: CharSpan, context: usize) -> Kwic {
    let flat = |s: &str| s.replace(['\r', '\n', '\t'], " ");
    Kwic {
        left: flat(doc.prefix(span.start, context)),
        hit: flat(doc.slice(span).unwrap_or_default()),
        right: flat(doc.suffix(span.end, context)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_on_one_line() {
        let doc = Document::new("a.txt", "first line\n🐟 Putin spoke\nthird", "UTF-8");
        let k = kwic(&doc, CharSpan::new(13, 18), 6);
        assert_eq!(
            (k.left.as_str(), k.hit.as_str(), k.right.as_str()),
            ("ine 🐟 ", "Putin", " spoke")
        );
    }
}
