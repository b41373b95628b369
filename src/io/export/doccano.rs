//! doccano JSONL: `text` and `label: [[start, end, "TYPE"], …]`. Offsets are
//! code points (doccano itself counts UTF-16 units; see the README). The
//! document's note is `note` and mention notes are
//! `mention_notes: [[start, end, "note"], …]`, both only when present.

use serde_json::json;

use super::{ExportDoc, ExportReport, Output};

pub(crate) fn render(docs: &[ExportDoc<'_>], report: &mut ExportReport) -> Output {
    let mut out = String::new();
    for d in docs {
        let labels: Vec<serde_json::Value> = d
            .mentions
            .iter()
            .map(|m| json!([m.span.start, m.span.end, m.label]))
            .collect();
        report.mentions += labels.len();
        let mut line = json!({ "text": d.doc.text, "label": labels, "path": d.doc.path });
        // Notes ride along as extra keys, which doccano keeps as metadata.
        if !d.entry.note.is_empty() {
            line["note"] = json!(d.entry.note);
        }
        let notes: Vec<serde_json::Value> = d
            .mentions
            .iter()
            .filter(|m| !m.note.is_empty())
            .map(|m| json!([m.span.start, m.span.end, m.note]))
            .collect();
        if !notes.is_empty() {
            line["mention_notes"] = json!(notes);
        }
        out.push_str(&line.to_string());
        out.push('\n');
    }
    Output::File(out)
}
