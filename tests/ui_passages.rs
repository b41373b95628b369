//! The same passage elsewhere, in the app (issue 17, part 2), on the
//! sample corpus: The Meridian repeats a sentence of Nordwire's with small
//! edits; with a mention of it selected, "Same passage elsewhere" lists
//! that rendering and carries the mention over as a suggestion (listing
//! the one whose words differ) and a stance over as an item to accept.

mod common;

use common::{app, drag_over, options, save_now};
use egui::Key;
use egui_kittest::kittest::Queryable;

#[test]
fn a_mention_is_carried_to_another_rendering_of_its_passage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness
        .get_by_label_contains("PORT AVEL, March 16 (Nordwire)")
        .click();
    harness.run_ok();
    drag_over(&mut harness, "on Monday");
    harness.key_press(Key::Num6);
    harness.run_ok();
    drag_over(&mut harness, "River Lenne");
    harness.key_press(Key::Num4);
    harness.run_ok();
    // A stance resting on words both renderings share.
    let nordwire = "nordwire/2026-03-16-lab-results.txt";
    {
        let session = harness.state_mut().session.as_mut().expect("session");
        let doc = session
            .corpus
            .documents
            .iter()
            .find(|d| d.path == nordwire)
            .expect("nordwire")
            .clone();
        let words = "point to a calcium-based slurry";
        let at = doc.text.find(words).expect("words");
        let start = doc.text[..at].chars().count();
        let span = stancemark::model::CharSpan::new(start, start + words.chars().count());
        let stance = stancemark::model::Stance::new(
            stancemark::model::StanceId(1),
            stancemark::model::Holder::Author,
            stancemark::model::Target::Topic("the spill".to_owned()),
            "neutral".to_owned(),
            vec![stancemark::model::Evidence::new(&doc, span)],
        );
        session
            .apply(stancemark::model::Edit::AddStance {
                doc: nordwire.to_owned(),
                stance,
            })
            .expect("stance");
    }
    // The palette runs it by name.
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::P);
    harness.run_ok();
    harness.get_by_label("Command").type_text("same passage");
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    harness.get_by_label("Same passage elsewhere");
    harness.get_by_label_contains("the-meridian · the-meridian/2026-03-17-inspection.txt ·");
    harness
        .get_by_label("Carry annotations to the-meridian/2026-03-17-inspection.txt")
        .click();
    harness.run_ok();
    harness.get_by_label_contains(
        "Carried 1 mention(s) over as suggestions and 1 stance(s) or quotation(s) to review",
    );
    harness.get_by_label_contains("not carried: “on Monday” (MISC): the words differ there");
    let session = harness.state().session.as_ref().expect("session");
    let meridian = &session.project.documents["the-meridian/2026-03-17-inspection.txt"];
    // The mention is a suggestion the suggester offers, not a mention.
    assert!(meridian.mentions.is_empty());
    let offered: Vec<(&str, &str, &str)> = meridian
        .proposals
        .iter()
        .map(|p| (p.text.as_str(), p.label.as_str(), &*p.source))
        .collect();
    assert_eq!(
        offered,
        [(
            "River Lenne",
            "LOC",
            "carried from nordwire/2026-03-16-lab-results.txt"
        )]
    );
    // The stance waits to be accepted; accepted, it is saved there.
    harness.get_by_label("Carried here, to review");
    harness
        .get_by_label(
            "Accept: Stance (neutral) resting on “point to a calcium-based slurry” in the-meridian/2026-03-17-inspection.txt",
        )
        .click();
    harness.run_ok();
    let file = save_now(&mut harness);
    let saved = stancemark::io::load_project(&file).expect("saved").project;
    let stances: Vec<(String, String)> = saved.documents["the-meridian/2026-03-17-inspection.txt"]
        .stances
        .iter()
        .map(|s| (s.polarity.clone(), s.evidence[0].quote.exact.clone()))
        .collect();
    assert_eq!(
        stances,
        [(
            "neutral".to_owned(),
            "point to a calcium-based slurry".to_owned()
        )]
    );
    assert_eq!(
        saved.documents["the-meridian/2026-03-17-inspection.txt"]
            .proposals
            .len(),
        1,
        "the carried mention is saved as a suggestion"
    );
    // The corpus overview: one cluster, Nordwire's and The Meridian's.
    harness
        .get_by_label("Repeated passages in the corpus")
        .click();
    harness.run_ok();
    harness.get_by_label("1 repeated passage(s), the largest first:");
    harness.get_by_label_contains("2 × in nordwire, the-meridian: “PORT AVEL, March 16");
    // Undo takes the stance back, then the suggestion.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    let meridian = &session.project.documents["the-meridian/2026-03-17-inspection.txt"];
    assert!(meridian.stances.is_empty());
    assert_eq!(meridian.proposals.len(), 1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert!(
        session.project.documents["the-meridian/2026-03-17-inspection.txt"]
            .proposals
            .is_empty()
    );
}

/// The passage index is built after annotating can start (issue 26): held
/// back here, the document can be annotated meanwhile; the window asked for
/// in the meantime says it is still indexing, and lists the other rendering
/// as soon as the index arrives.
#[test]
fn annotating_does_not_wait_for_the_passage_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let session = harness.state_mut().session.as_mut().expect("session");
        session.passages = std::sync::Arc::default();
        session.passages_pending = Some(stancemark::ui::loader::PendingPassages::from_channel(rx));
    }
    harness
        .get_by_label_contains("PORT AVEL, March 16 (Nordwire)")
        .click();
    harness.run_ok();
    drag_over(&mut harness, "River Lenne");
    harness.key_press(Key::Num4);
    harness.run_ok();
    assert_eq!(common::mention_count(&harness), 1, "annotated meanwhile");
    drag_over(&mut harness, "point to a calcium-based slurry");
    harness.run_ok();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .run_command(&ctx, stancemark::ui::command::Command::ShowSamePassage);
    harness.run_ok();
    harness.get_by_label("Same passage elsewhere");
    harness.get_by_label_contains("Still indexing the corpus's sentences");
    let index = stancemark::model::passages::PassageIndex::build(
        &harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .corpus
            .documents,
    );
    tx.send(index).expect("send");
    for _ in 0..20 {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(15));
    }
    harness.run_ok();
    assert!(
        !harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .passages_building()
    );
    harness.get_by_label_contains("the-meridian · the-meridian/2026-03-17-inspection.txt ·");
}

/// Opening builds the passage index on a thread of its own: the loader
/// returns it pending, and it comes out the same as one built at once.
#[test]
fn the_loader_hands_over_the_passage_index_pending() {
    let dir = tempfile::tempdir().expect("tempdir");
    let request = stancemark::ui::loader::OpenRequest {
        corpus: Some(common::sample_corpus()),
        project: None,
        annotator: "ana".into(),
        saves_dir: dir.path().join("saves"),
    };
    let opened = stancemark::ui::loader::open(&request, &()).expect("open");
    let mut built = None;
    for _ in 0..500 {
        match opened.passages.ready() {
            stancemark::ui::loader::Readiness::Built(index) => {
                built = Some(index);
                break;
            }
            stancemark::ui::loader::Readiness::Gone => panic!("the thread ended without it"),
            stancemark::ui::loader::Readiness::Building => {}
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let built = built.expect("built");
    let at_once = stancemark::model::passages::PassageIndex::build(&opened.corpus.documents);
    assert_eq!(format!("{built:?}"), format!("{at_once:?}"));
}
