//! JSON-lines readers: spaCy (and Prodigy-style) spans, doccano's
//! sequence-labelling and relation exports, Stancemark's stance rows.

use serde_json::Value;

use crate::model::import_merge::{
    ImportRecord, ImportedEntity, ImportedHolder, ImportedMention, ImportedRelation,
    ImportedStance, ImportedTarget,
};
use crate::model::units::OffsetUnit;
use crate::model::{Intensity, Level, ReportedAs};

use super::fields::UnknownFields;
use super::{ImportFormat, ReadOptions, ReadRecords};

/// Fields of a spaCy record and of one of its spans that are read (or, for
/// tokens and hashes, derived from the text and safely left).
const SPACY_FIELDS: [&str; 4] = ["text", "spans", "ents", "meta"];
const SPACY_META: [&str; 7] = [
    "path",
    "title",
    "date",
    "outlet",
    "status",
    "annotator",
    "note",
];
const SPACY_SPAN: [&str; 11] = [
    "start",
    "end",
    "label",
    "text",
    "entity",
    "kb_id",
    "entity_name",
    "note",
    "suggested",
    "score",
    "token_start",
];
const DOCCANO_FIELDS: [&str; 9] = [
    "text",
    "label",
    "labels",
    "entities",
    "path",
    "note",
    "mention_notes",
    "offset_unit",
    "id",
];

/// Parses JSON lines; `name` prefixes messages.
pub(super) fn parse(
    format: ImportFormat,
    name: &str,
    text: &str,
    options: ReadOptions,
) -> ReadRecords {
    let mut out = ReadRecords::default();
    let mut unknown = UnknownFields::default();
    for (i, line) in text.lines().enumerate() {
        let origin = format!("{name}:{}", i + 1);
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                out.problems
                    .push(format!("{origin}: not valid JSON ({e}); line left out"));
                continue;
            }
        };
        let record = match format {
            ImportFormat::Spacy => spacy(&origin, &value, &mut unknown, &mut out.problems),
            ImportFormat::Doccano => {
                doccano(&origin, &value, options, &mut unknown, &mut out.problems)
            }
            ImportFormat::QuotationsJsonl => {
                super::quotations::row(&origin, &value, &mut out.problems)
            }
            _ => stance_row(&origin, &value, &mut out.problems),
        };
        match record {
            Ok(r) => out.records.push(r),
            Err(e) => out.problems.push(format!("{origin}: {e}; line left out")),
        }
    }
    unknown.report(&mut out.problems);
    out
}

fn offset(v: &Value, what: &str) -> Result<usize, String> {
    v.as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| format!("{what} is not a non-negative integer"))
}

fn string(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

/// The relations of a record, each between two of its `mentions`: Prodigy's
/// `relations` (`head_span` and `child_span` by offsets and label, or else
/// `head` and `child` as the last token of a span, `label`) or doccano's
/// (`from_id`, `to_id` naming `entities` by `id`, `type`). Each one that
/// names no span of the record is reported.
fn read_relations(
    origin: &str,
    v: &Value,
    mentions: &[ImportedMention],
    entity_ids: &[Option<i64>],
    token_ends: &[Option<u64>],
    problems: &mut Vec<String>,
) -> Vec<ImportedRelation> {
    let mut out = Vec::new();
    for (k, r) in v["relations"].as_array().into_iter().flatten().enumerate() {
        let at = format!("{origin}: relation {}", k + 1);
        let by_span = |span: &Value, token: &Value| {
            let start = span["start"].as_u64();
            let end = span["end"].as_u64();
            let label = span["label"].as_str();
            if let (Some(start), Some(end)) = (start, end) {
                return mentions.iter().position(|m| {
                    m.start as u64 == start
                        && m.end as u64 == end
                        && label.is_none_or(|l| m.label == l)
                });
            }
            let token = token.as_u64()?;
            token_ends.iter().position(|t| *t == Some(token))
        };
        let by_id = |id: &Value| {
            let id = id.as_i64()?;
            entity_ids.iter().position(|e| *e == Some(id))
        };
        let (source, target, label) = if r.get("from_id").is_some() {
            (by_id(&r["from_id"]), by_id(&r["to_id"]), string(&r["type"]))
        } else {
            (
                by_span(&r["head_span"], &r["head"]),
                by_span(&r["child_span"], &r["child"]),
                string(&r["label"]),
            )
        };
        match (source, target, label) {
            (Some(source), Some(target), Some(label)) => out.push(ImportedRelation {
                label,
                source,
                target,
                note: string(&r["note"]).unwrap_or_default(),
                origin: at,
                roles: None,
            }),
            (_, _, None) => {
                problems.push(format!("{at}: no type (\"label\" or \"type\"); left out"))
            }
            _ => problems.push(format!(
                "{at}: its head or child is not one of the record's spans; left out"
            )),
        }
    }
    out
}

fn spacy(
    origin: &str,
    v: &Value,
    unknown: &mut UnknownFields,
    problems: &mut Vec<String>,
) -> Result<ImportRecord, String> {
    // Without "text", the record is matched by meta.path and each span must
    // quote its text, so offsets are still checked.
    let text = string(&v["text"]);
    let path = string(&v["meta"]["path"]);
    if text.is_none() && path.is_none() {
        return Err("neither \"text\" nor \"meta.path\"".to_owned());
    }
    let mut known: Vec<&str> = SPACY_FIELDS.to_vec();
    // Prodigy's tokens and hashes are derived from the text.
    known.extend([
        "tokens",
        "_input_hash",
        "_task_hash",
        "_view_id",
        "_timestamp",
        "answer",
    ]);
    known.push("relations");
    unknown.check(origin, v, &known, "");
    unknown.check(origin, &v["meta"], &SPACY_META, "meta.");
    let spans = v
        .get("spans")
        .or_else(|| v.get("ents"))
        .and_then(Value::as_array)
        .ok_or("no \"spans\" list")?;
    let mut mentions = Vec::new();
    for (k, s) in spans.iter().enumerate() {
        let at = |e: String| format!("span {}: {e}", k + 1);
        let mut span_fields = SPACY_SPAN.to_vec();
        span_fields.extend(["token_start", "token_end"]);
        unknown.check(origin, s, &span_fields, "span.");
        let entity = if s.get("entity").is_some()
            || s.get("kb_id").is_some()
            || s.get("entity_name").is_some()
        {
            Some(ImportedEntity {
                name: string(&s["entity_name"]),
                kb_id: string(&s["kb_id"]),
                key: s
                    .get("entity")
                    .filter(|e| !e.is_null())
                    .map(|e| format!("spacy:{e}")),
                label: None,
            })
        } else {
            None
        };
        mentions.push(ImportedMention {
            start: offset(&s["start"], "start").map_err(at)?,
            end: offset(&s["end"], "end").map_err(at)?,
            label: string(&s["label"]).ok_or_else(|| at("no label".to_owned()))?,
            text: string(&s["text"]),
            entity,
            note: string(&s["note"]).unwrap_or_default(),
            suggested: s["suggested"].as_bool().unwrap_or(false),
            score: super::score_of(&s["score"]),
            run: None,
        });
    }
    let token_ends: Vec<Option<u64>> = spans.iter().map(|s| s["token_end"].as_u64()).collect();
    let relations = read_relations(origin, v, &mentions, &[], &token_ends, problems);
    Ok(ImportRecord {
        origin: origin.to_owned(),
        path,
        text,
        mentions,
        relations,
        note: string(&v["meta"]["note"]),
        unit: OffsetUnit::CodePoints,
        // spaCy counts code points (Python string indices).
        unit_known: true,
        ..ImportRecord::default()
    })
}

fn doccano(
    origin: &str,
    v: &Value,
    options: ReadOptions,
    unknown: &mut UnknownFields,
    problems: &mut Vec<String>,
) -> Result<ImportRecord, String> {
    let text = string(&v["text"]).ok_or("no \"text\"")?;
    let mut known: Vec<&str> = DOCCANO_FIELDS.to_vec();
    known.extend(["meta", "Comments"]);
    known.push("relations");
    unknown.check(origin, v, &known, "");
    for (k, c) in v["Comments"].as_array().into_iter().flatten().enumerate() {
        problems.push(format!(
            "{origin}: comment {} {:?}: doccano's comments are not imported; left out",
            k + 1,
            c.as_str().unwrap_or_default()
        ));
    }
    // doccano ≥ 1.6 relation export: "entities" of objects; older and
    // sequence-labelling exports: "label" of [start, end, "TYPE"].
    let mut mentions = Vec::new();
    let mut entity_ids = Vec::new();
    if let Some(entities) = v["entities"].as_array() {
        for (k, e) in entities.iter().enumerate() {
            entity_ids.push(e["id"].as_i64());
            let at = |m: String| format!("entity {}: {m}", k + 1);
            mentions.push(ImportedMention {
                start: offset(&e["start_offset"], "start_offset").map_err(at)?,
                end: offset(&e["end_offset"], "end_offset").map_err(at)?,
                label: string(&e["label"]).ok_or_else(|| at("no label".to_owned()))?,
                ..ImportedMention::default()
            });
        }
    } else {
        let labels = v
            .get("label")
            .or_else(|| v.get("labels"))
            .and_then(Value::as_array)
            .ok_or("no \"label\" or \"entities\" list")?;
        for (k, l) in labels.iter().enumerate() {
            let triple = l
                .as_array()
                .filter(|a| a.len() == 3)
                .ok_or_else(|| format!("label {}: expected [start, end, \"TYPE\"]", k + 1))?;
            mentions.push(ImportedMention {
                start: offset(&triple[0], "start")?,
                end: offset(&triple[1], "end")?,
                label: string(&triple[2])
                    .ok_or_else(|| format!("label {}: the type is not a string", k + 1))?,
                ..ImportedMention::default()
            });
        }
    }
    for (k, n) in v["mention_notes"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        // [start, end, "TYPE", "note"]; older files: [start, end, "note"].
        let entry = n.as_array().filter(|a| a.len() == 3 || a.len() == 4);
        let found = entry.and_then(|t| {
            let (s, e) = (t[0].as_u64()?, t[1].as_u64()?);
            let label = if t.len() == 4 {
                Some(t[2].as_str()?)
            } else {
                None
            };
            let note = t[t.len() - 1].as_str()?;
            let m = mentions.iter_mut().find(|m| {
                m.start as u64 == s && m.end as u64 == e && label.is_none_or(|l| m.label == l)
            })?;
            m.note = note.to_owned();
            Some(())
        });
        if found.is_none() {
            problems.push(format!(
                "{origin}: mention note {}: no mention at its offsets, or not [start, end, \"TYPE\", \"note\"]; left out",
                k + 1
            ));
        }
    }
    let (unit, unit_known) = match (options.offsets, string(&v["offset_unit"])) {
        (Some(u), _) => (u, true),
        (None, Some(name)) => (
            OffsetUnit::from_name(&name).ok_or_else(|| format!("unknown offset_unit {name:?}"))?,
            true,
        ),
        (None, None) => (OffsetUnit::Utf16, false),
    };
    let relations = read_relations(origin, v, &mentions, &entity_ids, &[], problems);
    Ok(ImportRecord {
        origin: origin.to_owned(),
        path: string(&v["path"]).or_else(|| string(&v["meta"]["path"])),
        text: Some(text),
        mentions,
        relations,
        note: string(&v["note"]),
        unit,
        unit_known,
        ..ImportRecord::default()
    })
}

fn entity_ref(v: &Value, name_field: &str) -> ImportedEntity {
    ImportedEntity {
        name: string(&v[name_field]),
        kb_id: string(&v["kb_id"]),
        key: v
            .get("id")
            .filter(|i| !i.is_null())
            .map(|i| format!("stancemark:{i}")),
        label: string(&v["type"]),
    }
}

fn stance_row(origin: &str, v: &Value, problems: &mut Vec<String>) -> Result<ImportRecord, String> {
    let path = string(&v["document"]).ok_or("no \"document\"")?;
    if let Some(q) = v["quotation"].as_u64() {
        problems.push(format!(
            "{origin}: the stance's link to quotation q{q} was not imported: a stance import does not bring quotations (import those with quotations-jsonl); the stance is imported without it"
        ));
    }
    let holder = match v["holder"]["kind"].as_str() {
        Some("author") => ImportedHolder::Author,
        Some("entity") => ImportedHolder::Entity(entity_ref(&v["holder"], "name")),
        _ => return Err("holder.kind must be \"author\" or \"entity\"".to_owned()),
    };
    let target_text = string(&v["target"]["text"]).unwrap_or_default();
    let target = match v["target"]["kind"].as_str() {
        Some("entity") => ImportedTarget::Entity(entity_ref(&v["target"], "text")),
        Some("claim") => ImportedTarget::Claim(target_text),
        Some("topic") => ImportedTarget::Topic(target_text),
        _ => return Err("target.kind must be \"entity\", \"claim\" or \"topic\"".to_owned()),
    };
    let level = match v["level"].as_str() {
        Some("document") => Level::Document,
        Some("span") | None => Level::Span,
        Some(other) => return Err(format!("unknown level {other:?}")),
    };
    let intensity = match v["intensity"].as_str() {
        None => None,
        Some(l) => Some(
            Intensity::ALL
                .into_iter()
                .find(|i| i.label() == l)
                .ok_or_else(|| format!("unknown intensity {l:?}"))?,
        ),
    };
    let reported_as = match v["reported_as"].as_str() {
        None => None,
        Some(l) => Some(
            ReportedAs::ALL
                .into_iter()
                .find(|r| r.label() == l)
                .ok_or_else(|| format!("unknown reported_as {l:?}"))?,
        ),
    };
    let mut evidence = Vec::new();
    for e in v["evidence"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        evidence.push((
            offset(&e["start"], "evidence start")?,
            offset(&e["end"], "evidence end")?,
            string(&e["text"]),
        ));
    }
    Ok(ImportRecord {
        origin: origin.to_owned(),
        path: Some(path),
        unit_known: true,
        stances: vec![ImportedStance {
            holder,
            target,
            polarity: string(&v["polarity"]).ok_or("no \"polarity\"")?,
            level,
            intensity,
            reported_as,
            evidence,
            note: string(&v["note"]).unwrap_or_default(),
        }],
        ..ImportRecord::default()
    })
}
