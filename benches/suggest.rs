//! Suggestions (issue 17): how long the suggester takes to catch up after
//! one annotation on 100,000 articles, beside the time to search those
//! articles' text once for one word (the least any "find it everywhere"
//! must do), and building it from scratch. Target: an update within 100 ms
//! (a new form is looked for in the whole corpus; a known one is only
//! recounted).
//!
//! And repeated passages: indexing and clustering 20,000 articles.
//!
//! Run with `cargo bench --bench suggest`.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use stancemark::model::suggest::Suggester;
use stancemark::model::{Edit, Mention, apply, synthetic};

/// Articles and words in each (about 1.3 KB of text).
const DOCS: usize = 100_000;
const WORDS: usize = 200;
const MENTIONS: usize = 100_000;

fn suggestions_on_100k_articles(c: &mut Criterion) {
    let corpus = synthetic::corpus(21, DOCS, WORDS);
    let project = synthetic::project(22, &corpus, MENTIONS, 0);
    let suggester = Suggester::build(&project, &corpus);
    // A word of the first article, made a mention by hand.
    let doc = &corpus[0];
    let span = doc
        .text
        .split_whitespace()
        .nth(3)
        .and_then(|w| {
            let b = doc.text.find(w)?;
            let start = doc.text[..b].chars().count();
            Some(stancemark::model::CharSpan::new(
                start,
                start + w.trim_end_matches('.').chars().count(),
            ))
        })
        .expect("a word");
    let mut annotated = project.clone();
    let id = annotated.documents[&doc.path].next_mention_id();
    // Any edit failing here is a bench set-up error.
    let _ = apply(
        &mut annotated,
        Edit::AddMention {
            doc: doc.path.clone(),
            mention: Mention::new(doc, id, span, "PER"),
        },
    );
    let word = doc.slice(span).unwrap_or_default().to_owned();

    let mut group = c.benchmark_group("suggestions_100k_articles");
    group.sample_size(10);
    group.bench_function("search_corpus_once_for_a_word", |b| {
        let finder = memchr::memmem::Finder::new(word.as_bytes());
        b.iter(|| {
            corpus
                .iter()
                .map(|d| finder.find_iter(d.text.as_bytes()).count())
                .sum::<usize>()
        });
    });
    group.bench_function("update_after_one_annotation", |b| {
        b.iter_batched(
            || suggester.clone(),
            |mut s| {
                s.update(black_box(&annotated), &corpus);
                let shown = s.suggestions(0, &annotated.documents[&doc.path]).len();
                // Returned, so dropping the clone is not timed.
                (s, shown)
            },
            BatchSize::LargeInput,
        );
    });
    group.bench_function("build_from_scratch", |b| {
        b.iter(|| Suggester::build(black_box(&project), &corpus));
    });
    group.finish();
}

criterion_group!(
    benches,
    suggestions_on_100k_articles,
    passages_on_20k_articles
);
criterion_main!(benches);

/// Repeated passages (issue 17, part 2) on 20,000 articles of 600 words:
/// indexing every sentence's shingles, and clustering the whole corpus.
fn passages_on_20k_articles(c: &mut Criterion) {
    use stancemark::model::passages::PassageIndex;
    let corpus = synthetic::corpus(31, 20_000, 600);
    let index = PassageIndex::build(&corpus);
    let mut group = c.benchmark_group("passages_20k_articles");
    group.sample_size(10);
    group.bench_function("index_every_sentence", |b| {
        b.iter(|| PassageIndex::build(black_box(&corpus)));
    });
    group.bench_function("cluster_the_corpus", |b| {
        b.iter(|| black_box(&index).clusters(0.5).len());
    });
    group.finish();
}
