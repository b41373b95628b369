//! More of the main window, driven like a person: nested mentions, Alt-drag,
//! the schema editor, the first-run name prompt, dropping a folder, and the
//! folder dialog's fallback.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::{TITLE, app, drag_over, options, wait_loaded};
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::model::CharSpan;
use stancemark::ui::{StancemarkApp, StartOptions};

fn selected_label(harness: &Harness<'_, StancemarkApp>) -> Option<String> {
    let session = harness.state().session.as_ref()?;
    let entry = session.project.documents.get(session.document_path()?)?;
    let m = entry.mention(session.selected_mention?)?;
    Some(format!("{} {}", m.label, m.quote.exact))
}

fn click_char(harness: &mut Harness<'_, StancemarkApp>, offset: usize) {
    let rect = harness
        .state()
        .article
        .char_rect(offset)
        .expect("on screen");
    let pos = rect.center();
    harness.hover_at(pos);
    harness.run_ok();
    harness.drag_at(pos);
    harness.run_ok();
    harness.drop_at(pos);
    harness.run_ok();
}

#[test]
fn nested_mentions_are_each_clickable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    drag_over(&mut harness, "Norvik Chemicals, Bjørn");
    harness.key_press(Key::Num6);
    harness.run_ok();
    drag_over(&mut harness, "Bjørn Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
    drag_over(&mut harness, "Chemicals");
    harness.key_press(Key::Num2);
    harness.run_ok();
    harness.key_press(Key::Escape);
    harness.run_ok();
    assert_eq!(selected_label(&harness), None);

    let session = harness.state().session.as_ref().expect("session");
    let bjorn = session.find("Bjørn").expect("Bjørn").start;
    let chemicals = session
        .find("Chemicals")
        .expect("Chemicals in the title")
        .start;
    // "Bjørn" lies in both the MISC span and the PER span: the first click takes
    // the innermost, the next one the other, then around again.
    click_char(&mut harness, bjorn + 1);
    assert_eq!(
        selected_label(&harness).as_deref(),
        Some("PER Bjørn Aasheim")
    );
    click_char(&mut harness, bjorn + 1);
    assert_eq!(
        selected_label(&harness).as_deref(),
        Some("MISC Norvik Chemicals, Bjørn")
    );
    click_char(&mut harness, bjorn + 1);
    assert_eq!(
        selected_label(&harness).as_deref(),
        Some("PER Bjørn Aasheim")
    );
    click_char(&mut harness, chemicals + 2);
    assert_eq!(selected_label(&harness).as_deref(), Some("ORG Chemicals"));
}

#[test]
fn alt_drag_keeps_the_exact_selection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    let word = session.find("Aasheim").expect("word");
    let first = harness
        .state()
        .article
        .char_rect(word.start + 1)
        .expect("rect");
    let last = harness
        .state()
        .article
        .char_rect(word.start + 4)
        .expect("rect");
    let from = Pos2::new(first.left() + 1.0, first.center().y);
    let to = Pos2::new(last.left() + 1.0, last.center().y);
    // Hold Alt for the whole drag.
    harness.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    harness.hover_at(from);
    harness.run_ok();
    harness.drag_at(from);
    harness.run_ok();
    for i in 1..=3 {
        harness.hover_at(from + (to - from) * (i as f32 / 3.0));
        harness.run_ok();
    }
    harness.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::ALT,
    });
    harness.run_ok();
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run_ok();
    let selection = harness.state().session.as_ref().and_then(|s| s.selection);
    assert_eq!(
        selection,
        Some(CharSpan::new(word.start + 1, word.start + 4)),
        "\"ash\", not snapped"
    );
}

#[test]
fn schema_editor_renames_a_type_and_its_mentions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    drag_over(&mut harness, "Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();

    harness.get_by_label("Project").click();
    harness.run_ok();
    harness.get_by_label("Schema…").click();
    harness.run_ok();
    let name = harness.get_by_label("Type name PER");
    // Wide enough to read a name ("EVENT", "support"), even in a grid cell.
    for field in [
        "Type name PER",
        "Type name EVENT",
        "Relation name member_of",
    ] {
        let width = harness.get_by_label(field).rect().width();
        assert!(width >= 100.0, "{field}: {width} px");
    }
    name.focus();
    harness.run_ok();
    harness.key_press(Key::End);
    harness.get_by_label("Type name PER").type_text("SON");
    harness.run_ok();
    harness.get_by_label("Apply changes to PER").click();
    harness.run_ok();
    harness.get_by_label("PERSON Aasheim");
    let session = harness.state().session.as_ref().expect("session");
    assert!(session.project.schema.entity_type("PERSON").is_some());
    assert_eq!(session.project.label_use_count("PERSON"), 1);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(
        session.project.label_use_count("PER"),
        1,
        "undo renames back"
    );
}

#[test]
fn first_run_asks_for_the_annotator_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = StartOptions {
        annotator: None,
        ..options(&dir.path().join("saves"))
    };
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1280.0, 800.0))
        .build_eframe(move |cc| StancemarkApp::new(cc, options));
    harness.run_ok();
    assert!(harness.state().session.is_none(), "waits for the name");
    let field = harness.get_by_label("Annotator name");
    field.focus();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Annotator name").type_text("Inès");
    harness.run_ok();
    harness.get_by_label("Start annotating").click();
    wait_loaded(&mut harness);
    let session = harness.state().session.as_ref().expect("opened");
    assert_eq!(session.project.annotator, "Inès");
    harness.get_by_label_contains("Annotator: Inès");
    assert!(
        harness.query_by_label("Annotator name").is_none(),
        "asked once"
    );
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        Err("a folder".into())
    }
}

#[test]
fn dropping_a_folder_opens_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("dropped");
    std::fs::create_dir_all(corpus.join("outlet")).expect("mkdir");
    std::fs::write(corpus.join("outlet/a.txt"), "Dropped article.\n").expect("write");
    let mut harness = app(options(&dir.path().join("saves")));
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(corpus)));
    harness.run_ok();
    wait_loaded(&mut harness);
    let session = harness.state().session.as_ref().expect("session");
    assert_eq!(session.corpus.documents.len(), 1);
    harness.get_by_label("Dropped article.");
}

#[test]
fn folder_dialog_without_a_dialog_service_offers_the_path_field() {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        eprintln!("skipping: a D-Bus session exists here, so a real dialog could open");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label_contains("Open corpus").click();
    harness.run_ok();
    harness.get_by_label("Browse…").click();
    harness.run_ok();
    let zenity = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("zenity").is_file()));
    if !zenity {
        harness.get_by_label_contains("No system file dialog is available here");
    }
    harness.get_by_label("Folder path");
}

#[test]
fn dragging_over_a_cjk_name_takes_every_touched_ideograph() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label_contains("PORT AVEL, March 16").click();
    harness.run_ok();
    // From the middle of 佐 to the middle of 咲: each ideograph is a word of its
    // own (UAX #29), so snapping alone would drop the half-touched ends.
    drag_over(&mut harness, "佐藤美咲");
    let session = harness.state().session.as_ref().expect("session");
    let selected = session
        .selection
        .and_then(|s| session.document().and_then(|d| d.slice(s)));
    assert_eq!(selected, Some("佐藤美咲"));
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.get_by_label("PER   佐藤美咲");
}

/// The document list's "done" count follows status changes, their undo, and
/// is kept between frames rather than recounted over the corpus each frame.
#[test]
fn done_count_follows_status_changes_and_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label("6 documents, 0 done");
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    harness.get_by_label("done").click();
    harness.run_ok();
    harness.get_by_label("6 documents, 1 done");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    harness.get_by_label("6 documents, 0 done");
}

/// Keyboard navigation between documents: D marks done (and back),
/// Ctrl+PageDown / Ctrl+PageUp step, Ctrl+Shift+PageDown skips done ones.
#[test]
fn document_keys_step_mark_done_and_find_the_next_unfinished() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    let current =
        |h: &Harness<'_, StancemarkApp>| h.state().session.as_ref().map_or(99, |s| s.current);
    assert_eq!(current(&harness), 0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run_ok();
    assert_eq!(current(&harness), 1);
    harness.key_press(Key::D);
    harness.run_ok();
    harness.get_by_label("6 documents, 1 done");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run_ok();
    harness.key_press(Key::D);
    harness.run_ok();
    harness.get_by_label("6 documents, 2 done");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run_ok();
    assert_eq!(current(&harness), 0);
    // Documents 1 and 2 are done: the next unfinished after 0 is 3.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::PageDown);
    harness.run_ok();
    assert_eq!(current(&harness), 3);
    // D again on a done document takes it back to in progress.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run_ok();
    harness.key_press(Key::D);
    harness.run_ok();
    harness.get_by_label("6 documents, 1 done");
}

/// The document list filters by text in the title or path, and by outlet;
/// clearing the filter shows every document again.
#[test]
fn document_list_filters_by_text_and_outlet() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    let meridian = "Minister orders inspection of Norvik site as Port Avel spill dispute deepens";
    harness.get_by_label(TITLE);
    harness.get_by_label("Filter documents").click();
    harness.run_ok();
    harness
        .get_by_label("Filter documents")
        .type_text("MINISTER");
    harness.run_ok();
    harness.get_by_label("1 shown");
    harness.get_by_label(meridian);
    assert!(harness.query_by_label(TITLE).is_none(), "filtered out");
    harness.get_by_label("Clear filter").click();
    harness.run_ok();
    harness.get_by_label(TITLE);
    harness.get_by_label("Outlet filter").click();
    harness.run_ok();
    harness.get_by_label("coastal-ledger").click();
    harness.run_ok();
    harness.get_by_label("1 shown");
    harness.get_by_label(TITLE);
    assert!(harness.query_by_label(meridian).is_none());
}

/// Project › Statistics… shows documents per status, mentions per type and
/// stances per polarity, following edits.
#[test]
fn statistics_follow_the_annotations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness.get_by_label("Project").click();
    harness.run_ok();
    harness.get_by_label("Statistics…").click();
    harness.run_ok();
    assert!(
        harness
            .get_all_by_label_contains("0 done · 0 in progress · 6 todo")
            .next()
            .is_some()
    );
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    drag_over(&mut harness, "Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
    harness.get_by_label("PER: 1");
    harness.get_by_label("ORG: 0");
    assert!(
        harness
            .get_all_by_label_contains("0 done · 1 in progress · 5 todo")
            .next()
            .is_some()
    );
}

#[test]
fn the_import_window_has_a_browse_button() {
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
        eprintln!("skipping: a D-Bus session exists here, so a real dialog could open");
        return;
    }
    let zenity = std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("zenity").is_file()));
    if zenity {
        eprintln!("skipping: zenity is installed, so a real dialog could open");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "File")
        .click();
    harness.run_ok();
    harness.get_by_label("Import annotations…").click();
    harness.run_ok();
    harness.get_by_label("Browse…").click();
    harness.run_ok();
    harness.get_by_label_contains("No system file dialog is available here");
    harness.get_by_label("Import path");
}

/// The name prompt's field has the keyboard at once: typing and Enter set
/// the name without clicking first.
#[test]
fn the_name_prompt_takes_typing_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = StartOptions {
        annotator: None,
        ..options(&dir.path().join("saves"))
    };
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 800.0))
        .build_eframe(move |cc| {
            stancemark::ui::StancemarkApp::with_preferences(
                cc,
                opts,
                stancemark::ui::preferences::Preferences::default(),
            )
        });
    harness.run_ok();
    harness.get_by_label("Annotator name");
    harness.event(egui::Event::Text("Ines".to_owned()));
    harness.run_ok();
    harness.key_press(Key::Enter);
    harness.run_ok();
    assert_eq!(harness.state().annotator.as_deref(), Some("Ines"));
}

/// A failed open's error goes once a later open succeeds.
#[test]
fn an_old_error_goes_when_an_open_succeeds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = app(options(&dir.path().join("saves")));
    let ctx = harness.ctx.clone();
    harness.state_mut().run_command(
        &ctx,
        stancemark::ui::command::Command::OpenCorpus(dir.path().join("missing")),
    );
    common::wait_loaded(&mut harness);
    assert!(
        harness
            .state()
            .error()
            .is_some_and(|e| e.contains("no such folder"))
    );
    harness.state_mut().run_command(
        &ctx,
        stancemark::ui::command::Command::OpenCorpus(common::sample_corpus()),
    );
    common::wait_loaded(&mut harness);
    assert_eq!(harness.state().error(), None);
}
