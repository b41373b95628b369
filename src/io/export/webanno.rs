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

use crate::model::tokens::{Layout, segment};
use crate::model::units::Utf16Map;
use crate::model::{Mention, Project};

use super::{ExportDoc, ExportOptions, ExportReport, Output};

/// The named-entity layer's name.
pub(crate) const NE_LAYER: &str = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity";

/// The IRI prefix of Wikidata entities.
pub(crate) const WIKIDATA_IRI: &str = "http://www.wikidata.org/entity/";

/// Escapes the characters WebAnno TSV reserves in token text and values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
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
    out
}

pub(crate) fn render(
    project: &Project,
    docs: &[ExportDoc<'_>],
    options: ExportOptions,
    report: &mut ExportReport,
) -> Output {
    let files = docs
        .iter()
        .map(|d| {
            report.mentions += d.mentions.len();
            (
                format!("{}.tsv", d.doc.path),
                document(project, d, options).into(),
            )
        })
        .collect();
    Output::Folder(files)
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
    let mut out = format!("#FORMAT=WebAnno TSV 3.3\n#T_SP={NE_LAYER}|identifier|value\n\n");
    // The mentions on each token, by a sweep in reading order (mentions
    // are sorted by start).
    let mut order: Vec<usize> = (0..d.mentions.len()).collect();
    order.sort_by_key(|&i| (d.mentions[i].span.start, d.mentions[i].span.end));
    let mut on_token: Vec<Vec<usize>> = Vec::new();
    let mut tokens_of = vec![0usize; d.mentions.len()];
    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    for t in sentences.iter().flat_map(|s| &s.tokens) {
        while next < order.len() && d.mentions[order[next]].span.start <= t.span.start {
            active.push(order[next]);
            next += 1;
        }
        active.retain(|&i| d.mentions[i].span.end > t.span.start);
        let here: Vec<usize> = active
            .iter()
            .copied()
            .filter(|&i| d.mentions[i].span.contains_span(t.span))
            .collect();
        for &i in &here {
            tokens_of[i] += 1;
        }
        on_token.push(here);
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
    let mut token_index = 0;
    for (n, s) in sentences.iter().enumerate() {
        out.push('\n');
        let first = s.tokens.first().map_or(0, |t| t.bytes.0);
        let last = s.tokens.last().map_or(0, |t| t.bytes.1);
        for line in text[first..last].split('\n') {
            out.push_str("#Text=");
            out.push_str(&escape(line.trim_end_matches('\r')));
            out.push('\n');
        }
        for (k, t) in s.tokens.iter().enumerate() {
            let on: Vec<(usize, &Mention)> = on_token[token_index]
                .iter()
                .map(|&i| (i, d.mentions[i]))
                .collect();
            token_index += 1;
            let column = |f: &dyn Fn(&Mention) -> String| -> String {
                if on.is_empty() {
                    return "_".to_owned();
                }
                on.iter()
                    .map(|(i, m)| match ids[*i] {
                        Some(id) => format!("{}[{id}]", f(m)),
                        None => f(m),
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            };
            let identifier = column(&|m: &Mention| {
                m.entity
                    .and_then(|e| project.entities.get(&e))
                    .and_then(|e| e.kb_id.as_ref())
                    .map_or_else(|| "*".to_owned(), |q| escape(&format!("{WIKIDATA_IRI}{q}")))
            });
            let value = column(&|m: &Mention| escape(&m.label));
            out.push_str(&format!(
                "{}-{}\t{}-{}\t{}\t{identifier}\t{value}\t\n",
                n + 1,
                k + 1,
                map.to_utf16(t.span.start),
                map.to_utf16(t.span.end),
                escape(t.text(text)),
            ));
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
