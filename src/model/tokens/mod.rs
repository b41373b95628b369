//! Tokens and sentences for token-based formats (CoNLL, Hugging Face,
//! WebAnno TSV), with code-point offsets. Segmentation keeps every mention:
//!
//! * a sentence never ends inside a mention;
//! * after an abbreviation or an initial ("Mr.", "U.S.", "B.") a sentence
//!   does not end before a capitalised word;
//! * a mention boundary inside a word splits that token ("Putin" + "'s").
//!
//! Tokens follow Unicode word boundaries (UAX #29) with dictionary words
//! for the scripts written without spaces, or whitespace; sentences
//! end at line breaks and at stops before whitespace (see `sentences`). A
//! document whose tokens came from a token file (CoNLL) keeps them: its
//! tokens are the whitespace-separated words and its sentences its lines.
//! Each document is read once, in linear time and memory.

mod sentences;
mod words;

use super::span::CharSpan;

/// How plain text is cut into tokens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TokenMode {
    /// Words in every script: Unicode word boundaries (UAX #29, "Putin's"
    /// is "Putin", "'s"), and the dictionary words of scripts written
    /// without spaces (Thai, Lao, Khmer, Burmese, Chinese, Japanese; see
    /// `model::words`).
    #[default]
    Unicode,
    /// Runs of non-whitespace: "Putin's" is one token.
    Whitespace,
    /// UAX #29 alone, as before dictionaries: a Thai run is one token and
    /// each CJK ideograph is one.
    Uax29,
}

impl TokenMode {
    /// Every mode.
    pub const ALL: [Self; 3] = [Self::Unicode, Self::Whitespace, Self::Uax29];

    /// The name on the command line (`--tokens`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Unicode => "unicode",
            Self::Whitespace => "whitespace",
            Self::Uax29 => "uax29",
        }
    }

    /// The mode called `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// How one document is segmented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Plain text: tokens by `TokenMode`, sentences by Unicode rules.
    Text(TokenMode),
    /// A document made from a token file: whitespace-separated tokens, one
    /// sentence per line (so it exports back to the same tokens).
    Lines,
}

/// A token: its code points and its bytes in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Code points.
    pub span: CharSpan,
    /// Byte offsets `[start, end)` in the text.
    pub bytes: (usize, usize),
}

impl Token {
    /// The token's text in `text` (the text it was cut from).
    #[must_use]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.bytes.0..self.bytes.1).unwrap_or_default()
    }
}

/// A sentence: its code-point span and its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Span of the sentence.
    pub span: CharSpan,
    /// Its tokens, in order.
    pub tokens: Vec<Token>,
}

impl Sentence {
    /// The tokens' code-point spans.
    #[must_use]
    pub fn spans(&self) -> Vec<CharSpan> {
        self.tokens.iter().map(|t| t.span).collect()
    }
}

/// Words after which a sentence does not end before a capitalised word
/// (besides single capital initials such as "B."). A schema can add more.
pub const ABBREVIATIONS: [&str; 44] = [
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Col.", "Lt.", "Capt.", "Sgt.", "Adm.", "Gov.",
    "Sen.", "Rep.", "Pres.", "Sr.", "Jr.", "St.", "Mt.", "Ft.", "Rev.", "Hon.", "Messrs.", "Mme.",
    "Mlle.", "Inc.", "Corp.", "Co.", "Ltd.", "Bros.", "No.", "Nos.", "vs.", "etc.", "e.g.", "i.e.",
    "U.S.", "U.K.", "U.N.", "E.U.", "U.S.A.", "D.C.", "a.m.", "p.m.",
];

/// Code-point offsets where Unicode word tokens (UAX #29, not whitespace)
/// start: what token-level agreement needs, without sentences.
#[must_use]
pub fn word_starts(text: &str) -> Vec<usize> {
    let mut tokens = Vec::new();
    words::tokenize(text, (0, text.len()), 0, TokenMode::Unicode, &mut tokens);
    tokens.iter().map(|t| t.span.start).collect()
}

/// Splits `text` into sentences of tokens by `layout`, keeping every
/// mention of `mentions` whole: no sentence ends inside one and every
/// mention boundary is a token boundary. `abbreviations` adds to
/// [`ABBREVIATIONS`]. Linear in the length of the text (plus sorting the
/// mentions).
#[must_use]
pub fn segment(
    text: &str,
    layout: Layout,
    mentions: &[CharSpan],
    abbreviations: &[String],
) -> Vec<Sentence> {
    let flat = segment_flat(text, layout, mentions, abbreviations);
    flat.sentences
        .iter()
        .map(|s| Sentence {
            span: s.span,
            tokens: flat.tokens[s.tokens.clone()].to_vec(),
        })
        .collect()
}

/// A document's segmentation as one list of tokens and the sentences as
/// ranges of it: what [`segment`] gives, without a list per sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Segments {
    /// Every token of the document, in order.
    pub tokens: Vec<Token>,
    /// The sentences, in order.
    pub sentences: Vec<SentenceRange>,
}

/// A sentence of [`Segments`]: its span and its tokens' indices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceRange {
    /// Span of the sentence.
    pub span: CharSpan,
    /// Indices into [`Segments::tokens`].
    pub tokens: std::ops::Range<usize>,
}

/// [`segment`] as one token list with sentence ranges.
#[must_use]
pub fn segment_flat(
    text: &str,
    layout: Layout,
    mentions: &[CharSpan],
    abbreviations: &[String],
) -> Segments {
    let covered = coverage(mentions);
    let mut cuts: Vec<usize> = mentions.iter().flat_map(|m| [m.start, m.end]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let pieces = match layout {
        Layout::Lines => lines(text),
        Layout::Text(_) => sentences::sentence_pieces(text, abbreviations),
    };
    let mode = match layout {
        Layout::Text(mode) => mode,
        Layout::Lines => TokenMode::Whitespace,
    };
    // A token is rarely shorter than three bytes with its space: room for
    // that many avoids growing the list while cutting.
    let mut out = Segments {
        tokens: Vec::with_capacity(text.len() / 3 + 1),
        sentences: Vec::with_capacity(pieces.len()),
    };
    let mut joined = false;
    for piece in pieces {
        let first = out.tokens.len();
        words::tokenize(text, piece.bytes, piece.chars.start, mode, &mut out.tokens);
        split_at_cuts(text, &mut out.tokens, first, &cuts);
        let end = out.tokens.len();
        // A sentence never ends inside a mention: join it to the last one.
        if joined && let Some(last) = out.sentences.last_mut() {
            last.span = CharSpan::new(last.span.start, piece.chars.end);
            last.tokens.end = end;
        } else if end > first {
            out.sentences.push(SentenceRange {
                span: piece.chars,
                tokens: first..end,
            });
        }
        joined = inside(&covered, piece.chars.end) && !out.sentences.is_empty();
    }
    out
}

/// A stretch of text: code points and bytes.
#[derive(Clone, Copy, Debug)]
struct Piece {
    chars: CharSpan,
    bytes: (usize, usize),
}

/// One piece per line (the line break goes with its line).
fn lines(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let (mut c, mut b) = (0, 0);
    for line in text.split_inclusive('\n') {
        let n = line.chars().count();
        out.push(Piece {
            chars: CharSpan::new(c, c + n),
            bytes: (b, b + line.len()),
        });
        c += n;
        b += line.len();
    }
    out
}

/// Splits every token of `tokens[from..]` that a cut (a mention boundary)
/// falls inside.
fn split_at_cuts(text: &str, tokens: &mut Vec<Token>, from: usize, cuts: &[usize]) {
    let Some(first) = tokens.get(from) else {
        return;
    };
    // Only the cuts within these tokens matter; most stretches have none.
    let end = tokens.last().map_or(first.span.end, |t| t.span.end);
    let lo = cuts.partition_point(|&p| p <= first.span.start);
    let hi = cuts.partition_point(|&p| p < end);
    let cuts = &cuts[lo..hi.max(lo)];
    let inside_any = cuts.iter().any(|&p| {
        let i = tokens[from..].partition_point(|t| t.span.end <= p);
        tokens[from..].get(i).is_some_and(|t| t.span.start < p)
    });
    if !inside_any {
        return;
    }
    let tail: Vec<Token> = tokens.drain(from..).collect();
    for t in tail {
        let first = cuts.partition_point(|&p| p <= t.span.start);
        let points: Vec<usize> = cuts[first..]
            .iter()
            .copied()
            .take_while(|&p| p < t.span.end)
            .collect();
        if points.is_empty() {
            tokens.push(t);
            continue;
        }
        let (mut from_c, mut from_b) = (t.span.start, t.bytes.0);
        let mut next = points.iter().peekable();
        for (c, (i, _)) in (t.span.start..).zip(t.text(text).char_indices()) {
            if next.peek().is_some_and(|&&p| p == c) {
                next.next();
                tokens.push(Token {
                    span: CharSpan::new(from_c, c),
                    bytes: (from_b, t.bytes.0 + i),
                });
                (from_c, from_b) = (c, t.bytes.0 + i);
            }
        }
        tokens.push(Token {
            span: CharSpan::new(from_c, t.span.end),
            bytes: (from_b, t.bytes.1),
        });
    }
}

/// Mentions merged into disjoint covered stretches, sorted.
fn coverage(mentions: &[CharSpan]) -> Vec<CharSpan> {
    let mut spans: Vec<CharSpan> = mentions.iter().copied().filter(|m| !m.is_empty()).collect();
    spans.sort_unstable();
    let mut out: Vec<CharSpan> = Vec::with_capacity(spans.len());
    for m in spans {
        match out.last_mut() {
            Some(last) if m.start < last.end => last.end = last.end.max(m.end),
            _ => out.push(m),
        }
    }
    out
}

/// True when code point boundary `at` lies strictly inside a covered stretch.
fn inside(covered: &[CharSpan], at: usize) -> bool {
    let i = covered.partition_point(|c| c.end <= at);
    covered.get(i).is_some_and(|c| c.start < at && at < c.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, sentences: &[Sentence]) -> Vec<Vec<String>> {
        sentences
            .iter()
            .map(|s| s.tokens.iter().map(|t| t.text(text).to_owned()).collect())
            .collect()
    }

    fn span_of(text: &str, word: &str) -> CharSpan {
        let b = text.find(word).expect("word");
        let start = text[..b].chars().count();
        CharSpan::new(start, start + word.chars().count())
    }

    #[test]
    fn sentences_and_tokens_with_code_points() {
        let text = "🐟 Mr Putin said so.\r\nDr 佐藤美咲 agreed! Rene\u{301}e too";
        let s = segment(text, Layout::Text(TokenMode::Unicode), &[], &[]);
        assert_eq!(
            words(text, &s),
            [
                vec!["🐟", "Mr", "Putin", "said", "so", "."],
                vec!["Dr", "佐藤", "美咲", "agreed", "!"],
                vec!["Rene\u{301}e", "too"],
            ]
        );
        for sentence in &s {
            for t in &sentence.tokens {
                assert_eq!(crate::model::span::slice(text, t.span), Some(t.text(text)));
            }
        }
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences_before_capitals() {
        let cases: &[(&str, usize)] = &[
            (
                "Mr. Putin met Gen. Mattis in the U.S. Senate. Then he left.",
                2,
            ),
            ("B. Young said so. St. Petersburg agreed.", 2),
            ("Talks at the U.N. ended. Nothing changed.", 2),
            ("He lives in the U.S.\nThe next day he left.", 2),
            ("It was 5 p.m. when Dr. Ruiz arrived.", 1),
            ("Mr. X and Mrs. Y met.", 1),
        ];
        for (text, n) in cases {
            let s = segment(text, Layout::Text(TokenMode::Unicode), &[], &[]);
            assert_eq!(s.len(), *n, "{text}: {:?}", words(text, &s));
        }
        let extra = vec!["Abg.".to_owned()];
        let text = "Abg. Müller sprach.";
        assert_eq!(
            segment(text, Layout::Text(TokenMode::Unicode), &[], &[]).len(),
            2
        );
        assert_eq!(
            segment(text, Layout::Text(TokenMode::Unicode), &[], &extra).len(),
            1
        );
    }

    #[test]
    fn mentions_are_never_cut_by_sentences_and_split_tokens() {
        let text = "He met Mr. Putin's aide. The talks ended.";
        let putin = span_of(text, "Putin");
        let aide = span_of(text, "aide. The");
        let s = segment(
            text,
            Layout::Text(TokenMode::Whitespace),
            &[putin, aide],
            &[],
        );
        assert_eq!(s.len(), 1, "no sentence ends inside \"aide. The\"");
        let w = words(text, &s);
        assert!(w[0].contains(&"Putin".to_owned()), "{w:?}");
        assert!(w[0].contains(&"'s".to_owned()), "{w:?}");
        for sentence in &s {
            for t in &sentence.tokens {
                assert_eq!(crate::model::span::slice(text, t.span), Some(t.text(text)));
            }
        }
        // A cut inside a word of several code points beyond the BMP.
        let text = "🐟🐟🐟fish";
        let m = CharSpan::new(1, 5);
        let s = segment(text, Layout::Text(TokenMode::Whitespace), &[m], &[]);
        assert_eq!(words(text, &s), [vec!["🐟", "🐟🐟fi", "sh"]]);
    }

    #[test]
    fn tokens_never_hold_whitespace() {
        // UAX #29 keeps a combining mark with the space before it.
        let text = "Ren e\u{301} and \u{301}x";
        let s = segment(text, Layout::Text(TokenMode::Unicode), &[], &[]);
        let w = words(text, &s);
        assert_eq!(w, [vec!["Ren", "e\u{301}", "and", "\u{301}", "x"]]);
    }

    #[test]
    fn lines_layout_keeps_tokens_and_lines() {
        let text = "EU rejects German call .\nPeter Blackburn\n";
        let s = segment(text, Layout::Lines, &[], &[]);
        assert_eq!(
            words(text, &s),
            [
                vec!["EU", "rejects", "German", "call", "."],
                vec!["Peter", "Blackburn"],
            ]
        );
    }
}
