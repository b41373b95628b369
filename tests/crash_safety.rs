//! Fault injection: a process editing and saving (with the app's recovery
//! file) is killed at random moments, many times over. After every kill the
//! files on disk load, and at most the edits since the last recovery point
//! are missing.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use stancemark::io::recovery::{Found, scan_recoveries};
use stancemark::io::{load_corpus, load_project};
use stancemark::model::{CharSpan, Edit, Mention, Project, Schema};
use stancemark::ui::session::{SaveKind, Session};

/// Edits between recovery writes (the app writes every few seconds instead).
const RECOVERY_EVERY: usize = 3;
/// Edits between saves.
const SAVE_EVERY: usize = 10;

/// What a restarted app would show: the recovery file it offers (one that
/// holds work the save lacks), else the save.
fn recovered(target: &Path) -> Option<Project> {
    recovered_from(target).map(|(project, _)| project)
}

/// As [`recovered`], with the recovery file the work came from, if any.
fn recovered_from(target: &Path) -> Option<(Project, Option<PathBuf>)> {
    let saved = target.exists().then(|| {
        load_project(target)
            .unwrap_or_else(|e| panic!("the save always loads: {e}"))
            .project
    });
    for found in scan_recoveries(target, saved.as_ref()) {
        match found {
            Found::Offer { project, path, .. } => return Some((*project, Some(path))),
            Found::Unreadable { error, .. } => panic!("the recovery file always loads: {error}"),
            Found::Same { .. } | Found::Live { .. } => {}
        }
    }
    saved.map(|p| (p, None))
}

/// The editing process: runs until killed.
#[test]
#[ignore = "run by random_kills_lose_at_most_the_last_few_edits in a child process"]
fn stress_editor() {
    let Some(dir) = std::env::var_os("STANCEMARK_STRESS_DIR").map(PathBuf::from) else {
        return;
    };
    let corpus = load_corpus(&common::sample_corpus(), u64::MAX, &()).expect("corpus");
    let target = dir.join("stress.ron");
    let (project, from) = recovered_from(&target)
        .unwrap_or_else(|| (Project::new("stress", Schema::builtin()), None));
    let mut session = Session::new(corpus, project);
    // Like the app's "Recover it": the file goes once a save holds its work.
    session.own_recoveries.extend(from);
    // Like the app: the project file's lock (the killed editor's is stale).
    assert!(session.bind_project_file(&target).is_none(), "lock taken");
    let doc = session.corpus.documents[0].clone();
    let mut out = std::io::stdout();
    loop {
        let count = session.project.mention_count();
        let at = count % (doc.char_len() - 1);
        let id = session.project.documents[&doc.path].next_mention_id();
        let mention = Mention::new(&doc, id, CharSpan::new(at, at + 1), "MISC");
        session
            .apply(Edit::AddMention {
                doc: doc.path.clone(),
                mention,
            })
            .expect("edit");
        let count = count + 1;
        if count.is_multiple_of(SAVE_EVERY) {
            session.save_to(&target, SaveKind::Auto).expect("save");
            writeln!(out, "durable {count}").expect("stdout");
        } else if count.is_multiple_of(RECOVERY_EVERY) {
            session.write_recovery(&target).expect("recovery");
            writeln!(out, "durable {count}").expect("stdout");
        }
        out.flush().expect("flush");
    }
}

#[test]
fn random_kills_lose_at_most_the_last_few_edits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("stress.ron");
    let exe = std::env::current_exe().expect("test binary");
    let mut seed: u64 = 0x5eed_1234;
    let mut last_durable = 0;
    for round in 0..30 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "stress_editor",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("STANCEMARK_STRESS_DIR", dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the editor");
        let stdout = child.stdout.take().expect("stdout");
        let reader = std::thread::spawn(move || {
            let mut last = None;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line
                    .strip_prefix("durable ")
                    .and_then(|n| n.parse::<usize>().ok())
                {
                    last = Some(n);
                }
            }
            last
        });
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        std::thread::sleep(Duration::from_millis(150 + (seed >> 33) % 350));
        child.kill().expect("kill");
        child.wait().expect("wait");
        if let Some(n) = reader.join().expect("reader") {
            last_durable = n;
        }
        let project = recovered(&target).unwrap_or_else(|| Project::new("none", Schema::builtin()));
        let count = project.mention_count();
        assert!(
            count >= last_durable,
            "round {round}: {count} mentions on disk, but {last_durable} were reported durable"
        );
    }
    assert!(
        last_durable >= RECOVERY_EVERY,
        "the editor made progress: {last_durable}"
    );
}
