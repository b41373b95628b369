//! CoNLL-2003 style IOB2: `token TAG` per line, a blank line between
//! sentences, `-DOCSTART- O` between documents. Tokens and sentences follow
//! Unicode segmentation (UAX #29); mentions that do not sit on token
//! boundaries, or overlap a longer mention, are reported and left out.

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
    let sentences = sentences(&d.doc.text);
    // Each mention goes to the sentence holding its start (a binary search);
    // one running past that sentence's end cannot be tagged.
    let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
    for (i, m) in d.mentions.iter().enumerate() {
        let at = sentences.partition_point(|s| s.span.end <= m.span.start);
        match sentences.get(at) {
            Some(s) if s.span.start <= m.span.start && m.span.end <= s.span.end => {
                by_sentence[at].push(i);
            }
            Some(s) if s.span.start <= m.span.start => {
                problems.push((i, TagProblem::Misaligned));
            }
            _ => problems.push((i, TagProblem::NoTokens)),
        }
    }
    for (s, inside) in sentences.iter().zip(&by_sentence) {
        let spans: Vec<_> = inside
            .iter()
            .map(|&i| (d.mentions[i].span, d.mentions[i].label.as_str()))
            .collect();
        let (tags, bad) = iob2_tags(&s.tokens, &spans);
        let mut ok = vec![true; inside.len()];
        for (k, _) in &bad {
            ok[*k] = false;
        }
        for (k, &i) in inside.iter().enumerate() {
            placed[i] = ok[k];
        }
        problems.extend(bad.into_iter().map(|(k, p)| (inside[k], p)));
        let words = (0..s.tokens.len())
            .map(|i| s.token_text(&d.doc.text, i).to_owned())
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
