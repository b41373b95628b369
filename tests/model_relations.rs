//! Relations between mentions (issue 16): each edit and its inverse, the
//! checks a relation must pass, what happens to a relation when one of its
//! mentions loses its place, and the file round trip.

use stancemark::io::save_format::SaveFile;
use stancemark::model::orphans::place_orphan;
use stancemark::model::reanchor::reanchor_document;
use stancemark::model::relation::default_relation_types;
use stancemark::model::{
    CharSpan, Document, Edit, Mention, MentionId, OrphanKind, Project, Relation, RelationId,
    Schema, apply,
};

const TEXT: &str = "Minister Ana Kovač of the Veloran government met 佐藤美咲 in Port Avel 🐟.";

fn span_of(text: &str, word: &str) -> CharSpan {
    let b = text.find(word).expect("word");
    let start = text[..b].chars().count();
    CharSpan::new(start, start + word.chars().count())
}

/// A document with four mentions: m1 Ana Kovač (PER), m2 Veloran
/// government (ORG), m3 佐藤美咲 (PER), m4 Port Avel (GPE).
fn setup() -> (Document, Project) {
    let doc = Document::new("a.txt", TEXT, "UTF-8");
    let mut project = Project::new("ana", Schema::builtin());
    project.attach(std::slice::from_ref(&doc));
    for (id, word, label) in [
        (1, "Ana Kovač", "PER"),
        (2, "Veloran government", "ORG"),
        (3, "佐藤美咲", "PER"),
        (4, "Port Avel", "GPE"),
    ] {
        let mention = Mention::new(&doc, MentionId(id), span_of(TEXT, word), label);
        apply(
            &mut project,
            Edit::AddMention {
                doc: "a.txt".into(),
                mention,
            },
        )
        .expect("mention");
    }
    (doc, project)
}

fn relate(id: u64, label: &str, source: u64, target: u64) -> Edit {
    Edit::AddRelation {
        doc: "a.txt".into(),
        relation: Relation::new(RelationId(id), label, MentionId(source), MentionId(target)),
    }
}

#[test]
fn relation_edits_undo_exactly() {
    let (_, mut project) = setup();
    let start = project.clone();
    let undo_add = apply(&mut project, relate(1, "member_of", 1, 2)).expect("PER member_of ORG");
    let added = project.clone();
    let mut changed = added.documents["a.txt"].relations[0].clone();
    changed.label = "meets".into();
    changed.target = MentionId(3);
    changed.note = "at the summit 🐟".into();
    let undo_update = apply(
        &mut project,
        Edit::UpdateRelation {
            doc: "a.txt".into(),
            relation: changed,
        },
    )
    .expect("PER meets PER");
    apply(&mut project, undo_update).expect("undo update");
    assert_eq!(project, added);
    apply(&mut project, undo_add).expect("undo add");
    assert_eq!(project, start);
    let undo_remove = {
        apply(&mut project, relate(1, "located_in", 1, 4)).expect("located_in GPE");
        let before = project.clone();
        let undo = apply(
            &mut project,
            Edit::RemoveRelation {
                doc: "a.txt".into(),
                id: RelationId(1),
            },
        )
        .expect("remove");
        (before, undo)
    };
    apply(&mut project, undo_remove.1).expect("undo remove");
    assert_eq!(project, undo_remove.0);
}

#[test]
fn relations_that_do_not_fit_are_refused_with_the_reason() {
    let (_, mut project) = setup();
    let before = project.clone();
    // (edit, words the message must hold)
    let cases = [
        (relate(1, "member_of", 2, 1), "member_of relates PER or ORG"),
        (relate(1, "member_of", 1, 1), "itself"),
        (relate(1, "member_of", 1, 9), "no mention m9"),
        (
            relate(1, "works_with", 1, 3),
            "no relation type \"works_with\"",
        ),
        (relate(1, "located_in", 1, 3), "not PER to PER"),
    ];
    for (edit, words) in cases {
        let why = apply(&mut project, edit).expect_err("refused").to_string();
        assert!(why.contains(words), "{why:?} should say {words:?}");
        assert_eq!(project, before);
    }
    // A symmetric type takes its two types either way round.
    apply(&mut project, relate(1, "meets", 4, 1)).expect("GPE meets PER");
    apply(&mut project, relate(2, "meets", 1, 4)).expect("PER meets GPE");
    let why = apply(&mut project, relate(2, "meets", 1, 3))
        .expect_err("id taken")
        .to_string();
    assert!(why.contains("already has a relation r2"), "{why}");
}

#[test]
fn a_related_mention_cannot_be_deleted_and_a_used_type_cannot_go() {
    let (_, mut project) = setup();
    apply(&mut project, relate(1, "member_of", 1, 2)).expect("relate");
    let why = apply(
        &mut project,
        Edit::RemoveMention {
            doc: "a.txt".into(),
            id: MentionId(2),
        },
    )
    .expect_err("in use")
    .to_string();
    assert!(why.contains("used by 1 relation(s)"), "{why}");
    let mut types = default_relation_types();
    types.retain(|t| t.name != "member_of");
    let why = apply(
        &mut project,
        Edit::SetRelationTypes {
            types: types.clone(),
        },
    )
    .expect_err("type in use")
    .to_string();
    assert!(
        why.contains("1 relation(s) are of type \"member_of\""),
        "{why}"
    );
    // An unused one can go, and comes back with undo.
    types = default_relation_types();
    types.retain(|t| t.name != "accuses");
    let before = project.clone();
    let undo = apply(&mut project, Edit::SetRelationTypes { types }).expect("unused type");
    assert!(project.schema.relation_type("accuses").is_none());
    apply(&mut project, undo).expect("undo");
    assert_eq!(project, before);
}

#[test]
fn a_relation_follows_its_mentions_and_becomes_an_orphan_with_them() {
    let (_, mut project) = setup();
    apply(&mut project, relate(1, "member_of", 1, 2)).expect("relate");
    apply(&mut project, relate(2, "located_in", 3, 4)).expect("relate");
    // The text changes: a sentence before everything, and the government's
    // name is gone.
    let new_text = TEXT.replace("Veloran government", "cabinet");
    let new_doc = Document::new("a.txt", format!("Briefing.\n{new_text}").as_str(), "UTF-8");
    let entry = std::sync::Arc::make_mut(project.documents.get_mut("a.txt").expect("doc"));
    let report = reanchor_document(entry, &new_doc);
    assert_eq!(report.orphaned, 2, "the mention and its relation");
    // r2's mentions moved with the text; it stays.
    assert_eq!(entry.relations.len(), 1);
    assert_eq!(entry.relations[0].id, RelationId(2));
    let relation_orphan = entry
        .orphans
        .iter()
        .position(|o| matches!(&o.kind, OrphanKind::Relation(r) if r.id == RelationId(1)))
        .expect("r1 is an orphan");
    assert!(entry.orphans[relation_orphan].reason.contains("m2"));
    // A relation is not placed by itself…
    assert!(
        place_orphan(&project, &new_doc, relation_orphan, CharSpan::new(0, 3))
            .expect_err("not by itself")
            .contains("comes back by itself")
    );
    // …but with its mention: placing m2 on "cabinet" brings r1 back.
    let mention_orphan = project.documents["a.txt"]
        .orphans
        .iter()
        .position(|o| matches!(o.kind, OrphanKind::Mention(_)))
        .expect("m2 is an orphan");
    let before = project.clone();
    let edit = place_orphan(
        &project,
        &new_doc,
        mention_orphan,
        span_of(new_doc.text.as_str(), "cabinet"),
    )
    .expect("placed");
    let undo = apply(&mut project, edit).expect("applies");
    let entry = &project.documents["a.txt"];
    assert!(entry.orphans.is_empty(), "{:?}", entry.orphans);
    let cabinet = entry
        .mentions
        .iter()
        .find(|m| m.quote.exact == "cabinet")
        .expect("placed mention");
    assert_ne!(
        cabinet.id,
        MentionId(2),
        "an orphaned id is not given again"
    );
    let back = entry
        .relations
        .iter()
        .find(|r| r.label == "member_of")
        .expect("r1 is back");
    assert_eq!((back.source, back.target), (MentionId(1), cabinet.id));
    apply(&mut project, undo).expect("undo");
    assert_eq!(project, before);
}

#[test]
fn relations_and_relation_orphans_survive_the_project_file() {
    let (doc, mut project) = setup();
    apply(&mut project, relate(1, "member_of", 1, 2)).expect("relate");
    let mut relation = Relation::new(RelationId(2), "meets", MentionId(3), MentionId(1));
    relation.note = "“off the record” 🐟 北".into();
    apply(
        &mut project,
        Edit::AddRelation {
            doc: "a.txt".into(),
            relation,
        },
    )
    .expect("relate");
    let entry = std::sync::Arc::make_mut(project.documents.get_mut("a.txt").expect("doc"));
    entry.orphans.push(stancemark::model::Orphan {
        kind: OrphanKind::Relation(Relation::new(
            RelationId(3),
            "accuses",
            MentionId(7),
            MentionId(1),
        )),
        reason: "its mention m7 lost its place".into(),
    });
    let _ = doc;
    let file = SaveFile::from_project(&project, "corpus".into());
    let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default()).expect("ron");
    let back: SaveFile = ron::from_str(&text).expect("parse");
    assert!(back.problems().is_empty());
    assert_eq!(back.into_project(), project);
}

#[test]
fn a_file_whose_relation_names_a_missing_mention_is_refused() {
    let (_, mut project) = setup();
    apply(&mut project, relate(1, "member_of", 1, 2)).expect("relate");
    let mut file = SaveFile::from_project(&project, "corpus".into());
    file.documents[0].relations[0].target = 42;
    let problems = file.problems().kept().to_vec();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("relation 1: mention 42 does not exist")),
        "{problems:?}"
    );
}

#[test]
fn merge_keeps_the_relations_annotators_share_and_counts_the_rest() {
    use stancemark::review::agreement::ReviewSave;
    use stancemark::review::merge::{Strategy, merge};
    let (doc, base) = setup();
    let save = |name: &str, edits: Vec<Edit>| {
        let mut project = base.clone();
        project.annotator = name.into();
        for e in edits {
            apply(&mut project, e).expect("edit");
        }
        ReviewSave {
            name: name.into(),
            project,
        }
    };
    // Both have Ana member_of the government; "meets" is symmetric, so m1→m3
    // and m3→m1 are the same relation; only ana has Ana located_in Port Avel.
    let saves = [
        save(
            "ana",
            vec![
                relate(1, "member_of", 1, 2),
                relate(2, "meets", 1, 3),
                relate(3, "located_in", 1, 4),
            ],
        ),
        save(
            "ben",
            vec![relate(7, "meets", 3, 1), relate(8, "member_of", 1, 2)],
        ),
    ];
    let (gold, report) = merge(&saves, std::slice::from_ref(&doc), Strategy::Agreed, "lead");
    assert_eq!((report.relations, report.relations_dropped), (2, 1));
    let entry = &gold.documents["a.txt"];
    let mut kept: Vec<(String, String, String, Vec<String>)> = entry
        .relations
        .iter()
        .map(|r| {
            let text = |id| entry.mention(id).expect("mention").quote.exact.clone();
            let who = r
                .provenance
                .as_ref()
                .expect("provenance")
                .annotators
                .clone();
            (r.label.clone(), text(r.source), text(r.target), who)
        })
        .collect();
    kept.sort();
    let both = vec!["ana".to_owned(), "ben".to_owned()];
    assert_eq!(
        kept,
        vec![
            (
                "meets".into(),
                "Ana Kovač".into(),
                "佐藤美咲".into(),
                both.clone()
            ),
            (
                "member_of".into(),
                "Ana Kovač".into(),
                "Veloran government".into(),
                both
            ),
        ]
    );
}

#[test]
fn relation_agreement_is_f1_over_type_and_both_ends() {
    use stancemark::review::agreement::{ReviewSave, agreement};
    let (doc, base) = setup();
    let save = |name: &str, edits: Vec<Edit>| {
        let mut project = base.clone();
        for e in edits {
            apply(&mut project, e).expect("edit");
        }
        ReviewSave {
            name: name.into(),
            project,
        }
    };
    let government = Mention::new(&doc, MentionId(5), span_of(TEXT, "government"), "ORG");
    let saves = [
        save(
            "ana",
            vec![
                relate(1, "member_of", 1, 2),
                relate(2, "meets", 1, 3),
                relate(3, "located_in", 1, 4),
            ],
        ),
        // The same meeting the other way round (symmetric), and member_of
        // to "government" inside "Veloran government" (partial).
        save(
            "ben",
            vec![
                Edit::AddMention {
                    doc: "a.txt".into(),
                    mention: government,
                },
                relate(1, "meets", 3, 1),
                relate(2, "member_of", 1, 5),
            ],
        ),
    ];
    let report = agreement(&saves, std::slice::from_ref(&doc));
    let r = &report.relations;
    assert_eq!(r.relations, 5);
    // Exact: 1 match of 3 + 2 relations; partial: the overlap counts half.
    let close = |f: &stancemark::review::report::Figure, v: f64| {
        f.value.is_some_and(|x| (x - v).abs() < 1e-9)
    };
    assert!(close(&r.f1_exact, 2.0 * 1.0 / 5.0), "{:?}", r.f1_exact);
    assert!(close(&r.f1_partial, 2.0 * 1.5 / 5.0), "{:?}", r.f1_partial);
    let json = stancemark::review::report::report_json(&report);
    assert_eq!(json["relations"]["relations"], 5);
    assert!((json["relations"]["f1_exact"].as_f64().expect("number") - 0.4).abs() < 1e-9);
}

#[test]
fn renaming_a_relation_type_renames_its_relations_in_one_step() {
    use stancemark::model::relation_types::{
        add_relation_type, remove_relation_type, update_relation_type,
    };
    let (_, mut project) = setup();
    apply(&mut project, relate(1, "member_of", 1, 2)).expect("relate");
    let before = project.clone();
    let mut renamed = project
        .schema
        .relation_type("member_of")
        .expect("type")
        .clone();
    renamed.name = "works_for".into();
    let edit = update_relation_type(&project, "member_of", renamed);
    let undo = apply(&mut project, edit).expect("rename");
    assert!(project.schema.relation_type("member_of").is_none());
    assert_eq!(
        project.schema.relation_types[0].name, "works_for",
        "same place"
    );
    assert_eq!(project.documents["a.txt"].relations[0].label, "works_for");
    apply(&mut project, undo).expect("undo");
    assert_eq!(project, before);
    // A new type is added at the end; one in use cannot be removed.
    let undo = apply(
        &mut project,
        add_relation_type(
            &before,
            stancemark::model::RelationType::new("quotes", stancemark::model::Rgb(1, 2, 3)),
        ),
    )
    .expect("add");
    assert_eq!(
        project
            .schema
            .relation_types
            .last()
            .map(|t| t.name.as_str()),
        Some("quotes")
    );
    apply(&mut project, undo).expect("undo");
    assert!(apply(&mut project, remove_relation_type(&before, "member_of")).is_err());
    // A rename whose new constraints do not fit the relations is refused whole.
    let mut narrowed = project
        .schema
        .relation_type("member_of")
        .expect("type")
        .clone();
    narrowed.name = "employed_by".into();
    narrowed.sources = vec!["ORG".into()];
    assert!(
        apply(
            &mut project,
            update_relation_type(&before, "member_of", narrowed)
        )
        .is_err()
    );
    assert_eq!(project, before);
}

#[test]
fn exports_carry_relations_or_list_each_one() {
    use stancemark::io::export::{ExportFormat, ExportOptions, render_files};
    let (doc, mut project) = setup();
    apply(&mut project, relate(1, "member_of", 1, 2)).expect("relate");
    let corpus = std::slice::from_ref(&doc);
    let file = |format| {
        let (files, report) = render_files(format, &project, corpus, ExportOptions::default());
        (files[0].1.clone(), report)
    };
    // W3C: a linking annotation targeting the two mention annotations.
    let (text, report) = file(ExportFormat::W3c);
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let link = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["motivation"] == "linking")
        .expect("a linking annotation");
    assert_eq!(link["body"][0]["value"], "member_of");
    assert_eq!(
        link["target"],
        serde_json::json!([
            "urn:stancemark:a.txt#mention-1",
            "urn:stancemark:a.txt#mention-2"
        ])
    );
    assert!(report.left_out.is_empty(), "{:?}", report.left_out);
    // Label Studio: a relation result between the two regions.
    let (text, _) = file(ExportFormat::LabelStudio);
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    let result = v[0]["annotations"][0]["result"].as_array().expect("result");
    let relation = result
        .iter()
        .find(|r| r["type"] == "relation")
        .expect("a relation result");
    assert_eq!(
        (
            &relation["from_id"],
            &relation["to_id"],
            &relation["labels"][0]
        ),
        (
            &serde_json::json!("m1"),
            &serde_json::json!("m2"),
            &serde_json::json!("member_of")
        )
    );
    // CoNLL cannot hold it, and says so.
    let (_, report) = file(ExportFormat::Conll);
    assert!(
        report
            .left_out
            .iter()
            .any(|l| l == "a.txt: relation r1 member_of (\"Ana Kovač\" ➡ \"Veloran government\"): conll holds no relations"),
        "{:?}",
        report.left_out
    );
}
