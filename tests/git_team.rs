//! git as the shared store (issue 18), with real git: a repository, two
//! clones, two annotators' imports run at the same time on the same
//! project file, pulled with `stancemark merge-file` as the merge driver.
//! Nothing is lost and the merged file validates; a true conflict is
//! recorded in the file (which still loads) and listed by `validate`; a
//! file merged without the driver is refused, named, and left untouched.
//! CI installs git; where it is missing the test says so and stops.

mod cli_common;

use std::path::{Path, PathBuf};
use std::process::Command;

use cli_common::stancemark;

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs git in `dir` with a private configuration; panics with its output
/// when it fails unless `may_fail`.
fn git(dir: &Path, home: &Path, args: &[&str], may_fail: bool) -> (bool, String) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Tester")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "Tester")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .expect("git runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(may_fail || out.status.success(), "git {args:?}: {text}");
    (out.status.success(), text)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8")
}

/// The driver lines the README documents, in `clone`'s configuration.
fn configure_driver(clone: &Path, home: &Path) {
    let driver = format!("{} merge-file %O %A %B", env!("CARGO_BIN_EXE_stancemark"));
    git(
        clone,
        home,
        &[
            "config",
            "merge.stancemark.name",
            "Stancemark project merge",
        ],
        false,
    );
    git(
        clone,
        home,
        &["config", "merge.stancemark.driver", &driver],
        false,
    );
}

/// A spaCy JSONL line adding `word` of `path` as `label`.
fn spacy_line(corpus: &Path, path: &str, word: &str, label: &str) -> String {
    let text = std::fs::read_to_string(corpus.join(path)).expect("doc");
    let at = text.find(word).expect("word");
    let start = text[..at].chars().count();
    serde_json::json!({
        "text": text,
        "spans": [{"start": start, "end": start + word.chars().count(), "label": label, "text": word}],
        "meta": {"path": path},
    })
    .to_string()
}

fn import(clone: &Path, line: &str, name: &str) -> std::process::Child {
    let file = clone.join(name);
    std::fs::write(&file, line).expect("write");
    Command::new(env!("CARGO_BIN_EXE_stancemark"))
        .args([
            "import",
            "--corpus",
            s(&clone.join("corpus")),
            "--format",
            "spacy",
            "--from",
            s(&file),
            "--out",
            s(&clone.join("saves/ana.ron")),
        ])
        .spawn()
        .expect("import runs")
}

fn setup(root: &Path, home: &Path) -> (PathBuf, PathBuf) {
    let origin = root.join("origin.git");
    std::fs::create_dir_all(&origin).expect("mkdir");
    git(&origin, home, &["init", "--bare", "-b", "main"], false);
    let lead = root.join("lead");
    git(root, home, &["clone", s(&origin), "lead"], true);
    let corpus = lead.join("corpus");
    std::fs::create_dir_all(corpus.join("north")).expect("mkdir");
    std::fs::write(
        corpus.join("north/a.txt"),
        "Anna Berg met Jonas Holm in Lyon 🏙.\n",
    )
    .expect("write");
    std::fs::write(
        corpus.join("north/b.txt"),
        "Norvik Chemicals denied it. 佐藤美咲 agreed.\n",
    )
    .expect("write");
    std::fs::write(
        lead.join(".gitattributes"),
        "saves/*.ron merge=stancemark\n",
    )
    .expect("write");
    // The first version of ana's project: one mention.
    let line = spacy_line(&corpus, "north/a.txt", "Lyon", "GPE");
    let mut child = import(&lead, &line, "first.jsonl");
    assert!(child.wait().expect("waits").success());
    std::fs::remove_file(lead.join("first.jsonl")).expect("rm");
    git(&lead, home, &["add", "-A"], false);
    git(
        &lead,
        home,
        &["commit", "-m", "corpus and ana's first save"],
        false,
    );
    git(&lead, home, &["push", "-u", "origin", "HEAD:main"], false);
    let a = root.join("a");
    let b = root.join("b");
    git(root, home, &["clone", s(&origin), "a"], false);
    git(root, home, &["clone", s(&origin), "b"], false);
    configure_driver(&a, home);
    configure_driver(&b, home);
    (a, b)
}

#[test]
fn two_clones_merge_through_the_driver() {
    if !git_available() {
        eprintln!("git is not installed: this test needs it (CI installs it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("mkdir");
    let (a, b) = setup(dir.path(), &home);

    // The same annotator on two machines: two imports at once, each adding
    // a different mention to the same document (the same new id on each
    // side), and one to another document.
    let la = spacy_line(&a.join("corpus"), "north/a.txt", "Anna Berg", "PER");
    let lb = [
        spacy_line(&b.join("corpus"), "north/a.txt", "Jonas Holm", "PER"),
        spacy_line(&b.join("corpus"), "north/b.txt", "Norvik Chemicals", "ORG"),
    ]
    .join("\n");
    let (mut ca, mut cb) = (import(&a, &la, "a.jsonl"), import(&b, &lb, "b.jsonl"));
    assert!(ca.wait().expect("waits").success());
    assert!(cb.wait().expect("waits").success());
    for (clone, msg) in [(&a, "a: Anna Berg"), (&b, "b: Jonas Holm, Norvik")] {
        git(clone, &home, &["add", "saves"], false);
        git(clone, &home, &["commit", "-m", msg], false);
    }
    git(&a, &home, &["push"], false);
    let (merged, out) = git(&b, &home, &["pull", "--no-rebase", "--no-edit"], true);
    assert!(merged, "the driver merges cleanly: {out}");
    let file = b.join("saves/ana.ron");
    let text = std::fs::read_to_string(&file).expect("merged");
    assert!(!text.contains("<<<<<<<"), "{text}");
    for word in ["Lyon", "Anna Berg", "Jonas Holm", "Norvik Chemicals"] {
        assert!(
            text.contains(&format!("exact: \"{word}\"")),
            "{word} kept: {text}"
        );
    }
    let (code, out, err) = stancemark(&["validate", s(&file)]);
    assert_eq!(code, 0, "the merged file validates: {out}{err}");
    git(&b, &home, &["push"], false);
    git(&a, &home, &["pull", "--no-rebase", "--no-edit"], false);
    assert_eq!(
        std::fs::read_to_string(a.join("saves/ana.ron")).expect("a"),
        text,
        "both clones hold the same project"
    );

    // A true conflict: the same mention relabelled differently on each side.
    for (clone, label) in [(&a, "LOC"), (&b, "MISC")] {
        let path = clone.join("saves/ana.ron");
        let loaded = stancemark::io::load_project(&path).expect("load");
        let mut p = loaded.project;
        let id = p.documents["north/a.txt"]
            .mentions
            .iter()
            .find(|m| m.quote.exact == "Lyon")
            .expect("Lyon")
            .id;
        stancemark::model::apply(
            &mut p,
            stancemark::model::Edit::RelabelMention {
                doc: "north/a.txt".into(),
                id,
                label: label.into(),
            },
        )
        .expect("relabel");
        stancemark::io::save_project(&path, &p, &clone.join("corpus")).expect("save");
        git(clone, &home, &["commit", "-am", label], false);
    }
    git(&a, &home, &["push"], false);
    let (merged, out) = git(&b, &home, &["pull", "--no-rebase", "--no-edit"], true);
    assert!(!merged, "a recorded conflict stops the merge: {out}");
    assert!(out.contains("merge conflict: ours has mention"), "{out}");
    let file = b.join("saves/ana.ron");
    let loaded = stancemark::io::load_project(&file).expect("the file still loads");
    assert_eq!(loaded.project.conflicts.len(), 1);
    let (code, out, _) = stancemark(&["validate", s(&file)]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("merge conflict: ours has mention") && out.contains("theirs has mention"),
        "{out}"
    );
}

#[test]
fn a_file_merged_without_the_driver_is_refused_and_left_alone() {
    if !git_available() {
        eprintln!("git is not installed: this test needs it (CI installs it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("mkdir");
    let (a, b) = setup(dir.path(), &home);
    // No driver in b: git merges the RON line by line.
    git(
        &b,
        &home,
        &["config", "--unset", "merge.stancemark.driver"],
        false,
    );
    std::fs::write(b.join(".git/info/attributes"), "saves/*.ron merge=text\n").expect("write");
    for (clone, word) in [(&a, "Anna Berg"), (&b, "Jonas Holm")] {
        let line = spacy_line(&clone.join("corpus"), "north/a.txt", word, "PER");
        assert!(
            import(clone, &line, "x.jsonl")
                .wait()
                .expect("waits")
                .success()
        );
        git(clone, &home, &["add", "saves"], false);
        git(clone, &home, &["commit", "-m", word], false);
    }
    git(&a, &home, &["push"], false);
    let (merged, _) = git(&b, &home, &["pull", "--no-rebase", "--no-edit"], true);
    assert!(!merged);
    let file = b.join("saves/ana.ron");
    let before = std::fs::read(&file).expect("read");
    let err = stancemark::io::load_project(&file).expect_err("refused");
    let message = err.to_string();
    assert!(message.contains("git conflict markers"), "{message}");
    assert!(
        message.contains("git checkout --ours") && message.contains("stancemark merge-file"),
        "{message}"
    );
    let (code, _, err) = stancemark(&["validate", s(&file)]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("git conflict markers"), "{err}");
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "never overwritten"
    );
}

/// What stays on each machine never reaches the repository: `team init`
/// lists locks, backups, recovery and temporary files in the saves folder's
/// `.gitignore`, so `git add saves` takes the project files only. A lock
/// that came through git all the same (committed by an older Stancemark)
/// is held by no one on the clone: writing the file works.
#[test]
fn locks_and_backups_stay_out_of_git_and_a_committed_lock_holds_nothing() {
    if !git_available() {
        eprintln!("git is not installed: this test needs it (CI installs it)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).expect("mkdir");
    let origin = dir.path().join("origin.git");
    std::fs::create_dir_all(&origin).expect("mkdir");
    git(&origin, &home, &["init", "--bare", "-b", "main"], false);
    git(dir.path(), &home, &["clone", s(&origin), "lead"], true);
    let lead = dir.path().join("lead");
    let corpus = lead.join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    std::fs::write(corpus.join("a.txt"), "Anna Berg met Jonas Holm in Lyon.\n").expect("write");
    let (code, out, err) = stancemark(&[
        "team",
        "init",
        "--corpus",
        s(&corpus),
        "--annotators",
        "ana,ben",
        "--team",
        s(&lead.join("saves/team.ron")),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(".gitignore"), "{out}");
    // Two saves (the second makes a backup), and what a crash leaves.
    for word in ["Lyon", "Anna Berg"] {
        let line = spacy_line(&corpus, "a.txt", word, "PER");
        assert!(
            import(&lead, &line, "in.jsonl")
                .wait()
                .expect("waits")
                .success()
        );
    }
    std::fs::remove_file(lead.join("in.jsonl")).expect("rm");
    let saves = lead.join("saves");
    assert!(saves.join("ana.ron.bak1").is_file(), "a backup was kept");
    std::fs::write(saves.join("ana.ron.recovery"), "x").expect("recovery");
    std::fs::write(saves.join(".stancemark-1@elsewhere-x.tmp"), "x").expect("tmp");
    std::fs::write(
        saves.join("ana.ron.lock"),
        "pid 4242\nhost another-machine\nsince 1700000000\n",
    )
    .expect("lock");
    git(&lead, &home, &["add", "corpus", "saves"], false);
    let (_, staged) = git(&lead, &home, &["diff", "--cached", "--name-only"], false);
    let staged: Vec<&str> = staged.lines().collect();
    assert_eq!(
        staged,
        [
            "corpus/a.txt",
            "saves/.gitignore",
            "saves/ana.ron",
            "saves/team.ron"
        ],
        "only what a team shares"
    );
    // An older Stancemark committed its lock: forced in here.
    git(&lead, &home, &["add", "-f", "saves/ana.ron.lock"], false);
    git(&lead, &home, &["commit", "-m", "corpus, team, ana"], false);
    git(&lead, &home, &["push", "-u", "origin", "HEAD:main"], false);
    git(dir.path(), &home, &["clone", s(&origin), "b"], false);
    let b = dir.path().join("b");
    assert!(
        b.join("saves/ana.ron.lock").is_file(),
        "the lock came through git"
    );
    let line = spacy_line(&b.join("corpus"), "a.txt", "Jonas Holm", "PER");
    let file = b.join("in.jsonl");
    std::fs::write(&file, line).expect("write");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        s(&b.join("corpus")),
        "--format",
        "spacy",
        "--from",
        s(&file),
        "--out",
        s(&b.join("saves/ana.ron")),
    ]);
    assert_eq!(
        code, 0,
        "a lock from another machine holds nothing: {out}{err}"
    );
    let (code, out, _) = stancemark(&["validate", s(&b.join("saves/ana.ron"))]);
    assert_eq!(code, 0, "{out}");
}
