//! The command line on hostile ground: projects held by the app, files that
//! are not regular files, odd file names, outputs that already exist. Every
//! case through the real binary.

mod common;

mod cli_common;

use cli_common::stancemark;

use std::path::Path;
use std::process::Command;

use stancemark::io::{load_project, save_project};
use stancemark::model::{Project, Schema};

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
    let holder =
        stancemark::io::lock::hold_as(&file, &format!("pid 1\nhost {host}\nsince 1700000000\n"))
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

    // Once the app is gone (its lock file stays behind, naming an ended
    // process), the import runs.
    drop(holder);
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

/// Runs the binary, killing it (and failing) if it takes longer than 20 s.
fn stancemark_within_time(args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stancemark"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let started = std::time::Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("stancemark {args:?} hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A FIFO or a device given as a project file is refused at once, naming
/// it and what it is: no hang, no gigabytes read.
#[cfg(unix)]
#[test]
fn fifos_and_devices_are_not_project_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("project.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    for (file, what) in [
        (fifo.to_str().expect("utf-8"), "not a regular file (a FIFO)"),
        ("/dev/zero", "not a regular file (a character device)"),
        ("/dev/urandom", "not a regular file (a character device)"),
    ] {
        for command in ["validate", "stats"] {
            let (code, out, err) = stancemark_within_time(&[command, file]);
            assert_eq!(code, 2, "{command} {file}: {out}{err}");
            assert!(err.contains(file) && err.contains(what), "{err}");
        }
    }
    let (code, _, err) = stancemark_within_time(&[
        "import",
        "--corpus",
        arg(&common::sample_corpus()),
        "--format",
        "spacy",
        "--from",
        "/dev/zero",
        "--out",
        arg(&dir.path().join("p.ron")),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("/dev/zero: not a regular file"), "{err}");
}

/// File names with `:` and `\` (legal on Linux and macOS) survive saving,
/// validating, exporting and importing.
#[cfg(unix)]
#[test]
fn colons_and_backslashes_in_file_names_round_trip() {
    use stancemark::model::{CharSpan, Edit, Mention, apply};
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("wire:desk")).expect("mkdir");
    std::fs::write(
        corpus.join("wire:desk/12:30 briefing.txt"),
        "Minister Ibáñez spoke at 12:30.\n",
    )
    .expect("write");
    std::fs::write(corpus.join("back\\slash.txt"), "Norvik replied.\n").expect("write");
    let loaded = stancemark::io::load_corpus(&corpus, u64::MAX, &()).expect("corpus");
    let mut project = Project::new("ana", Schema::builtin());
    project.attach(&loaded.documents);
    for doc in &loaded.documents {
        let id = project.documents[&doc.path].next_mention_id();
        let mention = Mention::new(doc, id, CharSpan::new(0, 6), "ORG");
        apply(
            &mut project,
            Edit::AddMention {
                doc: doc.path.clone(),
                mention,
            },
        )
        .expect("mention");
    }
    let file = dir.path().join("p.ron");
    save_project(&file, &project, &corpus).expect("save");
    let reloaded = load_project(&file).expect("a saved project opens again");
    assert_eq!(reloaded.project.mention_count(), 2);
    let (code, out, err) = stancemark(&["validate", arg(&file)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("OK (2 documents, 2 mentions)"), "{out}");
    for (format, target) in [("brat", "brat-out"), ("spacy", "out.jsonl")] {
        let out_path = dir.path().join(target);
        let (code, out, err) = stancemark(&[
            "export",
            arg(&file),
            "--format",
            format,
            "--out",
            arg(&out_path),
        ]);
        assert_eq!(code, 0, "{format}: {out}{err}");
        let imported = dir.path().join(format!("{format}.ron"));
        let (code, out, err) = stancemark(&[
            "import",
            "--corpus",
            arg(&corpus),
            "--format",
            format,
            "--from",
            arg(&out_path),
            "--out",
            arg(&imported),
        ]);
        assert_eq!(code, 0, "{format}: {out}{err}");
        let back = load_project(&imported).expect("imported");
        let mut paths: Vec<&String> = back
            .project
            .documents
            .iter()
            .filter(|(_, d)| !d.mentions.is_empty())
            .map(|(p, _)| p)
            .collect();
        paths.sort();
        assert_eq!(
            paths,
            ["back\\slash.txt", "wire:desk/12:30 briefing.txt"],
            "{format}"
        );
    }
}

/// `--force` replaces only what the export writes: a folder holding anything
/// else (saves, a corpus) is refused and left as it was; a project file is
/// never replaced by an export; missing folders on the way are made.
#[test]
fn exports_never_delete_what_they_did_not_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = common::sample_corpus();
    let saves = dir.path().join("saves");
    let file = saves.join("p.ron");
    save_project(&file, &Project::new("ana", Schema::builtin()), &corpus).expect("save");
    for format in ["brat", "hf"] {
        let (code, _, err) = stancemark(&[
            "export",
            arg(&file),
            "--format",
            format,
            "--out",
            arg(&saves),
            "--force",
        ]);
        assert_eq!(code, 2, "{format}: {err}");
        assert!(
            err.contains("holds 1 file(s) this export does not write (e.g. p.ron)"),
            "{err}"
        );
        assert!(load_project(&file).is_ok(), "the save is still there");
    }
    let (code, _, err) = stancemark(&[
        "export",
        arg(&file),
        "--format",
        "spacy",
        "--out",
        arg(&file),
        "--force",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("is a Stancemark project file"), "{err}");
    assert!(load_project(&file).is_ok());

    // A first export into folders that do not exist yet, then the same
    // export again over its own output with --force.
    for format in ["brat", "spacy"] {
        let out = dir.path().join("exports/new/deeper").join(format);
        let args = ["export", arg(&file), "--format", format, "--out", arg(&out)];
        let (code, o, err) = stancemark(&args);
        assert_eq!(code, 0, "{format}: {o}{err}");
        let (code, _, err) = stancemark(&args);
        assert_eq!(code, 2, "exists: {err}");
        let files = |p: &std::path::Path| -> Vec<(String, Vec<u8>)> {
            let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(p)
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    (
                        e.path()
                            .strip_prefix(p)
                            .expect("inside")
                            .display()
                            .to_string(),
                        std::fs::read(e.path()).expect("read"),
                    )
                })
                .collect();
            v.sort();
            v
        };
        let first = files(&out);
        let mut again = args.to_vec();
        again.push("--force");
        let (code, o, err) = stancemark(&again);
        assert_eq!(code, 0, "{format} --force over its own output: {o}{err}");
        // The same files, and nothing left beside them (a folder is
        // written beside the old one and swapped in).
        assert_eq!(files(&out), first, "{format}");
        let beside: Vec<String> = std::fs::read_dir(out.parent().expect("parent"))
            .expect("ls")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".stancemark"))
            .collect();
        assert!(beside.is_empty(), "{format}: left beside: {beside:?}");
        // What an export killed mid-write left (its process, beyond any
        // pid Linux gives, has ended) is
        // removed by the next one.
        let abandoned = out.parent().expect("parent").join(format!(
            ".stancemark-9999999@{}-export-abcdef",
            stancemark::io::lock::this_host()
        ));
        std::fs::create_dir_all(abandoned.join("deep")).expect("mkdir");
        std::fs::write(abandoned.join("deep/x.ann"), "T1\tPER 0 1\tA\n").expect("write");
        let (code, o, err) = stancemark(&again);
        assert_eq!(code, 0, "{format}: {o}{err}");
        assert!(
            !abandoned.exists(),
            "{format}: an abandoned staging folder stays"
        );
    }
}

/// Two documents whose brat file names would be the same (`x.TXT` and
/// `x.TXT.txt`) are written to two pairs of files, and both come back.
#[test]
fn brat_file_names_are_unique() {
    use stancemark::model::{CharSpan, Edit, Mention, apply};
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    std::fs::write(corpus.join("x.TXT"), "Alpha wrote first.\n").expect("write");
    std::fs::write(corpus.join("x.TXT.txt"), "Beta wrote second.\n").expect("write");
    let loaded = stancemark::io::load_corpus(&corpus, u64::MAX, &()).expect("corpus");
    assert_eq!(loaded.documents.len(), 2);
    let mut project = Project::new("ana", Schema::builtin());
    project.attach(&loaded.documents);
    for doc in &loaded.documents {
        let id = project.documents[&doc.path].next_mention_id();
        let word = doc.text.split(' ').next().expect("word").chars().count();
        let mention = Mention::new(doc, id, CharSpan::new(0, word), "PER");
        apply(
            &mut project,
            Edit::AddMention {
                doc: doc.path.clone(),
                mention,
            },
        )
        .expect("mention");
    }
    let file = dir.path().join("p.ron");
    save_project(&file, &project, &corpus).expect("save");
    let out = dir.path().join("brat");
    let (code, o, err) =
        stancemark(&["export", arg(&file), "--format", "brat", "--out", arg(&out)]);
    assert_eq!(code, 0, "{o}{err}");
    assert!(o.contains("2 document(s), 2 mention(s)"), "{o}");
    assert!(o.contains("written as x.TXT~2.txt and x.TXT~2.ann"), "{o}");
    let anns = std::fs::read_dir(&out)
        .expect("ls")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "ann"))
        .count();
    assert_eq!(anns, 2);
    let back = dir.path().join("back.ron");
    let (code, o, err) = stancemark(&[
        "import",
        "--corpus",
        arg(&corpus),
        "--format",
        "brat",
        "--from",
        arg(&out),
        "--out",
        arg(&back),
    ]);
    assert_eq!(code, 0, "{o}{err}");
    let back = load_project(&back).expect("load").project;
    let quotes: Vec<String> = back
        .documents
        .values()
        .flat_map(|d| d.mentions.iter().map(|m| m.quote.exact.clone()))
        .collect();
    assert_eq!(quotes, ["Alpha", "Beta"]);
}

/// One bad stance row is reported with its file and line; the rest is
/// imported and the command exits 1.
#[test]
fn one_bad_stance_row_does_not_abort_the_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = common::sample_corpus();
    let rows = dir.path().join("stances.jsonl");
    let row = |holder: &str| {
        serde_json::json!({
            "document": "coastal-ledger/2026-03-16-norvik-denies.txt",
            "level": "document",
            "holder": {"kind": "entity", "name": holder},
            "target": {"kind": "topic", "text": "the spill"},
            "polarity": "oppose"
        })
        .to_string()
    };
    std::fs::write(&rows, format!("{}\n{}\n", row(""), row("Bjørn Aasheim"))).expect("write");
    let out = dir.path().join("p.ron");
    let (code, o, err) = stancemark(&[
        "import",
        "--corpus",
        arg(&corpus),
        "--format",
        "stances-jsonl",
        "--from",
        arg(&rows),
        "--out",
        arg(&out),
    ]);
    assert_eq!(code, 1, "{o}{err}");
    assert!(
        o.contains("left out: stances.jsonl:1 stance 1: an entity needs a name; left out"),
        "{o}"
    );
    let project = load_project(&out).expect("written").project;
    assert_eq!(project.stance_count(), 1);
}
