//! Merging and adjudicating keep the annotators' notes: one note when they
//! wrote the same, each with its author when they differ.

use stancemark::model::{
    CharSpan, Document, Edit, Holder, Mention, MentionId, Project, Schema, Stance, StanceId,
    Target, apply,
};
use stancemark::review::adjudicate::{accept_items, document_items};
use stancemark::review::agreement::ReviewSave;
use stancemark::review::merge::{Strategy, merge};

const TEXT: &str = "Mayor 佐藤美咲 blamed Norvik. 🐟 died.";

fn save(name: &str, doc: &Document, mention_note: &str, doc_note: &str) -> ReviewSave {
    let mut p = Project::new(name, Schema::builtin());
    p.attach(std::slice::from_ref(doc));
    let mut m = Mention::new(doc, MentionId(1), CharSpan::new(6, 10), "PER");
    m.note = mention_note.to_owned();
    let mut stance = Stance::new(
        StanceId(1),
        Holder::Author,
        Target::Topic("the spill".into()),
        "oppose",
        vec![stancemark::model::Evidence::new(doc, CharSpan::new(0, 26))],
    );
    stance.note = format!("{name}'s stance note");
    for edit in [
        Edit::AddMention {
            doc: doc.path.clone(),
            mention: m,
        },
        Edit::AddStance {
            doc: doc.path.clone(),
            stance,
        },
        Edit::SetDocumentNote {
            doc: doc.path.clone(),
            note: doc_note.to_owned(),
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
fn merge_and_adjudication_keep_notes() {
    let doc = Document::new("a/x.txt", TEXT, "UTF-8");
    let saves = [
        save("ana", &doc, "surname first?", "wire copy"),
        save("bo", &doc, "", "wire copy"),
        save("佐藤", &doc, "title is Mayor", ""),
    ];
    let (gold, _) = merge(&saves, std::slice::from_ref(&doc), Strategy::Agreed, "lead");
    let entry = &gold.documents["a/x.txt"];
    assert_eq!(entry.mentions.len(), 1);
    assert_eq!(
        entry.mentions[0].note,
        "ana: surname first?\n佐藤: title is Mayor"
    );
    assert_eq!(entry.note, "wire copy", "the same note once");
    assert_eq!(
        entry.stances[0].note,
        "ana: ana's stance note\nbo: bo's stance note\n佐藤: 佐藤's stance note"
    );

    // Accepting the item in the review window keeps them too.
    let mut gold = Project::new("lead", Schema::builtin());
    gold.attach(std::slice::from_ref(&doc));
    let items = document_items(&saves, &doc);
    let edit = accept_items(&gold, &saves, &doc, &items, "lead");
    apply(&mut gold, edit).expect("accept");
    assert_eq!(
        gold.documents["a/x.txt"].mentions[0].note,
        "ana: surname first?\n佐藤: title is Mayor"
    );
}
