//! Export speed: token exports of one long article at four lengths, to show
//! that time grows linearly with the length of a document (it grew with its
//! square before).
//!
//! Run with `cargo bench --bench export`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use stancemark::io::export::{ExportFormat, ExportOptions, render_files};
use stancemark::model::synthetic;

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

criterion_group!(benches, export_by_article_length);
criterion_main!(benches);
