//! Suggestions that learn, in the app (issue 17), on the sample corpus:
//! annotate a name once and it is suggested in other documents with no
//! further command; A accepts one, X rejects one, and the Suggestions panel
//! says 1 of 2; the saved file holds the accepted mention and the rejection.

mod common;

use common::{app, drag_over, options, save_now};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use stancemark::io::store::load_project;

#[test]
fn annotate_once_then_accept_and_reject_what_is_suggested() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    // "Norvik Chemicals" in the title, as ORG.
    drag_over(&mut harness, "Norvik Chemicals");
    harness.key_press(Key::Num2);
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    let count = |path: &str| session.suggestion_count(session.corpus.position(path).expect("doc"));
    assert_eq!(count("coastal-ledger/2026-03-16-norvik-denies.txt"), 1);
    assert_eq!(count("nordwire/2026-03-16-lab-results.txt"), 1);
    assert_eq!(count("the-meridian/2026-03-17-inspection.txt"), 1);
    assert_eq!(count("green-tide/2026-03-17-who-pays.txt"), 0);
    harness.get_by_label_contains("1 suggestion(s) here");

    // A: the next one (the second paragraph's) becomes a mention.
    harness.key_press(Key::A);
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    let selected = session
        .selected()
        .expect("the accepted mention is selected");
    assert_eq!(
        (selected.label.as_str(), selected.quote.exact.as_str()),
        ("ORG", "Norvik Chemicals")
    );
    assert_eq!(session.project.mention_count(), 2);

    // In Nordwire's report, X rejects the one there.
    harness
        .get_by_label_contains("PORT AVEL, March 16 (Nordwire)")
        .click();
    harness.run_ok();
    harness.get_by_label_contains("1 suggestion(s) here");
    harness.key_press(Key::X);
    harness.run_ok();
    harness.get_by_label("Precision so far: 1 of 2 (50 %) accepted");
    let session = harness.state().session.as_ref().expect("session");
    assert!(session.suggestions().is_empty(), "not offered there again");
    // Undo brings it back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .suggestions()
            .len(),
        1
    );
    harness.key_press(Key::X);
    harness.run_ok();

    // Undo took the rejection back from the tally too; the second one
    // counts again.
    harness.get_by_label("Precision so far: 1 of 2 (50 %) accepted");
    let file = save_now(&mut harness);
    let saved = load_project(&file).expect("load").project;
    assert_eq!(saved.mention_count(), 2);
    // The tally is kept with the project: one made by hand (not suggested
    // before), one accepted, one rejected.
    let t = saved.suggestion_tally;
    assert_eq!(
        (t.accepted, t.rejected, t.hand_made, t.recalled),
        (1, 1, 1, 0)
    );
    let rejected = &saved.documents["nordwire/2026-03-16-lab-results.txt"].rejections;
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].text, "Norvik Chemicals");
}

#[test]
fn the_switch_and_the_threshold_hide_suggestions_and_say_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label_contains("Nothing learned yet");
    drag_over(&mut harness, "Norvik Chemicals");
    harness.key_press(Key::Num2);
    harness.run_ok();
    harness.get_by_label("Suggest from what I annotate").click();
    harness.run_ok();
    harness.get_by_label("Suggestions are switched off.");
    assert!(
        harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .suggestions()
            .is_empty()
    );
    harness.get_by_label("Suggest from what I annotate").click();
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .suggestions()
            .len(),
        1
    );
    // Shift+A accepts every suggestion here in one step.
    harness.key_press_modifiers(Modifiers::SHIFT, Key::A);
    harness.run_ok();
    assert_eq!(
        harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .project
            .mention_count(),
        2
    );
}
