//! doccano JSONL: `text` and `label: [[start, end, "TYPE"], …]`. Offsets are
//! in UTF-16 units by default, as doccano's web interface counts them (its
//! issue 2290), or in code points with `--offsets codepoints`; every record
//! says which in `offset_unit`, so Stancemark reads its own files back
//! without guessing. The document's note is `note` and mention notes are
//! `mention_notes: [[start, end, "TYPE", "note"], …]`, both only when
//! present.

use serde_json::json;

use crate::model::units::{OffsetUnit, Utf16Map};

use super::{ExportDoc, ExportOptions, ExportReport, Output};

pub(crate) fn render(
    docs: &[ExportDoc<'_>],
    options: ExportOptions,
    report: &mut ExportReport,
) -> Output {
    let unit = options.offsets.unwrap_or(OffsetUnit::Utf16);
    let mut out = String::new();
    for d in docs {
        let map = Utf16Map::new(&d.doc.text);
        let at = |offset| map.from_code_points(offset, unit);
        let labels: Vec<serde_json::Value> = d
            .mentions
            .iter()
            .map(|m| json!([at(m.span.start), at(m.span.end), m.label]))
            .collect();
        report.mentions += labels.len();
        let mut line = json!({
            "text": d.doc.text,
            "label": labels,
            "path": d.doc.path,
            "offset_unit": unit.name(),
        });
        if !d.entry.note.is_empty() {
            line["note"] = json!(d.entry.note);
        }
        let notes: Vec<serde_json::Value> = d
            .mentions
            .iter()
            .filter(|m| !m.note.is_empty())
            .map(|m| json!([at(m.span.start), at(m.span.end), m.label, m.note]))
            .collect();
        if !notes.is_empty() {
            line["mention_notes"] = json!(notes);
        }
        out.push_str(&line.to_string());
        out.push('\n');
    }
    Output::File(out.into())
}
