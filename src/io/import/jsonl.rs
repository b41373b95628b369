//! JSON-lines readers: spaCy, doccano, stance rows.

use serde_json::Value;

use crate::model::import_merge::{
    ImportRecord, ImportedEntity, ImportedHolder, ImportedMention, ImportedStance, ImportedTarget,
};
use crate::model::{Intensity, Level, ReportedAs};

use super::{ImportFormat, ReadRecords};

/// Parses JSON lines; `name` prefixes messages.
pub(super) fn parse(format: ImportFormat, name: &str, text: &str) -> ReadRecords {
    let mut out = ReadRecords::default();
    for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let origin = format!("{name}:{}", i + 1);
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                out.problems.push(format!("{origin}: not valid JSON ({e})"));
                continue;
            }
        };
        let record = match format {
            ImportFormat::Spacy => spacy(&origin, &value),
            ImportFormat::Doccano => doccano(&origin, &value),
            ImportFormat::StancesJsonl => stance_row(&origin, &value),
            ImportFormat::Brat => Err("brat is not JSON lines".to_owned()),
        };
        match record {
            Ok(r) => out.records.push(r),
            Err(e) => out.problems.push(format!("{origin}: {e}")),
        }
    }
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

fn spacy(origin: &str, v: &Value) -> Result<ImportRecord, String> {
    // Without "text", the record is matched by meta.path and each span must
    // quote its text, so offsets are still checked.
    let text = string(&v["text"]);
    let path = string(&v["meta"]["path"]);
    if text.is_none() && path.is_none() {
        return Err("neither \"text\" nor \"meta.path\"".to_owned());
    }
    let spans = v
        .get("spans")
        .or_else(|| v.get("ents"))
        .and_then(Value::as_array)
        .ok_or("no \"spans\" list")?;
    let mut mentions = Vec::new();
    for (k, s) in spans.iter().enumerate() {
        let at = |e: String| format!("span {}: {e}", k + 1);
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
        });
    }
    Ok(ImportRecord {
        origin: origin.to_owned(),
        path,
        text,
        mentions,
        stances: Vec::new(),
    })
}

fn doccano(origin: &str, v: &Value) -> Result<ImportRecord, String> {
    let text = string(&v["text"]).ok_or("no \"text\"")?;
    let labels = v
        .get("label")
        .or_else(|| v.get("labels"))
        .and_then(Value::as_array)
        .ok_or("no \"label\" list")?;
    let mut mentions = Vec::new();
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
            text: None,
            entity: None,
            note: String::new(),
        });
    }
    Ok(ImportRecord {
        origin: origin.to_owned(),
        path: string(&v["path"]).or_else(|| string(&v["meta"]["path"])),
        text: Some(text),
        mentions,
        stances: Vec::new(),
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

fn stance_row(origin: &str, v: &Value) -> Result<ImportRecord, String> {
    let path = string(&v["document"]).ok_or("no \"document\"")?;
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
        text: None,
        mentions: Vec::new(),
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
    })
}
