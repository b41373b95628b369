//! The semantic three-way merge of two versions of one project file
//! (`stancemark merge-file BASE OURS THEIRS`, a git merge driver): per
//! annotation, by id and span, never by line.
//!
//! - What one side added, changed or deleted and the other left alone is
//!   taken; two different annotations added on both sides are both kept
//!   (theirs renumbered when the ids collide); the same one added on both
//!   sides is kept once.
//! - A true conflict (the same annotation changed differently, or changed
//!   on one side and deleted on the other, or deleted on one side while the
//!   other still uses it) keeps one version in the project (ours, or the
//!   edited one) and records the other as a [`Conflict`], for the user to
//!   settle in the app.
//! - Document notes both sides changed are kept together; statuses, outlets
//!   and the schema take ours when both changed them, and say so.

mod follow;
mod keyed;
mod renumber;
mod replaced;

use std::collections::BTreeMap;
use std::sync::Arc;

use keyed::{Clash, merge_keyed, merge_set, merge_value};

use crate::model::conflict::{Conflict, ConflictItem};
use crate::model::project::{DocAnnotations, Project, SuggestionTally};
use crate::model::stance::{Holder, Target};

/// Side names in recorded conflicts.
const OURS: &str = "ours";
const THEIRS: &str = "theirs";

/// What a three-way merge made.
#[derive(Clone, Debug)]
pub struct ThreeWay {
    /// The merged project (ours' annotator and file settings).
    pub project: Project,
    /// Conflicts recorded by this merge (also in `project.conflicts`).
    pub new_conflicts: usize,
    /// What was decided without a recorded conflict but is worth saying
    /// (both sides changed a status: ours kept).
    pub notes: Vec<String>,
}

fn record(conflicts: &mut Vec<Conflict>, doc: Option<&str>, clash: Clash<'_, ConflictItem>) {
    let doc = doc.map(str::to_owned);
    conflicts.push(match clash {
        Clash::BothChanged { ours, theirs } => Conflict {
            doc,
            kept: ours.clone(),
            kept_from: OURS.to_owned(),
            other: Some(theirs.clone()),
            other_from: THEIRS.to_owned(),
        },
        Clash::ChangedAndDeleted { kept, ours_kept } => Conflict {
            doc,
            kept: kept.clone(),
            kept_from: if ours_kept { OURS } else { THEIRS }.to_owned(),
            other: None,
            other_from: if ours_kept { THEIRS } else { OURS }.to_owned(),
        },
    });
}

/// A keyed map of `items` wrapped as conflict items, so one merge serves
/// every kind.
fn wrap<K: Ord, T>(
    items: impl Iterator<Item = T>,
    key: impl Fn(&T) -> K,
    as_item: impl Fn(T) -> ConflictItem,
) -> BTreeMap<K, ConflictItem> {
    items.map(|x| (key(&x), as_item(x))).collect()
}

/// The base to merge against when there is none (git gives an empty one
/// when both sides added the file; a synced folder's copies may share no
/// backup): nothing annotated and an empty schema, so both sides' entity
/// types, relation types, polarities and codebook variables are kept.
/// Ours' schema as the base would have made theirs' schema win outright
/// and lost ours' additions.
#[must_use]
pub fn no_base(ours: &Project) -> Project {
    let schema = crate::model::Schema {
        entity_types: Vec::new(),
        polarities: Vec::new(),
        abbreviations: Vec::new(),
        relation_types: Vec::new(),
        cues: Vec::new(),
        variables: Vec::new(),
    };
    Project::new(ours.annotator.clone(), schema)
}

/// Merges `ours` and `theirs`, two versions of a project made from `base`.
#[must_use]
pub fn merge_three(base: &Project, ours: &Project, theirs: &Project) -> ThreeWay {
    let mut ours = ours.clone();
    let mut theirs = theirs.clone();
    replaced::separate_replacements(base, &mut ours, &mut theirs);
    replaced::rejoin_renumbered(base, &mut ours);
    replaced::rejoin_renumbered(base, &mut theirs);
    renumber::separate_additions(base, &ours, &mut theirs);
    let ours = &ours;
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut notes = Vec::new();
    let mut out = ours.clone();

    let (schema, same) = merge_value(&base.schema, &ours.schema, &theirs.schema);
    if !same {
        notes.push(
            "both sides changed the schema: ours is kept (theirs' types and codebook variables that ours lacks are added)"
                .to_owned(),
        );
    }
    out.schema = schema;
    if !same {
        for t in &theirs.schema.entity_types {
            if out.schema.entity_type(&t.name).is_none() {
                out.schema.entity_types.push(t.clone());
            }
        }
        for p in &theirs.schema.polarities {
            if out.schema.polarity(&p.name).is_none() {
                out.schema.polarities.push(p.clone());
            }
        }
        for r in &theirs.schema.relation_types {
            if out.schema.relation_type(&r.name).is_none() {
                out.schema.relation_types.push(r.clone());
            }
        }
        for v in &theirs.schema.variables {
            if !out.schema.variables.iter().any(|x| x.name == v.name) {
                out.schema.variables.push(v.clone());
            }
        }
    }

    // Entities and claims, corpus-wide.
    let entities = |p: &Project| wrap(p.entities.values().cloned(), |e| e.id, ConflictItem::Entity);
    out.entities = merge_keyed(&entities(base), &entities(ours), &entities(&theirs), |c| {
        record(&mut conflicts, None, c);
    })
    .into_iter()
    .filter_map(|(k, v)| match v {
        ConflictItem::Entity(e) => Some((k, e)),
        _ => None,
    })
    .collect();
    let claims = |p: &Project| wrap(p.claims.values().cloned(), |c| c.id, ConflictItem::Claim);
    out.claims = merge_keyed(&claims(base), &claims(ours), &claims(&theirs), |c| {
        record(&mut conflicts, None, c);
    })
    .into_iter()
    .filter_map(|(k, v)| match v {
        ConflictItem::Claim(c) => Some((k, c)),
        _ => None,
    })
    .collect();
    out.lexicon = merge_set(&base.lexicon, &ours.lexicon, &theirs.lexicon);
    out.suggestion_tally = merge_tally(
        base.suggestion_tally,
        ours.suggestion_tally,
        theirs.suggestion_tally,
    );

    // Documents.
    let mut paths: Vec<&String> = ours
        .documents
        .keys()
        .chain(theirs.documents.keys())
        .collect();
    paths.sort();
    paths.dedup();
    let empty = Arc::new(DocAnnotations::default());
    let mut documents = BTreeMap::new();
    for path in paths {
        let b = base.documents.get(path).unwrap_or(&empty);
        let merged = match (ours.documents.get(path), theirs.documents.get(path)) {
            (Some(o), Some(t)) => merge_document(path, b, o, t, &mut conflicts, &mut notes),
            (Some(o), None) if base.documents.contains_key(path) && o == b => continue,
            (None, Some(t)) if base.documents.contains_key(path) && t == b => continue,
            (Some(one), None) | (None, Some(one)) => one.as_ref().clone(),
            (None, None) => continue,
        };
        documents.insert(path.clone(), Arc::new(merged));
    }
    out.documents = documents;
    restore_used(base, ours, &theirs, &mut out, &mut conflicts);

    // Conflicts recorded earlier on either side stay until settled.
    let mut all = merge_set(&base.conflicts, &ours.conflicts, &theirs.conflicts);
    let new_conflicts = conflicts.len();
    all.extend(conflicts);
    out.conflicts = all;
    ThreeWay {
        project: out,
        new_conflicts,
        notes,
    }
}

fn merge_tally(b: SuggestionTally, o: SuggestionTally, t: SuggestionTally) -> SuggestionTally {
    // Ours plus what theirs added since the base; never wraps.
    let f = |b: u64, o: u64, t: u64| o.saturating_add(t.saturating_sub(b));
    SuggestionTally {
        accepted: f(b.accepted, o.accepted, t.accepted),
        rejected: f(b.rejected, o.rejected, t.rejected),
        hand_made: f(b.hand_made, o.hand_made, t.hand_made),
        recalled: f(b.recalled, o.recalled, t.recalled),
    }
}

fn merge_document(
    path: &str,
    b: &DocAnnotations,
    o: &DocAnnotations,
    t: &DocAnnotations,
    conflicts: &mut Vec<Conflict>,
    notes: &mut Vec<String>,
) -> DocAnnotations {
    let mut out = o.clone();
    let mut clash = |c: Clash<'_, ConflictItem>| record(conflicts, Some(path), c);
    let mentions =
        |d: &DocAnnotations| wrap(d.mentions.iter().cloned(), |m| m.id, ConflictItem::Mention);
    let stances =
        |d: &DocAnnotations| wrap(d.stances.iter().cloned(), |s| s.id, ConflictItem::Stance);
    let relations = |d: &DocAnnotations| {
        wrap(
            d.relations.iter().cloned(),
            |r| r.id,
            ConflictItem::Relation,
        )
    };
    let quotations = |d: &DocAnnotations| {
        wrap(
            d.quotations.iter().cloned(),
            |q| q.id,
            ConflictItem::Quotation,
        )
    };
    out.mentions.clear();
    for m in merge_keyed(&mentions(b), &mentions(o), &mentions(t), &mut clash).into_values() {
        if let ConflictItem::Mention(m) = m {
            out.insert_sorted(m);
        }
    }
    out.stances.clear();
    for s in merge_keyed(&stances(b), &stances(o), &stances(t), &mut clash).into_values() {
        if let ConflictItem::Stance(s) = s {
            out.insert_stance(s);
        }
    }
    out.relations.clear();
    for r in merge_keyed(&relations(b), &relations(o), &relations(t), &mut clash).into_values() {
        if let ConflictItem::Relation(r) = r {
            out.insert_relation(r);
        }
    }
    out.quotations.clear();
    for q in merge_keyed(&quotations(b), &quotations(o), &quotations(t), &mut clash).into_values() {
        if let ConflictItem::Quotation(q) = q {
            out.insert_quotation(q);
        }
    }
    let mut said = |what: &str| {
        notes.push(format!(
            "{path}: both sides changed the {what}: ours is kept"
        ));
    };
    let (status, same) = merge_value(&b.status, &o.status, &t.status);
    out.status = status;
    if !same {
        said("status");
    }
    let (outlet, same) = merge_value(&b.outlet, &o.outlet, &t.outlet);
    out.outlet = outlet;
    if !same {
        said("outlet");
    }
    let (hash, same) = merge_value(&b.hash, &o.hash, &t.hash);
    if !same {
        said("text the annotations refer to (its hash)");
    }
    out.hash = hash;
    let (note, same) = merge_value(&b.note, &o.note, &t.note);
    out.note = if same {
        note
    } else {
        // Neither note is lost: theirs follows ours.
        notes.push(format!(
            "{path}: both sides changed the document note: both are kept, ours first"
        ));
        format!("{}\n\n(merged, from theirs:) {}", o.note, t.note)
    };
    // Codebook values, variable by variable.
    let mut names: Vec<&String> = b
        .codes
        .keys()
        .chain(o.codes.keys())
        .chain(t.codes.keys())
        .collect();
    names.sort();
    names.dedup();
    out.codes.clear();
    for name in names {
        let (value, same) = merge_value(&b.codes.get(name), &o.codes.get(name), &t.codes.get(name));
        if !same {
            notes.push(format!(
                "{path}: both sides coded {name} differently: ours is kept"
            ));
        }
        if let Some(v) = value {
            out.codes.insert(name.clone(), v.clone());
        }
    }
    out.orphans = merge_set(&b.orphans, &o.orphans, &t.orphans);
    out.rejections = merge_set(&b.rejections, &o.rejections, &t.rejections);
    out.proposals = merge_set(&b.proposals, &o.proposals, &t.proposals);
    out.token_lines = merge_value(&b.token_lines, &o.token_lines, &t.token_lines).0;
    out
}

/// Annotations one side deleted while the other still uses them (a
/// mention a new relation or quotation needs, an entity a mention links
/// to, a quotation a stance rests on, a claim a stance targets) are put
/// back from the side that has them, each recorded as a conflict.
fn restore_used(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    out: &mut Project,
    conflicts: &mut Vec<Conflict>,
) {
    let sides = [
        (ours, OURS, THEIRS),
        (theirs, THEIRS, OURS),
        (base, "base", "both"),
    ];
    let paths: Vec<String> = out.documents.keys().cloned().collect();
    for path in &paths {
        let Some(entry) = out.documents.get_mut(path) else {
            continue;
        };
        let entry = Arc::make_mut(entry);
        // Quotations a stance rests on.
        let wanted: Vec<_> = entry
            .stances
            .iter()
            .filter_map(|s| s.quotation)
            .filter(|q| entry.quotation(*q).is_none())
            .collect();
        for q in wanted {
            if let Some((found, from, other)) = sides.iter().find_map(|(p, from, other)| {
                p.documents
                    .get(path)
                    .and_then(|d| d.quotation(q).cloned())
                    .map(|x| (x, *from, *other))
            }) {
                conflicts.push(restored(
                    path,
                    ConflictItem::Quotation(found.clone()),
                    from,
                    other,
                ));
                entry.insert_quotation(found);
            }
        }
        // Mentions relations and quotations use.
        let wanted: Vec<_> = entry
            .relations
            .iter()
            .flat_map(|r| [r.source, r.target])
            .chain(
                entry
                    .quotations
                    .iter()
                    .flat_map(|q| q.mentions().collect::<Vec<_>>()),
            )
            .filter(|m| entry.mention(*m).is_none())
            .collect();
        for m in wanted {
            if entry.mention(m).is_some() {
                continue;
            }
            if let Some((found, from, other)) = sides.iter().find_map(|(p, from, other)| {
                p.documents
                    .get(path)
                    .and_then(|d| d.mention(m).cloned())
                    .map(|x| (x, *from, *other))
            }) {
                conflicts.push(restored(
                    path,
                    ConflictItem::Mention(found.clone()),
                    from,
                    other,
                ));
                entry.insert_sorted(found);
            }
        }
    }
    // Entities mentions, stances and the lexicon use; claims stances target.
    let mut wanted_entities = Vec::new();
    let mut wanted_claims = Vec::new();
    for d in out.documents.values() {
        wanted_entities.extend(d.mentions.iter().filter_map(|m| m.entity));
        wanted_entities.extend(d.proposals.iter().filter_map(|p| p.entity));
        for s in &d.stances {
            if let Holder::Entity(e) = s.holder {
                wanted_entities.push(e);
            }
            match s.target {
                Target::Entity(e) => wanted_entities.push(e),
                Target::Claim(c) => wanted_claims.push(c),
                Target::Topic(_) => {}
            }
        }
    }
    wanted_entities.extend(out.lexicon.iter().filter_map(|l| l.entity));
    for e in wanted_entities {
        if out.entities.contains_key(&e) {
            continue;
        }
        if let Some((found, from, other)) = sides
            .iter()
            .find_map(|(p, from, other)| p.entities.get(&e).cloned().map(|x| (x, *from, *other)))
        {
            conflicts.push(Conflict {
                doc: None,
                kept: ConflictItem::Entity(found.clone()),
                kept_from: from.to_owned(),
                other: None,
                other_from: other.to_owned(),
            });
            out.entities.insert(e, found);
        }
    }
    for c in wanted_claims {
        if out.claims.contains_key(&c) {
            continue;
        }
        if let Some((found, from, other)) = sides
            .iter()
            .find_map(|(p, from, other)| p.claims.get(&c).cloned().map(|x| (x, *from, *other)))
        {
            conflicts.push(Conflict {
                doc: None,
                kept: ConflictItem::Claim(found.clone()),
                kept_from: from.to_owned(),
                other: None,
                other_from: other.to_owned(),
            });
            out.claims.insert(c, found);
        }
    }
}

fn restored(path: &str, item: ConflictItem, from: &str, other: &str) -> Conflict {
    Conflict {
        doc: Some(path.to_owned()),
        kept: item,
        kept_from: from.to_owned(),
        other: None,
        other_from: other.to_owned(),
    }
}
