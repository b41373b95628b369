//! spaCy-style JSONL: one document per line, code-point offsets, so Python's
//! `text[start:end]` is the mention and `Doc.char_span` works on token
//! boundaries. Each span carries its entity (`entity`, `entity_name`,
//! `kb_id`) and note; `meta.note` is the document's note. A document with
//! relations also gets Prodigy's relation shape: `tokens` (`text`, `start`,
//! `end`, `id`, `ws`; cut so every mention edge is a token edge), each
//! span's `token_start` and `token_end`, and `relations` with `head` and
//! `child` (the last token of each span), `head_span`, `child_span`,
//! `label` and the relation's `note`.

use serde_json::{Value, json};

use crate::model::Project;

use super::{ExportDoc, ExportReport, Output};
use crate::model::tokens::{Layout, TokenMode, segment_flat};

pub(crate) fn render(
    project: &Project,
    docs: &[ExportDoc<'_>],
    report: &mut ExportReport,
) -> Output {
    let mut out = String::new();
    for d in docs {
        let spans: Vec<serde_json::Value> = d
            .mentions
            .iter()
            .map(|m| {
                let mut span = json!({ "start": m.span.start, "end": m.span.end, "label": m.label, "text": m.quote.exact });
                if let Some(e) = m.entity.and_then(|e| project.entities.get(&e)) {
                    span["entity"] = json!(e.id.0);
                    span["entity_name"] = json!(e.name);
                    if let Some(kb) = &e.kb_id {
                        span["kb_id"] = json!(kb);
                    }
                }
                if m.suggested {
                    span["suggested"] = json!(true);
                }
                if let Some(score) = d.scores.get(&m.id) {
                    span["score"] = json!(f64::from(*score) / 1000.0);
                }
                if !m.note.is_empty() {
                    span["note"] = json!(m.note);
                }
                span
            })
            .collect();
        report.mentions += spans.len();
        let mut spans = spans;
        let relations = relations_of(d, &mut spans);
        let mut line = json!({
            "text": d.doc.text,
            "spans": spans,
            "meta": {
                "path": d.doc.path,
                "title": d.doc.title,
                "date": d.doc.date,
                "outlet": d.outlet,
                "status": d.entry.status.label(),
                "annotator": project.annotator,
                "note": d.entry.note,
            },
        });
        if let Some((tokens, relations)) = relations {
            line["tokens"] = tokens;
            line["relations"] = relations;
        }
        out.push_str(&line.to_string());
        out.push('\n');
    }
    Output::File(out.into())
}

/// For a document with relations: its tokens and its relations in
/// Prodigy's shape, and each of `spans` (the document's exported mentions,
/// in order) given its `token_start` and `token_end`. `None` without
/// relations between exported mentions.
fn relations_of(d: &ExportDoc<'_>, spans: &mut [Value]) -> Option<(Value, Value)> {
    let index_of = |id| d.mentions.iter().position(|m| m.id == id);
    let kept: Vec<_> = d
        .entry
        .relations
        .iter()
        .filter_map(|r| Some((r, index_of(r.source)?, index_of(r.target)?)))
        .collect();
    if kept.is_empty() {
        return None;
    }
    let text = d.doc.text.as_str();
    let cuts: Vec<_> = d.mentions.iter().map(|m| m.span).collect();
    let tokens = segment_flat(text, Layout::Text(TokenMode::Unicode), &cuts, &[]).tokens;
    let token_json: Vec<Value> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let ws = text
                .get(t.bytes.1..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_whitespace);
            json!({ "text": t.text(text), "start": t.span.start, "end": t.span.end, "id": i, "ws": ws })
        })
        .collect();
    for (m, span) in d.mentions.iter().zip(spans.iter_mut()) {
        let first = tokens.partition_point(|t| t.span.end <= m.span.start);
        let last = tokens
            .partition_point(|t| t.span.start < m.span.end)
            .saturating_sub(1)
            .max(first);
        span["token_start"] = json!(first);
        span["token_end"] = json!(last);
    }
    let relations: Vec<Value> = kept
        .into_iter()
        .map(|(r, a, b)| {
            let head_span = spans[a].clone();
            let child_span = spans[b].clone();
            let mut rel = json!({
                "head": head_span["token_end"],
                "child": child_span["token_end"],
                "head_span": { "start": head_span["start"], "end": head_span["end"], "token_start": head_span["token_start"], "token_end": head_span["token_end"], "label": head_span["label"] },
                "child_span": { "start": child_span["start"], "end": child_span["end"], "token_start": child_span["token_start"], "token_end": child_span["token_end"], "label": child_span["label"] },
                "label": r.label,
            });
            if !r.note.is_empty() {
                rel["note"] = json!(r.note);
            }
            rel
        })
        .collect();
    Some((Value::Array(token_json), Value::Array(relations)))
}
