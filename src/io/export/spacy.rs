//! spaCy-style JSONL: one document per line, code-point offsets, so Python's
//! `text[start:end]` is the mention and `Doc.char_span` works on token
//! boundaries. Each span carries its entity (`entity`, `entity_name`,
//! `kb_id`) and note; `meta.note` is the document's note.

use serde_json::json;

use crate::model::Project;

use super::{ExportDoc, ExportReport, Output};

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
                if !m.note.is_empty() {
                    span["note"] = json!(m.note);
                }
                span
            })
            .collect();
        report.mentions += spans.len();
        let line = json!({
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
        out.push_str(&line.to_string());
        out.push('\n');
    }
    Output::File(out.into())
}
