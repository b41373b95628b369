//! doccano JSONL: `text` and `label: [[start, end, "TYPE"], …]`. Offsets are
//! code points (doccano itself counts UTF-16 units; see the README).

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
        let line = json!({ "text": d.doc.text, "label": labels, "path": d.doc.path });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    Output::File(out)
}
