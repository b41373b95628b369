//! CoNLL-2003 style IOB2: `token TAG` per line, a blank line between
//! sentences, `-DOCSTART- O` and a blank line before each document.
//! Tokens and sentences come from `model::tokens::segment`, which keeps
//! every mention whole; what IOB cannot hold (the inner of two nested
//! mentions, a mention overlapping a longer one) is reported as left out.

use crate::model::iob::{Tag, iob2_tags_by};
use crate::model::tokens::{Layout, Token, segment_flat};

use super::parallel::render_each;
use super::{Content, ExportDoc, ExportOptions, ExportReport, Output};
use crate::io::corpus::Progress;

/// A document's tokens with their tags, and where its sentences end.
pub(crate) struct Tagged<'a> {
    /// The document's text.
    text: &'a str,
    /// Its tokens, in order.
    tokens: Vec<Token>,
    /// Their IOB2 tags, naming mentions by index into `labels`.
    pub tags: Vec<Tag>,
    /// The labels of the document's mentions.
    pub labels: Vec<&'a str>,
    /// Each sentence's tokens: indices into the tokens and `tags`.
    pub sentences: Vec<std::ops::Range<usize>>,
}

impl<'a> Tagged<'a> {
    /// The texts of the tokens in `range`.
    pub fn words(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &'a str> + '_ {
        self.tokens
            .get(range)
            .unwrap_or_default()
            .iter()
            .map(|t| t.text(self.text))
    }
}

/// The tagged tokens of a document. Tags are found for the whole document
/// at once: no sentence ends inside a mention, so a mention's tokens are
/// the same in its sentence as in the document.
pub(crate) fn tagged<'a>(
    d: &ExportDoc<'a>,
    options: ExportOptions,
    abbreviations: &[String],
    report: &mut ExportReport,
) -> Tagged<'a> {
    let text = d.doc.text.as_str();
    let layout = if d.entry.token_lines {
        Layout::Lines
    } else {
        Layout::Text(options.tokens)
    };
    let spans: Vec<_> = d
        .mentions
        .iter()
        .map(|m| (m.span, m.label.as_str()))
        .collect();
    let cuts: Vec<_> = spans.iter().map(|(s, _)| *s).collect();
    let segments = segment_flat(text, layout, &cuts, abbreviations);
    let (tags, problems) = iob2_tags_by(&segments.tokens, |t| t.span, &spans);
    for &(k, problem) in &problems {
        let m = d.mentions[k];
        report.left_out.push(format!(
            "{}: mention {} {} {:?} at {}: {}; left out",
            d.doc.path,
            m.id,
            m.label,
            m.quote.exact,
            m.span,
            problem.reason()
        ));
    }
    report.mentions += d.mentions.len() - problems.len();
    Tagged {
        text,
        tokens: segments.tokens,
        tags,
        labels: spans.iter().map(|(_, l)| *l).collect(),
        sentences: segments.sentences.into_iter().map(|s| s.tokens).collect(),
    }
}

pub(crate) fn render(
    docs: &[ExportDoc<'_>],
    options: ExportOptions,
    abbreviations: &[String],
    report: &mut ExportReport,
    progress: &dyn Progress,
) -> Output {
    let parts = render_each(docs, report, progress, |d, report| {
        let mut out = String::with_capacity(d.doc.text.len() * 2);
        out.push_str("-DOCSTART- O\n\n");
        let doc = tagged(d, options, abbreviations, report);
        for range in &doc.sentences {
            for (w, t) in doc.words(range.clone()).zip(&doc.tags[range.clone()]) {
                out.push_str(w);
                out.push(' ');
                t.write_to(&doc.labels, &mut out);
                out.push('\n');
            }
            out.push('\n');
        }
        out
    });
    Output::File(Content::from_pieces(
        parts.into_iter().map(String::into_bytes).collect(),
    ))
}
