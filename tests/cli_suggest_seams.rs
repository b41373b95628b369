//! `stancemark suggest` where the model hook meets the project file: a run's
//! command is stored once however many spans it proposes; what the schema
//! lacks, scores outside 0–1 and repeated spans are reported, never taken
//! silently; a model that talks a lot on its standard error runs to the end;
//! a process that left the command's group is stopped with it.

mod cli_common;

use cli_common::stancemark;
use stancemark::io::load_project;

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// A corpus of one long document and an empty project over it.
fn setup(dir: &std::path::Path, words: usize) -> std::path::PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let text: Vec<String> = (0..words).map(|i| format!("w{i:05}")).collect();
    std::fs::write(corpus.join("a.txt"), text.join(" ")).expect("a");
    let project = dir.join("p.ron");
    let (code, out, err) = stancemark(&[
        "import",
        "--corpus",
        corpus.to_str().expect("utf8"),
        "--format",
        "spacy",
        "--from",
        write(dir, "empty.jsonl", "").to_str().expect("utf8"),
        "--out",
        project.to_str().expect("utf8"),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    project
}

/// A command that drains its input and prints `answers`, then runs `tail`.
fn command(dir: &std::path::Path, answers: &str, tail: &str) -> String {
    let file = write(dir, "answers.jsonl", answers);
    format!("cat > /dev/null; cat '{}'; {tail}", file.display())
}

fn suggest(project: &std::path::Path, command: &str, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "suggest",
        project.to_str().expect("utf8"),
        "--command",
        command,
    ];
    args.extend_from_slice(extra);
    stancemark(&args)
}

/// Every word of the document proposed (7 code points each, one space).
fn every_word(words: usize, label: &str) -> String {
    let spans: Vec<_> = (0..words)
        .map(
            |i| serde_json::json!({"start": i * 7, "end": i * 7 + 6, "label": label, "score": 0.5}),
        )
        .collect();
    format!("{}\n", serde_json::json!({"path": "a.txt", "spans": spans}))
}

#[test]
fn a_runs_command_is_stored_once_however_many_spans_it_proposes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let words = 5_000;
    let project = setup(dir.path(), words);
    // A long command line, as a real model's is (paths, options, a prompt).
    let padding = format!("# {}", "model-option ".repeat(90));
    let cmd = format!(
        "{} {padding}",
        command(dir.path(), &every_word(words, "MISC"), "exit 0")
    );
    assert!(cmd.len() > 1_200);
    let (code, out, err) = suggest(&project, &cmd, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("5000 suggestion(s) added"), "{out}");
    let text = std::fs::read_to_string(&project).expect("read");
    assert_eq!(
        text.matches(&padding).count(),
        1,
        "the command is written once, not once per proposal"
    );
    assert!(
        (text.len() as u64) < 200 * words as u64,
        "{} bytes for {words} proposals",
        text.len()
    );
    let loaded = load_project(&project).expect("load").project;
    let a = &loaded.documents["a.txt"];
    assert_eq!(a.proposals.len(), words);
    assert!(a.proposals.iter().all(|p| p.source.contains(&padding)));
    // One shared copy in memory too.
    assert!(
        a.proposals
            .windows(2)
            .all(|w| std::sync::Arc::ptr_eq(&w[0].source, &w[1].source))
    );

    // The same run again: everything is already there, nothing doubles.
    let (code, out, err) = suggest(&project, &cmd, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 suggestion(s) added"), "{out}");
    assert!(out.contains("5000 already there"), "{out}");
}

#[test]
fn what_the_schema_lacks_bad_scores_and_repeats_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = setup(dir.path(), 10);
    let before = std::fs::read(&project).expect("read");
    let answers = concat!(
        r#"{"path": "a.txt", "spans": [{"start": 0, "end": 6, "label": "WEAPON"}, {"start": 7, "end": 13, "label": "PER", "score": 7.5}, {"start": 14, "end": 20, "label": "ORG"}]}"#,
        "\n",
        r#"{"path": "a.txt", "spans": [{"start": 14, "end": 20, "label": "ORG"}]}"#,
        "\n"
    );
    let cmd = command(dir.path(), answers, "exit 0");
    let (code, out, err) = suggest(&project, &cmd, &[]);
    assert_eq!(code, 1, "something was left out: {out}{err}");
    assert!(
        out.contains(r#"left out: a.txt [0, 6) "WEAPON": type "WEAPON" is not in the schema (--map WEAPON=TYPE maps it to one, --add-types adds it); left out"#),
        "{out}"
    );
    assert!(
        out.contains("score 7.5 is outside 0–1 (scores are probabilities); left out"),
        "{out}"
    );
    assert!(
        out.contains(r#"repeated: a.txt [14, 20) "ORG": given again by the model; kept once"#),
        "{out}"
    );
    let p = load_project(&project).expect("load").project;
    let a = &p.documents["a.txt"];
    assert_eq!(a.proposals.len(), 1, "{:?}", a.proposals);
    assert_eq!(a.proposals[0].label, "ORG");
    assert!(p.schema.entity_type("WEAPON").is_none());
    let (code, out, _) = stancemark(&["validate", project.to_str().expect("utf8")]);
    assert_eq!(code, 0, "{out}");
    assert_ne!(std::fs::read(&project).expect("read"), before);

    // --map takes the model's type to a schema type.
    let answers = r#"{"path": "a.txt", "spans": [{"start": 0, "end": 6, "label": "WEAPON"}]}"#;
    let cmd = command(dir.path(), answers, "exit 0");
    let (code, out, err) = suggest(&project, &cmd, &["--map", "WEAPON=MISC"]);
    assert_eq!(code, 0, "{out}{err}");
    let p = load_project(&project).expect("load").project;
    assert!(
        p.documents["a.txt"]
            .proposals
            .iter()
            .any(|x| x.label == "MISC" && x.span.start == 0)
    );
    // --add-types adds it to the schema.
    let answers = r#"{"path": "a.txt", "spans": [{"start": 21, "end": 27, "label": "VEHICLE"}]}"#;
    let cmd = command(dir.path(), answers, "exit 0");
    let (code, out, err) = suggest(&project, &cmd, &["--add-types"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("types added to the schema: VEHICLE"), "{out}");
    let p = load_project(&project).expect("load").project;
    assert!(p.schema.entity_type("VEHICLE").is_some());
}

#[test]
fn a_model_that_writes_megabytes_to_its_standard_error_runs_to_the_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = setup(dir.path(), 10);
    let answers = r#"{"path": "a.txt", "spans": [{"start": 0, "end": 6, "label": "ORG"}]}"#;
    // About 2 MB of progress output, then the answer.
    let cmd = format!(
        "i=0; while [ $i -lt 20000 ]; do echo 'progress: 1%|#          | step of a long run..........................................................' >&2; i=$((i+1)); done; {}",
        command(dir.path(), &format!("{answers}\n"), "exit 0")
    );
    let (code, out, err) = suggest(&project, &cmd, &["--timeout", "120"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("1 suggestion(s) added"), "{out}");
}

#[test]
#[cfg(target_os = "linux")]
fn a_process_that_left_the_commands_group_is_stopped_at_the_timeout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = setup(dir.path(), 10);
    let pid_file = dir.path().join("pid");
    // The model starts a helper in a session of its own (setsid), which
    // keeps running; the command itself hangs.
    let cmd = format!(
        "setsid sh -c 'echo $$ > {}; exec sleep 600' < /dev/null > /dev/null 2>&1 & sleep 600",
        pid_file.display()
    );
    let (code, out, err) = suggest(&project, &cmd, &["--timeout", "2"]);
    assert_eq!(code, 2, "{out}{err}");
    let pid = std::fs::read_to_string(&pid_file).expect("the helper started");
    let pid = pid.trim();
    let gone = (0..100).any(|_| {
        let alive = std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .is_ok_and(|s| !s.rsplit_once(") ").is_some_and(|(_, r)| r.starts_with('Z')));
        if alive {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        !alive
    });
    assert!(
        gone,
        "process {pid}, started with setsid, outlived the timeout"
    );
}
