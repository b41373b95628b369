//! What is checked: the file as `validate` checks it and what points
//! where (after every pull), and the three-way checks on every merge.

use std::collections::{BTreeMap, BTreeSet};

use stancemark::model::conflict::ConflictItem;
use stancemark::model::{CharSpan, EntityId, Holder, MentionId, Project};

use super::{World, tag_of};

impl World {
    /// Checks clone `c`'s open project as `validate` would, and that
    /// nothing points elsewhere than where it was made.
    pub(super) fn check_file(&self, c: usize) {
        let project = &self.clones[c].project;
        // Recorded conflicts are listed by validate as waiting for a
        // decision; anything else is a broken file.
        let problems: Vec<_> = stancemark::model::check::check_project(project, &self.docs)
            .into_iter()
            .filter(|p| !matches!(p, stancemark::model::check::Problem::MergeConflict { .. }))
            .collect();
        assert!(
            problems.is_empty(),
            "the merged file fails validate: {problems:?}"
        );
        for entry in project.documents.values() {
            let mention_tag = |id: MentionId| {
                entry
                    .mention(id)
                    .and_then(|m| tag_of(&m.note))
                    .map(str::to_owned)
            };
            for r in &entry.relations {
                let Some(tag) = tag_of(&r.note) else { continue };
                if let Some((s, t)) = self.made.relations.get(tag) {
                    assert_eq!(
                        (
                            mention_tag(r.source).as_deref(),
                            mention_tag(r.target).as_deref()
                        ),
                        (Some(s.as_str()), Some(t.as_str())),
                        "relation {tag} was re-targeted"
                    );
                }
            }
            for q in &entry.quotations {
                let Some(tag) = tag_of(&q.note) else { continue };
                if let (Some(speaker), Some(made)) = (q.speaker, self.made.speakers.get(tag)) {
                    assert_eq!(
                        mention_tag(speaker).as_deref(),
                        Some(made.as_str()),
                        "quotation {tag} has another speaker"
                    );
                }
            }
            for st in &entry.stances {
                let Some(tag) = tag_of(&st.note) else {
                    continue;
                };
                let Some(made) = self.made.holders.get(tag) else {
                    continue;
                };
                let holder = match st.holder {
                    Holder::Entity(e) => project.entities.get(&e).and_then(|e| tag_of(&e.note)),
                    Holder::Author => Some("author"),
                };
                assert!(
                    holder.is_some_and(|h| made.contains(h)),
                    "stance {tag} is held by {holder:?}, made by {made:?}"
                );
            }
            for m in &entry.mentions {
                let Some(tag) = tag_of(&m.note) else { continue };
                if let (Some(e), Some(made)) = (m.entity, self.made.links.get(tag)) {
                    let linked = project.entities.get(&e).and_then(|e| tag_of(&e.note));
                    assert!(
                        linked.is_some_and(|l| made.contains(l)),
                        "mention {tag} links {linked:?}, made with {made:?}"
                    );
                }
            }
        }
    }
}

/// The tags of a project's annotations, each with what it is now (its
/// place and what it points at, by tag), keyed "kind tag".
pub(super) fn tags(project: &Project) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let entity_tag = |e: Option<EntityId>| {
        e.and_then(|e| project.entities.get(&e))
            .and_then(|e| tag_of(&e.note))
            .unwrap_or("-")
            .to_owned()
    };
    for e in project.entities.values() {
        if let Some(t) = tag_of(&e.note) {
            out.insert(
                format!("entity {t}"),
                format!("{} {} {:?} {}", e.name, e.label, e.aliases, e.note),
            );
        }
    }
    for (path, entry) in &project.documents {
        let mention_tag = |id: MentionId| {
            entry
                .mention(id)
                .and_then(|m| tag_of(&m.note))
                .unwrap_or("-")
                .to_owned()
        };
        for m in &entry.mentions {
            if let Some(t) = tag_of(&m.note) {
                out.insert(
                    format!("mention {t}"),
                    format!("{path} {:?} {} {}", m.span, m.label, entity_tag(m.entity)),
                );
            }
        }
        for r in &entry.relations {
            if let Some(t) = tag_of(&r.note) {
                out.insert(
                    format!("relation {t}"),
                    format!(
                        "{} {} {}",
                        r.label,
                        mention_tag(r.source),
                        mention_tag(r.target)
                    ),
                );
            }
        }
        for st in &entry.stances {
            if let Some(t) = tag_of(&st.note) {
                let holder = match st.holder {
                    Holder::Entity(e) => entity_tag(Some(e)),
                    Holder::Author => "author".to_owned(),
                };
                let spans: Vec<CharSpan> = st.evidence.iter().map(|e| e.span).collect();
                out.insert(
                    format!("stance {t}"),
                    format!("{holder} {:?} {} {spans:?}", st.target, st.polarity),
                );
            }
        }
        for q in &entry.quotations {
            if let Some(t) = tag_of(&q.note) {
                let spans: Vec<CharSpan> = q.contents.iter().map(|e| e.span).collect();
                out.insert(
                    format!("quotation {t}"),
                    format!(
                        "{spans:?} {}",
                        q.speaker.map_or("-".to_owned(), mention_tag)
                    ),
                );
            }
        }
    }
    out
}

/// The three-way checks on one merge: `merged` made from `ours` and
/// `theirs`, two versions of `base`.
pub(super) fn check_three(base: &Project, ours: &Project, theirs: &Project, merged: &Project) {
    let (b, o, t, mut m) = (tags(base), tags(ours), tags(theirs), tags(merged));
    // A version a conflict holds is kept, until the conflict is settled.
    for x in &merged.conflicts {
        for item in std::iter::once(&x.kept).chain(x.other.as_ref()) {
            if let Some(tag) = item_tag(item) {
                m.insert(format!("{} {tag}", item_kind(item)), String::new());
            }
        }
    }
    // Nothing one side added is lost, nor what both sides kept.
    for tag in o.keys().filter(|k| !b.contains_key(*k)) {
        assert!(m.contains_key(tag), "ours added {tag}, the merge lost it");
    }
    for tag in t.keys().filter(|k| !b.contains_key(*k)) {
        assert!(m.contains_key(tag), "theirs added {tag}, the merge lost it");
    }
    for tag in b
        .keys()
        .filter(|k| o.contains_key(*k) && t.contains_key(*k))
    {
        if o[tag] == b[tag] && t[tag] == b[tag] {
            assert!(m.contains_key(tag), "{tag}: untouched on both sides, lost");
        }
    }
    // Conflicts only where both sides changed the annotation; a mention
    // both resized differently always has one.
    // Only conflicts this merge recorded: a side may carry conflicts a
    // merge before recorded and nobody has settled yet (pushed as
    // they were).
    // (Told by tags: a carried conflict's ids follow the merge's.)
    let carried: BTreeSet<String> = ours
        .conflicts
        .iter()
        .chain(&theirs.conflicts)
        .map(conflict_key)
        .collect();
    let conflicted: BTreeSet<String> = merged
        .conflicts
        .iter()
        .filter(|x| !carried.contains(&conflict_key(x)))
        .flat_map(|x| {
            let mut v = vec![item_tag(&x.kept)];
            v.extend(x.other.as_ref().map(item_tag));
            v
        })
        .flatten()
        .collect();
    // A conflict is about one annotation: two different ones (two
    // additions under one id, say) are never one conflict.
    for x in merged
        .conflicts
        .iter()
        .filter(|x| !carried.contains(&conflict_key(x)))
    {
        if let Some(other) = &x.other {
            assert_eq!(
                item_tag(&x.kept),
                item_tag(other),
                "a conflict between two different annotations: {}",
                x.describe()
            );
        }
    }
    for tag in &conflicted {
        let key = |side: &BTreeMap<String, String>| {
            side.keys()
                .find(|k| k.ends_with(&format!(" {tag}")))
                .cloned()
        };
        let Some(k) = key(&b) else {
            continue;
        };
        let changed = |side: &BTreeMap<String, String>| side.get(&k) != b.get(&k);
        // A deletion on one side meets a change on the other: the
        // annotation itself, or one that uses it (a relation or
        // quotation made on the mention since the base).
        let uses_changed = |side: &BTreeMap<String, String>| {
            side.iter().any(|(key, value)| {
                *key != k && value.split_whitespace().any(|w| w == tag) && b.get(key) != Some(value)
            })
        };
        let deleted_meets_use =
            !o.contains_key(&k) && uses_changed(&t) || !t.contains_key(&k) && uses_changed(&o);
        let described: Vec<String> = merged
            .conflicts
            .iter()
            .filter(|x| {
                std::iter::once(&x.kept)
                    .chain(x.other.as_ref())
                    .any(|i| item_tag(i).as_deref() == Some(tag.as_str()))
            })
            .map(stancemark::model::conflict::Conflict::describe)
            .collect();
        assert!(
            changed(&o) && changed(&t) || deleted_meets_use,
            "a conflict on {k}, which one side did not change: base {:?}, ours {:?}, theirs {:?}; ids {:?} / {:?} / {:?}; {described:?}",
            b.get(&k),
            o.get(&k),
            t.get(&k),
            id_of(base, tag),
            id_of(ours, tag),
            id_of(theirs, tag),
        );
    }
    // And the other way: whatever both sides changed differently has one.
    for (key, before) in &b {
        if let (Some(x), Some(y)) = (o.get(key), t.get(key))
            && x != before
            && y != before
            && x != y
        {
            let tag = key.split(' ').nth(1).unwrap_or_default();
            assert!(
                conflicted.contains(tag),
                "{key}: both sides changed it differently, no conflict recorded: base {before:?}, ours {x:?}, theirs {y:?}"
            );
        }
    }
    check_codes_and_schema(base, ours, theirs, merged);
}

/// What a conflict is about, by tags (ids move between merges).
pub(super) fn conflict_key(x: &stancemark::model::conflict::Conflict) -> String {
    format!(
        "{} {:?} {:?} {}",
        item_kind(&x.kept),
        item_tag(&x.kept),
        x.other.as_ref().map(item_tag),
        x.kept_from
    )
}

/// Codebook variables and entity types one side added are kept; a code one
/// side set and the other left alone is the one it set; a code both set
/// differently is ours (the merge says so in its notes).
pub(super) fn check_codes_and_schema(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    merged: &Project,
) {
    for side in [ours, theirs] {
        for v in &side.schema.variables {
            assert!(
                merged.schema.variables.iter().any(|m| m.name == v.name),
                "codebook variable {} was added on one side, the merge lost it",
                v.name
            );
        }
        for t in &side.schema.entity_types {
            assert!(
                merged.schema.entity_type(&t.name).is_some(),
                "entity type {} was added on one side, the merge lost it",
                t.name
            );
        }
    }
    let empty = std::sync::Arc::default();
    for (path, m) in &merged.documents {
        let (b, o, t) = (
            base.documents.get(path).unwrap_or(&empty),
            ours.documents.get(path).unwrap_or(&empty),
            theirs.documents.get(path).unwrap_or(&empty),
        );
        let names: BTreeSet<&String> = b
            .codes
            .keys()
            .chain(o.codes.keys())
            .chain(t.codes.keys())
            .collect();
        for name in names {
            let (bv, ov, tv, mv) = (
                b.codes.get(name),
                o.codes.get(name),
                t.codes.get(name),
                m.codes.get(name),
            );
            let expected = if ov == bv { tv } else { ov };
            assert_eq!(
                mv, expected,
                "{path}: code {name} is {mv:?}; base {bv:?}, ours {ov:?}, theirs {tv:?}"
            );
        }
    }
}

/// The ids of the annotations tagged `tag` (any kind), for messages.
pub(super) fn id_of(project: &Project, tag: &str) -> Vec<String> {
    let mut out: Vec<String> = project
        .entities
        .values()
        .filter(|e| tag_of(&e.note) == Some(tag))
        .map(|e| format!("entity {}", e.id.0))
        .collect();
    for d in project.documents.values() {
        out.extend(
            d.mentions
                .iter()
                .filter(|m| tag_of(&m.note) == Some(tag))
                .map(|m| format!("mention {}", m.id.0)),
        );
        out.extend(
            d.stances
                .iter()
                .filter(|x| tag_of(&x.note) == Some(tag))
                .map(|x| format!("stance {}", x.id.0)),
        );
        out.extend(
            d.relations
                .iter()
                .filter(|x| tag_of(&x.note) == Some(tag))
                .map(|x| format!("relation {}", x.id.0)),
        );
        out.extend(
            d.quotations
                .iter()
                .filter(|x| tag_of(&x.note) == Some(tag))
                .map(|x| format!("quotation {}", x.id.0)),
        );
    }
    out
}

/// True when `project` holds exactly `item` (in document `doc`).
pub(super) fn holds(project: &Project, doc: Option<&str>, item: &ConflictItem) -> bool {
    let entry = doc.and_then(|d| project.documents.get(d));
    match item {
        ConflictItem::Mention(m) => entry.and_then(|e| e.mention(m.id)) == Some(m),
        ConflictItem::Stance(s) => entry.is_some_and(|e| e.stances.contains(s)),
        ConflictItem::Relation(r) => entry.is_some_and(|e| e.relations.contains(r)),
        ConflictItem::Quotation(q) => entry.is_some_and(|e| e.quotations.contains(q)),
        ConflictItem::Entity(e) => project.entities.get(&e.id) == Some(e),
        ConflictItem::Claim(c) => project.claims.get(&c.id) == Some(c),
    }
}

/// The tag of the annotation a conflict is about.
pub(super) fn item_tag(item: &ConflictItem) -> Option<String> {
    let note = match item {
        ConflictItem::Mention(m) => &m.note,
        ConflictItem::Stance(s) => &s.note,
        ConflictItem::Relation(r) => &r.note,
        ConflictItem::Quotation(q) => &q.note,
        ConflictItem::Entity(e) => &e.note,
        ConflictItem::Claim(_) => return None,
    };
    tag_of(note).map(str::to_owned)
}

/// The kind of annotation a conflict holds, as [`tags`] names it.
pub(super) fn item_kind(item: &ConflictItem) -> &'static str {
    match item {
        ConflictItem::Mention(_) => "mention",
        ConflictItem::Stance(_) => "stance",
        ConflictItem::Relation(_) => "relation",
        ConflictItem::Quotation(_) => "quotation",
        ConflictItem::Entity(_) => "entity",
        ConflictItem::Claim(_) => "claim",
    }
}
