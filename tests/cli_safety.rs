//! The command line on hostile ground: projects held by the app, files that
//! are not regular files, odd file names, outputs that already exist. Every
//! case through the real binary.

mod common;

use std::path::Path;
use std::process::Command;

use stancemark::io::{load_project, save_project};
use stancemark::model::{Project, Schema};

fn stancemark(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stancemark"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A project file the app holds (its lock names a running process) is never
/// written by a command: import and merge refuse, naming the holder.
#[test]
fn commands_that_write_a_project_respect_the_lock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = common::sample_corpus();
    let file = dir.path().join("held.ron");
    save_project(&file, &Project::new("ana", Schema::builtin()), &corpus).expect("save");
    let before = std::fs::read(&file).expect("read");
    let host = stancemark::io::lock::this_host();
    std::fs::write(
        stancemark::io::lock::lock_path(&file),
        format!("pid 1\nhost {host}\nsince 1700000000\n"),
    )
    .expect("lock");
    let jsonl = dir.path().join("in.jsonl");
    std::fs::write(&jsonl, "").expect("write");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        arg(&corpus),
        "--format",
        "spacy",
        "--from",
        arg(&jsonl),
        "--out",
        arg(&file),
    ]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("held.ron is open in Stancemark (process 1 on"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(std::fs::read(&file).expect("read"), before);

    let other = dir.path().join("other.ron");
    save_project(&other, &Project::new("bo", Schema::builtin()), &corpus).expect("save");
    let (code, _, err) = stancemark(&[
        "merge",
        arg(&other),
        arg(&other),
        "--strategy",
        "agreed",
        "--out",
        arg(&file),
        "--force",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is open in Stancemark (process 1 on"), "{err}");
    assert_eq!(std::fs::read(&file).expect("read"), before);

    // Once the app is gone (the lock names an ended process), the import runs.
    let mut child = Command::new("true").spawn().expect("spawn");
    let ended = child.id();
    child.wait().expect("wait");
    std::fs::write(
        stancemark::io::lock::lock_path(&file),
        format!("pid {ended}\nhost {host}\nsince 1700000000\n"),
    )
    .expect("lock");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        arg(&corpus),
        "--format",
        "spacy",
        "--from",
        arg(&jsonl),
        "--out",
        arg(&file),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(load_project(&file).is_ok());
    assert!(
        !stancemark::io::lock::lock_path(&file).exists(),
        "the command's own lock is released"
    );
}

/// A spaCy JSONL file annotating every word of every document of `corpus`
/// (as MISC): an import that makes a large project file.
fn every_word_jsonl(corpus: &Path) -> String {
    let corpus = stancemark::io::load_corpus(corpus, u64::MAX, &()).expect("corpus");
    let mut out = String::new();
    for doc in &corpus.documents {
        let mut spans = Vec::new();
        let mut start = None;
        for (i, c) in doc.text.chars().chain([' ']).enumerate() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    spans.push(serde_json::json!({"start": s, "end": i, "label": "MISC"}));
                    start = None;
                }
                _ => {}
            }
        }
        out.push_str(
            &serde_json::json!({"text": doc.text, "meta": {"path": doc.path}, "spans": spans})
                .to_string(),
        );
        out.push('\n');
    }
    out
}

/// Runs the binary with writes above `limit_kib` KiB failing with "File too
/// large", as on a full disk (the shell's `ulimit -f`, SIGXFSZ ignored).
fn stancemark_on_a_full_disk(limit_kib: u32, args: &[&str]) -> (i32, String) {
    // POSIX sh counts `ulimit -f` in 512-byte blocks.
    let script = format!(
        "ulimit -f {}; trap '' XFSZ; exec \"$0\" \"$@\"",
        limit_kib * 2
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_stancemark"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A save that fails for want of space leaves the project file and every
/// backup exactly as they were, and no temporary file behind.
#[test]
fn a_failed_save_does_not_rotate_the_backups() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = common::sample_corpus();
    let file = dir.path().join("p.ron");
    for annotator in ["v1", "v2", "v3", "v4"] {
        save_project(&file, &Project::new(annotator, Schema::builtin()), &corpus).expect("save");
    }
    let snapshot = |d: &Path| {
        // Names and a digest of each file's bytes (short messages on failure).
        let mut files: Vec<(String, String)> = std::fs::read_dir(d)
            .expect("ls")
            .filter_map(Result::ok)
            .map(|e| {
                let bytes = std::fs::read(e.path()).expect("read");
                (
                    e.file_name().to_string_lossy().into_owned(),
                    blake3::hash(&bytes).to_hex()[..16].to_owned(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let before = snapshot(dir.path());
    let names: Vec<&str> = before.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["p.ron", "p.ron.bak1", "p.ron.bak2", "p.ron.bak3"]);

    let jsonl = dir.path().join("words.jsonl");
    std::fs::write(&jsonl, every_word_jsonl(&corpus)).expect("write");
    let (code, err) = stancemark_on_a_full_disk(
        16,
        &[
            "import",
            "--corpus",
            arg(&corpus),
            "--format",
            "spacy",
            "--from",
            arg(&jsonl),
            "--out",
            arg(&file),
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("p.ron") && err.contains("File too large"),
        "{err}"
    );
    std::fs::remove_file(&jsonl).expect("rm");
    assert_eq!(
        snapshot(dir.path()),
        before,
        "nothing changed, nothing left"
    );

    // With room, the same import writes and only then rotates.
    let jsonl = dir.path().join("words.jsonl");
    std::fs::write(&jsonl, every_word_jsonl(&corpus)).expect("write");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        arg(&corpus),
        "--format",
        "spacy",
        "--from",
        arg(&jsonl),
        "--out",
        arg(&file),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let after = blake3::hash(&std::fs::read(dir.path().join("p.ron.bak1")).expect("bak1"));
    assert_eq!(
        after.to_hex()[..16],
        before[0].1,
        "the file from before is .bak1"
    );
}
