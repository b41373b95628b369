//! One JSON line per quotation, in the shape attribution datasets use
//! (PARC's source / cue / content, Citron's several content spans): the
//! document and outlet, the speaker's text, type, entity and QID, the cue,
//! the contents with code-point offsets, the kind, the source chain, the
//! words quoted and the note.

use serde_json::{Value, json};

use crate::model::{DocAnnotations, MentionId, Project, Quotation};

use super::{ExportDoc, ExportReport, Output};

/// A mention of `entry` as JSON: offsets, text, type and entity.
fn mention_json(project: &Project, entry: &DocAnnotations, id: MentionId) -> Value {
    let Some(m) = entry.mention(id) else {
        return Value::Null;
    };
    let entity = m
        .entity
        .and_then(|e| project.entities.get(&e).map(|x| (e, x)));
    json!({
        "start": m.span.start,
        "end": m.span.end,
        "text": m.quote.exact,
        "type": m.label,
        "suggested": m.suggested,
        "note": m.note,
        "entity": entity.map(|(e, x)| json!({
            "id": e.0,
            "name": x.name,
            "kb_id": x.kb_id,
        })),
    })
}

fn span_json(e: &crate::model::Evidence) -> Value {
    json!({ "start": e.span.start, "end": e.span.end, "text": e.quote.exact })
}

fn row(project: &Project, d: &ExportDoc<'_>, q: &Quotation) -> Value {
    json!({
        "document": d.doc.path,
        "outlet": d.outlet,
        "quotation": q.id.0,
        "speaker": q.speaker.map_or(Value::Null, |m| mention_json(project, d.entry, m)),
        "cue": q.cue.as_ref().map_or(Value::Null, span_json),
        "contents": q.contents.iter().map(span_json).collect::<Vec<_>>(),
        "kind": q.kind.label(),
        "sources": q.sources.iter().map(|&m| mention_json(project, d.entry, m)).collect::<Vec<_>>(),
        "words": q.words(),
        "note": q.note,
        "annotator": project.annotator,
    })
}

/// Renders every quotation of `docs`, in document order.
pub(crate) fn render(
    project: &Project,
    docs: &[ExportDoc<'_>],
    report: &mut ExportReport,
) -> Output {
    let mut out = String::new();
    for d in docs {
        for q in &d.entry.quotations {
            out.push_str(&row(project, d, q).to_string());
            out.push('\n');
            report.quotations += 1;
        }
    }
    Output::File(out.into())
}
