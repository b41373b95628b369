//! Tokens and sentences (Unicode UAX #29) with code-point offsets, and IOB2
//! tags for mentions: what the CoNLL and Hugging Face exports are made of.

use unicode_segmentation::UnicodeSegmentation;

use super::span::CharSpan;

/// A sentence: its code-point span and its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Span of the sentence.
    pub span: CharSpan,
    /// Tokens (word-boundary segments that are not whitespace).
    pub tokens: Vec<CharSpan>,
    /// Byte range of each token in the text (same order as `tokens`), so a
    /// token's text is taken without counting code points from the start.
    pub token_bytes: Vec<(usize, usize)>,
}

impl Sentence {
    /// The text of token `i` of this sentence in `text` (the text it was
    /// made from).
    #[must_use]
    pub fn token_text<'t>(&self, text: &'t str, i: usize) -> &'t str {
        self.token_bytes
            .get(i)
            .and_then(|&(a, b)| text.get(a..b))
            .unwrap_or_default()
    }
}

/// Splits `text` into sentences (UAX #29 sentence boundaries, so line breaks
/// end sentences) and each sentence into tokens (UAX #29 word boundaries,
/// whitespace dropped). Sentences without tokens are left out. Linear in the
/// length of the text.
#[must_use]
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut byte = 0;
    for sentence in text.split_sentence_bounds() {
        let start = offset;
        let mut tokens = Vec::new();
        let mut token_bytes = Vec::new();
        for piece in sentence.split_word_bounds() {
            let len = piece.chars().count();
            if !piece.chars().all(char::is_whitespace) {
                tokens.push(CharSpan::new(offset, offset + len));
                token_bytes.push((byte, byte + piece.len()));
            }
            offset += len;
            byte += piece.len();
        }
        if !tokens.is_empty() {
            out.push(Sentence {
                span: CharSpan::new(start, offset),
                tokens,
                token_bytes,
            });
        }
    }
    out
}

/// Why a mention cannot be expressed as IOB2 tags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TagProblem {
    /// A boundary falls inside a token.
    Misaligned,
    /// It overlaps a mention already tagged (IOB2 is flat).
    Overlaps,
    /// It covers no token.
    NoTokens,
}

/// IOB2 tags (`O`, `B-X`, `I-X`) for `tokens`, from `mentions` given as
/// (span, label). Longer mentions win over those they overlap. Returns the
/// tags and, for each mention that could not be tagged, its index and why.
#[must_use]
pub fn iob2_tags(
    tokens: &[CharSpan],
    mentions: &[(CharSpan, &str)],
) -> (Vec<String>, Vec<(usize, TagProblem)>) {
    let mut tags = vec!["O".to_owned(); tokens.len()];
    let mut taken = vec![false; tokens.len()];
    let mut problems = Vec::new();
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(mentions[i].0.len()), mentions[i].0.start));
    for i in order {
        let (span, label) = mentions[i];
        // Tokens are in order: the first that ends after the start, the last
        // that starts before the end (binary searches, not scans).
        let first = tokens.partition_point(|t| t.end <= span.start);
        let Some(last) = tokens
            .partition_point(|t| t.start < span.end)
            .checked_sub(1)
        else {
            problems.push((i, TagProblem::NoTokens));
            continue;
        };
        if first > last || first >= tokens.len() {
            problems.push((i, TagProblem::NoTokens));
            continue;
        }
        if tokens[first].start != span.start || tokens[last].end != span.end {
            problems.push((i, TagProblem::Misaligned));
            continue;
        }
        if taken[first..=last].iter().any(|t| *t) {
            problems.push((i, TagProblem::Overlaps));
            continue;
        }
        for (k, tag) in tags[first..=last].iter_mut().enumerate() {
            *tag = format!("{}-{label}", if k == 0 { "B" } else { "I" });
        }
        taken[first..=last].iter_mut().for_each(|t| *t = true);
    }
    problems.sort_by_key(|(i, _)| *i);
    (tags, problems)
}

/// Spans (with labels) encoded by IOB2 `tags` over `tokens`.
#[must_use]
pub fn decode_iob2(tokens: &[CharSpan], tags: &[String]) -> Vec<(CharSpan, String)> {
    let mut out: Vec<(CharSpan, String)> = Vec::new();
    for (token, tag) in tokens.iter().zip(tags) {
        if let Some(label) = tag.strip_prefix("B-") {
            out.push((*token, label.to_owned()));
        } else if let Some(label) = tag.strip_prefix("I-") {
            match out.last_mut() {
                Some((span, l)) if l == label && span.end <= token.start => span.end = token.end,
                _ => out.push((*token, label.to_owned())),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::span::slice;

    #[test]
    fn sentences_and_tokens_with_code_points() {
        let text = "🐟 Mr Putin said so.\r\nDr 佐藤美咲 agreed! Rene\u{301}e too";
        let s = sentences(text);
        let words: Vec<Vec<&str>> = s
            .iter()
            .map(|s| {
                s.tokens
                    .iter()
                    .map(|t| slice(text, *t).unwrap_or("?"))
                    .collect()
            })
            .collect();
        assert_eq!(
            words,
            [
                vec!["🐟", "Mr", "Putin", "said", "so", "."],
                vec!["Dr", "佐", "藤", "美", "咲", "agreed", "!"],
                vec!["Rene\u{301}e", "too"],
            ]
        );
    }

    #[test]
    fn iob2_round_trip_and_problems() {
        let text = "Mr Vladimir Putin met Rex Tillerson in Moscow.";
        let s = &sentences(text)[0];
        let span = |w: &str| {
            let b = text.find(w).expect("word");
            let start = crate::model::span::char_count_before(text, b);
            CharSpan::new(start, start + w.chars().count())
        };
        let mentions = [
            (span("Vladimir Putin"), "PER"),
            (span("Putin"), "PER"),
            (span("Rex Tillerson"), "PER"),
            (span("Mosc"), "GPE"),
            (span("in Moscow"), "LOC"),
        ];
        let (tags, problems) = iob2_tags(&s.tokens, &mentions);
        assert_eq!(
            tags,
            [
                "O", "B-PER", "I-PER", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "O"
            ]
        );
        assert_eq!(
            problems,
            [(1, TagProblem::Overlaps), (3, TagProblem::Misaligned)]
        );
        let decoded = decode_iob2(&s.tokens, &tags);
        assert_eq!(
            decoded,
            [
                (span("Vladimir Putin"), "PER".to_owned()),
                (span("Rex Tillerson"), "PER".to_owned()),
                (span("in Moscow"), "LOC".to_owned()),
            ]
        );
    }
}
