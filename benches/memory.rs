//! Memory with the 100,000-article corpus open (issue 8): exact heap bytes,
//! counted by an instrumented allocator, for the corpus, the session built
//! over it, and a project of 100,000 mentions and 10,000 stances.
//!
//! Then a hostile project file (issue 14, item 17): two million mentions
//! linked to entities that do not exist. Opening it must fail with a short
//! message in memory bounded by the file's size, and a valid project whose
//! two million mentions all have problems must open with the problems
//! counted, not all kept.
//!
//! Run with `cargo bench --bench memory`; it prints its figures.

use std::alloc::System;

use stancemark::io::corpus::DEFAULT_MAX_FILE_BYTES;
use stancemark::io::load_corpus;
use stancemark::model::{Project, Schema, synthetic};
use stancemark::ui::session::Session;
use stats_alloc::{INSTRUMENTED_SYSTEM, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Bytes allocated now.
fn heap() -> usize {
    let s = GLOBAL.stats();
    s.bytes_allocated.saturating_sub(s.bytes_deallocated)
}

/// The process's peak resident memory since the last reset, in bytes
/// (Linux: `VmHWM`), and a reset of that peak.
fn peak_rss() -> usize {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<usize>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

fn reset_peak_rss() {
    // Writing 5 to clear_refs resets the peak (Linux 4.0 and later).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Item 17 of issue 14: problems are counted, not kept, whatever their number.
fn hostile_problems() {
    let mb = |b: usize| b as f64 / 1e6;
    let dir = tempfile::tempdir().expect("tempdir");
    // 1. Two million mentions, each linked to an entity that does not exist
    // (written compactly, as a hostile file would be): refused.
    let doc = stancemark::model::Document::new("a.txt", "a b", "UTF-8");
    let mut one = Project::new("hostile", Schema::builtin());
    one.attach(std::slice::from_ref(&doc));
    let mut mention = stancemark::model::Mention::new(
        &doc,
        stancemark::model::MentionId(1),
        stancemark::model::CharSpan::new(0, 1),
        "PER",
    );
    mention.entity = Some(stancemark::model::EntityId(7));
    stancemark::model::apply(
        &mut one,
        stancemark::model::Edit::AddMention {
            doc: doc.path.clone(),
            mention,
        },
    )
    .expect("mention");
    let template = stancemark::io::store::project_to_ron(&one, ".".into()).expect("ron");
    let line = template
        .lines()
        .find(|l| l.contains("(id: 1,"))
        .expect("mention line")
        .to_owned();
    let mut text = String::with_capacity(200_000_000);
    for l in template.lines() {
        if l == line {
            for id in 1..=2_000_000u32 {
                text.push_str(&line.replacen("(id: 1,", &format!("(id: {id},"), 1));
                text.push('\n');
            }
        } else {
            text.push_str(l);
            text.push('\n');
        }
    }
    let file = dir.path().join("dangling.ron");
    std::fs::write(&file, &text).expect("write");
    let size = text.len();
    drop(text);
    let before = heap();
    reset_peak_rss();
    let base = peak_rss();
    let err = stancemark::io::load_project(&file).expect_err("refused");
    let message = err.to_string();
    let peak = peak_rss().saturating_sub(base);
    let kept = heap().saturating_sub(before);
    drop(err);
    println!(
        "hostile file of {:.1} MB with 2,000,000 links to missing entities: refused, message {} bytes ({}), peak resident growth {:.1} MB ({:.2} x the file), heap kept after {:.3} MB",
        mb(size),
        message.len(),
        message
            .rsplit("; and ")
            .next()
            .map_or(String::new(), |m| format!("ends \"…and {m}\"")),
        mb(peak),
        peak as f64 / size as f64,
        mb(kept)
    );
    // 2. A valid project whose every mention has an unknown type: opens,
    // with the first problems kept and the others counted.
    let corpus = synthetic::corpus(5, 4_000, 1_000);
    let mut project = synthetic::project(6, &corpus, 2_000_000, 0);
    let mentions = project.mention_count();
    for doc in project.documents.values_mut() {
        for m in &mut std::sync::Arc::make_mut(doc).mentions {
            m.label = "GONE".to_owned();
        }
    }
    let root = dir.path().join("corpus");
    for doc in &corpus {
        let f = root.join(&doc.path);
        std::fs::create_dir_all(f.parent().expect("folder")).expect("mkdir");
        std::fs::write(&f, &doc.text).expect("write");
    }
    let loaded = load_corpus(&root, DEFAULT_MAX_FILE_BYTES, &()).expect("load");
    let before = heap();
    let session = Session::new(loaded, project);
    let lines = session.problem_lines.len();
    let problems_bytes: usize = session.problem_lines.iter().map(String::len).sum();
    println!(
        "session over {mentions} mentions of an unknown type: {} problem lines kept ({:.2} MB of text), last: {:?}; heap for the session {:.1} MB",
        lines,
        mb(problems_bytes),
        session
            .problem_lines
            .last()
            .map(String::as_str)
            .unwrap_or(""),
        mb(heap().saturating_sub(before))
    );
}

/// Item 10 of issue 24: the largest project file allowed (just under
/// `MAX_PROJECT_BYTES`), written as compactly as a hostile file would be,
/// with every mention valid. Peak resident growth of `stancemark validate`
/// (the CLI's own function) and of opening it as the app does (the loader
/// and the session), each against the file's size.
fn largest_allowed() {
    use stancemark::io::store::MAX_PROJECT_BYTES;
    let mb = |b: usize| b as f64 / 1e6;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("corpus");
    std::fs::create_dir_all(&root).expect("mkdir");
    let docs = 2_000usize;
    let limit = usize::try_from(MAX_PROJECT_BYTES).expect("fits") - 1_000_000;
    // One mention of "abcde" per word: about 62 bytes a mention on disk.
    let per_doc = limit / docs / 62;
    let text = "abcde ".repeat(per_doc);
    let template = stancemark::io::store::project_to_ron(
        &Project::new("largest", Schema::builtin()),
        "corpus".into(),
    )
    .expect("ron");
    let head = template
        .split_once("documents:")
        .map_or(template.as_str(), |(h, _)| h);
    let mut out = String::with_capacity(limit + 2_000_000);
    out.push_str(head);
    out.push_str("documents:[");
    let mut id = 0u64;
    for d in 0..docs {
        let path = format!("d{d:05}.txt");
        std::fs::write(root.join(&path), &text).expect("write");
        let hash = stancemark::model::Document::new(&path, &text, "UTF-8").hash;
        out.push_str(&format!("(path:\"{path}\",hash:\"{hash}\",mentions:["));
        for k in 0..per_doc {
            id += 1;
            let s = k * 6;
            out.push_str(&format!(
                "(id:{id},start:{s},end:{},label:\"PER\",exact:\"abcde\"),",
                s + 5
            ));
        }
        out.push_str("]),");
    }
    out.push_str("])\n");
    let file = dir.path().join("largest.ron");
    std::fs::write(&file, &out).expect("write");
    let size = out.len();
    drop(out);
    assert!(size as u64 <= MAX_PROJECT_BYTES, "under the limit");

    println!(
        "largest project allowed: {:.1} MB, {id} mentions in {docs} documents",
        mb(size)
    );
    // Each step in a process of its own, so that one step's freed memory
    // (which the allocator keeps) does not hide the next one's peak.
    for step in ["validate", "open"] {
        let output = std::process::Command::new(std::env::current_exe().expect("exe"))
            .env(STEP_VAR, format!("{step}\t{}", file.display()))
            .output()
            .expect("run step");
        assert!(output.status.success(), "{step}: {output:?}");
        let peak: usize = String::from_utf8_lossy(&output.stdout)
            .trim()
            .parse()
            .expect("peak");
        println!(
            "  {step}: peak resident growth {:.1} MB ({:.2} x the file)",
            mb(peak),
            peak as f64 / size as f64
        );
    }
}

/// Set in the child process that runs one step of [`largest_allowed`].
const STEP_VAR: &str = "STANCEMARK_MEMORY_STEP";

/// Runs one step on a project file and prints its peak resident growth.
fn run_step(step: &str, file: &std::path::Path) {
    let base = peak_rss();
    match step {
        "validate" => {
            let code =
                stancemark::cli::validate(file, None, &mut std::io::sink()).expect("validate");
            assert_eq!(code, std::process::ExitCode::SUCCESS, "valid");
        }
        _ => {
            let request = stancemark::ui::loader::OpenRequest {
                corpus: None,
                project: Some(file.to_path_buf()),
                annotator: "largest".into(),
                saves_dir: file.parent().expect("folder").to_path_buf(),
            };
            let opened = stancemark::ui::loader::open(&request, &()).expect("open");
            assert!(opened.failed_project.is_none(), "the project opens");
            let (project, _) = opened.project.expect("project");
            // As the app does: what the loader built on its worker is used.
            let mut session =
                Session::with_prebuilt(opened.corpus, project, opened.suggester, opened.passages);
            assert!(session.project.mention_count() > 0);
            // The passage index, built on its own thread meanwhile, counts
            // too: wait for it.
            while session.poll_passages() {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        }
    }
    println!("{}", peak_rss().saturating_sub(base));
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    if let Ok(step) = std::env::var(STEP_VAR) {
        let (step, file) = step.split_once('\t').expect("step and file");
        run_step(step, std::path::Path::new(file));
        return;
    }
    largest_allowed();
    hostile_problems();
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("corpus");
    let mut text_bytes = 0;
    for doc in synthetic::corpus(1, 100_000, 600) {
        let file = root.join(&doc.path);
        std::fs::create_dir_all(file.parent().expect("folder")).expect("mkdir");
        std::fs::write(&file, &doc.text).expect("write");
        text_bytes += doc.text.len();
    }
    let start = heap();
    let corpus = load_corpus(&root, DEFAULT_MAX_FILE_BYTES, &()).expect("load");
    let corpus_bytes = heap() - start;
    let session = Session::new(corpus, Project::new("bench", Schema::builtin()));
    let session_bytes = heap() - start;
    let before_project = heap();
    let project = synthetic::project(2, &session.corpus.documents, 100_000, 10_000);
    let annotations = project.mention_count() + project.stance_count();
    let project_bytes = heap() - before_project;
    let mb = |b: usize| b as f64 / 1e6;
    println!(
        "corpus: {} articles, {:.1} MB of text",
        session.corpus.documents.len(),
        mb(text_bytes)
    );
    println!(
        "heap for the corpus: {:.1} MB ({:.2} x the text)",
        mb(corpus_bytes),
        corpus_bytes as f64 / text_bytes as f64
    );
    println!(
        "heap for the open session (corpus + empty project): {:.1} MB ({:.2} x the text)",
        mb(session_bytes),
        session_bytes as f64 / text_bytes as f64
    );
    println!(
        "heap for a project of {annotations} annotations: {:.1} MB ({} bytes per annotation)",
        mb(project_bytes),
        project_bytes / annotations
    );
    let budget = 2 * text_bytes + 300 * annotations;
    println!(
        "target: 2 x text + 300 B per annotation = {:.1} MB; measured {:.1} MB",
        mb(budget),
        mb(session_bytes + project_bytes)
    );
}
