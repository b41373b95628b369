//! Memory with the 100,000-article corpus open (issue 8): exact heap bytes,
//! counted by an instrumented allocator, for the corpus, the session built
//! over it, and a project of 100,000 mentions and 10,000 stances.
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

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
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
