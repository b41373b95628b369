//! The semantic three-way merge (issue 18): a table of cases, each kind of
//! annotation × add, change and delete on each side, compared with doing
//! both sides' edits one after the other; the true conflicts, each recorded
//! and settled either way with an exact inverse; and identity.

use std::collections::BTreeSet;

use stancemark::model::conflict::{ConflictItem, settle_conflict};
use stancemark::model::{
    CharSpan, Claim, ClaimId, DocStatus, Document, Edit, Entity, EntityId, Evidence, Holder,
    Mention, MentionId, Project, Quotation, QuotationId, QuoteKind, Relation, RelationId, Schema,
    Stance, StanceId, Target, apply,
};
use stancemark::review::three_way::merge_three;

const TEXT: &str =
    "Anna Berg met Jonas Holm in Lyon 🏙. Norvik denied it, she said. 佐藤美咲 agreed.";

fn doc() -> Document {
    Document::new("a.txt", TEXT, "UTF-8")
}

fn span(part: &str) -> CharSpan {
    let b = TEXT.find(part).expect("part");
    let start = TEXT[..b].chars().count();
    CharSpan::new(start, start + part.chars().count())
}

fn ok(p: &mut Project, e: Edit) {
    apply(p, e).expect("edit applies");
}

fn base() -> Project {
    let d = doc();
    let mut p = Project::new("ana", Schema::builtin());
    p.attach(std::slice::from_ref(&d));
    ok(
        &mut p,
        Edit::AddEntity {
            entity: Entity::new(EntityId(1), "Anna Berg", "PER"),
        },
    );
    ok(
        &mut p,
        Edit::AddClaim {
            claim: Claim {
                id: ClaimId(1),
                text: "Norvik is to blame".into(),
                note: String::new(),
            },
        },
    );
    for (id, part, label) in [
        (1, "Anna Berg", "PER"),
        (2, "Jonas Holm", "PER"),
        (3, "Lyon", "GPE"),
    ] {
        let mut m = Mention::new(&d, MentionId(id), span(part), label);
        if id == 1 {
            m.entity = Some(EntityId(1));
        }
        ok(
            &mut p,
            Edit::AddMention {
                doc: "a.txt".into(),
                mention: m,
            },
        );
    }
    ok(
        &mut p,
        Edit::AddRelation {
            doc: "a.txt".into(),
            relation: Relation::new(RelationId(1), "meets", MentionId(1), MentionId(2)),
        },
    );
    ok(
        &mut p,
        Edit::AddStance {
            doc: "a.txt".into(),
            stance: Stance::new(
                StanceId(1),
                Holder::Entity(EntityId(1)),
                Target::Claim(ClaimId(1)),
                "oppose",
                vec![Evidence::new(&d, span("Norvik denied it"))],
            ),
        },
    );
    ok(
        &mut p,
        Edit::AddQuotation {
            doc: "a.txt".into(),
            quotation: Quotation::new(
                QuotationId(1),
                Some(MentionId(1)),
                vec![Evidence::new(&d, span("Norvik denied it"))],
                QuoteKind::Indirect,
            ),
        },
    );
    p
}

/// An edit made on one side; ids come from the project as it stands.
type Op = fn(&mut Project);

fn entry(p: &Project) -> &stancemark::model::DocAnnotations {
    &p.documents["a.txt"]
}

fn add_mention(p: &mut Project, part: &str, label: &str) {
    let id = entry(p).next_mention_id();
    ok(
        p,
        Edit::AddMention {
            doc: "a.txt".into(),
            mention: Mention::new(&doc(), id, span(part), label),
        },
    );
}

fn relabel(p: &mut Project, id: u64, label: &str) {
    ok(
        p,
        Edit::RelabelMention {
            doc: "a.txt".into(),
            id: MentionId(id),
            label: label.into(),
        },
    );
}

fn stance_with(p: &mut Project, polarity: &str, note: &str) {
    let mut s = entry(p).stances[0].clone();
    s.polarity = polarity.into();
    s.note = note.into();
    ok(
        p,
        Edit::UpdateStance {
            doc: "a.txt".into(),
            stance: s,
        },
    );
}

fn add_stance(p: &mut Project, part: &str) {
    let id = entry(p).next_stance_id();
    let s = Stance::new(
        id,
        Holder::Author,
        Target::Topic("the spill".into()),
        "neutral",
        vec![Evidence::new(&doc(), span(part))],
    );
    ok(
        p,
        Edit::AddStance {
            doc: "a.txt".into(),
            stance: s,
        },
    );
}

fn add_relation(p: &mut Project, source: u64, target: u64, label: &str) {
    let id = entry(p).next_relation_id();
    let r = Relation::new(id, label, MentionId(source), MentionId(target));
    ok(
        p,
        Edit::AddRelation {
            doc: "a.txt".into(),
            relation: r,
        },
    );
}

fn add_quotation(p: &mut Project, part: &str) {
    let id = entry(p).next_quotation_id();
    let q = Quotation::new(
        id,
        None,
        vec![Evidence::new(&doc(), span(part))],
        QuoteKind::Direct,
    );
    ok(
        p,
        Edit::AddQuotation {
            doc: "a.txt".into(),
            quotation: q,
        },
    );
}

fn quotation_kind(p: &mut Project, kind: QuoteKind) {
    let mut q = entry(p).quotations[0].clone();
    q.kind = kind;
    ok(
        p,
        Edit::UpdateQuotation {
            doc: "a.txt".into(),
            quotation: q,
        },
    );
}

fn rename_entity(p: &mut Project, name: &str) {
    let mut e = p.entities[&EntityId(1)].clone();
    e.name = name.into();
    ok(p, Edit::UpdateEntity { entity: e });
}

fn add_entity(p: &mut Project, name: &str) {
    let id = p.next_entity_id();
    ok(
        p,
        Edit::AddEntity {
            entity: Entity::new(id, name, "ORG"),
        },
    );
}

fn claim_text(p: &mut Project, text: &str) {
    ok(
        p,
        Edit::UpdateClaim {
            claim: Claim {
                id: ClaimId(1),
                text: text.into(),
                note: String::new(),
            },
        },
    );
}

/// Everything a merge must keep, without ids: a set of lines.
fn view(p: &Project) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let d = entry(p);
    let at = |id: MentionId| {
        d.mention(id)
            .map(|m| (m.span.start, m.span.end, m.label.clone()))
    };
    let entity = |id: Option<EntityId>| id.and_then(|e| p.entities.get(&e)).map(|e| e.name.clone());
    for m in &d.mentions {
        out.insert(format!(
            "mention {:?} {} {:?} {:?}",
            m.span,
            m.label,
            entity(m.entity),
            m.note
        ));
    }
    for r in &d.relations {
        out.insert(format!(
            "relation {} {:?} {:?}",
            r.label,
            at(r.source),
            at(r.target)
        ));
    }
    for q in &d.quotations {
        out.insert(format!(
            "quotation {:?} {:?} {:?}",
            q.contents.iter().map(|c| c.span).collect::<Vec<_>>(),
            q.speaker.map(at),
            q.kind
        ));
    }
    for s in &d.stances {
        out.insert(format!(
            "stance {:?} {:?} {} {:?} {:?}",
            s.holder,
            s.target,
            s.polarity,
            s.evidence.iter().map(|e| e.span).collect::<Vec<_>>(),
            s.note
        ));
    }
    for e in p.entities.values() {
        out.insert(format!("entity {} {}", e.name, e.label));
    }
    for c in p.claims.values() {
        out.insert(format!("claim {}", c.text));
    }
    out.insert(format!("status {:?} note {:?}", d.status, d.note));
    out
}

fn run(ops: &[Op], p: &mut Project) {
    for op in ops {
        op(p);
    }
}

#[test]
fn clean_merges_equal_both_sides_done_one_after_the_other() {
    // (case, ours, theirs)
    let cases: Vec<(&str, Vec<Op>, Vec<Op>)> = vec![
        (
            "mention added on each side",
            vec![|p| add_mention(p, "Norvik", "ORG")],
            vec![|p| add_mention(p, "佐藤美咲", "PER")],
        ),
        (
            "the same mention added on both",
            vec![|p| add_mention(p, "Norvik", "ORG")],
            vec![|p| add_mention(p, "Norvik", "ORG")],
        ),
        (
            "mention relabelled / stance added",
            vec![|p| relabel(p, 3, "LOC")],
            vec![|p| add_stance(p, "佐藤美咲 agreed")],
        ),
        (
            "mention deleted / entity renamed",
            vec![|p| {
                ok(
                    p,
                    Edit::RemoveMention {
                        doc: "a.txt".into(),
                        id: MentionId(3),
                    },
                )
            }],
            vec![|p| rename_entity(p, "Anna Berg-Lund")],
        ),
        (
            "stance changed / relation added",
            vec![|p| stance_with(p, "support", "on reflection 🤔")],
            vec![|p| add_relation(p, 2, 3, "located_in")],
        ),
        (
            "stance deleted / quotation added",
            vec![|p| {
                ok(
                    p,
                    Edit::RemoveStance {
                        doc: "a.txt".into(),
                        id: StanceId(1),
                    },
                )
            }],
            vec![|p| add_quotation(p, "佐藤美咲 agreed")],
        ),
        (
            "relation deleted / quotation changed",
            vec![|p| {
                ok(
                    p,
                    Edit::RemoveRelation {
                        doc: "a.txt".into(),
                        id: RelationId(1),
                    },
                )
            }],
            vec![|p| quotation_kind(p, QuoteKind::Mixed)],
        ),
        (
            "relations added on both, colliding ids",
            vec![|p| add_relation(p, 2, 3, "located_in")],
            vec![|p| add_relation(p, 1, 3, "located_in")],
        ),
        (
            "quotations added on both",
            vec![|p| add_quotation(p, "she said")],
            vec![|p| add_quotation(p, "佐藤美咲 agreed")],
        ),
        (
            "entities added on both, colliding ids",
            vec![|p| add_entity(p, "Norvik Chemicals")],
            vec![|p| add_entity(p, "Kestrel Institute")],
        ),
        (
            "claim changed / status set",
            vec![|p| claim_text(p, "Norvik caused the spill")],
            vec![|p| {
                ok(
                    p,
                    Edit::SetStatus {
                        doc: "a.txt".into(),
                        status: DocStatus::Done,
                    },
                )
            }],
        ),
        (
            "note on one side, mention on the other",
            vec![|p| {
                ok(
                    p,
                    Edit::SetDocumentNote {
                        doc: "a.txt".into(),
                        note: "check 🐟".into(),
                    },
                )
            }],
            vec![|p| add_mention(p, "Norvik", "ORG")],
        ),
        (
            "quotation deleted / mention added",
            vec![|p| {
                ok(
                    p,
                    Edit::RemoveQuotation {
                        doc: "a.txt".into(),
                        id: QuotationId(1),
                    },
                )
            }],
            vec![|p| add_mention(p, "she", "PER")],
        ),
        (
            "the same edit on both sides",
            vec![|p| relabel(p, 3, "LOC")],
            vec![|p| relabel(p, 3, "LOC")],
        ),
        (
            "nothing on ours",
            vec![],
            vec![|p| relabel(p, 2, "ORG"), |p| {
                add_mention(p, "Norvik", "ORG")
            }],
        ),
        (
            "nothing on theirs",
            vec![|p| relabel(p, 2, "ORG"), |p| add_stance(p, "she said")],
            vec![],
        ),
    ];
    for (name, o, t) in cases {
        let b = base();
        let (mut ours, mut theirs, mut both) = (b.clone(), b.clone(), b.clone());
        run(&o, &mut ours);
        run(&t, &mut theirs);
        run(&o, &mut both);
        // The same annotation added on both sides is there once.
        if name != "the same mention added on both" && name != "the same edit on both sides" {
            run(&t, &mut both);
        }
        let merged = merge_three(&b, &ours, &theirs);
        assert_eq!(
            merged.new_conflicts, 0,
            "{name}: {:?}",
            merged.project.conflicts
        );
        assert_eq!(view(&merged.project), view(&both), "{name}");
        // Ids stay unique, and every reference lands.
        let d = entry(&merged.project);
        let ids: BTreeSet<_> = d.mentions.iter().map(|m| m.id).collect();
        assert_eq!(ids.len(), d.mentions.len(), "{name}");
        assert!(
            d.relations
                .iter()
                .all(|r| ids.contains(&r.source) && ids.contains(&r.target)),
            "{name}"
        );
    }
}

#[test]
fn identity() {
    let b = base();
    let mut x = b.clone();
    add_mention(&mut x, "Norvik", "ORG");
    stance_with(&mut x, "support", "");
    for (name, ours, theirs, expected) in [
        ("nothing changed", &b, &b, &b),
        ("ours only", &x, &b, &x),
        ("theirs only", &b, &x, &x),
        ("both the same", &x, &x, &x),
    ] {
        let merged = merge_three(&b, ours, theirs);
        assert_eq!(&merged.project, expected, "{name}");
        assert!(merged.notes.is_empty(), "{name}");
    }
}

/// Case, ours, theirs, kind kept, side kept, whether the other side
/// deleted it.
type ConflictCase = (
    &'static str,
    Vec<Op>,
    Vec<Op>,
    &'static str,
    &'static str,
    bool,
);

#[test]
fn true_conflicts_are_recorded_and_settled_either_way() {
    // (case, ours, theirs, kind, kept from, other side deleted it)
    let cases: Vec<ConflictCase> = vec![
        (
            "mention relabelled differently",
            vec![|p| relabel(p, 3, "LOC")],
            vec![|p| relabel(p, 3, "ORG")],
            "mention",
            "ours",
            false,
        ),
        (
            "mention relabelled / deleted",
            vec![|p| relabel(p, 3, "LOC")],
            vec![|p| {
                ok(
                    p,
                    Edit::RemoveMention {
                        doc: "a.txt".into(),
                        id: MentionId(3),
                    },
                )
            }],
            "mention",
            "ours",
            true,
        ),
        (
            "mention deleted / relabelled",
            vec![|p| {
                ok(
                    p,
                    Edit::RemoveMention {
                        doc: "a.txt".into(),
                        id: MentionId(3),
                    },
                )
            }],
            vec![|p| relabel(p, 3, "LOC")],
            "mention",
            "theirs",
            true,
        ),
        (
            "stance changed differently",
            vec![|p| stance_with(p, "support", "")],
            vec![|p| stance_with(p, "neutral", "")],
            "stance",
            "ours",
            false,
        ),
        (
            "stance changed / deleted",
            vec![|p| stance_with(p, "support", "")],
            vec![|p| {
                ok(
                    p,
                    Edit::RemoveStance {
                        doc: "a.txt".into(),
                        id: StanceId(1),
                    },
                )
            }],
            "stance",
            "ours",
            true,
        ),
        (
            "quotation changed differently",
            vec![|p| quotation_kind(p, QuoteKind::Direct)],
            vec![|p| quotation_kind(p, QuoteKind::Mixed)],
            "quotation",
            "ours",
            false,
        ),
        (
            "entity renamed differently",
            vec![|p| rename_entity(p, "A. Berg")],
            vec![|p| rename_entity(p, "Anna Berg-Lund")],
            "entity",
            "ours",
            false,
        ),
        (
            "claim changed differently",
            vec![|p| claim_text(p, "one")],
            vec![|p| claim_text(p, "two")],
            "claim",
            "ours",
            false,
        ),
        (
            "mention deleted / used by a new relation",
            vec![|p| {
                ok(
                    p,
                    Edit::RemoveMention {
                        doc: "a.txt".into(),
                        id: MentionId(3),
                    },
                )
            }],
            vec![|p| add_relation(p, 2, 3, "located_in")],
            "mention",
            "theirs",
            true,
        ),
    ];
    for (name, o, t, kind, kept_from, deleted) in cases {
        let b = base();
        let (mut ours, mut theirs) = (b.clone(), b.clone());
        run(&o, &mut ours);
        run(&t, &mut theirs);
        let merged = merge_three(&b, &ours, &theirs);
        assert_eq!(
            merged.new_conflicts, 1,
            "{name}: {:?}",
            merged.project.conflicts
        );
        let c = &merged.project.conflicts[0];
        assert_eq!(c.kept.kind(), kind, "{name}");
        assert_eq!(c.kept_from, kept_from, "{name}");
        assert_eq!(c.other.is_none(), deleted, "{name}");
        // The project holds the kept version: nothing edited is lost.
        let holds = |p: &Project, item: &ConflictItem| match item {
            ConflictItem::Mention(m) => entry(p).mention(m.id) == Some(m),
            ConflictItem::Stance(s) => entry(p).stances.iter().any(|x| x == s),
            ConflictItem::Relation(r) => entry(p).relation(r.id) == Some(r),
            ConflictItem::Quotation(q) => entry(p).quotation(q.id) == Some(q),
            ConflictItem::Entity(e) => p.entities.get(&e.id) == Some(e),
            ConflictItem::Claim(cl) => p.claims.get(&cl.id) == Some(cl),
        };
        assert!(holds(&merged.project, &c.kept), "{name}");
        assert!(c.describe().contains("merge conflict"), "{name}");
        // Keep: the conflict goes, the project stays.
        let mut kept = merged.project.clone();
        let undo = apply(
            &mut kept,
            settle_conflict(&merged.project, 0, false).expect("keep"),
        )
        .expect("apply");
        assert!(kept.conflicts.is_empty());
        let mut back = kept.clone();
        apply(&mut back, undo).expect("undo");
        assert_eq!(back, merged.project, "{name}: keep undoes exactly");
        // Take the other: its version (or its deletion) is in the project;
        // a deletion of what is in use is refused, with why.
        if name.contains("used by") {
            let mut taken = merged.project.clone();
            let refused = apply(
                &mut taken,
                settle_conflict(&merged.project, 0, true).expect("edit"),
            );
            assert!(refused.is_err(), "{name}");
            assert_eq!(
                taken, merged.project,
                "{name}: a refused edit changes nothing"
            );
            continue;
        }
        let mut taken = merged.project.clone();
        let undo = apply(
            &mut taken,
            settle_conflict(&merged.project, 0, true).expect("take"),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(taken.conflicts.is_empty());
        match &c.other {
            Some(other) => assert!(holds(&taken, other), "{name}"),
            None => assert!(!holds(&taken, &c.kept), "{name}: deleted"),
        }
        let mut back = taken.clone();
        apply(&mut back, undo).expect("undo");
        assert_eq!(back, merged.project, "{name}: take undoes exactly");
    }
}

#[test]
fn notes_changed_on_both_sides_are_both_kept() {
    let b = base();
    let (mut ours, mut theirs) = (b.clone(), b.clone());
    ok(
        &mut ours,
        Edit::SetDocumentNote {
            doc: "a.txt".into(),
            note: "ours 🐟".into(),
        },
    );
    ok(
        &mut theirs,
        Edit::SetDocumentNote {
            doc: "a.txt".into(),
            note: "theirs 佐藤".into(),
        },
    );
    ok(
        &mut ours,
        Edit::SetStatus {
            doc: "a.txt".into(),
            status: DocStatus::Done,
        },
    );
    ok(
        &mut theirs,
        Edit::SetStatus {
            doc: "a.txt".into(),
            status: DocStatus::InProgress,
        },
    );
    let merged = merge_three(&b, &ours, &theirs);
    let note = &entry(&merged.project).note;
    assert!(
        note.contains("ours 🐟") && note.contains("theirs 佐藤"),
        "{note}"
    );
    assert_eq!(entry(&merged.project).status, DocStatus::Done);
    assert_eq!(merged.notes.len(), 2, "{:?}", merged.notes);
}

fn remove_mention(p: &mut Project, id: u64) {
    ok(
        p,
        Edit::RemoveMention {
            doc: "a.txt".into(),
            id: MentionId(id),
        },
    );
}

/// A project written by an older Stancemark: a new mention takes the id of
/// the one just deleted (the highest), as `max + 1` gave it.
fn replace_highest_mention(p: &mut Project, part: &str, label: &str) {
    let highest = entry(p).mentions.iter().map(|m| m.id.0).max().expect("one");
    remove_mention(p, highest);
    let mention = Mention::new(&doc(), MentionId(highest), span(part), label);
    ok(
        p,
        Edit::AddMention {
            doc: "a.txt".into(),
            mention,
        },
    );
}

/// Ours deletes mention 3 ("Lyon") and adds another under id 3; theirs adds
/// a relation to the old mention 3. The relation must still point at
/// "Lyon", never at ours' new words, and the result must check out.
#[test]
fn a_reused_id_never_retargets_a_relation() {
    let base = base();
    let mut ours = base.clone();
    replace_highest_mention(&mut ours, "Norvik", "ORG");
    let mut theirs = base.clone();
    add_relation(&mut theirs, 2, 3, "located_in");
    let merged = merge_three(&base, &ours, &theirs);
    let d = entry(&merged.project);
    let located = d
        .relations
        .iter()
        .find(|r| r.label == "located_in")
        .expect("theirs' relation is kept");
    let target = d.mention(located.target).expect("its target exists");
    assert_eq!(
        target.quote.exact, "Lyon",
        "the relation still points at Lyon"
    );
    assert!(
        d.mentions
            .iter()
            .any(|m| m.quote.exact == "Norvik" && m.label == "ORG"),
        "ours' new mention is kept"
    );
    // Ours deleted Lyon while theirs relates to it: a recorded conflict,
    // and nothing else wrong.
    assert_eq!(merged.new_conflicts, 1, "{:?}", merged.project.conflicts);
    let problems: Vec<_> = stancemark::model::check::check_project(&merged.project, &[doc()])
        .into_iter()
        .filter(|p| !matches!(p, stancemark::model::check::Problem::MergeConflict { .. }))
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
}

/// Both sides delete mention 3 and each adds a different mention under id
/// 3: both additions are kept, with no conflict.
#[test]
fn two_additions_under_a_reused_id_are_both_kept() {
    let base = base();
    let mut ours = base.clone();
    replace_highest_mention(&mut ours, "Norvik", "ORG");
    let mut theirs = base.clone();
    replace_highest_mention(&mut theirs, "佐藤美咲", "PER");
    let merged = merge_three(&base, &ours, &theirs);
    let d = entry(&merged.project);
    let words: BTreeSet<&str> = d.mentions.iter().map(|m| m.quote.exact.as_str()).collect();
    assert!(
        words.contains("Norvik") && words.contains("佐藤美咲"),
        "{words:?}"
    );
    assert!(!words.contains("Lyon"), "deleted on both sides");
    assert_eq!(merged.new_conflicts, 0, "{:?}", merged.project.conflicts);
    let problems = stancemark::model::check::check_project(&merged.project, &[doc()]);
    assert!(problems.is_empty(), "{problems:?}");
}

/// Both sides change the schema; theirs adds a codebook variable and codes
/// the document with it: the variable and the code are merged.
#[test]
fn a_codebook_variable_added_on_one_side_is_merged() {
    use stancemark::model::codebook::{Choice, Code, Variable, VariableKind};
    let base = base();
    let mut ours = base.clone();
    let mut schema = ours.schema.clone();
    schema.entity_types[0].description = "people, changed on ours".into();
    ok(
        &mut ours,
        Edit::ReplaceSchema {
            schema: Box::new(schema),
        },
    );
    let mut theirs = base.clone();
    let mut schema = theirs.schema.clone();
    schema.variables.push(Variable {
        name: "frame".into(),
        description: String::new(),
        kind: VariableKind::Single(vec![
            Choice {
                name: "legal".into(),
                label: String::new(),
            },
            Choice {
                name: "economic".into(),
                label: String::new(),
            },
        ]),
        condition: None,
        required: false,
    });
    ok(
        &mut theirs,
        Edit::ReplaceSchema {
            schema: Box::new(schema),
        },
    );
    ok(
        &mut theirs,
        Edit::SetCode {
            doc: "a.txt".into(),
            variable: "frame".into(),
            value: Some(Code::Choice("legal".into())),
        },
    );
    let merged = merge_three(&base, &ours, &theirs);
    assert!(
        merged
            .project
            .schema
            .variables
            .iter()
            .any(|v| v.name == "frame")
    );
    assert_eq!(
        entry(&merged.project).codes.get("frame"),
        Some(&Code::Choice("legal".into()))
    );
    assert_eq!(
        merged.project.schema.entity_types[0].description,
        "people, changed on ours"
    );
    // And it is a file that loads again.
    let text = stancemark::io::store::project_to_ron(&merged.project, ".".into()).expect("ron");
    stancemark::io::store::parse_project(std::path::Path::new("merged.ron"), &text)
        .expect("the merged file loads");
}

/// Figures at the edge of u64 never wrap: a tally of 2^64−1 on both sides
/// stays 2^64−1, and a file with an id near 2^64 is refused when read, so
/// a merge's fresh ids (above the highest) can never wrap around to 0.
#[test]
fn nothing_wraps_around() {
    let base = base();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.suggestion_tally.accepted = u64::MAX;
    theirs.suggestion_tally.accepted = u64::MAX;
    let merged = merge_three(&base, &ours, &theirs);
    assert_eq!(merged.project.suggestion_tally.accepted, u64::MAX);

    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("p.ron");
    let mut huge = base.clone();
    let mention = Mention::new(&doc(), MentionId(u64::MAX), span("Norvik"), "ORG");
    ok(
        &mut huge,
        Edit::AddMention {
            doc: "a.txt".into(),
            mention,
        },
    );
    stancemark::io::save_project(&file, &huge, dir.path()).expect("written");
    let e = stancemark::io::load_project(&file).expect_err("refused");
    assert!(
        e.to_string()
            .contains("a mention id is 18446744073709551615, above the largest id allowed"),
        "{e}"
    );
}

/// Found by the team simulation (issue 30): an earlier merge on theirs'
/// side gave a mention, its relation and its quotation fresh ids (another
/// clone had used the ids meanwhile). Merged by id alone, the mention was
/// "deleted" and "added" at once: a conflict, then the same words twice.
/// The renumbered annotations are recognised by their content and keep
/// their base ids; the merge is clean and holds each once.
#[test]
fn annotations_an_earlier_merge_renumbered_are_recognised() {
    let base = base();
    let ours = base.clone();
    let mut theirs = base.clone();
    {
        let e = std::sync::Arc::make_mut(theirs.documents.get_mut("a.txt").expect("doc"));
        for m in &mut e.mentions {
            if m.id == MentionId(2) {
                m.id = MentionId(9);
            }
        }
        e.mentions.sort_by_key(|m| (m.span.start, m.span.end, m.id));
        for r in &mut e.relations {
            if r.target == MentionId(2) {
                r.target = MentionId(9);
            }
            r.id = RelationId(7);
        }
        for q in &mut e.quotations {
            q.id = QuotationId(5);
        }
    }
    let merged = merge_three(&base, &ours, &theirs);
    assert_eq!(merged.new_conflicts, 0, "{:?}", merged.project.conflicts);
    let e = entry(&merged.project);
    let holm: Vec<u64> = e
        .mentions
        .iter()
        .filter(|m| m.quote.exact == "Jonas Holm")
        .map(|m| m.id.0)
        .collect();
    assert_eq!(holm, [2], "one Jonas Holm, with its base id");
    let relations: Vec<(u64, u64, u64)> = e
        .relations
        .iter()
        .map(|r| (r.id.0, r.source.0, r.target.0))
        .collect();
    assert_eq!(relations, [(1, 1, 2)]);
    assert_eq!(e.quotations.len(), 1);
    assert_eq!(e.quotations[0].id, QuotationId(1));
}

/// As above, for an entity: theirs holds Anna Berg under a fresh id because
/// another entity took her id first there. The merge must see her
/// unchanged, and keep the other entity too.
#[test]
fn an_entity_an_earlier_merge_renumbered_is_recognised() {
    let base = base();
    let ours = base.clone();
    let mut theirs = base.clone();
    let anna = theirs.entities.remove(&EntityId(1)).expect("Anna");
    theirs.entities.insert(
        EntityId(7),
        Entity {
            id: EntityId(7),
            ..anna
        },
    );
    theirs
        .entities
        .insert(EntityId(1), Entity::new(EntityId(1), "Jonas Holm", "PER"));
    {
        let e = std::sync::Arc::make_mut(theirs.documents.get_mut("a.txt").expect("doc"));
        for m in &mut e.mentions {
            if m.entity == Some(EntityId(1)) {
                m.entity = Some(EntityId(7));
            }
        }
        for s in &mut e.stances {
            if s.holder == Holder::Entity(EntityId(1)) {
                s.holder = Holder::Entity(EntityId(7));
            }
        }
    }
    let merged = merge_three(&base, &ours, &theirs);
    assert_eq!(merged.new_conflicts, 0, "{:?}", merged.project.conflicts);
    let names: Vec<&str> = merged
        .project
        .entities
        .values()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let e = entry(&merged.project);
    let anna = e.mention(MentionId(1)).and_then(|m| m.entity);
    assert_eq!(
        anna.and_then(|id| merged.project.entities.get(&id))
            .map(|e| e.name.as_str()),
        Some("Anna Berg")
    );
}

/// Both sides hold Anna Berg under a fresh id of their own (each had
/// another entity take her id first): still one Anna Berg, unchanged, no
/// conflict, and both other entities kept.
#[test]
fn an_entity_both_sides_renumbered_is_recognised() {
    let base = base();
    let renumbered = |to: u64, other: &str| {
        let mut p = base.clone();
        let anna = p.entities.remove(&EntityId(1)).expect("Anna");
        p.entities.insert(
            EntityId(to),
            Entity {
                id: EntityId(to),
                ..anna
            },
        );
        p.entities
            .insert(EntityId(1), Entity::new(EntityId(1), other, "PER"));
        let e = std::sync::Arc::make_mut(p.documents.get_mut("a.txt").expect("doc"));
        for m in &mut e.mentions {
            if m.entity == Some(EntityId(1)) {
                m.entity = Some(EntityId(to));
            }
        }
        for s in &mut e.stances {
            if s.holder == Holder::Entity(EntityId(1)) {
                s.holder = Holder::Entity(EntityId(to));
            }
        }
        p
    };
    let ours = renumbered(8, "Jonas Holm");
    let theirs = renumbered(7, "Ines Calderon");
    let merged = merge_three(&base, &ours, &theirs);
    assert_eq!(merged.new_conflicts, 0, "{:?}", merged.project.conflicts);
    let mut names: Vec<&str> = merged
        .project
        .entities
        .values()
        .map(|e| e.name.as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["Anna Berg", "Ines Calderon", "Jonas Holm"]);
}

/// A conflict one side carries unsettled names that side's ids; when the
/// merge gives its annotations fresh ids (theirs' new entity collided with
/// ours'), the conflict must follow, or settling it later links the
/// mention to ours' entity (found by the team simulation, issue 30).
#[test]
fn a_carried_conflict_follows_the_ids_the_merge_moves() {
    let base = base();
    let mut ours = base.clone();
    ok(
        &mut ours,
        Edit::AddEntity {
            entity: Entity::new(EntityId(2), "Jonas Holm", "PER"),
        },
    );
    let mut theirs = base.clone();
    ok(
        &mut theirs,
        Edit::AddEntity {
            entity: Entity::new(EntityId(2), "Lyon", "GPE"),
        },
    );
    let lyon = theirs.documents["a.txt"]
        .mention(MentionId(3))
        .expect("Lyon")
        .clone();
    let linked = Mention {
        entity: Some(EntityId(2)),
        ..lyon.clone()
    };
    let relabelled = Mention {
        label: "LOC".into(),
        ..linked.clone()
    };
    ok(
        &mut theirs,
        Edit::ReplaceMention {
            doc: "a.txt".into(),
            mention: linked.clone(),
        },
    );
    // An earlier merge on theirs' side left this conflict unsettled.
    theirs
        .conflicts
        .push(stancemark::model::conflict::Conflict {
            doc: Some("a.txt".into()),
            kept: ConflictItem::Mention(linked),
            kept_from: "ours".into(),
            other: Some(ConflictItem::Mention(relabelled)),
            other_from: "theirs".into(),
        });
    let merged = merge_three(&base, &ours, &theirs).project;
    let lyon_entity = merged
        .entities
        .values()
        .find(|e| e.name == "Lyon")
        .expect("theirs' entity kept")
        .id;
    assert_ne!(lyon_entity, EntityId(2), "theirs' entity was renumbered");
    assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    for item in std::iter::once(&merged.conflicts[0].kept).chain(&merged.conflicts[0].other) {
        let ConflictItem::Mention(m) = item else {
            panic!("a mention conflict")
        };
        assert_eq!(
            m.entity,
            Some(lyon_entity),
            "the conflict names ours' entity"
        );
    }
    let mut settled = merged.clone();
    let edit = settle_conflict(&settled, 0, true).expect("settle");
    ok(&mut settled, edit);
    let m = settled.documents["a.txt"]
        .mention(MentionId(3))
        .expect("Lyon");
    assert_eq!((m.label.as_str(), m.entity), ("LOC", Some(lyon_entity)));
}

/// Both sides delete the base's only stance and add a different one, which
/// takes the freed id on each side: three stances, not one conflict
/// between two that have nothing in common (settling it would lose one;
/// found by the team simulation's month).
#[test]
fn two_stances_added_under_a_freed_id_are_both_kept() {
    let base = base();
    let d = doc();
    let replaced = |words: &str, polarity: &str| {
        let mut p = base.clone();
        ok(
            &mut p,
            Edit::RemoveStance {
                doc: "a.txt".into(),
                id: StanceId(1),
            },
        );
        let id = entry(&p).next_stance_id();
        assert_eq!(id, StanceId(1), "the freed id is given again");
        ok(
            &mut p,
            Edit::AddStance {
                doc: "a.txt".into(),
                stance: Stance::new(
                    id,
                    Holder::Author,
                    Target::Topic(words.into()),
                    polarity,
                    vec![Evidence::new(&d, span(words))],
                ),
            },
        );
        p
    };
    let ours = replaced("she said", "support");
    let theirs = replaced("佐藤美咲 agreed", "oppose");
    let merged = merge_three(&base, &ours, &theirs);
    assert_eq!(merged.new_conflicts, 0, "{:?}", merged.project.conflicts);
    let mut topics: Vec<String> = entry(&merged.project)
        .stances
        .iter()
        .map(|s| format!("{:?}", s.target))
        .collect();
    topics.sort();
    assert_eq!(
        topics,
        ["Topic(\"she said\")", "Topic(\"佐藤美咲 agreed\")"],
        "both additions kept, the deleted stance gone"
    );
}

/// Earlier merges left one side holding two base entities under each
/// other's ids: each keeps its own base id, and what names it follows
/// (found by the team simulation's month: a stance's holder seemed
/// changed, a conflict for nothing).
#[test]
fn entities_with_swapped_ids_are_recognised() {
    let mut base = base();
    ok(
        &mut base,
        Edit::AddEntity {
            entity: Entity::new(EntityId(2), "Jonas Holm", "PER"),
        },
    );
    let mut theirs = base.clone();
    let anna = theirs.entities[&EntityId(1)].clone();
    let jonas = theirs.entities[&EntityId(2)].clone();
    theirs.entities.insert(
        EntityId(1),
        Entity {
            id: EntityId(1),
            ..jonas
        },
    );
    theirs.entities.insert(
        EntityId(2),
        Entity {
            id: EntityId(2),
            ..anna
        },
    );
    let e = std::sync::Arc::make_mut(theirs.documents.get_mut("a.txt").expect("doc"));
    for m in &mut e.mentions {
        if m.entity == Some(EntityId(1)) {
            m.entity = Some(EntityId(2));
        }
    }
    for s in &mut e.stances {
        if s.holder == Holder::Entity(EntityId(1)) {
            s.holder = Holder::Entity(EntityId(2));
        }
    }
    let merged = merge_three(&base, &base, &theirs);
    assert_eq!(merged.new_conflicts, 0, "{:?}", merged.project.conflicts);
    assert_eq!(merged.project, base, "nothing changed but the numbering");
}

/// Without a base (both sides added the file, or synced copies with no
/// backup in common), both sides' schema additions are kept: ours' schema
/// as the base made theirs win outright, and ours' new type was lost.
#[test]
fn without_a_base_both_schemas_additions_are_kept() {
    let base = base();
    let with_type = |p: &Project, name: &str| {
        let mut schema = p.schema.clone();
        let mut t = schema.entity_types[0].clone();
        t.name = name.into();
        t.key = None;
        schema.entity_types.push(t);
        let mut out = p.clone();
        ok(
            &mut out,
            Edit::ReplaceSchema {
                schema: Box::new(schema),
            },
        );
        out
    };
    let ours = with_type(&base, "OURS");
    let theirs = with_type(&base, "THEIRS");
    let merged = merge_three(
        &stancemark::review::three_way::no_base(&ours),
        &ours,
        &theirs,
    );
    for name in ["OURS", "THEIRS", "PER"] {
        assert!(
            merged.project.schema.entity_type(name).is_some(),
            "{name} lost"
        );
    }
    assert_eq!(merged.project.documents, base.documents);
}
