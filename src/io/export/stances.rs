//! One row per stance, as JSON lines or CSV: document, outlet, holder,
//! target, polarity, level, intensity, reported-as, evidence (code-point
//! offsets and text), annotator, note.

use serde_json::{Value, json};

use crate::model::{Holder, Project, Stance, Target};

use super::{Content, ExportDoc, ExportReport, Output};

fn holder_json(project: &Project, holder: &Holder, outlet: &str) -> Value {
    match holder {
        Holder::Entity(e) => {
            json!({ "kind": "entity", "id": e.0, "name": project.holder_name(holder, outlet),
            "type": project.entities.get(e).map(|e| e.label.clone()),
            "kb_id": project.entities.get(e).and_then(|e| e.kb_id.clone()) })
        }
        Holder::Author => json!({ "kind": "author", "name": outlet }),
    }
}

fn target_json(project: &Project, target: &Target) -> Value {
    match target {
        Target::Entity(e) => {
            json!({ "kind": "entity", "id": e.0, "text": project.entities.get(e).map(|e| e.name.clone()),
            "type": project.entities.get(e).map(|e| e.label.clone()),
            "kb_id": project.entities.get(e).and_then(|e| e.kb_id.clone()) })
        }
        Target::Claim(c) => {
            json!({ "kind": "claim", "id": c.0, "text": project.claims.get(c).map(|c| c.text.clone()) })
        }
        Target::Topic(t) => json!({ "kind": "topic", "text": t }),
    }
}

fn row(project: &Project, d: &ExportDoc<'_>, s: &Stance) -> Value {
    json!({
        "document": d.doc.path,
        "outlet": d.outlet,
        "stance": s.id.0,
        "holder": holder_json(project, &s.holder, &d.outlet),
        "target": target_json(project, &s.target),
        "polarity": s.polarity,
        "level": match s.level { crate::model::Level::Span => "span", crate::model::Level::Document => "document" },
        "intensity": s.intensity.map(|i| i.label()),
        "reported_as": s.reported_as.map(|r| r.label()),
        "evidence": s.evidence.iter().map(|e| json!({ "start": e.span.start, "end": e.span.end, "text": e.quote.exact })).collect::<Vec<_>>(),
        "quotation": s.quotation.map(|q| q.0),
        "note": s.note,
        "annotator": project.annotator,
    })
}

pub(crate) fn render_jsonl(
    project: &Project,
    docs: &[ExportDoc<'_>],
    report: &mut ExportReport,
) -> Output {
    let mut out = String::new();
    for d in docs {
        for s in &d.entry.stances {
            out.push_str(&row(project, d, s).to_string());
            out.push('\n');
            report.stances += 1;
        }
    }
    Output::File(out.into())
}

/// CSV columns, in order.
pub(crate) const CSV_HEADER: [&str; 17] = [
    "document",
    "outlet",
    "stance",
    "holder_kind",
    "holder_id",
    "holder_name",
    "target_kind",
    "target_id",
    "target_text",
    "polarity",
    "level",
    "intensity",
    "reported_as",
    "evidence_offsets",
    "evidence_text",
    "annotator",
    "note",
];

pub(crate) fn render_csv(
    project: &Project,
    docs: &[ExportDoc<'_>],
    report: &mut ExportReport,
) -> Output {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(CSV_HEADER);
    for d in docs {
        for s in &d.entry.stances {
            let v = row(project, d, s);
            let text = |v: &Value| match v {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let offsets = s
                .evidence
                .iter()
                .map(|e| format!("{}-{}", e.span.start, e.span.end))
                .collect::<Vec<_>>()
                .join(";");
            let evidence = s
                .evidence
                .iter()
                .map(|e| e.quote.exact.clone())
                .collect::<Vec<_>>()
                .join(" | ");
            let record = [
                text(&v["document"]),
                text(&v["outlet"]),
                text(&v["stance"]),
                text(&v["holder"]["kind"]),
                text(&v["holder"]["id"]),
                text(&v["holder"]["name"]),
                text(&v["target"]["kind"]),
                text(&v["target"]["id"]),
                text(&v["target"]["text"]),
                text(&v["polarity"]),
                text(&v["level"]),
                text(&v["intensity"]),
                text(&v["reported_as"]),
                offsets,
                evidence,
                text(&v["annotator"]),
                text(&v["note"]),
            ];
            let _ = writer.write_record(
                record
                    .iter()
                    .map(|c| super::csv_safe::csv_cell(c).into_owned()),
            );
            report.stances += 1;
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    Output::File(Content::from_pieces(vec![bytes]))
}
