//! Pre-annotation from a gazetteer: suggestions (not yet accepted mentions)
//! wherever a listed name occurs, linked to existing or new entities.

use std::collections::BTreeMap;

use super::annotation::{Entity, EntityId, Mention, MentionId, is_valid_qid};
use super::document::Document;
use super::edit::Edit;
use super::occurrences::{MatchOptions, find_occurrences};
use super::project::Project;
use super::span::CharSpan;

/// One gazetteer line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerRow {
    /// Where it came from, for messages (e.g. `names.tsv:4`).
    pub origin: String,
    /// The text to look for.
    pub surface: String,
    /// Entity type.
    pub label: String,
    /// Entity to link to (found by name, else created).
    pub entity: Option<String>,
    /// Wikidata QID of the entity (found by QID first).
    pub kb_id: Option<String>,
}

/// What a pre-annotation did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PreannotationReport {
    /// Suggestions created.
    pub suggestions: usize,
    /// Entities created.
    pub entities_created: usize,
    /// Occurrences not suggested because a mention of that type (or entity) is already there.
    pub already_annotated: usize,
    /// Rows that were not used, with the reason.
    pub skipped_rows: Vec<String>,
}

/// The edit that adds suggestions for `rows` in `docs` (sorted by path), and a
/// report. Documents whose text changed since they were annotated are left out.
#[must_use]
pub fn preannotate(
    project: &Project,
    docs: &[Document],
    rows: &[GazetteerRow],
    options: MatchOptions,
) -> (Edit, PreannotationReport) {
    let mut report = PreannotationReport::default();
    let mut edits = Vec::new();
    let resolved = resolve_rows(project, rows);
    report.skipped_rows = resolved.skipped;
    let new_entities = resolved.new_entities;
    // (label, entity) -> names to look for.
    let mut groups: BTreeMap<(String, Option<EntityId>), Vec<String>> = BTreeMap::new();
    for (row, entity) in resolved.rows {
        groups
            .entry((row.label.clone(), entity))
            .or_default()
            .push(row.surface.trim().to_owned());
    }
    report.entities_created = new_entities.len();
    edits.extend(
        new_entities
            .into_iter()
            .map(|entity| Edit::AddEntity { entity }),
    );

    for doc in docs {
        let Some(entry) = project.documents.get(&doc.path) else {
            continue;
        };
        if entry.hash != doc.hash {
            continue;
        }
        let mut next_id = entry.next_mention_id().0;
        let mut taken: Vec<(CharSpan, String)> = Vec::new();
        for ((label, entity), names) in &groups {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            for span in find_occurrences(&doc.text, &names, options) {
                let clash = entry.mentions.iter().any(|m| {
                    m.span.overlaps(span)
                        && (&m.label == label || (entity.is_some() && m.entity == *entity))
                });
                if clash {
                    report.already_annotated += 1;
                    continue;
                }
                if taken.iter().any(|(s, l)| s.overlaps(span) && l == label) {
                    continue;
                }
                let mut mention = Mention::new(doc, MentionId(next_id), span, label.clone());
                next_id += 1;
                mention.entity = *entity;
                mention.suggested = true;
                taken.push((span, label.clone()));
                edits.push(Edit::AddMention {
                    doc: doc.path.clone(),
                    mention,
                });
                report.suggestions += 1;
            }
        }
    }
    (Edit::Batch(edits), report)
}

/// The edit that accepts (or, with `accept == false`, deletes) every
/// suggestion in `scope` (one document) or in the whole project.
#[must_use]
pub fn settle_suggestions(project: &Project, scope: Option<&str>, accept: bool) -> Edit {
    let mut edits = Vec::new();
    for (path, entry) in project
        .documents
        .iter()
        .filter(|(p, _)| scope.is_none_or(|s| s == p.as_str()))
    {
        for m in entry.mentions.iter().filter(|m| m.suggested) {
            edits.push(if accept {
                Edit::SetSuggested {
                    doc: path.clone(),
                    id: m.id,
                    suggested: false,
                }
            } else {
                Edit::RemoveMention {
                    doc: path.clone(),
                    id: m.id,
                }
            });
        }
    }
    Edit::Batch(edits)
}

/// What teaching a gazetteer did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LexiconReport {
    /// Names taught.
    pub names: usize,
    /// Entities created.
    pub entities_created: usize,
    /// Rows that were not used, with the reason.
    pub skipped_rows: Vec<String>,
}

/// The edit that teaches the learning suggester the names of `rows` (and
/// creates the entities they name), so that they are suggested wherever
/// they stand, like words annotated by hand: the gazetteer is one more
/// source of the same suggestions. Rows are checked as [`preannotate`]
/// checks them.
#[must_use]
pub fn teach_gazetteer(project: &Project, rows: &[GazetteerRow]) -> (Edit, LexiconReport) {
    let resolved = resolve_rows(project, rows);
    let entries: Vec<super::project::LexiconEntry> = resolved
        .rows
        .iter()
        .map(|(r, entity)| super::project::LexiconEntry {
            surface: r.surface.trim().to_owned(),
            label: r.label.clone(),
            entity: *entity,
        })
        .collect();
    let report = LexiconReport {
        names: entries.len(),
        entities_created: resolved.new_entities.len(),
        skipped_rows: resolved.skipped,
    };
    let mut edits: Vec<Edit> = resolved
        .new_entities
        .into_iter()
        .map(|entity| Edit::AddEntity { entity })
        .collect();
    edits.push(Edit::AddLexicon { entries });
    (Edit::Batch(edits), report)
}

/// Gazetteer rows checked (a type in the schema, a surface form, a valid
/// Wikidata id) and their entities found (by QID, else name and type) or
/// made.
struct ResolvedRows<'r> {
    /// Each usable row with its entity.
    rows: Vec<(&'r GazetteerRow, Option<EntityId>)>,
    /// Entities to create.
    new_entities: Vec<Entity>,
    /// Rows left out, each with why.
    skipped: Vec<String>,
}

fn resolve_rows<'r>(project: &Project, rows: &'r [GazetteerRow]) -> ResolvedRows<'r> {
    let mut out = ResolvedRows {
        rows: Vec::new(),
        new_entities: Vec::new(),
        skipped: Vec::new(),
    };
    let mut next_entity = project.next_entity_id().0;
    for row in rows {
        if project.schema.entity_type(&row.label).is_none() {
            out.skipped.push(format!(
                "{}: type {:?} is not in the schema",
                row.origin, row.label
            ));
            continue;
        }
        if row.surface.trim().is_empty() {
            out.skipped
                .push(format!("{}: empty surface form", row.origin));
            continue;
        }
        if let Some(qid) = row.kb_id.as_deref().filter(|q| !is_valid_qid(q)) {
            out.skipped.push(format!(
                "{}: {qid:?} is not a Wikidata id (Q followed by digits)",
                row.origin
            ));
            continue;
        }
        let entity = if row.entity.is_some() || row.kb_id.is_some() {
            let existing = project
                .entities
                .values()
                .chain(&out.new_entities)
                .find(|e| {
                    (row.kb_id.is_some() && e.kb_id == row.kb_id)
                        || (row.entity.as_deref() == Some(e.name.as_str()) && e.label == row.label)
                });
            match existing {
                Some(e) => Some(e.id),
                None => {
                    let id = EntityId(next_entity);
                    next_entity += 1;
                    let mut e = Entity::new(
                        id,
                        row.entity
                            .clone()
                            .unwrap_or_else(|| row.surface.trim().to_owned()),
                        row.label.clone(),
                    );
                    e.kb_id.clone_from(&row.kb_id);
                    out.new_entities.push(e);
                    Some(id)
                }
            }
        } else {
            None
        };
        out.rows.push((row, entity));
    }
    out
}
