//! A sync tool's conflicted copy merged with `stancemark merge-file
//! --find-base` (issue 30, part 4): the base is the newest version both
//! copies were saved over, found beside them by the lineage every save
//! records, never a version only one side saw; without one kept, the
//! merge is made without a base and says so. Nothing is lost either way.

use std::path::Path;
use std::process::Command;

use stancemark::io::store::{load_project, save_project};
use stancemark::model::{CharSpan, Document, Edit, Mention, Project, Schema, apply};

const TEXT: &str = "Anna Berg met Jonas Holm in Lyon. 佐藤美咲 agreed 🏙.";

fn doc() -> Document {
    Document::new("a.txt", TEXT, "UTF-8")
}

fn span(part: &str) -> CharSpan {
    let b = TEXT.find(part).expect("part");
    let start = TEXT[..b].chars().count();
    CharSpan::new(start, start + part.chars().count())
}

fn add(project: &mut Project, part: &str, label: &str) {
    let d = doc();
    let id = project.documents["a.txt"].next_mention_id();
    let mention = Mention::new(&d, id, span(part), label);
    apply(
        project,
        Edit::AddMention {
            doc: "a.txt".into(),
            mention,
        },
    )
    .expect("edit");
}

fn words(file: &Path) -> Vec<String> {
    let mut out: Vec<String> = load_project(file).expect("loads").project.documents["a.txt"]
        .mentions
        .iter()
        .map(|m| m.quote.exact.clone())
        .collect();
    out.sort();
    out
}

/// Two machines saved over one synced version; the sync tool kept A's
/// file and backups and put B's beside them as conflicted copies.
fn synced_folder(keep_common: bool) -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("tempdir");
    let corpus = root.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus");
    std::fs::write(corpus.join("a.txt"), TEXT).expect("text");
    let mut common = Project::new("ana", Schema::builtin());
    common.attach(&[doc()]);
    add(&mut common, "Anna Berg", "PER");
    let machine = |name: &str| {
        let saves = root.path().join(name).join("saves");
        std::fs::create_dir_all(&saves).expect("saves");
        let file = saves.join("ana.ron");
        save_project(&file, &common, &corpus).expect("the synced version");
        file
    };
    let (a, b) = (machine("a"), machine("b"));
    // A saves twice (its .bak1 is a version B never saw), B once.
    let mut on_a = common.clone();
    add(&mut on_a, "Jonas Holm", "PER");
    save_project(&a, &on_a, &corpus).expect("a1");
    add(&mut on_a, "Lyon", "GPE");
    save_project(&a, &on_a, &corpus).expect("a2");
    let mut on_b = common.clone();
    add(&mut on_b, "佐藤美咲", "PER");
    save_project(&b, &on_b, &corpus).expect("b1");
    // The sync tool: A's files kept, B's differing ones as copies.
    let folder = root.path().join("synced");
    std::fs::create_dir_all(&folder).expect("synced");
    for n in ["ana.ron", "ana.ron.bak1", "ana.ron.bak2"] {
        std::fs::copy(a.with_file_name(n), folder.join(n)).expect("copy");
    }
    std::fs::copy(&b, folder.join("ana (conflicted copy).ron")).expect("copy");
    std::fs::copy(
        b.with_file_name("ana.ron.bak1"),
        folder.join("ana.ron (conflicted copy).bak1"),
    )
    .expect("copy");
    if !keep_common {
        // Neither side's backups reach back to the version both started
        // from.
        std::fs::remove_file(folder.join("ana.ron.bak2")).expect("rm");
        std::fs::remove_file(folder.join("ana.ron (conflicted copy).bak1")).expect("rm");
    }
    root
}

fn merge(folder: &Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stancemark"))
        .args(["merge-file", "--find-base"])
        .arg(folder.join("ana.ron"))
        .arg(folder.join("ana (conflicted copy).ron"))
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_base_is_the_newest_version_both_were_saved_over() {
    let root = synced_folder(true);
    let folder = root.path().join("synced");
    let common_bytes = std::fs::read(folder.join("ana.ron.bak2")).expect("c");
    let (code, report) = merge(&folder);
    assert_eq!(code, Some(0), "{report}");
    let base = report
        .lines()
        .find_map(|l| l.strip_prefix("stancemark merge-file: base: "))
        .and_then(|l| l.split(" (the newest").next())
        .unwrap_or_else(|| panic!("names its base: {report}"));
    assert_eq!(
        std::fs::read(base).expect("base"),
        common_bytes,
        "the version both started from, not A's .bak1 (B never saw it): {base}"
    );
    assert_eq!(
        words(&folder.join("ana.ron")),
        ["Anna Berg", "Jonas Holm", "Lyon", "佐藤美咲"]
    );
    // The copies stay until the user deletes them.
    assert!(folder.join("ana (conflicted copy).ron").exists());
}

#[test]
fn with_no_common_version_kept_it_merges_without_a_base_and_says_so() {
    let root = synced_folder(false);
    let folder = root.path().join("synced");
    let (code, report) = merge(&folder);
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("merged without a base"), "{report}");
    assert_eq!(
        words(&folder.join("ana.ron")),
        ["Anna Berg", "Jonas Holm", "Lyon", "佐藤美咲"],
        "nothing lost"
    );
}

#[test]
fn a_save_that_changes_nothing_still_writes_nothing() {
    let root = synced_folder(true);
    let file = root.path().join("a/saves/ana.ron");
    let corpus = root.path().join("corpus");
    let before = std::fs::read(&file).expect("file");
    let project = load_project(&file).expect("loads").project;
    save_project(&file, &project, &corpus).expect("save");
    assert_eq!(std::fs::read(&file).expect("file"), before);
    assert!(!file.with_file_name("ana.ron.bak3").exists());
}

/// `merge-file --find-base` never writes a file the app holds open, and
/// says so before it reports any base.
#[test]
fn a_project_open_in_the_app_is_not_merged_into() {
    let root = synced_folder(true);
    let folder = root.path().join("synced");
    let before = std::fs::read(folder.join("ana.ron")).expect("file");
    let held = stancemark::io::lock::lock_for_writing(&folder.join("ana.ron")).expect("lock");
    let (code, report) = merge(&folder);
    drop(held);
    assert_eq!(code, Some(2), "{report}");
    assert!(report.contains("is open in Stancemark"), "{report}");
    assert!(
        !report.contains("base:"),
        "no base reported for a merge not made: {report}"
    );
    assert_eq!(std::fs::read(folder.join("ana.ron")).expect("file"), before);
}

/// Copies a sync tool left are found beside the project (not the
/// backups' copies, not the project itself).
#[test]
fn a_sync_tools_copies_are_found_beside_the_project() {
    let root = synced_folder(true);
    let folder = root.path().join("synced");
    std::fs::write(
        folder.join("ana.sync-conflict-20261207-101010-ABCDEF.ron"),
        "x",
    )
    .expect("w");
    std::fs::write(folder.join("anabel.ron"), "x").expect("w");
    let names: Vec<String> = stancemark::io::lineage::conflicted_copies(&folder.join("ana.ron"))
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "ana (conflicted copy).ron",
            "ana.sync-conflict-20261207-101010-ABCDEF.ron"
        ]
    );
}
