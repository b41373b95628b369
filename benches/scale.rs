//! Scale benchmarks on generated data (issue 8): a project of 100,000
//! mentions and 10,000 stances over 1,000 synthetic articles.
//!
//! Run with `cargo bench --bench scale`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use stancemark::io::export::{ExportFormat, ExportOptions, render_files};
use stancemark::io::{load_project, save_project};
use stancemark::model::synthetic;
use stancemark::review::agreement::{ReviewSave, agreement};

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
    group.bench_function("save", |b| {
        b.iter(|| save_project(&file, black_box(&project), dir.path()).expect("save"));
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

criterion_group!(benches, project_io);
criterion_main!(benches);
