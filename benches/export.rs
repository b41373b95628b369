//! Export and agreement speed: token exports of one long article at four
//! lengths, to show that time grows linearly with the length of a document
//! (it grew with its square before); and CoNLL and HF exports and `agree`
//! on 20,000 articles with 100,000 mentions, each beside the time to read
//! those articles' files (issue 15: at most twice that).
//!
//! Run with `cargo bench --bench export`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use stancemark::io::corpus::DEFAULT_MAX_FILE_BYTES;
use stancemark::io::export::{ExportFormat, ExportOptions, render_contents, render_files};
use stancemark::io::load_corpus;
use stancemark::model::synthetic;
use stancemark::review::agreement::{ReviewSave, agreement};

/// Token exports of one long article: time must grow linearly with its
/// length (item 19 of issue 14: it grew with the square before). Compare
/// the time per size; each article has one mention per 20 words.
fn export_by_article_length(c: &mut Criterion) {
    let mut group = c.benchmark_group("token_export_by_article_length");
    group.sample_size(10);
    for words in [21_000usize, 42_000, 84_000, 168_000] {
        let corpus = synthetic::corpus(7, 1, words);
        let project = synthetic::project(8, &corpus, words / 20, 0);
        let bytes = corpus[0].text.len();
        for format in [ExportFormat::Conll, ExportFormat::Hf, ExportFormat::Brat] {
            group.bench_function(format!("{}_{}KB", format.name(), bytes / 1000), |b| {
                b.iter(|| {
                    render_files(
                        format,
                        black_box(&project),
                        &corpus,
                        ExportOptions::default(),
                    )
                });
            });
        }
    }
    group.finish();
}

/// Articles, words in each (about 4 KB of text) and mentions in all.
const DOCS: usize = 20_000;
const WORDS: usize = 600;
const MENTIONS: usize = 100_000;

/// The targets of issue 15, as ratios to reading the corpus: the first row
/// is the reference, the others must take at most twice as long.
fn corpus_ratios(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("corpus");
    for doc in synthetic::corpus(11, DOCS, WORDS) {
        let file = root.join(&doc.path);
        std::fs::create_dir_all(file.parent().expect("folder")).expect("mkdir");
        std::fs::write(&file, &doc.text).expect("write");
    }
    let corpus = load_corpus(&root, DEFAULT_MAX_FILE_BYTES, &())
        .expect("load")
        .documents;
    let project = synthetic::project(12, &corpus, MENTIONS, 0);
    let saves = [
        ReviewSave {
            name: "a".into(),
            project: project.clone(),
        },
        ReviewSave {
            name: "b".into(),
            project: synthetic::project(13, &corpus, MENTIONS, 0),
        },
    ];
    let mut group = c.benchmark_group("corpus_20k_articles_100k_mentions");
    group.sample_size(10);
    group.bench_function("read_corpus_files", |b| {
        b.iter(|| load_corpus(black_box(&root), DEFAULT_MAX_FILE_BYTES, &()).expect("load"));
    });
    // Rendered as the export writes it: each document's piece, never
    // copied into one buffer (writing is the disk's).
    for format in [
        ExportFormat::Conll,
        ExportFormat::Hf,
        ExportFormat::Brat,
        ExportFormat::WebAnno,
    ] {
        group.bench_function(format!("export_{}", format.name()), |b| {
            b.iter(|| {
                render_contents(
                    format,
                    black_box(&project),
                    &corpus,
                    ExportOptions::default(),
                )
            });
        });
    }
    group.bench_function("agree", |b| {
        b.iter(|| agreement(black_box(&saves), &corpus));
    });
    group.finish();
}

/// `--force` over an existing export folder against a fresh export
/// (issue 26: at most 1.2 ×): brat writes two files per document. The
/// new folder is written beside the old one and swapped in; it was one
/// atomic write per file, 6 × a fresh export and slower every run.
fn force_over_existing(c: &mut Criterion) {
    use stancemark::io::export::export;
    let corpus = synthetic::corpus(13, 2_000, 300);
    let project = synthetic::project(14, &corpus, 10_000, 0);
    let dir = tempfile::tempdir().expect("tempdir");
    let brat = |out: &std::path::Path, force: bool| {
        export(
            ExportFormat::Brat,
            &project,
            &corpus,
            ExportOptions::default(),
            out,
            force,
            &(),
        )
        .expect("export");
    };
    let mut group = c.benchmark_group("export_folder");
    group.sample_size(10);
    let mut n = 0;
    group.bench_function("brat_fresh", |b| {
        // Only the export is timed, not removing it afterwards.
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                let out = dir.path().join(format!("fresh-{n}"));
                let started = std::time::Instant::now();
                brat(&out, false);
                total += started.elapsed();
                std::fs::remove_dir_all(&out).expect("clean");
            }
            total
        });
    });
    let out = dir.path().join("again");
    brat(&out, false);
    group.bench_function("brat_force_over_existing", |b| b.iter(|| brat(&out, true)));
    group.finish();
}

criterion_group!(
    benches,
    export_by_article_length,
    corpus_ratios,
    force_over_existing
);
criterion_main!(benches);
