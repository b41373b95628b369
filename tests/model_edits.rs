//! Every edit's inverse restores the project exactly (property test), and
//! undo/redo walk the history across documents.

use proptest::prelude::*;
use stancemark::model::Mention;
use stancemark::model::entity_ops::{
    delete_entity, merge_entities, new_entity_from_mention, split_entity,
};
use stancemark::model::stance::Evidence;
use stancemark::model::{
    CharSpan, DocStatus, Document, Edit, EntityType, History, MentionId, Project, Quotation,
    QuotationId, QuoteKind, Relation, RelationId, Rgb, Schema, apply,
};

const TEXTS: [&str; 3] = [
    "Mayor Hélène Duarte-Lefèvre spoke to “reporters” 🐟 at dawn.",
    "Dr 佐藤美咲 said the chemistry is consistent.",
    "Rene\u{301}e met Bjørn in Port Avel 👍🏽 today.",
];

fn documents() -> Vec<Document> {
    TEXTS
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(format!("d{i}.txt"), *t, "UTF-8"))
        .collect()
}

fn base_project(docs: &[Document]) -> Project {
    let mut schema = Schema::builtin();
    schema.variables = stancemark::model::codebook::example_codebook();
    let mut p = Project::new("tester", schema);
    p.attach(docs);
    p
}

/// A random edit description, resolved against the current project.
#[derive(Clone, Debug)]
enum Op {
    Add {
        doc: usize,
        a: usize,
        b: usize,
        label: usize,
    },
    Remove {
        doc: usize,
        nth: usize,
    },
    Relabel {
        doc: usize,
        nth: usize,
        label: usize,
    },
    Resize {
        doc: usize,
        nth: usize,
        a: usize,
        b: usize,
    },
    Status {
        doc: usize,
        status: usize,
    },
    Outlet {
        doc: usize,
        outlet: Option<String>,
    },
    InsertType {
        name: String,
        key: Option<u8>,
    },
    RemoveType {
        label: usize,
    },
    RenameType {
        label: usize,
        name: String,
    },
    NewEntity {
        doc: usize,
        nth: usize,
    },
    Link {
        doc: usize,
        nth: usize,
        entity: Option<usize>,
    },
    Suggest {
        doc: usize,
        nth: usize,
        suggested: bool,
    },
    Merge {
        kept: usize,
        absorbed: usize,
    },
    Split {
        entity: usize,
        doc: usize,
    },
    DeleteEntity {
        entity: usize,
    },
    MentionNote {
        doc: usize,
        nth: usize,
        note: String,
    },
    DocumentNote {
        doc: usize,
        note: String,
    },
    Relate {
        doc: usize,
        a: usize,
        b: usize,
        kind: usize,
    },
    Unrelate {
        doc: usize,
        nth: usize,
    },
    Retype {
        doc: usize,
        nth: usize,
        kind: usize,
        note: String,
        swap: bool,
    },
    DropRelationType {
        kind: usize,
    },
    Quote {
        doc: usize,
        a: usize,
        b: usize,
        speaker: Option<usize>,
        kind: usize,
    },
    Unquote {
        doc: usize,
        nth: usize,
    },
    /// Set (or clear, `value: None`) codebook variable `var`: the value is
    /// read as the variable's kind wants (a choice's index, a set's bits,
    /// a scale point, a number, a text), so some are refused.
    Code {
        doc: usize,
        var: usize,
        value: Option<u32>,
    },
    /// Replace the schema with one that lacks variable `drop`.
    DropVariable {
        drop: usize,
    },
    Batch(Vec<Op>),
}

fn op() -> impl Strategy<Value = Op> {
    let leaf = prop_oneof![
        4 => (0..3usize, 0..60usize, 0..60usize, 0..8usize).prop_map(|(doc, a, b, label)| Op::Add { doc, a, b, label }),
        2 => (0..3usize, 0..10usize).prop_map(|(doc, nth)| Op::Remove { doc, nth }),
        2 => (0..3usize, 0..10usize, 0..8usize).prop_map(|(doc, nth, label)| Op::Relabel { doc, nth, label }),
        2 => (0..3usize, 0..10usize, 0..60usize, 0..60usize).prop_map(|(doc, nth, a, b)| Op::Resize { doc, nth, a, b }),
        1 => (0..3usize, 0..3usize).prop_map(|(doc, status)| Op::Status { doc, status }),
        1 => (0..3usize, proptest::option::of("[a-z ]{0,6}")).prop_map(|(doc, outlet)| Op::Outlet { doc, outlet }),
        1 => ("[A-Z]{2,4}", proptest::option::of(1u8..10)).prop_map(|(name, key)| Op::InsertType { name, key }),
        1 => (0..8usize).prop_map(|label| Op::RemoveType { label }),
        1 => (0..8usize, "[A-Z]{2,4}").prop_map(|(label, name)| Op::RenameType { label, name }),
        2 => (0..3usize, 0..10usize).prop_map(|(doc, nth)| Op::NewEntity { doc, nth }),
        2 => (0..3usize, 0..10usize, proptest::option::of(0..4usize)).prop_map(|(doc, nth, entity)| Op::Link { doc, nth, entity }),
        1 => (0..3usize, 0..10usize, any::<bool>()).prop_map(|(doc, nth, suggested)| Op::Suggest { doc, nth, suggested }),
        1 => (0..4usize, 0..4usize).prop_map(|(kept, absorbed)| Op::Merge { kept, absorbed }),
        1 => (0..4usize, 0..3usize).prop_map(|(entity, doc)| Op::Split { entity, doc }),
        1 => (0..4usize).prop_map(|entity| Op::DeleteEntity { entity }),
        1 => (0..3usize, 0..10usize, "[a-zé😀 ]{0,6}").prop_map(|(doc, nth, note)| Op::MentionNote { doc, nth, note }),
        1 => (0..3usize, "[a-z北 ]{0,6}").prop_map(|(doc, note)| Op::DocumentNote { doc, note }),
        3 => (0..3usize, 0..10usize, 0..10usize, 0..5usize).prop_map(|(doc, a, b, kind)| Op::Relate { doc, a, b, kind }),
        1 => (0..3usize, 0..5usize).prop_map(|(doc, nth)| Op::Unrelate { doc, nth }),
        1 => (0..3usize, 0..5usize, 0..5usize, "[a-z🐟 ]{0,5}", any::<bool>()).prop_map(|(doc, nth, kind, note, swap)| Op::Retype { doc, nth, kind, note, swap }),
        1 => (0..5usize).prop_map(|kind| Op::DropRelationType { kind }),
        2 => (0..3usize, 0..60usize, 0..60usize, proptest::option::of(0..10usize), 0..3usize).prop_map(|(doc, a, b, speaker, kind)| Op::Quote { doc, a, b, speaker, kind }),
        1 => (0..3usize, 0..5usize).prop_map(|(doc, nth)| Op::Unquote { doc, nth }),
        3 => (0..3usize, 0..8usize, proptest::option::of(0..70u32)).prop_map(|(doc, var, value)| Op::Code { doc, var, value }),
        1 => (0..8usize).prop_map(|drop| Op::DropVariable { drop }),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        proptest::collection::vec(inner, 0..4).prop_map(Op::Batch)
    })
}

fn nth_entity(project: &Project, nth: usize) -> stancemark::model::EntityId {
    let ids: Vec<_> = project.entities.keys().copied().collect();
    ids.get(nth % ids.len().max(1))
        .copied()
        .unwrap_or(stancemark::model::EntityId(999))
}

fn resolve(op: &Op, project: &Project, docs: &[Document]) -> Edit {
    let label = |i: usize| {
        let types = &project.schema.entity_types;
        types
            .get(i % types.len().max(1))
            .map_or_else(|| "NONE".to_owned(), |t| t.name.clone())
    };
    let nth_id = |doc: &Document, nth: usize| {
        let ms = &project.documents[&doc.path].mentions;
        ms.get(nth % ms.len().max(1))
            .map_or(MentionId(999), |m| m.id)
    };
    // A name past the schema's types now and then, which must be refused.
    let relation_label = |i: usize| {
        let types = &project.schema.relation_types;
        types
            .get(i)
            .map_or_else(|| "no_such_relation".to_owned(), |t| t.name.clone())
    };
    let nth_relation = |doc: usize, nth: usize| {
        let rs = &project.documents[&docs[doc].path].relations;
        rs.get(nth % rs.len().max(1))
    };
    match op {
        Op::Add {
            doc,
            a,
            b,
            label: l,
        } => {
            let d = &docs[*doc];
            let span = CharSpan::new((*a).min(d.char_len()), (*b).min(d.char_len()));
            let id = project.documents[&d.path].next_mention_id();
            Edit::AddMention {
                doc: d.path.clone(),
                mention: Mention::new(d, id, span, label(*l)),
            }
        }
        Op::Remove { doc, nth } => Edit::RemoveMention {
            doc: docs[*doc].path.clone(),
            id: nth_id(&docs[*doc], *nth),
        },
        Op::Relabel { doc, nth, label: l } => Edit::RelabelMention {
            doc: docs[*doc].path.clone(),
            id: nth_id(&docs[*doc], *nth),
            label: label(*l),
        },
        Op::Resize { doc, nth, a, b } => {
            let d = &docs[*doc];
            let span = CharSpan::new((*a).min(d.char_len()), (*b).min(d.char_len()));
            Edit::ResizeMention {
                doc: d.path.clone(),
                id: nth_id(d, *nth),
                span,
                quote: stancemark::model::Quote::of(d, span),
            }
        }
        Op::Code { doc, var, value } => {
            use stancemark::model::codebook::{Code, Num, VariableKind};
            let vars = &project.schema.variables;
            let name = vars
                .get(*var)
                .map_or_else(|| "nonexistent".to_owned(), |v| v.name.clone());
            let value = value.map(|n| match vars.get(*var).map(|v| &v.kind) {
                Some(VariableKind::Single(c)) => Code::Choice(
                    c.get(n as usize % (c.len() + 1))
                        .map_or_else(|| "not a value".to_owned(), |c| c.name.clone()),
                ),
                Some(VariableKind::Multiple(c)) => Code::Choices(
                    c.iter()
                        .enumerate()
                        .filter(|(i, _)| n >> i & 1 == 1)
                        .map(|(_, c)| c.name.clone())
                        .collect(),
                ),
                Some(VariableKind::Scale(_)) => Code::Scale(n % 7),
                Some(VariableKind::Number { .. }) => Code::Number(Num(f64::from(n) - 5.0)),
                _ => Code::Text(format!("note {n} 🐟")),
            });
            Edit::SetCode {
                doc: docs[*doc].path.clone(),
                variable: name,
                value,
            }
        }
        Op::DropVariable { drop } => {
            let mut schema = project.schema.clone();
            if *drop < schema.variables.len() {
                schema.variables.remove(*drop);
            }
            Edit::ReplaceSchema {
                schema: Box::new(schema),
            }
        }
        Op::Status { doc, status } => Edit::SetStatus {
            doc: docs[*doc].path.clone(),
            status: DocStatus::ALL[*status],
        },
        Op::MentionNote { doc, nth, note } => Edit::SetMentionNote {
            doc: docs[*doc].path.clone(),
            id: nth_id(&docs[*doc], *nth),
            note: note.clone(),
        },
        Op::DocumentNote { doc, note } => Edit::SetDocumentNote {
            doc: docs[*doc].path.clone(),
            note: note.clone(),
        },
        Op::Outlet { doc, outlet } => Edit::SetOutlet {
            doc: docs[*doc].path.clone(),
            outlet: outlet.clone(),
        },
        Op::InsertType { name, key } => Edit::InsertEntityType {
            index: 1,
            entity_type: EntityType {
                name: name.clone(),
                description: String::new(),
                color: Rgb(1, 2, 3),
                key: key.map(|k| char::from(b'0' + k)),
            },
        },
        Op::RemoveType { label: l } => Edit::RemoveEntityType { name: label(*l) },
        Op::RenameType { label: l, name } => {
            let old = label(*l);
            let mut t = project
                .schema
                .entity_type(&old)
                .cloned()
                .unwrap_or(EntityType {
                    name: old.clone(),
                    description: String::new(),
                    color: Rgb(0, 0, 0),
                    key: None,
                });
            t.name = name.clone();
            Edit::UpdateEntityType {
                name: old,
                entity_type: t,
            }
        }
        Op::NewEntity { doc, nth } => {
            let d = &docs[*doc];
            new_entity_from_mention(project, &d.path, nth_id(d, *nth))
                .map_or(Edit::Batch(vec![]), |(_, e)| e)
        }
        Op::Link { doc, nth, entity } => Edit::LinkMention {
            doc: docs[*doc].path.clone(),
            id: nth_id(&docs[*doc], *nth),
            entity: entity.map(|e| nth_entity(project, e)),
        },
        Op::Suggest {
            doc,
            nth,
            suggested,
        } => Edit::SetSuggested {
            doc: docs[*doc].path.clone(),
            id: nth_id(&docs[*doc], *nth),
            suggested: *suggested,
        },
        Op::Merge { kept, absorbed } => merge_entities(
            project,
            nth_entity(project, *kept),
            nth_entity(project, *absorbed),
        )
        .unwrap_or(Edit::Batch(vec![])),
        Op::Split { entity, doc } => {
            let e = nth_entity(project, *entity);
            let path = &docs[*doc].path;
            let mentions: Vec<(String, MentionId)> = project
                .mentions_of(e)
                .into_iter()
                .filter(|(p, _)| *p == path)
                .map(|(p, m)| (p.to_owned(), m.id))
                .collect();
            split_entity(project, e, &mentions, "Split off").map_or(Edit::Batch(vec![]), |(_, e)| e)
        }
        Op::DeleteEntity { entity } => {
            delete_entity(project, nth_entity(project, *entity)).unwrap_or(Edit::Batch(vec![]))
        }
        Op::Relate { doc, a, b, kind } => {
            let d = &docs[*doc];
            let entry = &project.documents[&d.path];
            Edit::AddRelation {
                doc: d.path.clone(),
                relation: Relation::new(
                    entry.next_relation_id(),
                    relation_label(*kind),
                    nth_id(d, *a),
                    nth_id(d, *b),
                ),
            }
        }
        Op::Unrelate { doc, nth } => {
            let d = &docs[*doc];
            Edit::RemoveRelation {
                doc: d.path.clone(),
                id: nth_relation(*doc, *nth).map_or(RelationId(999), |r| r.id),
            }
        }
        Op::Retype {
            doc,
            nth,
            kind,
            note,
            swap,
        } => {
            let d = &docs[*doc];
            let mut relation = nth_relation(*doc, *nth).cloned().unwrap_or_else(|| {
                Relation::new(RelationId(999), "member_of", MentionId(1), MentionId(2))
            });
            relation.label = relation_label(*kind);
            relation.note.clone_from(note);
            if *swap {
                std::mem::swap(&mut relation.source, &mut relation.target);
            }
            Edit::UpdateRelation {
                doc: d.path.clone(),
                relation,
            }
        }
        Op::DropRelationType { kind } => {
            let mut types = project.schema.relation_types.clone();
            if !types.is_empty() {
                types.remove(kind % types.len());
            }
            Edit::SetRelationTypes { types }
        }
        Op::Quote {
            doc,
            a,
            b,
            speaker,
            kind,
        } => {
            let d = &docs[*doc];
            let span = CharSpan::new((*a).min(d.char_len()), (*b).min(d.char_len()));
            let entry = &project.documents[&d.path];
            Edit::AddQuotation {
                doc: d.path.clone(),
                quotation: Quotation::new(
                    entry.next_quotation_id(),
                    speaker.map(|n| nth_id(d, n)),
                    vec![Evidence::new(d, span)],
                    QuoteKind::ALL[*kind],
                ),
            }
        }
        Op::Unquote { doc, nth } => {
            let d = &docs[*doc];
            let qs = &project.documents[&d.path].quotations;
            Edit::RemoveQuotation {
                doc: d.path.clone(),
                id: qs
                    .get(nth % qs.len().max(1))
                    .map_or(QuotationId(999), |q| q.id),
            }
        }
        Op::Batch(ops) => Edit::Batch(ops.iter().map(|o| resolve(o, project, docs)).collect()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Apply then inverse restores the project exactly; a rejected edit changes nothing.
    #[test]
    fn inverse_restores_exactly(ops in proptest::collection::vec(op(), 1..25)) {
        let docs = documents();
        let mut project = base_project(&docs);
        for op in &ops {
            let before = project.clone();
            let edit = resolve(op, &project, &docs);
            match apply(&mut project, edit) {
                Ok(inverse) => {
                    let after = project.clone();
                    let mut undone = after.clone();
                    let redo = apply(&mut undone, inverse).expect("an inverse always applies");
                    prop_assert_eq!(&undone, &before);
                    let mut redone = undone;
                    apply(&mut redone, redo).expect("a redo always applies");
                    prop_assert_eq!(&redone, &after);
                }
                Err(_) => prop_assert_eq!(&project, &before),
            }
            for (path, entry) in &project.documents {
                for q in &entry.quotations {
                    prop_assert!(
                        q.mentions().all(|m| entry.mention(m).is_some()),
                        "quotation {} of {} names a missing mention", q.id, path
                    );
                }
                for r in &entry.relations {
                    prop_assert!(
                        entry.mention(r.source).is_some() && entry.mention(r.target).is_some(),
                        "relation {} of {} names a missing mention", r.id, path
                    );
                }
                let keys: Vec<_> = entry.mentions.iter().map(Mention::order_key).collect();
                prop_assert!(keys.windows(2).all(|w| w[0] < w[1]), "mentions of {} out of order", path);
            }
        }
    }

    /// Undoing everything through the history gives back the start; redoing everything the end.
    #[test]
    fn history_round_trip(ops in proptest::collection::vec(op(), 1..25)) {
        let docs = documents();
        let start = base_project(&docs);
        let mut project = start.clone();
        let mut history = History::default();
        for op in &ops {
            let edit = resolve(op, &project, &docs);
            let _ = history.apply(&mut project, edit);
        }
        let end = project.clone();
        while let Some(step) = history.undo(&mut project) {
            step.expect("undo applies");
        }
        prop_assert_eq!(&project, &start);
        while let Some(step) = history.redo(&mut project) {
            step.expect("redo applies");
        }
        prop_assert_eq!(&project, &end);
    }
}

fn sample() -> (Vec<Document>, Project) {
    let docs = documents();
    let project = base_project(&docs);
    (docs, project)
}

#[test]
fn type_in_use_cannot_be_removed_and_rename_relabels() {
    let (docs, mut project) = sample();
    let d = &docs[0];
    let m = Mention::new(d, MentionId(1), CharSpan::new(6, 27), "PER");
    assert_eq!(m.quote.exact, "Hélène Duarte-Lefèvre");
    apply(
        &mut project,
        Edit::AddMention {
            doc: d.path.clone(),
            mention: m,
        },
    )
    .expect("add");
    let err =
        apply(&mut project, Edit::RemoveEntityType { name: "PER".into() }).expect_err("in use");
    assert_eq!(
        err.to_string(),
        "entity type PER is used by 1 mention(s); change their type first"
    );

    let mut person = project.schema.entity_type("PER").cloned().expect("PER");
    person.name = "PERSON".into();
    let inverse = apply(
        &mut project,
        Edit::UpdateEntityType {
            name: "PER".into(),
            entity_type: person,
        },
    )
    .expect("rename");
    assert_eq!(project.documents[&d.path].mentions[0].label, "PERSON");
    apply(&mut project, inverse).expect("undo rename");
    assert_eq!(project.documents[&d.path].mentions[0].label, "PER");
}

#[test]
fn undo_redo_cross_documents_and_rejects_bad_edits() {
    let (docs, mut project) = sample();
    let mut history = History::default();
    for (i, d) in docs.iter().enumerate() {
        let m = Mention::new(d, MentionId(1), CharSpan::new(0, 2), "MISC");
        history
            .apply(
                &mut project,
                Edit::AddMention {
                    doc: d.path.clone(),
                    mention: m,
                },
            )
            .expect("add");
        assert_eq!(history.undo_len(), i + 1);
    }
    let undone = history.undo(&mut project).expect("step").expect("applies");
    assert_eq!(undone.document(), Some("d2.txt"));
    assert!(project.documents["d2.txt"].mentions.is_empty());
    assert_eq!(project.documents["d1.txt"].mentions.len(), 1);
    let redone = history.redo(&mut project).expect("step").expect("applies");
    assert_eq!(redone.document(), Some("d2.txt"));
    assert_eq!(project.mention_count(), 3);

    let empty = Mention::new(&docs[0], MentionId(7), CharSpan::new(3, 3), "PER");
    assert!(
        history
            .apply(
                &mut project,
                Edit::AddMention {
                    doc: "d0.txt".into(),
                    mention: empty
                }
            )
            .is_err()
    );
    let unknown = Mention::new(&docs[0], MentionId(7), CharSpan::new(0, 3), "NOPE");
    assert!(
        history
            .apply(
                &mut project,
                Edit::AddMention {
                    doc: "d0.txt".into(),
                    mention: unknown
                }
            )
            .is_err()
    );
    assert!(
        history
            .apply(
                &mut project,
                Edit::RemoveMention {
                    doc: "zzz.txt".into(),
                    id: MentionId(1)
                }
            )
            .is_err()
    );
    assert_eq!(history.undo_len(), 3, "rejected edits are not recorded");
}

/// A snapshot (a clone, as a background save takes) shares every document
/// with the project; an edit copies only the document it changes, and the
/// snapshot keeps what it had.
#[test]
fn snapshots_share_documents_and_edits_copy_on_write() {
    let (docs, mut project) = sample();
    let snapshot = project.clone();
    for (path, entry) in &project.documents {
        assert!(std::sync::Arc::ptr_eq(entry, &snapshot.documents[path]));
    }
    let mention = Mention::new(&docs[1], MentionId(1), CharSpan::new(3, 7), "PER");
    apply(
        &mut project,
        Edit::AddMention {
            doc: "d1.txt".into(),
            mention,
        },
    )
    .expect("applies");
    assert_eq!(project.documents["d1.txt"].mentions.len(), 1);
    assert!(
        snapshot.documents["d1.txt"].mentions.is_empty(),
        "snapshot unchanged"
    );
    assert!(!std::sync::Arc::ptr_eq(
        &project.documents["d1.txt"],
        &snapshot.documents["d1.txt"]
    ));
    for path in ["d0.txt", "d2.txt"] {
        assert!(
            std::sync::Arc::ptr_eq(&project.documents[path], &snapshot.documents[path]),
            "{path} not copied"
        );
    }
}
