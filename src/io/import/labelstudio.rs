//! Label Studio's JSON export (tasks with `data` and `annotations` of
//! `result`s) and JSON-MIN export (flat records), told apart by their shape.
//! Text spans (`labels` results) become mentions, with a region's
//! `meta.text` as its note; `relation` results between them become
//! relations; `predictions` become suggestions; everything else (choices,
//! ratings, further annotators' annotations) is reported, each with its
//! place.

use serde_json::Value;

use crate::model::import_merge::{ImportRecord, ImportedMention, ImportedRelation};
use crate::model::units::OffsetUnit;

use super::fields::UnknownFields;
use super::{ReadOptions, ReadRecords};

/// Fields of a JSON-MIN record that are not annotations.
const MIN_FIELDS: [&str; 9] = [
    "id",
    "text",
    "path",
    "annotator",
    "annotation_id",
    "created_at",
    "updated_at",
    "lead_time",
    "offset_unit",
];

/// Parses a Label Studio export; `name` prefixes messages.
pub(super) fn parse(name: &str, text: &str, options: ReadOptions) -> ReadRecords {
    let mut out = ReadRecords::default();
    let tasks: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(e) => {
            out.problems.push(format!(
                "{name}:{}:{}: not valid JSON ({e}); nothing imported",
                e.line(),
                e.column()
            ));
            return out;
        }
    };
    let Some(tasks) = tasks.as_array() else {
        out.problems.push(format!(
            "{name}: not a Label Studio export (a JSON list of tasks); nothing imported"
        ));
        return out;
    };
    let mut unknown = UnknownFields::default();
    for (i, task) in tasks.iter().enumerate() {
        let origin = format!(
            "{name} task {}",
            task["id"]
                .as_u64()
                .map_or_else(|| (i + 1).to_string(), |n| n.to_string())
        );
        let record = if task.get("data").is_some() || task.get("annotations").is_some() {
            full_task(&origin, task, options, &mut out.problems)
        } else {
            min_task(&origin, task, options, &mut unknown, &mut out.problems)
        };
        match record {
            Ok(r) => out.records.push(r),
            Err(e) => out.problems.push(format!("{origin}: {e}; task left out")),
        }
    }
    unknown.report(&mut out.problems);
    out
}

fn unit(options: ReadOptions, said: Option<&str>) -> Result<(OffsetUnit, bool), String> {
    match (options.offsets, said) {
        (Some(u), _) => Ok((u, true)),
        (None, Some(name)) => OffsetUnit::from_name(name)
            .map(|u| (u, true))
            .ok_or_else(|| format!("unknown offset_unit {name:?}")),
        // Label Studio stores code points since its frontend fix for text
        // with emoji (label-studio-frontend #308, label-studio #4988);
        // earlier versions stored UTF-16 units, so the unit is not taken as
        // known: the spans' quoted text settles it.
        (None, None) => Ok((OffsetUnit::CodePoints, false)),
    }
}

fn span_of(origin: &str, value: &Value, suggested: bool) -> Result<Vec<ImportedMention>, String> {
    let offset = |key: &str| {
        value[key]
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| format!("{origin}: value.{key} is not a non-negative integer"))
    };
    let (start, end) = (offset("start")?, offset("end")?);
    let labels: Vec<&str> = value["labels"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if labels.is_empty() {
        return Err(format!("{origin}: a span without a label"));
    }
    Ok(labels
        .into_iter()
        .map(|label| ImportedMention {
            start,
            end,
            label: label.to_owned(),
            text: value["text"].as_str().map(str::to_owned),
            suggested,
            ..ImportedMention::default()
        })
        .collect())
}

fn full_task(
    origin: &str,
    task: &Value,
    options: ReadOptions,
    problems: &mut Vec<String>,
) -> Result<ImportRecord, String> {
    let data = &task["data"];
    let text = data["text"]
        .as_str()
        .or_else(|| {
            // A task whose text variable has another name: its only string.
            let strings: Vec<&str> = data
                .as_object()?
                .values()
                .filter_map(Value::as_str)
                .collect();
            (strings.len() == 1).then(|| strings[0])
        })
        .ok_or("no text in data (data.text)")?;
    let (unit, unit_known) = unit(options, task["meta"]["offset_unit"].as_str())?;
    let mut mentions: Vec<ImportedMention> = Vec::new();
    let mut region_ids: Vec<(String, usize)> = Vec::new();
    // Relations, read once every region is known.
    let mut pending: Vec<(String, &Value)> = Vec::new();
    let mut note = None;
    let annotations: Vec<&Value> = task["annotations"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    let taken = annotations
        .iter()
        .position(|a| !a["was_cancelled"].as_bool().unwrap_or(false));
    for (k, a) in annotations.iter().enumerate() {
        if Some(k) != taken {
            let why = if a["was_cancelled"].as_bool().unwrap_or(false) {
                "it was cancelled (skipped) in Label Studio"
            } else {
                "a project holds one annotator's work and the first annotation was taken; import the others into projects of their own"
            };
            problems.push(format!(
                "{origin}: annotation {} (by {}): {why}; left out",
                k + 1,
                a["completed_by"]
            ));
        }
    }
    let results = taken
        .and_then(|k| annotations[k]["result"].as_array())
        .into_iter()
        .flatten();
    let mut names = NotKept::default();
    for (k, r) in results.enumerate() {
        let at = format!("{origin} result {}", k + 1);
        names.see(r);
        if let Some(parent) = r.get("parentID").filter(|p| !p.is_null()) {
            problems.push(format!(
                "{at}: its parentID {parent} (the region it belongs to) is not kept: Stancemark has no nesting of regions, and an export writes none; left out"
            ));
        }
        match r["type"].as_str().unwrap_or_default() {
            "labels" => {
                let spans = match span_of(&at, &r["value"], false) {
                    Ok(spans) => spans,
                    Err(e) => {
                        problems.push(format!("{e}; left out"));
                        continue;
                    }
                };
                for mut m in spans {
                    if let Some(texts) = r["meta"]["text"].as_array() {
                        let notes: Vec<&str> = texts.iter().filter_map(Value::as_str).collect();
                        m.note = notes.join("\n");
                    }
                    if let Some(id) = r["id"].as_str() {
                        region_ids.push((id.to_owned(), mentions.len()));
                    }
                    mentions.push(m);
                }
            }
            "textarea" => {
                let texts: Vec<&str> = r["value"]["text"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                let region = r["id"]
                    .as_str()
                    .and_then(|id| region_ids.iter().find(|(r, _)| r == id))
                    .map(|(_, i)| *i);
                match region {
                    Some(i) => mentions[i].note = texts.join("\n"),
                    None if r["from_name"].as_str() == Some("note") => {
                        note = Some(texts.join("\n"));
                    }
                    None => problems.push(format!(
                        "{at}: text {:?} of {}: a free-text answer that is no note; left out",
                        texts.join(" / "),
                        r["from_name"]
                    )),
                }
            }
            "relation" => pending.push((at, r)),
            "choices" => problems.push(format!(
                "{at}: choice {} of {}: document-level values have no place in a project yet; left out",
                r["value"]["choices"], r["from_name"]
            )),
            other => problems.push(format!(
                "{at}: a {other:?} result of {}: Stancemark keeps text spans only; left out",
                r["from_name"]
            )),
        }
    }
    names.report(origin, problems);
    let relations = pending
        .into_iter()
        .filter_map(|(at, r)| match relation_of(&r_ids(&region_ids), r) {
            Ok(relation) => Some(ImportedRelation {
                origin: at,
                ..relation
            }),
            Err(why) => {
                problems.push(format!(
                    "{at}: relation {} ➡ {}: {why}; left out",
                    r["from_id"], r["to_id"]
                ));
                None
            }
        })
        .collect();
    for (p, prediction) in task["predictions"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        for (k, r) in prediction["result"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let at = format!("{origin} prediction {} result {}", p + 1, k + 1);
            if r["type"].as_str() == Some("labels") {
                let score =
                    super::score_of(&r["score"]).or_else(|| super::score_of(&prediction["score"]));
                // The model that predicted it stays its source, and an
                // export writes it back as `model_version`.
                let run = prediction["model_version"]
                    .as_str()
                    .filter(|v| !v.trim().is_empty())
                    .map(|v| format!("{MODEL_VERSION}{v}"));
                match span_of(&at, &r["value"], true) {
                    Ok(spans) => mentions.extend(spans.into_iter().map(|m| ImportedMention {
                        score,
                        run: run.clone(),
                        ..m
                    })),
                    Err(e) => problems.push(format!("{e}; left out")),
                }
            } else {
                problems.push(format!(
                    "{at}: a {} prediction: only predicted spans become suggestions; left out",
                    r["type"]
                ));
            }
        }
    }
    Ok(ImportRecord {
        origin: origin.to_owned(),
        path: data["path"].as_str().map(str::to_owned),
        text: Some(text.to_owned()),
        mentions,
        relations,
        note,
        unit,
        unit_known,
        ..ImportRecord::default()
    })
}

/// Region ids and the mention each became, as a lookup.
fn r_ids(region_ids: &[(String, usize)]) -> impl Fn(&Value) -> Option<usize> + '_ {
    move |id| {
        let id = id.as_str()?;
        region_ids.iter().find(|(r, _)| r == id).map(|(_, i)| *i)
    }
}

/// A `relation` result: `from_id` and `to_id` name regions, `direction`
/// `right` (from ➡ to), `left` (to ➡ from) or `bi`, `labels` its type.
fn relation_of(
    region: &impl Fn(&Value) -> Option<usize>,
    r: &Value,
) -> Result<ImportedRelation, String> {
    let (from, to) = (region(&r["from_id"]), region(&r["to_id"]));
    let (Some(from), Some(to)) = (from, to) else {
        return Err("it names a region that is not a text span of this annotation".to_owned());
    };
    let labels: Vec<&str> = r["labels"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let label = match labels.as_slice() {
        [one] => (*one).to_owned(),
        [] => return Err("it has no label, and Stancemark's relations are typed".to_owned()),
        _ => return Err("it has several labels; a relation has one type".to_owned()),
    };
    let (source, target) = if r["direction"].as_str() == Some("left") {
        (to, from)
    } else {
        (from, to)
    };
    Ok(ImportedRelation {
        label,
        source,
        target,
        ..ImportedRelation::default()
    })
}

fn min_task(
    origin: &str,
    task: &Value,
    options: ReadOptions,
    unknown: &mut UnknownFields,
    problems: &mut Vec<String>,
) -> Result<ImportRecord, String> {
    let text = task["text"].as_str().ok_or("no \"text\"")?;
    let (unit, unit_known) = unit(options, task["offset_unit"].as_str())?;
    let mut mentions = Vec::new();
    let mut known: Vec<&str> = MIN_FIELDS.to_vec();
    let object = task.as_object().ok_or("not a JSON object")?;
    for (key, value) in object {
        if MIN_FIELDS.contains(&key.as_str()) {
            continue;
        }
        let spans = value.as_array().filter(|a| {
            a.iter()
                .all(|s| s.get("start").is_some() && s.get("labels").is_some())
        });
        if let Some(spans) = spans {
            known.push(key);
            for (k, s) in spans.iter().enumerate() {
                match span_of(&format!("{origin} {key} {}", k + 1), s, false) {
                    Ok(spans) => mentions.extend(spans),
                    Err(e) => problems.push(format!("{e}; left out")),
                }
            }
        } else if value.is_string()
            || value
                .as_array()
                .is_some_and(|a| a.iter().all(Value::is_string))
        {
            known.push(key);
            problems.push(format!(
                "{origin}: {key} {value}: document-level values have no place in a project yet; left out"
            ));
        }
    }
    unknown.check(origin, task, &known, "");
    Ok(ImportRecord {
        origin: origin.to_owned(),
        path: task["path"].as_str().map(str::to_owned),
        text: Some(text.to_owned()),
        mentions,
        unit,
        unit_known,
        ..ImportRecord::default()
    })
}

/// How a prediction's `model_version` is kept as its proposals' source;
/// the export writes what follows it back as `model_version`.
pub(crate) const MODEL_VERSION: &str = "Label Studio model_version ";

/// What a task's results name that a project does not keep: the labelling
/// config's control and object names (an export writes `label` and
/// `text`) and region ids (an export names regions `m1`, `m2`, … after the
/// mentions' ids). Reported once per task.
#[derive(Default)]
struct NotKept {
    names: std::collections::BTreeSet<(String, String)>,
    ids: Vec<String>,
}

impl NotKept {
    fn see(&mut self, r: &Value) {
        if r["type"].as_str() == Some("relation") {
            return;
        }
        let (from, to) = (
            r["from_name"].as_str().unwrap_or_default(),
            r["to_name"].as_str().unwrap_or_default(),
        );
        let written = r["type"].as_str() == Some("labels") && (from, to) == ("label", "text")
            || r["type"].as_str() == Some("textarea") && (from, to) == ("note", "text");
        if !written && r["type"].as_str() != Some("choices") {
            self.names.insert((from.to_owned(), to.to_owned()));
        }
        if r["type"].as_str() == Some("labels")
            && let Some(id) = r["id"].as_str()
            && !id
                .strip_prefix('m')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            self.ids.push(id.to_owned());
        }
    }

    fn report(self, origin: &str, problems: &mut Vec<String>) {
        for (from, to) in self.names {
            problems.push(format!(
                "{origin}: the labelling config's names from_name {from:?} / to_name {to:?} are not kept: an export writes \"label\" / \"text\" (rename them in the config, or in the exported file, to import it back into the same Label Studio project); left out"
            ));
        }
        if !self.ids.is_empty() {
            let shown: Vec<&str> = self.ids.iter().take(3).map(String::as_str).collect();
            let more = if self.ids.len() > 3 { ", …" } else { "" };
            problems.push(format!(
                "{origin}: {} region id(s) ({}{more}) are not kept: Stancemark numbers its mentions, and an export names regions m1, m2, … (relations between them are kept); left out",
                self.ids.len(),
                shown.join(", ")
            ));
        }
    }
}
