//! Keyboard selection: moving and extending the selection by words and
//! sentences (Unicode UAX #29), and stepping between mentions.
//!
//! A *word* is a word segment holding at least one letter or digit, so
//! punctuation and spaces are stepped over. A *sentence* is a sentence
//! segment of one paragraph with its trailing spaces trimmed. All offsets are
//! code points.

use unicode_segmentation::UnicodeSegmentation;

use super::document::Document;
use super::span::CharSpan;

/// How the keyboard moves the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The next word.
    NextWord,
    /// The previous word.
    PreviousWord,
    /// The sentence holding the selection, else the next one.
    NextSentence,
    /// The sentence holding the selection, else the previous one.
    PreviousSentence,
}

impl Step {
    fn is_forward(self) -> bool {
        matches!(self, Self::NextWord | Self::NextSentence)
    }

    fn is_sentence(self) -> bool {
        matches!(self, Self::NextSentence | Self::PreviousSentence)
    }
}

/// The new selection after `step` from `current` (none: from the start of
/// the document). With `extend`, the selection keeps its start and its end
/// moves: forward grows it to the end of the next unit, backward shrinks it
/// to the end of the previous unit (never below one unit). `None` when there
/// is nowhere to go (the selection then stays as it is).
#[must_use]
pub fn move_selection(
    doc: &Document,
    current: Option<CharSpan>,
    step: Step,
    extend: bool,
) -> Option<CharSpan> {
    let units = |p: usize| units_of(doc, p, step.is_sentence());
    let paragraphs = doc.paragraphs().len();
    let Some(s) = current else {
        return (0..paragraphs).find_map(|p| units(p).into_iter().next());
    };
    let first = doc.paragraph_at(s.start);
    let last = doc.paragraph_at(s.end);
    if step.is_forward() {
        (last..paragraphs)
            .find_map(|p| {
                units(p).into_iter().find(|u| {
                    if extend {
                        u.end > s.end
                    } else if step.is_sentence() {
                        u.end >= s.end && *u != s
                    } else {
                        u.start >= s.end
                    }
                })
            })
            .map(|u| {
                if extend {
                    CharSpan::new(s.start, u.end)
                } else {
                    u
                }
            })
    } else if extend {
        (first..=last.min(paragraphs.saturating_sub(1)))
            .rev()
            .find_map(|p| {
                units(p)
                    .into_iter()
                    .rev()
                    .find(|u| u.end < s.end && u.end > s.start)
            })
            .map(|u| CharSpan::new(s.start, u.end))
    } else {
        (0..=first.min(paragraphs.saturating_sub(1)))
            .rev()
            .find_map(|p| {
                units(p).into_iter().rev().find(|u| {
                    if step.is_sentence() {
                        u.start <= s.start && *u != s
                    } else {
                        u.end <= s.start
                    }
                })
            })
    }
}

/// Which boundary of a mention a resize moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// Its first code point.
    Start,
    /// One past its last code point.
    End,
}

/// How far a resize moves a boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// One user-perceived character (a grapheme cluster).
    Char,
    /// To the next word boundary (words as for the selection keys).
    Word,
}

/// `span` with its `edge` moved by one `reach`, later in the text when
/// `later`, else earlier; `None` when that would leave the text or make the
/// span empty. Moving the start earlier or the end later grows the span.
#[must_use]
pub fn resize(
    doc: &Document,
    span: CharSpan,
    edge: Edge,
    reach: Reach,
    later: bool,
) -> Option<CharSpan> {
    let moved = |at: usize| -> Option<usize> {
        match (reach, later) {
            // One user-perceived character: never into "e" + accent, an
            // emoji sequence or a conjunct.
            (Reach::Char, true) => (at < doc.char_len()).then(|| {
                let mut n = at + 1;
                while n < doc.char_len() && !doc.is_cluster_edge(n) {
                    n += 1;
                }
                n
            }),
            (Reach::Char, false) => at.checked_sub(1).map(|mut n| {
                while n > 0 && !doc.is_cluster_edge(n) {
                    n -= 1;
                }
                n
            }),
            (Reach::Word, true) => {
                // The next word end (for the end) or start (for the start)
                // after `at`.
                let p = doc.paragraph_at(at);
                (p..doc.paragraphs().len()).find_map(|p| {
                    units_of(doc, p, false).into_iter().find_map(|u| {
                        let b = if edge == Edge::End { u.end } else { u.start };
                        (b > at).then_some(b)
                    })
                })
            }
            (Reach::Word, false) => {
                let p = doc.paragraph_at(at);
                (0..=p).rev().find_map(|p| {
                    units_of(doc, p, false).into_iter().rev().find_map(|u| {
                        let b = if edge == Edge::End { u.end } else { u.start };
                        (b < at).then_some(b)
                    })
                })
            }
        }
    };
    let (start, end) = match edge {
        Edge::Start => (moved(span.start)?, span.end),
        Edge::End => (span.start, moved(span.end)?),
    };
    (start < end && end <= doc.char_len()).then(|| CharSpan::new(start, end))
}

/// Words or sentences of paragraph `p`, in order, as document offsets.
fn units_of(doc: &Document, p: usize, sentences: bool) -> Vec<CharSpan> {
    let Some(paragraph) = doc.paragraphs().get(p) else {
        return Vec::new();
    };
    let text = doc.paragraph_text(p);
    let base = paragraph.chars.start;
    let mut out = Vec::new();
    let mut offset = base;
    let pieces: Box<dyn Iterator<Item = &str>> = if sentences {
        Box::new(text.split_sentence_bounds())
    } else {
        Box::new(super::words::word_bounds(text).into_iter())
    };
    for piece in pieces {
        let len = piece.chars().count();
        if sentences {
            let trimmed = piece.trim_end().chars().count();
            let lead = piece.chars().take_while(|c| c.is_whitespace()).count();
            if trimmed > lead {
                out.push(CharSpan::new(offset + lead, offset + trimmed));
            }
        } else if piece.chars().any(char::is_alphanumeric) {
            out.push(CharSpan::new(offset, offset + len));
        }
        offset += len;
    }
    out
}

/// The mention after (`forward`) or before the current place, by start then
/// end, wrapping round; `spans` are the document's mentions in any order.
/// From no place, forward gives the first and backward the last.
#[must_use]
pub fn step_mention<T: Copy>(
    spans: &[(CharSpan, T)],
    current: Option<CharSpan>,
    forward: bool,
) -> Option<T> {
    let mut sorted: Vec<(CharSpan, T)> = spans.to_vec();
    sorted.sort_by_key(|(s, _)| (s.start, s.end));
    let key = |s: CharSpan| (s.start, s.end);
    let found = match (current, forward) {
        (None, true) => sorted.first(),
        (None, false) => sorted.last(),
        (Some(c), true) => sorted
            .iter()
            .find(|(s, _)| key(*s) > key(c))
            .or(sorted.first()),
        (Some(c), false) => sorted
            .iter()
            .rev()
            .find(|(s, _)| key(*s) < key(c))
            .or(sorted.last()),
    };
    found.map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `marked` holds the text with the selection in `[` `]` (or none).
    fn parse(marked: &str) -> (Document, Option<CharSpan>) {
        let mut text = String::new();
        let (mut start, mut end) = (None, None);
        for c in marked.chars() {
            match c {
                '[' => start = Some(text.chars().count()),
                ']' => end = Some(text.chars().count()),
                _ => text.push(c),
            }
        }
        let span = start.zip(end).map(|(a, b)| CharSpan::new(a, b));
        (Document::new("d.txt", text, "UTF-8"), span)
    }

    fn mark(doc: &Document, span: CharSpan) -> String {
        let mut out = String::new();
        for (i, c) in doc.text.chars().enumerate() {
            if i == span.start {
                out.push('[');
            }
            if i == span.end {
                out.push(']');
            }
            out.push(c);
        }
        if span.end == doc.char_len() {
            out.push(']');
        }
        out
    }

    fn check(input: &str, step: Step, extend: bool, expected: &str) {
        let (doc, span) = parse(input);
        let got = move_selection(&doc, span, step, extend).map(|s| mark(&doc, s));
        assert_eq!(
            got.as_deref().unwrap_or("(none)"),
            expected,
            "{input:?} {step:?} extend={extend}"
        );
    }

    #[test]
    fn mentions_grow_and_shrink_by_words_and_characters() {
        use Edge::{End, Start};
        use Reach::{Char, Word};
        //          0         1         2         3
        //          0123456789012345678901234567890123456
        let text = "Mr Vladimir Putin's aide, 佐藤 said.";
        let doc = Document::new("a.txt", text, "UTF-8");
        let putin = CharSpan::new(12, 17);
        let cases = [
            (putin, End, Word, true, Some((12, 19))),   // "Putin's"
            (putin, End, Word, false, None),            // would be empty
            (putin, Start, Word, false, Some((3, 17))), // "Vladimir Putin"
            (putin, Start, Word, true, None),
            (putin, End, Char, true, Some((12, 18))),
            (putin, End, Char, false, Some((12, 16))),
            (putin, Start, Char, false, Some((11, 17))),
            (putin, Start, Char, true, Some((13, 17))),
            (CharSpan::new(3, 17), End, Word, false, Some((3, 11))),
            (CharSpan::new(3, 17), Start, Word, true, Some((12, 17))),
            (CharSpan::new(0, 2), Start, Char, false, None),
            (CharSpan::new(26, 28), End, Word, true, Some((26, 33))),
            (CharSpan::new(26, 33), End, Char, true, Some((26, 34))),
            (CharSpan::new(26, 34), End, Char, true, None), // past the end
        ];
        for (span, edge, reach, later, expected) in cases {
            let got = resize(&doc, span, edge, reach, later).map(|s| (s.start, s.end));
            assert_eq!(got, expected, "{span} {edge:?} {reach:?} later={later}");
        }
    }

    #[test]
    fn words_move_and_extend() {
        use Step::{NextWord, PreviousWord};
        let cases = [
            (
                "Mr Putin met 習近平.",
                NextWord,
                false,
                "[Mr] Putin met 習近平.",
            ),
            ("[Mr] Putin, met", NextWord, false, "Mr [Putin], met"),
            ("Mr [Putin], met", NextWord, false, "Mr Putin, [met]"),
            ("Mr Putin, [met]", NextWord, false, "(none)"),
            ("Mr Putin, [met]", PreviousWord, false, "Mr [Putin], met"),
            ("[Mr] Putin", PreviousWord, false, "(none)"),
            ("[Mr] Putin, met", NextWord, true, "[Mr Putin], met"),
            ("[Mr Putin], met", NextWord, true, "[Mr Putin, met]"),
            ("[Mr Putin, met]", PreviousWord, true, "[Mr Putin], met"),
            ("[Mr] Putin", PreviousWord, true, "(none)"),
            // Emoji and combining marks stay inside their words.
            (
                "[I] ❤️ Zoë\u{301}s café",
                NextWord,
                false,
                "I ❤️ [Zoë\u{301}s] café",
            ),
            (
                "I ❤️ [Zoë\u{301}s] café",
                NextWord,
                false,
                "I ❤️ Zoë\u{301}s [café]",
            ),
            // Across paragraphs.
            ("one [two]\nthree", NextWord, false, "one two\n[three]"),
            ("one two\n[three]", PreviousWord, false, "one [two]\nthree"),
            ("one [two]\nthree", NextWord, true, "one [two\nthree]"),
        ];
        for (input, step, extend, expected) in cases {
            check(input, step, extend, expected);
        }
    }

    #[test]
    fn sentences_take_the_one_holding_the_selection_first() {
        use Step::{NextSentence, PreviousSentence};
        let text = "Moscow denied it. Kyiv welcomed the plan. Nobody else spoke.";
        let cases = [
            (
                "Moscow denied it. [Kyiv] welcomed the plan. Nobody else spoke.",
                NextSentence,
                false,
                "Moscow denied it. [Kyiv welcomed the plan.] Nobody else spoke.",
            ),
            (
                "Moscow denied it. [Kyiv welcomed the plan.] Nobody else spoke.",
                NextSentence,
                false,
                "Moscow denied it. Kyiv welcomed the plan. [Nobody else spoke.]",
            ),
            (
                "Moscow denied it. [Kyiv welcomed the plan.] Nobody else spoke.",
                PreviousSentence,
                false,
                "[Moscow denied it.] Kyiv welcomed the plan. Nobody else spoke.",
            ),
            (
                "Moscow denied it. Kyiv welcomed the [plan]. Nobody else spoke.",
                PreviousSentence,
                false,
                "Moscow denied it. [Kyiv welcomed the plan.] Nobody else spoke.",
            ),
            (
                "[Moscow denied it.] Kyiv welcomed the plan. Nobody else spoke.",
                NextSentence,
                true,
                "[Moscow denied it. Kyiv welcomed the plan.] Nobody else spoke.",
            ),
            (
                "[Moscow denied it. Kyiv welcomed the plan.] Nobody else spoke.",
                PreviousSentence,
                true,
                "[Moscow denied it.] Kyiv welcomed the plan. Nobody else spoke.",
            ),
            (
                text,
                NextSentence,
                false,
                "[Moscow denied it.] Kyiv welcomed the plan. Nobody else spoke.",
            ),
        ];
        for (input, step, extend, expected) in cases {
            check(input, step, extend, expected);
        }
    }

    #[test]
    fn sentences_in_cjk_text() {
        check(
            "[北京]表示反对。东京欢迎该计划。",
            Step::NextSentence,
            false,
            "[北京表示反对。]东京欢迎该计划。",
        );
        check(
            "[北京表示反对。]东京欢迎该计划。",
            Step::NextSentence,
            false,
            "北京表示反对。[东京欢迎该计划。]",
        );
    }

    #[test]
    fn mentions_step_in_order_and_wrap() {
        let spans = [
            (CharSpan::new(10, 15), 'b'),
            (CharSpan::new(0, 4), 'a'),
            (CharSpan::new(10, 12), 'c'),
        ];
        // Order: a (0,4), c (10,12), b (10,15).
        assert_eq!(step_mention(&spans, None, true), Some('a'));
        assert_eq!(step_mention(&spans, None, false), Some('b'));
        assert_eq!(
            step_mention(&spans, Some(CharSpan::new(0, 4)), true),
            Some('c')
        );
        assert_eq!(
            step_mention(&spans, Some(CharSpan::new(10, 12)), true),
            Some('b')
        );
        assert_eq!(
            step_mention(&spans, Some(CharSpan::new(10, 15)), true),
            Some('a')
        );
        assert_eq!(
            step_mention(&spans, Some(CharSpan::new(0, 4)), false),
            Some('b')
        );
        // From a plain selection between mentions.
        assert_eq!(
            step_mention(&spans, Some(CharSpan::new(5, 6)), true),
            Some('c')
        );
        assert_eq!(step_mention::<char>(&[], None, true), None);
    }
}
