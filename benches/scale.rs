//! Scale benchmarks on generated data (issue 8): a project of 100,000
//! mentions and 10,000 stances over 1,000 synthetic articles, and a corpus
//! of 100,000 articles (about 410 MB) written to a temporary folder.
//!
//! Run with `cargo bench --bench scale`. Memory is measured by
//! `cargo bench --bench memory`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use stancemark::io::corpus::{DEFAULT_MAX_FILE_BYTES, list_corpus, read_listed};
use stancemark::io::export::{ExportFormat, ExportOptions, render_files};
use stancemark::io::load_corpus;
use stancemark::io::{load_project, save_project};
use stancemark::model::search::{SearchQuery, Searcher};
use stancemark::model::{Project, Schema, synthetic};
use stancemark::review::agreement::{ReviewSave, agreement};
use stancemark::ui::session::Session;

const DOCS: usize = 1_000;
const WORDS: usize = 1_000;
const MENTIONS: usize = 100_000;
const STANCES: usize = 10_000;

fn project_io(c: &mut Criterion) {
    let corpus = synthetic::corpus(1, DOCS, WORDS);
    let project = synthetic::project(2, &corpus, MENTIONS, STANCES);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("big.ron");
    let mut group = c.benchmark_group("project_100k_mentions_10k_stances");
    group.sample_size(10);
    // What the UI thread does for a background save: copy the project.
    group.bench_function("snapshot_for_background_save", |b| {
        b.iter(|| black_box(&project).clone());
    });
    // Two versions in turn: a save of unchanged content writes nothing.
    let mut changed = project.clone();
    changed.annotator.push_str(" (changed)");
    let versions = [&project, &changed];
    let mut turn = 0;
    group.bench_function("save", |b| {
        b.iter(|| {
            turn += 1;
            save_project(&file, black_box(versions[turn % 2]), dir.path()).expect("save");
        });
    });
    save_project(&file, &project, dir.path()).expect("save");
    group.bench_function("load", |b| {
        b.iter(|| load_project(black_box(&file)).expect("load"));
    });
    let other = synthetic::project(3, &corpus, MENTIONS, STANCES);
    let saves = [
        ReviewSave {
            name: "a".into(),
            project: project.clone(),
        },
        ReviewSave {
            name: "b".into(),
            project: other,
        },
    ];
    group.bench_function("agree", |b| {
        b.iter(|| agreement(black_box(&saves), &corpus));
    });
    group.bench_function("export_spacy", |b| {
        b.iter(|| {
            render_files(
                ExportFormat::Spacy,
                black_box(&project),
                &corpus,
                ExportOptions::default(),
            )
        });
    });
    group.finish();
}

/// Articles in the large corpus, and words in each (about 4 KB of text).
const CORPUS_DOCS: usize = 100_000;
const CORPUS_WORDS: usize = 600;

fn big_corpus(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("corpus");
    for doc in synthetic::corpus(1, CORPUS_DOCS, CORPUS_WORDS) {
        let file = root.join(&doc.path);
        std::fs::create_dir_all(file.parent().expect("folder")).expect("mkdir");
        std::fs::write(&file, &doc.text).expect("write");
    }
    let corpus = load_corpus(&root, DEFAULT_MAX_FILE_BYTES, &()).expect("load");

    let mut group = c.benchmark_group("corpus_100k_articles");
    group.sample_size(10);
    // What the window needs to list every file and show the first article
    // (the rest is read afterwards, behind a progress bar).
    group.bench_function("list_and_first_article", |b| {
        b.iter(|| {
            let listing = list_corpus(black_box(&root)).expect("list");
            let first = listing.files.first().expect("a file");
            read_listed(first, DEFAULT_MAX_FILE_BYTES).expect("first")
        });
    });
    group.bench_function("open_corpus", |b| {
        b.iter(|| load_corpus(black_box(&root), DEFAULT_MAX_FILE_BYTES, &()).expect("load"));
    });
    // As the app opens it, until annotating can start: the loader (corpus
    // read, suggester; the passage index handed to a thread of its own),
    // then the session. Compare with `open_corpus`.
    let saves = dir.path().join("saves");
    group.bench_function("open_as_the_app", |b| {
        b.iter(|| {
            let request = stancemark::ui::loader::OpenRequest {
                corpus: Some(root.clone()),
                project: None,
                annotator: "bench".into(),
                saves_dir: saves.clone(),
            };
            let opened = stancemark::ui::loader::open(&request, &()).expect("open");
            Session::with_prebuilt(
                opened.corpus,
                Project::new("bench", Schema::builtin()),
                opened.suggester,
                opened.passages,
            )
        });
    });
    // Everything before the first article shows: the corpus read, then the
    // session built (project attached and checked against every document).
    group.bench_function("open_and_session", |b| {
        b.iter(|| {
            let corpus = load_corpus(black_box(&root), DEFAULT_MAX_FILE_BYTES, &()).expect("load");
            Session::new(corpus, Project::new("bench", Schema::builtin()))
        });
    });
    let search = |pattern: &str| {
        Searcher::new(&SearchQuery {
            pattern: pattern.to_owned(),
            regex: false,
            whole_word: true,
            case_sensitive: false,
        })
        .expect("query")
    };
    let common = search("inspection");
    group.bench_function("search_first_page_common_word", |b| {
        b.iter(|| common.page(black_box(&corpus.documents), 0, 200));
    });
    // A word that is nowhere: the whole corpus is read for an empty page.
    let absent = search("Zanzibar");
    group.bench_function("search_first_page_absent_word", |b| {
        b.iter(|| absent.page(black_box(&corpus.documents), 0, 200));
    });
    group.finish();
}

criterion_group!(benches, project_io, big_corpus);
criterion_main!(benches);
