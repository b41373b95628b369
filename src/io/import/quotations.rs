//! Reading Stancemark's quotations JSONL (as exported): one quotation per
//! line, with its speaker and source mentions, cue and contents in code
//! points. The mentions are added where the project lacks them (matched by
//! span and type where it has them), their entities by id, name or QID.

use serde_json::Value;

use crate::model::QuoteKind;
use crate::model::import_merge::{
    ImportRecord, ImportedEntity, ImportedMention, ImportedQuotation,
};

/// Fields a row may have; any other is reported.
const FIELDS: [&str; 11] = [
    "document",
    "outlet",
    "quotation",
    "speaker",
    "cue",
    "contents",
    "kind",
    "sources",
    "words",
    "note",
    "annotator",
];

fn offset(v: &Value, what: &str) -> Result<usize, String> {
    v.as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| format!("{what} is not a non-negative integer"))
}

fn span(v: &Value, what: &str) -> Result<(usize, usize, Option<String>), String> {
    Ok((
        offset(&v["start"], &format!("{what} start"))?,
        offset(&v["end"], &format!("{what} end"))?,
        v["text"].as_str().map(str::to_owned),
    ))
}

fn mention(v: &Value, what: &str) -> Result<ImportedMention, String> {
    let (start, end, text) = span(v, what)?;
    let label = v["type"]
        .as_str()
        .filter(|t| !t.is_empty())
        .ok_or_else(|| format!("{what} has no \"type\""))?
        .to_owned();
    let entity = v
        .get("entity")
        .filter(|e| e.is_object())
        .map(|e| ImportedEntity {
            name: e["name"].as_str().map(str::to_owned),
            kb_id: e["kb_id"].as_str().map(str::to_owned),
            key: e
                .get("id")
                .filter(|i| !i.is_null())
                .map(|i| format!("stancemark:{i}")),
            label: Some(label.clone()),
        });
    Ok(ImportedMention {
        start,
        end,
        label,
        text,
        entity,
        note: v["note"].as_str().unwrap_or_default().to_owned(),
        suggested: v["suggested"].as_bool().unwrap_or(false),
        score: None,
        run: None,
    })
}

/// Reads one row; `problems` gets a line for each unknown field.
pub(super) fn row(
    origin: &str,
    v: &Value,
    problems: &mut Vec<String>,
) -> Result<ImportRecord, String> {
    if let Some(object) = v.as_object() {
        for key in object.keys().filter(|k| !FIELDS.contains(&k.as_str())) {
            problems.push(format!(
                "{origin}: field {key:?} is not a quotations-jsonl field; left out"
            ));
        }
    } else {
        return Err("not a JSON object".to_owned());
    }
    let path = v["document"].as_str().ok_or("no \"document\"")?.to_owned();
    let mut mentions = Vec::new();
    let speaker = match &v["speaker"] {
        Value::Null => None,
        s => {
            mentions.push(mention(s, "speaker")?);
            Some(0)
        }
    };
    let mut sources = Vec::new();
    for (i, s) in v["sources"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        sources.push(mentions.len());
        mentions.push(mention(s, &format!("source {}", i + 1))?);
    }
    let contents = v["contents"]
        .as_array()
        .ok_or("no \"contents\" list")?
        .iter()
        .enumerate()
        .map(|(i, c)| span(c, &format!("content {}", i + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    let cue = match &v["cue"] {
        Value::Null => None,
        c => Some(span(c, "cue")?),
    };
    let kind = match v["kind"].as_str() {
        None => QuoteKind::Direct,
        Some(k) => QuoteKind::from_label(k)
            .ok_or_else(|| format!("kind {k:?} is not direct, indirect or mixed"))?,
    };
    Ok(ImportRecord {
        origin: origin.to_owned(),
        path: Some(path),
        unit_known: true,
        mentions,
        quotations: vec![ImportedQuotation {
            speaker,
            cue,
            contents,
            kind,
            sources,
            note: v["note"].as_str().unwrap_or_default().to_owned(),
            origin: origin.to_owned(),
        }],
        ..ImportRecord::default()
    })
}
