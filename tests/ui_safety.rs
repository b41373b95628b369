//! Nothing is lost: autosave (timer, document switch, exit), files that failed
//! to load are never overwritten, changed documents are re-anchored with
//! lost annotations kept as orphans.

mod common;

use std::time::Duration;

use common::{TITLE, app, copy_sample_corpus, drag_over, mention_count, options};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use stancemark::io::load_project;
use stancemark::ui::StartOptions;

const OTHER_TITLE: &str =
    "Minister orders inspection of Norvik site as Port Avel spill dispute deepens";

fn annotate_aasheim(harness: &mut egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>) {
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    drag_over(harness, "Aasheim");
    harness.key_press(Key::Num1);
    harness.run_ok();
    assert_eq!(mention_count(harness), 1);
}

#[test]
fn autosave_after_the_delay() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let mut harness = app(StartOptions {
        autosave_after: Duration::ZERO,
        ..options(&saves)
    });
    annotate_aasheim(&mut harness);
    harness.run_ok();
    common::wait_written(&mut harness);
    let file = saves.join("sample-corpus-tester.ron");
    let saved = load_project(&file).expect("autosaved project loads");
    assert_eq!(saved.project.mention_count(), 1);
    assert!(
        !harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .is_dirty()
    );
    harness.get_by_label_contains("last autosave");
}

/// Saving runs on a worker with a snapshot: the interface goes on while it
/// writes, and an edit made meanwhile is not marked saved by it.
#[test]
fn edits_during_a_background_save_stay_unsaved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let file = saves.join("sample-corpus-tester.ron");
    // Only manual saves here: on a loaded machine the autosave could
    // otherwise save first and leave Ctrl+S nothing to write.
    let mut harness = app(stancemark::ui::StartOptions {
        autosave_after: std::time::Duration::from_secs(3600),
        ..options(&saves)
    });
    annotate_aasheim(&mut harness);
    // The first change starts a recovery write at once; a save asked for
    // while it runs would wait and then snapshot the later state too (as it
    // should), so it is let finish first: this save must start at once.
    common::wait_written(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.step();
    // The save runs in the background (on a fast disk, such as tmpfs, under
    // load, it may already be done and settled: then the file holds the
    // first mention and the session is clean). Either way no error.
    let settled = harness
        .state()
        .session
        .as_ref()
        .is_some_and(|s| !s.is_dirty());
    assert!(
        harness.state().is_writing() || settled,
        "the save runs in the background: error {:?}",
        harness.state().error()
    );
    assert_eq!(harness.state().error(), None);
    drag_over(&mut harness, "Lenne");
    harness.key_press(Key::Num3);
    harness.run_ok();
    common::wait_written(&mut harness);
    assert_eq!(mention_count(&harness), 2);
    let session = harness.state().session.as_ref().expect("session");
    assert!(session.is_dirty(), "the second mention is not in the file");
    assert_eq!(
        load_project(&file).expect("saved").project.mention_count(),
        1
    );
    harness.get_by_label("• unsaved changes");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::wait_written(&mut harness);
    assert_eq!(
        load_project(&file).expect("saved").project.mention_count(),
        2
    );
    assert!(!harness.state().session.as_ref().expect("s").is_dirty());
}

#[test]
fn autosave_on_document_switch_and_on_exit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let file = saves.join("sample-corpus-tester.ron");
    let mut harness = app(options(&saves));
    annotate_aasheim(&mut harness);
    assert!(!file.exists(), "30 s have not passed yet");
    harness.get_by_label(OTHER_TITLE).click();
    harness.run_ok();
    common::wait_written(&mut harness);
    assert_eq!(
        load_project(&file)
            .expect("saved on switch")
            .project
            .mention_count(),
        1
    );

    drag_over(&mut harness, "Ibáñez");
    harness.key_press(Key::Num1);
    harness.run_ok();
    assert_eq!(
        load_project(&file).expect("load").project.mention_count(),
        1,
        "not yet saved"
    );
    common::close_window(&mut harness);
    assert_eq!(
        load_project(&file)
            .expect("saved on exit")
            .project
            .mention_count(),
        2
    );
}

#[test]
fn a_save_that_failed_to_load_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    std::fs::create_dir_all(&saves).expect("mkdir");
    let broken = saves.join("sample-corpus-tester.ron");
    let garbage = "(format: \"stancemark-project\", version: 1, annotator: \"x\", corpus: ";
    std::fs::write(&broken, garbage).expect("write");

    let mut harness = app(options(&saves));
    let error = harness.state().error().expect("error shown").to_owned();
    assert!(
        error.contains("could not be loaded and will not be overwritten"),
        "{error}"
    );
    assert!(
        error.contains("sample-corpus-tester.ron:1:"),
        "names file, line and column: {error}"
    );
    annotate_aasheim(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::wait_written(&mut harness);
    assert_eq!(std::fs::read_to_string(&broken).expect("read"), garbage);
    let fresh = saves.join("sample-corpus-tester-2.ron");
    assert_eq!(
        load_project(&fresh)
            .expect("saved elsewhere")
            .project
            .mention_count(),
        1
    );
}

#[test]
fn changed_documents_are_reanchored_and_lost_annotations_kept_as_orphans() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = copy_sample_corpus(dir.path());
    let saves = dir.path().join("saves");
    let opts = StartOptions {
        corpus: Some(corpus.clone()),
        ..options(&saves)
    };
    let mut harness = app(opts.clone());
    annotate_aasheim(&mut harness);
    drag_over(&mut harness, "Duarte-Lefèvre");
    harness.key_press(Key::Num1);
    harness.run_ok();
    assert_eq!(mention_count(&harness), 2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::wait_written(&mut harness);
    drop(harness);
    let file = saves.join("sample-corpus-tester.ron");
    let before = std::fs::read(&file).expect("read");

    // Someone edits the article: a word is inserted before the first mention,
    // and the second mention's text is rewritten.
    let path = "coastal-ledger/2026-03-16-norvik-denies.txt";
    let article = corpus.join(path);
    let text = std::fs::read_to_string(&article).expect("read");
    let text = text
        .replacen("The chief executive", "The embattled chief executive", 1)
        .replacen("Mayor Duarte-Lefèvre called", "The mayor called", 1);
    std::fs::write(&article, &text).expect("write");

    let mut harness = app(opts);
    let session = harness.state().session.as_ref().expect("session");
    assert!(session.changed_docs.is_empty(), "nothing is read-only");
    assert!(session.is_dirty(), "re-anchoring changed the project");
    let problems: Vec<String> = session.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            format!(
                "{path}: the text changed since it was annotated; 1 annotation(s) re-anchored, 1 kept as orphans"
            ),
            format!(
                "{path}: orphan mention m2 (PER) \"Duarte-Lefèvre\": its text is no longer in the document"
            ),
        ]
    );
    // The Problems window lists the orphan with its old text.
    harness.get_by_label("Problems");
    harness.get_by_label_contains("orphan mention m2 (PER) \"Duarte-Lefèvre\"");

    // The moved mention sits on its text, and the document can be annotated.
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    let session = harness.state().session.as_ref().expect("session");
    let doc = session.document().expect("doc");
    let entry = &session.project.documents[path];
    assert_eq!(entry.mentions.len(), 1);
    assert!(entry.mentions[0].matches(doc));
    assert_eq!(doc.prefix(entry.mentions[0].span.start, 6), "Bjørn ");

    // The orphan is listed in the side panel and can be placed by hand on
    // the text that now names the mayor; one undo puts it back.
    harness.get_by_label("Orphans (1)");
    drag_over(&mut harness, "The mayor");
    harness
        .get_by_label("Place “Duarte-Lefèvre” at selection")
        .click();
    harness.run_ok();
    let orphans = |h: &egui_kittest::Harness<'_, stancemark::ui::StancemarkApp>| {
        h.state()
            .session
            .as_ref()
            .expect("session")
            .project
            .documents[path]
            .orphans
            .len()
    };
    assert_eq!(orphans(&harness), 0);
    assert_eq!(mention_count(&harness), 2);
    let placed = harness
        .state()
        .session
        .as_ref()
        .expect("session")
        .project
        .documents[path]
        .mentions
        .iter()
        .find(|m| m.quote.exact == "The mayor")
        .map(|m| m.label.clone());
    assert_eq!(placed.as_deref(), Some("PER"), "placed with its type");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_ok();
    assert_eq!(orphans(&harness), 1, "undo makes it an orphan again");
    assert_eq!(mention_count(&harness), 1);

    drag_over(&mut harness, "Norvik");
    harness.key_press(Key::Num2);
    harness.run_ok();
    assert_eq!(mention_count(&harness), 2);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::wait_written(&mut harness);
    let saved = load_project(&file).expect("load");
    let entry = &saved.project.documents[path];
    assert_eq!(entry.mentions.len(), 2);
    assert_eq!(entry.orphans.len(), 1, "the orphan is saved");
    assert_eq!(entry.orphans[0].old_text(), "Duarte-Lefèvre");
    // The file from before re-anchoring is kept as the first backup.
    let backup = file.with_extension("ron.bak1");
    assert_eq!(std::fs::read(backup).expect("backup"), before);
}

fn this_host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_else(|_| "unknown-host".to_owned())
}

#[test]
fn a_project_open_elsewhere_is_read_only_here() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let mut harness = app(options(&saves));
    annotate_aasheim(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::wait_written(&mut harness);
    drop(harness);
    let file = saves.join("sample-corpus-tester.ron");
    let lock = stancemark::io::lock::lock_path(&file);
    assert!(!lock.exists(), "the lock is released when the app closes");
    // Another Stancemark (pid 1 always runs) has the file open.
    let _holder = stancemark::io::lock::hold_as(
        &file,
        &format!("pid 1\nhost {}\nsince 1700000000\n", this_host()),
    )
    .expect("hold");
    let before = std::fs::read(&file).expect("read");

    let mut harness = app(options(&saves));
    let error = harness.state().error().expect("told").to_owned();
    assert!(
        error.contains("is open in another Stancemark (process 1 on"),
        "{error}"
    );
    harness.get_by_label("read-only: open in another Stancemark");
    harness.get_by_label(TITLE).click();
    harness.run_ok();
    drag_over(&mut harness, "Norvik");
    harness.key_press(Key::Num2);
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::wait_written(&mut harness);
    assert!(
        harness
            .state()
            .error()
            .expect("error")
            .contains("opened read-only here")
    );
    assert_eq!(std::fs::read(&file).expect("read"), before, "never written");
    // Save As to another file works, and the work is kept.
    let other = dir.path().join("mine.ron");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run_ok();
    harness.get_by_label("File path").focus();
    harness.run_ok();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("File path")
        .type_text(&other.display().to_string());
    harness.run_ok();
    harness.get_by_label("Save").click();
    harness.run_ok();
    common::wait_written(&mut harness);
    assert_eq!(
        load_project(&other)
            .expect("saved elsewhere")
            .project
            .mention_count(),
        2
    );
    assert_eq!(
        std::fs::read_to_string(&lock)
            .expect("the other's lock stays")
            .lines()
            .next(),
        Some("pid 1")
    );
}

/// The corpus folder disappears while the app runs (an unmounted drive): the
/// work in memory is still saved, and the document stays on screen.
#[test]
fn a_vanished_corpus_does_not_lose_the_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = copy_sample_corpus(dir.path());
    let saves = dir.path().join("saves");
    let mut harness = app(StartOptions {
        corpus: Some(corpus.clone()),
        ..options(&saves)
    });
    annotate_aasheim(&mut harness);
    std::fs::remove_dir_all(&corpus).expect("the corpus vanishes");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_ok();
    common::wait_written(&mut harness);
    assert!(
        harness.state().error().is_none(),
        "{:?}",
        harness.state().error()
    );
    let saved = load_project(&saves.join("sample-corpus-tester.ron")).expect("saved");
    assert_eq!(saved.project.mention_count(), 1);
    // Reopened later without its corpus, the app says so and the file is kept.
    let saves_again = saves.clone();
    drop(harness);
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 800.0))
        .build_eframe(move |cc| {
            stancemark::ui::StancemarkApp::new(
                cc,
                StartOptions {
                    corpus: Some(corpus),
                    ..options(&saves_again)
                },
            )
        });
    common::wait_loaded(&mut harness);
    let error = harness.state().error().expect("told").to_owned();
    assert!(error.contains("sample-corpus: no such folder"), "{error}");
    assert_eq!(
        load_project(&saves.join("sample-corpus-tester.ron"))
            .expect("still there")
            .project
            .mention_count(),
        1
    );
}

/// A damaged or forged file whose hashes match but whose offsets do not match
/// their quotes: the annotations are placed by their quotes before use, the
/// unplaceable ones kept as orphans.
#[test]
fn offsets_that_do_not_match_their_quotes_are_reanchored_before_use() {
    use stancemark::model::CharSpan;
    let corpus =
        stancemark::io::load_corpus(&common::sample_corpus(), u64::MAX, &()).expect("corpus");
    let path = "coastal-ledger/2026-03-16-norvik-denies.txt";
    let doc = corpus.document(path).expect("doc").clone();
    let mut project = stancemark::model::Project::new("t", stancemark::model::Schema::builtin());
    let mut entry = stancemark::model::DocAnnotations::for_document(&doc);
    let start = doc
        .text
        .chars()
        .collect::<String>()
        .find("Aasheim")
        .expect("word");
    let start = doc.text[..start].chars().count();
    let mut shifted = stancemark::model::Mention::new(
        &doc,
        stancemark::model::MentionId(1),
        CharSpan::new(start, start + 7),
        "PER",
    );
    shifted.span = CharSpan::new(start + 3, start + 10);
    let mut beyond = shifted.clone();
    beyond.id = stancemark::model::MentionId(2);
    beyond.span = CharSpan::new(90_000, 90_005);
    beyond.quote.exact = "Nobody".to_owned();
    entry.insert_sorted(shifted);
    entry.insert_sorted(beyond);
    project.documents.insert(path.to_owned(), entry.into());

    let session = stancemark::ui::session::Session::new(corpus, project);
    let entry = &session.project.documents[path];
    assert_eq!(entry.mentions.len(), 1);
    assert_eq!(entry.mentions[0].span, CharSpan::new(start, start + 7));
    assert_eq!(entry.orphans.len(), 1);
    assert_eq!(entry.orphans[0].old_text(), "Nobody");
    let problems: Vec<String> = session.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        problems[0],
        format!(
            "{path}: some offsets in the project file did not match their quoted text; 1 annotation(s) re-anchored, 1 kept as orphans"
        )
    );
    assert!(session.is_dirty());
}

/// A save that changes nothing writes nothing and makes no backup, so the
/// three backups are three different earlier versions.
#[test]
fn saves_that_change_nothing_use_up_no_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let file = saves.join("sample-corpus-tester.ron");
    let mut harness = app(options(&saves));
    annotate_aasheim(&mut harness);
    common::save_now(&mut harness);
    drag_over(&mut harness, "Lenne");
    harness.key_press(Key::Num3);
    harness.run_ok();
    // Switching documents autosaves.
    harness.get_by_label(OTHER_TITLE).click();
    harness.run_ok();
    common::wait_written(&mut harness);
    let written = std::fs::metadata(&file)
        .and_then(|m| m.modified())
        .expect("t");
    let bak1 = std::fs::read(stancemark::io::store::backup_path(&file, 1)).expect("bak1");
    std::thread::sleep(Duration::from_millis(20));
    common::save_now(&mut harness);
    common::close_window(&mut harness);
    drop(harness);
    assert_eq!(
        std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .expect("t"),
        written,
        "Ctrl+S and quitting wrote nothing"
    );
    assert_eq!(
        std::fs::read(stancemark::io::store::backup_path(&file, 1)).expect("bak1"),
        bak1
    );
    assert!(!stancemark::io::store::backup_path(&file, 2).exists());
    assert_ne!(std::fs::read(&file).expect("file"), bak1);
}

/// Another program (not a Stancemark: it would respect the lock) rewrites
/// the project file while the app has it open: the app's next save says so
/// and keeps the other version as the first backup.
#[test]
fn a_project_file_changed_by_another_program_is_not_overwritten_silently() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let file = saves.join("sample-corpus-tester.ron");
    let mut harness = app(options(&saves));
    annotate_aasheim(&mut harness);
    common::save_now(&mut harness);
    let mut theirs = load_project(&file).expect("load").project;
    theirs.annotator = "written by another program".to_owned();
    std::thread::sleep(Duration::from_millis(20));
    stancemark::io::save_project(&file, &theirs, &common::sample_corpus()).expect("save");
    let their_bytes = std::fs::read(&file).expect("read");

    drag_over(&mut harness, "Lenne");
    harness.key_press(Key::Num3);
    harness.run_ok();
    common::save_now(&mut harness);
    let error = harness.state().error().expect("told").to_owned();
    assert!(
        error.contains("had been changed by another program"),
        "{error}"
    );
    assert_eq!(
        std::fs::read(stancemark::io::store::backup_path(&file, 1)).expect("bak1"),
        their_bytes
    );
    assert_eq!(load_project(&file).expect("l").project.mention_count(), 2);
    // The saved file does not claim to descend from the other program's
    // version (it holds none of its changes), so a merge of the two never
    // takes that version as their common base.
    let ours = std::fs::read(&file).expect("file");
    assert!(
        !stancemark::io::lineage::lineage_of(&ours)
            .contains(&stancemark::io::lineage::revision(&their_bytes)),
        "the save claims the other program's version as its ancestor"
    );
}

/// A FIFO given as the project file is refused at once with its name: the
/// window does not hang on "Loading corpus…".
#[cfg(unix)]
#[test]
fn a_fifo_as_project_file_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("project.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let opts = StartOptions {
        corpus: None,
        project: Some(fifo),
        ..options(&dir.path().join("saves"))
    };
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 800.0))
        .build_eframe(move |cc| stancemark::ui::StancemarkApp::new(cc, opts));
    common::wait_loaded(&mut harness);
    assert!(!harness.state().is_loading(), "the open ended");
    let error = harness.state().error().expect("an error").to_owned();
    assert!(
        error.contains("project.ron: not a regular file (a FIFO)"),
        "{error}"
    );
}

/// A sync tool left a conflicted copy of the project beside it: opening
/// the project says so, with the command that merges it, and leaves the
/// copy alone.
#[test]
fn a_conflicted_copy_beside_the_project_is_pointed_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saves = dir.path().join("saves");
    let file = saves.join("sample-corpus-tester.ron");
    let project = stancemark::model::Project::new("tester", stancemark::model::Schema::builtin());
    stancemark::io::save_project(&file, &project, &common::sample_corpus()).expect("save");
    let copy = saves.join("sample-corpus-tester (conflicted copy).ron");
    std::fs::copy(&file, &copy).expect("copy");
    let harness = app(stancemark::ui::StartOptions {
        project: Some(file),
        ..options(&saves)
    });
    let error = harness.state().error().expect("told").to_owned();
    assert!(
        error.contains("(conflicted copy).ron") && error.contains("merge-file --find-base"),
        "{error}"
    );
    assert!(copy.exists(), "the copy is left alone");
}
