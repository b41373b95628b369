//! CoNLL-2003 style IOB2: `token TAG` per line, a blank line between
//! sentences, `-DOCSTART- O` and a blank line before each document.
//! Tokens and sentences come from `model::tokens::segment`, which keeps
//! every mention whole; what IOB cannot hold (the inner of two nested
//! mentions, a mention overlapping a longer one) is reported as left out.

use crate::model::iob::{Tag, iob2_tags};
use crate::model::tokens::{Layout, segment};

use super::parallel::render_each;
use super::{Content, ExportDoc, ExportOptions, ExportReport, Output};
use crate::io::corpus::Progress;

/// One sentence: its tokens' text and their tags.
pub(crate) struct Tagged<'a> {
    /// Token texts.
    pub words: Vec<&'a str>,
    /// Their IOB2 tags, naming mentions by index into `labels`.
    pub tags: Vec<Tag>,
    /// The labels of the sentence's mentions.
    pub labels: Vec<&'a str>,
}

/// The tagged sentences of a document.
pub(crate) fn tagged<'a>(
    d: &ExportDoc<'a>,
    options: ExportOptions,
    abbreviations: &[String],
    report: &mut ExportReport,
) -> Vec<Tagged<'a>> {
    let text = d.doc.text.as_str();
    let layout = if d.entry.token_lines {
        Layout::Lines
    } else {
        Layout::Text(options.tokens)
    };
    let spans: Vec<_> = d.mentions.iter().map(|m| m.span).collect();
    let sentences = segment(text, layout, &spans, abbreviations);
    // Each mention goes to the sentence holding its start (no sentence ends
    // inside a mention).
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
    for (i, m) in d.mentions.iter().enumerate() {
        let at = sentences.partition_point(|s| s.span.end <= m.span.start);
        match by_sentence.get_mut(at) {
            Some(list) => list.push(i),
            None => report.left_out.push(format!(
                "{}: mention {} {} {:?} covers no token; left out",
                d.doc.path, m.id, m.label, m.quote.exact
            )),
        }
    }
    let mut placed = 0;
    let mut out = Vec::with_capacity(sentences.len());
    for (s, inside) in sentences.iter().zip(&by_sentence) {
        let spans: Vec<_> = inside
            .iter()
            .map(|&i| (d.mentions[i].span, d.mentions[i].label.as_str()))
            .collect();
        let token_spans = s.spans();
        let (tags, problems) = iob2_tags(&token_spans, &spans);
        placed += inside.len() - problems.len();
        for (k, problem) in problems {
            let m = d.mentions[inside[k]];
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
        out.push(Tagged {
            words: s.tokens.iter().map(|t| t.text(text)).collect(),
            tags,
            labels: spans.iter().map(|(_, l)| *l).collect(),
        });
    }
    report.mentions += placed;
    out
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
        for s in tagged(d, options, abbreviations, report) {
            for (w, t) in s.words.iter().zip(&s.tags) {
                out.push_str(w);
                out.push(' ');
                t.write_to(&s.labels, &mut out);
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
