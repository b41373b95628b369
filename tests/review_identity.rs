//! One person stays one person in review when only one coder gave the
//! Wikidata id: agreement counts one stance unit, and merging into gold
//! keeps one entity, linked, with the QID.

use stancemark::model::{
    CharSpan, DocStatus, Document, Edit, Entity, EntityId, Evidence, Holder, Mention, MentionId,
    Project, Schema, Stance, StanceId, Target, apply,
};
use stancemark::review::agreement::{ReviewSave, agreement};
use stancemark::review::entity_identity::align_entities;
use stancemark::review::merge::{Strategy, merge};

const TEXT: &str = "Inès Garçon-Müller, who chairs the guild, opposed the closure.";

fn span(part: &str) -> CharSpan {
    let b = TEXT.find(part).expect("part");
    let start = TEXT[..b].chars().count();
    CharSpan::new(start, start + part.chars().count())
}

fn coder(name: &str, qid: Option<&str>, doc: &Document) -> ReviewSave {
    let mut p = Project::new(name, Schema::builtin());
    p.attach(std::slice::from_ref(doc));
    let mut entity = Entity::new(EntityId(1), "Inès Garçon-Müller", "PER");
    entity.kb_id = qid.map(str::to_owned);
    let mut mention = Mention::new(doc, MentionId(1), span("Inès Garçon-Müller"), "PER");
    mention.entity = Some(EntityId(1));
    let stance = Stance::new(
        StanceId(1),
        Holder::Entity(EntityId(1)),
        Target::Topic("the closure".into()),
        "oppose",
        vec![Evidence::new(doc, span("opposed the closure"))],
    );
    for edit in [
        Edit::AddEntity { entity },
        Edit::AddMention {
            doc: "a.txt".into(),
            mention,
        },
        Edit::AddStance {
            doc: "a.txt".into(),
            stance,
        },
        Edit::SetStatus {
            doc: "a.txt".into(),
            status: DocStatus::Done,
        },
    ] {
        apply(&mut p, edit).expect("edit");
    }
    ReviewSave {
        name: name.to_owned(),
        project: p,
    }
}

#[test]
fn a_qid_given_by_one_coder_only_is_one_person() {
    let doc = Document::new("a.txt", TEXT, "UTF-8");
    let mut saves = [
        coder("ana", Some("Q99900456"), &doc),
        coder("ben", None, &doc),
    ];
    align_entities(&mut saves);
    let report = agreement(&saves, std::slice::from_ref(&doc));
    assert_eq!(report.stances.units, 1, "one holder, not two");
    assert_eq!(report.mentions.linking.value, Some(1.0));
    let (gold, _) = merge(&saves, std::slice::from_ref(&doc), Strategy::Agreed, "lead");
    assert_eq!(gold.entities.len(), 1, "{:?}", gold.entities);
    let entity = gold.entities.values().next().expect("one");
    assert_eq!(entity.kb_id.as_deref(), Some("Q99900456"));
    let m = &gold.documents["a.txt"].mentions;
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].entity, Some(entity.id), "the gold mention is linked");
    assert_eq!(gold.stance_count(), 1);
}

/// The same through `stancemark agree`, on saved files.
#[test]
fn agree_counts_one_holder_when_one_coder_gave_the_qid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    std::fs::write(corpus.join("a.txt"), TEXT).expect("write");
    let doc = Document::new("a.txt", TEXT, "UTF-8");
    let mut files = Vec::new();
    for (name, qid) in [("ana", Some("Q99900456")), ("ben", None)] {
        let file = dir.path().join(format!("{name}.ron"));
        stancemark::io::save_project(&file, &coder(name, qid, &doc).project, &corpus)
            .expect("save");
        files.push(file);
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stancemark"))
        .arg("agree")
        .args(&files)
        .arg("--json")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["stances"]["units"], 1, "{v}");
}
