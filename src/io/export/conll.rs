//! CoNLL-2003 style IOB2: `token TAG` per line, a blank line between
//! sentences, `-DOCSTART- O` between documents. Tokens and sentences follow
//! Unicode segmentation (UAX #29); mentions that do not sit on token
//! boundaries, or overlap a longer mention, are reported and left out.

use crate::model::span::slice;
use crate::model::tokens::{TagProblem, iob2_tags, sentences};

use super::{ExportDoc, ExportReport, Output};

/// Tagged sentences of a document: (tokens as text, tags), plus warnings.
pub(crate) fn tagged(
    d: &ExportDoc<'_>,
    report: &mut ExportReport,
) -> Vec<(Vec<String>, Vec<String>)> {
    let mut out = Vec::new();
    let mut placed = vec![false; d.mentions.len()];
    let mut problems: Vec<(usize, TagProblem)> = Vec::new();
    for s in sentences(&d.doc.text) {
        let inside: Vec<usize> = (0..d.mentions.len())
            .filter(|&i| d.mentions[i].span.overlaps(s.span))
            .collect();
        let spans: Vec<_> = inside
            .iter()
            .map(|&i| (d.mentions[i].span, d.mentions[i].label.as_str()))
            .collect();
        let (tags, bad) = iob2_tags(&s.tokens, &spans);
        let bad_local: Vec<usize> = bad.iter().map(|(k, _)| *k).collect();
        for (k, &i) in inside.iter().enumerate() {
            if d.mentions[i].span.start < s.span.start || d.mentions[i].span.end > s.span.end {
                problems.push((i, TagProblem::Misaligned));
            } else if !bad_local.contains(&k) {
                placed[i] = true;
            }
        }
        problems.extend(bad.into_iter().map(|(k, p)| (inside[k], p)));
        let words = s
            .tokens
            .iter()
            .map(|t| slice(&d.doc.text, *t).unwrap_or_default().to_owned())
            .collect();
        out.push((words, tags));
    }
    problems.sort_by_key(|(i, _)| *i);
    problems.dedup_by_key(|(i, _)| *i);
    for (i, problem) in problems {
        if placed[i] {
            continue;
        }
        let m = d.mentions[i];
        let why = match problem {
            TagProblem::Misaligned => "does not align with token or sentence boundaries",
            TagProblem::Overlaps => "overlaps a longer mention (IOB2 is flat)",
            TagProblem::NoTokens => "covers no token",
        };
        report.warnings.push(format!(
            "{}: mention {} {} {:?} {why}; left out",
            d.doc.path, m.id, m.span, m.quote.exact
        ));
    }
    report.mentions += placed.iter().filter(|p| **p).count();
    out
}

pub(crate) fn render(docs: &[ExportDoc<'_>], report: &mut ExportReport) -> Output {
    let mut out = String::new();
    for d in docs {
        out.push_str("-DOCSTART- O\n\n");
        for (words, tags) in tagged(d, report) {
            for (w, t) in words.iter().zip(&tags) {
                out.push_str(w);
                out.push(' ');
                out.push_str(t);
                out.push('\n');
            }
            out.push('\n');
        }
    }
    Output::File(out)
}
