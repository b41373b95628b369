//! Crash recovery: the recovery file is offered back in a modal window that
//! nothing gets past (no key, no autosave, no Ctrl+S) until the user chooses;
//! it is offered whenever it holds work the project file lacks; one that
//! cannot be read is left untouched; a note being typed reaches it; another
//! running Stancemark's recovery file is never offered; a read-only instance
//! keeps its own.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{TITLE, app, drag_over, mention_count, options};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::io::load_project;
use stancemark::io::recovery::{instance_recovery_path, recovery_path};
use stancemark::ui::{StancemarkApp, StartOptions};

fn fast(saves: &Path) -> StartOptions {
    StartOptions {
        recovery_every: Duration::ZERO,
        autosave_after: Duration::from_secs(3600),
        ..options(saves)
    }
}

fn annotate(harness: &mut Harness<'_, StancemarkApp>, word: &str, key: Key) {
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    drag_over(harness, word);
    harness.key_press(key);
    harness.run_ok();
}

/// Edits one mention, waits for the recovery file, then "crashes" (the app
/// goes away without exiting). Returns the project file and recovery file.
fn crash_with_one_mention(saves: &Path) -> (PathBuf, PathBuf) {
    let file = saves.join("sample-corpus-tester.ron");
    let recovery = recovery_path(&file);
    let mut harness = app(fast(saves));
    annotate(&mut harness, "Aasheim", Key::Num1);
    common::wait_written(&mut harness);
    assert_eq!(
        load_project(&recovery)
            .expect("recovery file")
            .project
            .mention_count(),
        1
    );
    std::mem::forget(harness);
    (file, recovery)
}

fn step_a_while(harness: &mut Harness<'_, StancemarkApp>) {
    for _ in 0..20 {
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn after_a_crash_the_unsaved_work_is_offered_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let (file, recovery) = crash_with_one_mention(&saves);

    let mut harness = app(fast(&saves));
    harness.get_by_label("Recover unsaved work?");
    harness.get_by_label_contains("recovered: 1 mention,");
    // The project was never saved: the work is the mention (and the
    // status it gave the document), not the schema a new project has anyway.
    harness.get_by_label_contains(": mention “Aasheim” (PER)");
    assert!(
        harness
            .query_by_label_contains("codebook variable")
            .is_none()
            && harness.query_by_label_contains("entity type").is_none(),
        "the schema is no recovered work"
    );
    harness.get_by_label("Recover it").click();
    harness.run_ok();
    assert_eq!(mention_count(&harness), 1);
    assert!(harness.state().session.as_ref().expect("s").is_dirty());
    common::save_now(&mut harness);
    assert_eq!(
        load_project(&file).expect("saved").project.mention_count(),
        1
    );
    assert!(
        !recovery.exists(),
        "a save holding its work removes the recovery file"
    );
    drop(harness);

    // Discarding keeps the file aside, never deletes it.
    let mut other = load_project(&file).expect("load").project;
    let (path, entry) = other.documents.iter().next().expect("a document");
    let (path, mut entry) = (path.clone(), (**entry).clone());
    entry.note = "a note only the recovery file has".to_owned();
    other
        .documents
        .insert(path.clone(), std::sync::Arc::new(entry));
    stancemark::io::store::write_recovery_file(&recovery, &other, dir.path()).expect("write");
    let mut harness = app(fast(&saves));
    harness.get_by_label(&format!("• {path}: document note"));
    harness.get_by_label("Discard it").click();
    harness.run_ok();
    assert!(!recovery.exists());
    let mut discarded = recovery.clone().into_os_string();
    discarded.push(".discarded");
    assert!(Path::new(&discarded).is_file());
}

/// While the recovery question is open, nothing acts on the project behind
/// it and nothing writes: not Ctrl+S, not a type key, not autosave, not the
/// recovery timer, not quitting.
#[test]
fn the_recovery_question_is_modal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let (file, recovery) = crash_with_one_mention(&saves);
    let before = std::fs::read(&recovery).expect("read");

    let mut harness = app(StartOptions {
        autosave_after: Duration::ZERO,
        ..fast(&saves)
    });
    harness.get_by_label("Recover unsaved work?");
    assert!(harness.state().blocked_by_modal());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.key_press(Key::ArrowRight);
    harness.key_press(Key::Num1);
    harness.key_press(Key::D);
    step_a_while(&mut harness);
    common::wait_written(&mut harness);
    assert_eq!(mention_count(&harness), 0, "no key reached the project");
    assert!(!file.exists(), "nothing was saved");
    assert_eq!(std::fs::read(&recovery).expect("read"), before, "untouched");
    // Closing the window now writes nothing either.
    common::close_window(&mut harness);
    assert!(harness.state().is_quitting());
    drop(harness);
    assert!(!file.exists());
    assert_eq!(std::fs::read(&recovery).expect("read"), before);
}

/// The project file changed after the crash (an import into it, say): the
/// recovery file is still offered, because it holds work the file lacks.
#[test]
fn a_recovery_older_than_the_project_file_is_still_offered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let (file, recovery) = crash_with_one_mention(&saves);
    // The project file is written afterwards, with other work in it.
    std::thread::sleep(Duration::from_millis(20));
    let mut project = load_project(&recovery).expect("load").project;
    project.annotator = "tester".to_owned();
    for doc in project.documents.values_mut() {
        std::sync::Arc::make_mut(doc).mentions.clear();
    }
    stancemark::io::save_project(&file, &project, &common::sample_corpus()).expect("save");
    assert!(
        std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("t")
            >= std::fs::metadata(&recovery)
                .and_then(|m| m.modified())
                .expect("t")
    );

    let mut harness = app(fast(&saves));
    harness.get_by_label("Recover unsaved work?");
    harness.get_by_label_contains("the project file was changed after it was written");
    harness.get_by_label("Recover it").click();
    harness.run_ok();
    assert_eq!(mention_count(&harness), 1);
    common::save_now(&mut harness);
    assert_eq!(load_project(&file).expect("l").project.mention_count(), 1);
    // The file as it was before is the first backup.
    let backup = stancemark::io::store::backup_path(&file, 1);
    assert_eq!(
        load_project(&backup)
            .expect("backup")
            .project
            .mention_count(),
        0
    );
}

/// A recovery file that cannot be read (written by a newer Stancemark) is
/// reported and left untouched, however the session goes on and saves.
#[test]
fn an_unreadable_recovery_file_is_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    std::fs::create_dir_all(&saves).expect("mkdir");
    let file = saves.join("sample-corpus-tester.ron");
    let recovery = recovery_path(&file);
    let newer = "(format: \"stancemark-project\", version: 9999)\n";
    std::fs::write(&recovery, newer).expect("write");

    let mut harness = app(fast(&saves));
    harness.get_by_label("A recovery file cannot be read");
    harness.get_by_label_contains("version 9999");
    harness.get_by_label("Leave it and continue").click();
    harness.run_ok();
    annotate(&mut harness, "Aasheim", Key::Num1);
    common::wait_written(&mut harness);
    // This session's own recovery file went elsewhere.
    let own = instance_recovery_path(&file);
    assert_eq!(load_project(&own).expect("own").project.mention_count(), 1);
    common::save_now(&mut harness);
    assert!(!own.exists(), "its own recovery file goes with the save");
    assert_eq!(std::fs::read_to_string(&recovery).expect("read"), newer);
    drop(harness);
    assert_eq!(std::fs::read_to_string(&recovery).expect("read"), newer);
}

/// A note is only an edit once its field is left; until then the text being
/// typed goes into the recovery file, and the status bar does not say saved.
#[test]
fn a_note_being_typed_reaches_the_recovery_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let file = saves.join("sample-corpus-tester.ron");
    let mut harness = app(fast(&saves));
    annotate(&mut harness, "Aasheim", Key::Num1);
    common::save_now(&mut harness);
    harness.get_by_label("Mention note").click();
    harness.run_ok();
    harness
        .get_by_label("Mention note")
        .type_text("still typing 🐟");
    harness.run_ok();
    common::wait_written(&mut harness);
    assert!(harness.state().session.as_ref().expect("s").is_dirty());
    harness.get_by_label("• unsaved changes");
    let recovered = load_project(&recovery_path(&file)).expect("recovery");
    let note = recovered
        .project
        .documents
        .values()
        .flat_map(|d| &d.mentions)
        .map(|m| m.note.clone())
        .next();
    assert_eq!(note.as_deref(), Some("still typing 🐟"));
    std::mem::forget(harness);

    let mut harness = app(fast(&saves));
    harness.get_by_label("Recover it").click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("s");
    let note = session
        .project
        .documents
        .values()
        .flat_map(|d| &d.mentions)
        .map(|m| m.note.clone())
        .next();
    assert_eq!(note.as_deref(), Some("still typing 🐟"));
}

fn this_host() -> String {
    stancemark::io::lock::this_host()
}

/// Another Stancemark holds the project: its recovery file is not offered
/// and not touched, and the read-only instance keeps a recovery of its own.
#[test]
fn a_read_only_instance_never_touches_the_holders_recovery() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    std::fs::create_dir_all(&saves).expect("mkdir");
    let file = saves.join("sample-corpus-tester.ron");
    let project = stancemark::model::Project::new("tester", stancemark::model::Schema::builtin());
    stancemark::io::save_project(&file, &project, &common::sample_corpus()).expect("save");
    // The live holder (pid 1 always runs) has unsaved work in its recovery file.
    let _holder = stancemark::io::lock::hold_as(
        &file,
        &format!("pid 1\nhost {}\nsince 1700000000\n", this_host()),
    )
    .expect("lock");
    let mut holders = project.clone();
    holders.annotator = "the holder's work".to_owned();
    let recovery = recovery_path(&file);
    stancemark::io::store::write_recovery_file(&recovery, &holders, dir.path()).expect("rec");
    let before = std::fs::read(&recovery).expect("read");

    let mut harness = app(StartOptions {
        project: Some(file.clone()),
        ..fast(&saves)
    });
    assert!(
        harness.query_by_label("Recover unsaved work?").is_none(),
        "a live holder's recovery file is never offered"
    );
    assert!(
        harness
            .state()
            .error()
            .expect("told")
            .contains("a recovery file of their own")
    );
    annotate(&mut harness, "Aasheim", Key::Num1);
    common::wait_written(&mut harness);
    let own = instance_recovery_path(&file);
    assert_eq!(load_project(&own).expect("own").project.mention_count(), 1);
    assert_eq!(std::fs::read(&recovery).expect("read"), before);
}

/// Save As (e.g. "Save gold as…" in review) leaves no recovery file behind
/// beside the file the work was in before.
#[test]
fn save_as_leaves_no_recovery_file_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let file = saves.join("sample-corpus-tester.ron");
    let mut harness = app(fast(&saves));
    annotate(&mut harness, "Aasheim", Key::Num1);
    common::wait_written(&mut harness);
    assert!(recovery_path(&file).exists());
    let gold = dir.path().join("gold.ron");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run_ok();
    harness.get_by_label("File path").focus();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("File path")
        .type_text(&gold.display().to_string());
    harness.run_ok();
    harness.get_by_label("Save").click();
    harness.run_ok();
    common::wait_written(&mut harness);
    assert_eq!(
        load_project(&gold).expect("gold").project.mention_count(),
        1
    );
    assert!(
        !recovery_path(&file).exists(),
        "no recovery file left behind"
    );
}

/// A recovery file older than the project's last save (a kill between the
/// save and the recovery file's removal) holds nothing the project lacks:
/// it is not offered, so "Recover it" can never revert newer work. One that
/// holds work of its own is offered with what it holds and what taking it
/// would drop, item by item.
#[test]
fn an_older_recovery_file_is_not_offered_and_a_mixed_one_shows_both_sides() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let (file, recovery) = crash_with_one_mention(&saves);
    let older = load_project(&recovery).expect("recovery").project;

    // The work went on and was saved: the project holds the recovery's
    // mention and one more.
    let mut harness = app(fast(&saves));
    harness.get_by_label("Recover it").click();
    harness.run_ok();
    annotate(&mut harness, "Norvik", Key::Num2);
    common::save_now(&mut harness);
    drop(harness);
    assert_eq!(
        load_project(&file).expect("saved").project.mention_count(),
        2
    );
    // The kill left the older recovery file behind.
    stancemark::io::store::write_recovery_file(&recovery, &older, &common::sample_corpus())
        .expect("older recovery");
    let harness = app(fast(&saves));
    assert!(
        harness.query_by_label("Recover unsaved work?").is_none(),
        "an older copy holds nothing the project lacks"
    );
    assert_eq!(mention_count(&harness), 2, "the newer work stays");
    drop(harness);
    assert!(
        !recovery.exists(),
        "the project file is a newer good copy of it"
    );

    // A recovery file with a mention of its own, and without one of the
    // project's: offered, both sides listed.
    let mut mixed = load_project(&file).expect("saved").project;
    let (path, entry) = mixed
        .documents
        .iter()
        .find(|(_, d)| d.mentions.len() == 2)
        .map(|(p, d)| (p.clone(), d.clone()))
        .expect("the annotated document");
    let norvik = entry
        .mentions
        .iter()
        .find(|m| m.quote.exact.contains("Norvik"))
        .expect("Norvik")
        .clone();
    let mut changed = (*entry).clone();
    changed.mentions.retain(|m| m.id != norvik.id);
    let mut relabelled = norvik.clone();
    relabelled.label = "MISC".to_owned();
    changed.insert_sorted(relabelled);
    mixed
        .documents
        .insert(path.clone(), std::sync::Arc::new(changed));
    stancemark::io::store::write_recovery_file(&recovery, &mixed, &common::sample_corpus())
        .expect("mixed recovery");
    let harness = app(fast(&saves));
    harness.get_by_label("Recover unsaved work?");
    harness.get_by_label(&format!(
        "• {path}: mention “{}” (MISC)",
        norvik.quote.exact
    ));
    harness.get_by_label(&format!(
        "• {path}: mention “{}” ({})",
        norvik.quote.exact, norvik.label
    ));
    harness.get_by_label_contains("recovering would drop it");
}
