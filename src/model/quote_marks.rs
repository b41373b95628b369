//! The words of a quote inside its quotation marks: a drag over a quote
//! often takes in the marks, or runs on into the next word ("…sewer,” Mr");
//! the quotation keeps only the words between the marks.

use super::document::Document;
use super::span::CharSpan;

/// Opening marks and the marks that may close them.
const PAIRS: [(char, &[char]); 10] = [
    ('“', &['”', '“']),
    ('„', &['“', '”']),
    ('«', &['»']),
    ('»', &['«']),
    ('"', &['"']),
    ('‘', &['’']),
    ('\'', &['\'']),
    ('「', &['」']),
    ('『', &['』']),
    ('‹', &['›']),
];

/// The quoted words of a selection, and whether they stand in quotation
/// marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuotedWords {
    /// The words: inside the marks when the selection opens with one and
    /// holds its closing mark; else the selection without surrounding
    /// white space.
    pub span: CharSpan,
    /// The words stand in quotation marks (in the selection, or just
    /// before it).
    pub marked: bool,
}

fn opening(c: char) -> Option<&'static [char]> {
    PAIRS
        .iter()
        .find(|(o, _)| *o == c)
        .map(|(_, closes)| *closes)
}

/// The words `selection` quotes in `doc`; `None` for an empty or
/// all-blank selection or one outside the text.
#[must_use]
pub fn quoted_words(doc: &Document, selection: CharSpan) -> Option<QuotedWords> {
    let chars: Vec<char> = doc.slice(selection)?.chars().collect();
    let first = chars.iter().position(|c| !c.is_whitespace())?;
    let last = chars.iter().rposition(|c| !c.is_whitespace())?;
    let trimmed = |from: usize, to: usize| {
        // `from..to` in `chars`, without white space at either end.
        let from = (from..to).find(|&i| !chars[i].is_whitespace())?;
        let to = (from..to).rev().find(|&i| !chars[i].is_whitespace())? + 1;
        Some(CharSpan::new(selection.start + from, selection.start + to))
    };
    if let Some(closes) = opening(chars[first])
        && let Some(close) = (first + 1..=last)
            .rev()
            .find(|&i| closes.contains(&chars[i]))
        && let Some(span) = trimmed(first + 1, close)
    {
        return Some(QuotedWords { span, marked: true });
    }
    // A drag that starts or ends on a lone mark (the other one outside
    // it) leaves that mark out too.
    let (mut from, mut to) = (first, last + 1);
    while from < to && opening(chars[from]).is_some() {
        from += 1;
    }
    while to > from && CLOSING.contains(&chars[to - 1]) {
        to -= 1;
    }
    let before = selection
        .start
        .checked_sub(1)
        .and_then(|s| doc.slice(CharSpan::new(s, selection.start)))
        .and_then(|t| t.chars().next());
    Some(QuotedWords {
        span: trimmed(from, to)?,
        marked: before.is_some_and(|c| opening(c).is_some()) || from > first || to < last + 1,
    })
}

/// Marks that close a quote, where they cannot be an apostrophe.
const CLOSING: [char; 7] = ['”', '“', '»', '"', '」', '』', '›'];
