//! Token tags for mentions: writing IOB2 (`O`, `B-X`, `I-X`), and reading
//! IOB2, IOB1, BIOES/BILOU and plain IO tags back into spans.

use super::span::CharSpan;

/// Why a mention cannot be written as IOB tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagProblem {
    /// It lies inside a longer mention that was tagged: IOB holds one layer.
    Nested,
    /// Another mention on the very same words was tagged: IOB gives each
    /// token one label.
    SameSpan,
    /// It overlaps a longer mention without lying inside it.
    Overlaps,
    /// It covers no token (only spaces).
    NoTokens,
    /// A boundary falls inside a token.
    Misaligned,
}

impl TagProblem {
    /// Why, for the user.
    #[must_use]
    pub fn reason(self) -> &'static str {
        match self {
            Self::Nested => "nested inside a longer mention: IOB tags hold one layer",
            Self::SameSpan => {
                "a second label on the very same words: IOB tags hold one layer, one label per token"
            }
            Self::Overlaps => "overlaps a longer mention: IOB tags hold one layer",
            Self::NoTokens => "covers no token",
            Self::Misaligned => "does not align with token boundaries",
        }
    }
}

/// One token's IOB2 tag, naming the mention (an index) it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    /// `O`: outside every mention.
    Outside,
    /// `B-X`: the first token of mention `i`.
    Begin(usize),
    /// `I-X`: a further token of mention `i`.
    Inside(usize),
}

impl Tag {
    /// The tag as text, with the labels of the mentions it was made for.
    #[must_use]
    pub fn text(self, labels: &[&str]) -> String {
        let mut out = String::new();
        self.write_to(labels, &mut out);
        out
    }

    /// Appends the tag's text (as [`Tag::text`]) to `out` without allocating.
    pub fn write_to(self, labels: &[&str], out: &mut String) {
        let (prefix, i) = match self {
            Self::Outside => {
                out.push('O');
                return;
            }
            Self::Begin(i) => ("B-", i),
            Self::Inside(i) => ("I-", i),
        };
        out.push_str(prefix);
        out.push_str(labels.get(i).copied().unwrap_or("MISC"));
    }
}

/// IOB2 tags for `tokens` (in order), from `mentions` given as (span,
/// label). Longer mentions win over those they overlap. Returns the tags
/// and, for each mention that could not be tagged, its index and why.
#[must_use]
pub fn iob2_tags(
    tokens: &[CharSpan],
    mentions: &[(CharSpan, &str)],
) -> (Vec<Tag>, Vec<(usize, TagProblem)>) {
    iob2_tags_by(tokens, |t| *t, mentions)
}

/// [`iob2_tags`] for tokens of any kind, whose spans `span_of` gives: no
/// list of spans is made.
#[must_use]
pub fn iob2_tags_by<T>(
    tokens: &[T],
    span_of: impl Fn(&T) -> CharSpan,
    mentions: &[(CharSpan, &str)],
) -> (Vec<Tag>, Vec<(usize, TagProblem)>) {
    let mut tags = vec![Tag::Outside; tokens.len()];
    let mut problems = Vec::new();
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(mentions[i].0.len()), mentions[i].0.start));
    for i in order {
        let span = mentions[i].0;
        let first = tokens.partition_point(|t| span_of(t).end <= span.start);
        let Some(last) = tokens
            .partition_point(|t| span_of(t).start < span.end)
            .checked_sub(1)
            .filter(|&last| first <= last && first < tokens.len())
        else {
            problems.push((i, TagProblem::NoTokens));
            continue;
        };
        if span_of(&tokens[first]).start != span.start || span_of(&tokens[last]).end != span.end {
            problems.push((i, TagProblem::Misaligned));
            continue;
        }
        // A token already tagged belongs to a longer (or earlier) mention.
        let owner = tags[first..=last].iter().find_map(|t| match *t {
            Tag::Outside => None,
            Tag::Begin(o) | Tag::Inside(o) => Some(o),
        });
        if let Some(other) = owner {
            let problem = if mentions[other].0 == span {
                TagProblem::SameSpan
            } else if mentions[other].0.contains_span(span) {
                TagProblem::Nested
            } else {
                TagProblem::Overlaps
            };
            problems.push((i, problem));
            continue;
        }
        for (k, tag) in tags[first..=last].iter_mut().enumerate() {
            *tag = if k == 0 {
                Tag::Begin(i)
            } else {
                Tag::Inside(i)
            };
        }
    }
    problems.sort_by_key(|(i, _)| *i);
    (tags, problems)
}

/// The spans (with labels) that `tags` mark over `tokens`. Reads IOB2, IOB1
/// (`I-X` may start a mention), BIOES/BILOU (`S-`/`U-` single, `E-`/`L-`
/// last) and plain IO tags (`PER` alone).
#[must_use]
pub fn decode_tags<S: AsRef<str>>(tokens: &[CharSpan], tags: &[S]) -> Vec<(CharSpan, String)> {
    let mut out: Vec<(CharSpan, String)> = Vec::new();
    // The mention still open, as an index into `out`.
    let mut open: Option<usize> = None;
    for (token, tag) in tokens.iter().zip(tags) {
        let tag = tag.as_ref();
        if tag == "O" || tag.is_empty() || tag == "_" {
            open = None;
            continue;
        }
        let (prefix, label) = match tag.split_once('-') {
            Some((p, l)) if matches!(p, "B" | "I" | "E" | "L" | "S" | "U") && !l.is_empty() => {
                (p, l)
            }
            _ => ("I", tag),
        };
        let continues = matches!(prefix, "I" | "E" | "L")
            && open.is_some_and(|o| out[o].1 == label && out[o].0.end <= token.start);
        if continues {
            if let Some(o) = open {
                out[o].0 = CharSpan::new(out[o].0.start, token.end);
            }
        } else {
            out.push((*token, label.to_owned()));
            open = Some(out.len() - 1);
        }
        if matches!(prefix, "E" | "L" | "S" | "U") {
            open = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(n: usize) -> Vec<CharSpan> {
        (0..n).map(|i| CharSpan::new(i * 2, i * 2 + 1)).collect()
    }

    #[test]
    fn iob2_round_trip_and_problems() {
        let t = toks(9);
        let span = |a: usize, b: usize| CharSpan::new(t[a].start, t[b].end);
        let mentions = [
            (span(1, 2), "PER"),
            (span(2, 2), "PER"),
            (span(4, 5), "PER"),
            (CharSpan::new(t[6].start, t[6].end + 1), "GPE"),
            (span(6, 7), "LOC"),
            (span(5, 6), "ORG"),
            (span(4, 5), "ORG"),
        ];
        let (tags, problems) = iob2_tags(&t, &mentions);
        let labels: Vec<&str> = mentions.iter().map(|m| m.1).collect();
        for tag in &tags {
            let mut written = String::new();
            tag.write_to(&labels, &mut written);
            assert_eq!(written, tag.text(&labels));
        }
        let tags: Vec<String> = tags.iter().map(|t| t.text(&labels)).collect();
        assert_eq!(
            tags,
            [
                "O", "B-PER", "I-PER", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "O"
            ]
        );
        assert_eq!(
            problems,
            [
                (1, TagProblem::Nested),
                (3, TagProblem::Misaligned),
                (5, TagProblem::Overlaps),
                (6, TagProblem::SameSpan)
            ]
        );
        assert_eq!(
            decode_tags(&t, &tags),
            [
                (span(1, 2), "PER".to_owned()),
                (span(4, 5), "PER".to_owned()),
                (span(6, 7), "LOC".to_owned()),
            ]
        );
    }

    #[test]
    fn other_schemes_decode_to_the_same_spans() {
        let t = toks(7);
        let span = |a: usize, b: usize| CharSpan::new(t[a].start, t[b].end);
        let expected = vec![
            (span(0, 1), "PER".to_owned()),
            (span(2, 2), "PER".to_owned()),
            (span(4, 4), "ORG".to_owned()),
            (span(5, 6), "LOC".to_owned()),
        ];
        let schemes: [[&str; 7]; 4] = [
            // IOB2
            ["B-PER", "I-PER", "B-PER", "O", "B-ORG", "B-LOC", "I-LOC"],
            // IOB1: B- only where a mention follows one of the same type.
            ["I-PER", "I-PER", "B-PER", "O", "I-ORG", "I-LOC", "I-LOC"],
            // BIOES
            ["B-PER", "E-PER", "S-PER", "O", "S-ORG", "B-LOC", "E-LOC"],
            // BILOU
            ["B-PER", "L-PER", "U-PER", "O", "U-ORG", "B-LOC", "L-LOC"],
        ];
        for tags in schemes {
            assert_eq!(decode_tags(&t, &tags), expected, "{tags:?}");
        }
    }
}
