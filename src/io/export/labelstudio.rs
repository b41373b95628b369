//! Label Studio: the JSON export (a list of tasks, each with `data.text`
//! and one annotation whose `result` holds a `labels` region per mention)
//! or the JSON-MIN export (one flat record per task, `label` listing the
//! spans). Offsets are code points by default, as Label Studio stores them
//! since its fix for text with emoji (label-studio-frontend #308; UTF-16
//! with `--offsets utf16` for older versions); each task says which
//! in `meta.offset_unit` (JSON) or `offset_unit` (JSON-MIN). In the JSON
//! export a mention's note is its region's `meta.text`, the document's note
//! a `textarea` result, and suggestions (with `--include-suggestions`) go to
//! `predictions`. Relations are `relation` results between regions
//! (`direction` `right`, or `bi` for a symmetric type), in the JSON export
//! only.

use serde_json::{Value, json};

use crate::model::units::{OffsetUnit, Utf16Map};
use crate::model::{Mention, Project};

use super::json_stream::{close_array, push_item};
use super::{ExportDoc, ExportOptions, ExportReport, Output};

/// The region id of a mention: `m` and its id.
pub(crate) fn region_id(m: &Mention) -> String {
    format!("m{}", m.id.0)
}

pub(crate) fn render(
    project: &Project,
    docs: &[ExportDoc<'_>],
    options: ExportOptions,
    min: bool,
    report: &mut ExportReport,
) -> Output {
    let unit = options.offsets.unwrap_or(OffsetUnit::CodePoints);
    // Streamed: each task is printed into a piece of its own and dropped,
    // never one tree for the whole export (the bytes are the whole
    // array's pretty print; tested).
    let mut pieces: Vec<Vec<u8>> = vec![b"[".to_vec()];
    let mut tasks = 0usize;
    let mut emit = |task: &Value| {
        let mut piece = String::new();
        push_item(&mut piece, task, 1, tasks == 0);
        tasks += 1;
        pieces.push(piece.into_bytes());
    };
    for (n, d) in docs.iter().enumerate() {
        let map = Utf16Map::new(&d.doc.text);
        let at = |offset| map.from_code_points(offset, unit);
        let value = |m: &Mention| {
            json!({
                "start": at(m.span.start),
                "end": at(m.span.end),
                "text": m.quote.exact,
                "labels": [m.label],
            })
        };
        report.mentions += d.mentions.len();
        if min {
            let spans: Vec<Value> = d.mentions.iter().map(|m| value(m)).collect();
            emit(&json!({
                "id": n + 1,
                "text": d.doc.text,
                "path": d.doc.path,
                "label": spans,
                "offset_unit": unit.name(),
            }));
            continue;
        }
        let region = |m: &Mention| {
            let mut r = json!({
                "id": region_id(m),
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "origin": if m.suggested { "prediction" } else { "manual" },
                "value": value(m),
            });
            if !m.note.is_empty() {
                r["meta"] = json!({ "text": [m.note] });
            }
            if let Some(score) = d.scores.get(&m.id) {
                r["score"] = json!(f64::from(*score) / 1000.0);
            }
            r
        };
        let mut result: Vec<Value> = d
            .mentions
            .iter()
            .filter(|m| !m.suggested)
            .map(|m| region(m))
            .collect();
        for r in &d.entry.relations {
            let exported = |id| {
                d.mentions
                    .iter()
                    .find(|m| m.id == id)
                    .filter(|m| !m.suggested)
            };
            let (Some(from), Some(to)) = (exported(r.source), exported(r.target)) else {
                if d.mentions.iter().any(|m| r.uses(m.id) && m.suggested) {
                    report.left_out.push(format!(
                        "{}: relation {} {}: one of its mentions is a suggestion, written as a prediction, and a relation cannot join an annotation to a prediction; left out",
                        d.doc.path, r.id, r.label
                    ));
                }
                continue;
            };
            let symmetric = project
                .schema
                .relation_type(&r.label)
                .is_some_and(|t| t.symmetric);
            result.push(json!({
                "from_id": region_id(from),
                "to_id": region_id(to),
                "type": "relation",
                "direction": if symmetric { "bi" } else { "right" },
                "labels": [r.label],
            }));
            if !r.note.is_empty() {
                report.left_out.push(format!(
                    "{}: note of relation {} {}: Label Studio's relations hold no notes",
                    d.doc.path, r.id, r.label
                ));
            }
        }
        if !d.entry.note.is_empty() {
            result.push(json!({
                "id": "note",
                "from_name": "note",
                "to_name": "text",
                "type": "textarea",
                "value": { "text": [d.entry.note] },
            }));
        }
        // One prediction per model run, named by its model_version (a
        // Label Studio prediction's own, the command of a model run, or
        // the import); legacy suggestions as "stancemark suggestions".
        let mut predicted: std::collections::BTreeMap<String, Vec<Value>> =
            std::collections::BTreeMap::new();
        for m in d.mentions.iter().filter(|m| m.suggested) {
            let version = d.sources.get(&m.id).map_or_else(
                || "stancemark suggestions".to_owned(),
                |source| {
                    source
                        .strip_prefix(crate::io::import::LABEL_STUDIO_MODEL_VERSION)
                        .unwrap_or(source)
                        .to_owned()
                },
            );
            predicted.entry(version).or_default().push(region(m));
        }
        let mut task = json!({
            "id": n + 1,
            "data": {
                "text": d.doc.text,
                "path": d.doc.path,
                "title": d.doc.title,
                "outlet": d.outlet,
            },
            "annotations": [{
                "id": n + 1,
                "completed_by": project.annotator,
                "result": result,
                "was_cancelled": false,
            }],
            "meta": { "offset_unit": unit.name() },
        });
        if !predicted.is_empty() {
            task["predictions"] = predicted
                .into_iter()
                .map(|(version, result)| json!({ "model_version": version, "result": result }))
                .collect();
        }
        emit(&task);
    }
    pieces.push(format!("{}\n", close_array(1, tasks)).into_bytes());
    Output::File(super::content::Content::from_pieces(pieces))
}
