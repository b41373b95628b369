//! WebAnno TSV 3.3, which INCEpTION imports and exports: one file per
//! document (`PATH.tsv`), its mentions on the named-entity layer
//! (`de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity`, features
//! `identifier` and `value`): the value is the type, the identifier the
//! entity's Wikidata IRI. Offsets are UTF-16 units, as INCEpTION (Java)
//! counts them. Tokens and sentences come from `model::tokens::segment`
//! (every mention boundary is a token boundary); a mention over several
//! tokens carries an id (`PER[3]`), nested mentions are stacked (`|`).
//! Each token line ends with a tab, as INCEpTION writes them. The format is
//! not CSV (no quoting; backslash escapes and `#` header lines), so it is
//! written line by line with its own escaping rules.

use std::fmt::Write as _;

use crate::io::corpus::Progress;
use crate::model::tokens::{Layout, segment};
use crate::model::units::Utf16Map;
use crate::model::{Mention, Project};

use super::parallel::render_each;
use super::{ExportDoc, ExportOptions, ExportReport, Output};

/// The named-entity layer's name.
pub(crate) const NE_LAYER: &str = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity";

/// The IRI prefix of Wikidata entities.
pub(crate) const WIKIDATA_IRI: &str = "http://www.wikidata.org/entity/";

/// Escapes the characters WebAnno TSV reserves in token text and values.
#[cfg(test)]
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape`], appended to `out` (no allocation per token).
fn escape_into(out: &mut String, text: &str) {
    let reserved = |b: &u8| {
        matches!(
            b,
            b'\\' | b'[' | b']' | b'|' | b'_' | b';' | b'*' | b'-' | b'\t' | b'\n' | b'\r'
        )
    };
    if !text.as_bytes().iter().any(reserved) {
        out.push_str(text);
        return;
    }
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '[' | ']' | '|' | '_' | ';' | '*' => {
                out.push('\\');
                out.push(c);
            }
            '-' if chars.peek() == Some(&'>') => out.push_str("\\-"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => out.push(c),
        }
    }
}

/// Every document's file, rendered on all cores.
pub(crate) fn render(
    project: &Project,
    docs: &[ExportDoc<'_>],
    options: ExportOptions,
    report: &mut ExportReport,
    progress: &dyn Progress,
) -> Output {
    let texts = render_each(docs, report, progress, |d, report| {
        report.mentions += d.mentions.len();
        document(project, d, options)
    });
    Output::Folder(
        docs.iter()
            .zip(texts)
            .map(|(d, text)| (format!("{}.tsv", d.doc.path), text.into()))
            .collect(),
    )
}

/// Appends one column of a token line: the values of the mentions on it
/// (`on`), each with its id when it spans several tokens, or `_`.
fn column(
    out: &mut String,
    on: &[usize],
    ids: &[Option<usize>],
    value: impl Fn(&mut String, usize),
) {
    if on.is_empty() {
        out.push('_');
        return;
    }
    for (k, &i) in on.iter().enumerate() {
        if k > 0 {
            out.push('|');
        }
        value(out, i);
        if let Some(id) = ids[i] {
            let _ = write!(out, "[{id}]");
        }
    }
}

fn document(project: &Project, d: &ExportDoc<'_>, options: ExportOptions) -> String {
    let text = d.doc.text.as_str();
    let map = Utf16Map::new(text);
    let layout = if d.entry.token_lines {
        Layout::Lines
    } else {
        Layout::Text(options.tokens)
    };
    let spans: Vec<_> = d.mentions.iter().map(|m| m.span).collect();
    let sentences = segment(text, layout, &spans, &project.schema.abbreviations);
    let mut out = String::with_capacity(text.len() * 4);
    out.push_str("#FORMAT=WebAnno TSV 3.3\n#T_SP=");
    out.push_str(NE_LAYER);
    out.push_str("|identifier|value\n\n");
    // The mentions on each token, by a sweep in reading order (mentions
    // are sorted by start), kept flat: token t's are
    // `on_token[starts[t]..starts[t + 1]]`.
    let mut order: Vec<usize> = (0..d.mentions.len()).collect();
    order.sort_by_key(|&i| (d.mentions[i].span.start, d.mentions[i].span.end));
    let mut on_token: Vec<usize> = Vec::new();
    let mut starts: Vec<usize> = vec![0];
    let mut tokens_of = vec![0usize; d.mentions.len()];
    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    for t in sentences.iter().flat_map(|s| &s.tokens) {
        while next < order.len() && d.mentions[order[next]].span.start <= t.span.start {
            active.push(order[next]);
            next += 1;
        }
        active.retain(|&i| d.mentions[i].span.end > t.span.start);
        for &i in &active {
            if d.mentions[i].span.contains_span(t.span) {
                tokens_of[i] += 1;
                on_token.push(i);
            }
        }
        starts.push(on_token.len());
    }
    // Mentions over several tokens get ids, in reading order.
    let mut ids: Vec<Option<usize>> = vec![None; d.mentions.len()];
    let mut next_id = 1;
    for &i in &order {
        if tokens_of[i] > 1 {
            ids[i] = Some(next_id);
            next_id += 1;
        }
    }
    let identifier = |out: &mut String, i: usize| {
        let m: &Mention = d.mentions[i];
        match m
            .entity
            .and_then(|e| project.entities.get(&e))
            .and_then(|e| e.kb_id.as_ref())
        {
            Some(q) => {
                escape_into(out, WIKIDATA_IRI);
                escape_into(out, q);
            }
            None => out.push('*'),
        }
    };
    let value = |out: &mut String, i: usize| escape_into(out, &d.mentions[i].label);
    let mut token_index = 0;
    for (n, s) in sentences.iter().enumerate() {
        out.push('\n');
        let first = s.tokens.first().map_or(0, |t| t.bytes.0);
        let last = s.tokens.last().map_or(0, |t| t.bytes.1);
        for line in text[first..last].split('\n') {
            out.push_str("#Text=");
            escape_into(&mut out, line.trim_end_matches('\r'));
            out.push('\n');
        }
        for (k, t) in s.tokens.iter().enumerate() {
            let on = &on_token[starts[token_index]..starts[token_index + 1]];
            token_index += 1;
            let _ = write!(
                out,
                "{}-{}\t{}-{}\t",
                n + 1,
                k + 1,
                map.to_utf16(t.span.start),
                map.to_utf16(t.span.end),
            );
            escape_into(&mut out, t.text(text));
            out.push('\t');
            column(&mut out, on, &ids, identifier);
            out.push('\t');
            column(&mut out, on, &ids, value);
            out.push_str("\t\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn reserved_characters_are_escaped() {
        assert_eq!(escape("escape[t]his;token"), "escape\\[t\\]his\\;token");
        assert_eq!(escape("a|b\\c"), "a\\|b\\\\c");
        assert_eq!(escape("x->y_z*"), "x\\->y\\_z\\*");
        assert_eq!(escape("plain 😊 text"), "plain 😊 text");
    }
}
