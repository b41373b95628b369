//! Frame time of the real app, headless (issue 8): one article of about 1 MB
//! with 10,000 mentions and 1,000 stance evidence spans, driven through
//! egui_kittest. A frame is the app's whole `ui` (every panel), the
//! AccessKit tree update kittest asks for, and tessellation of the output:
//! the CPU work eframe does before handing triangles to the GPU.
//!
//! Run with `cargo bench --bench frame`. Besides criterion's estimates it
//! prints the median and 99th percentile over 1,000 single frames.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, MouseWheelUnit, Pos2, Vec2};
use egui_kittest::Harness;
use stancemark::io::save_project;
use stancemark::model::CharSpan;
use stancemark::model::synthetic::{self, SplitMix};
use stancemark::ui::{StancemarkApp, StartOptions};

/// Words in the article: about 1 MB of UTF-8 with the generator's mix.
const WORDS: usize = 150_000;
const MENTIONS: usize = 10_000;
const STANCES: usize = 1_000;
/// A point inside the article column.
const OVER_ARTICLE: Pos2 = Pos2::new(600.0, 400.0);

/// The generated article, or (`arabic`) the same article with every Latin
/// letter replaced by an Arabic one: the same words, spaces, punctuation
/// and digits, so the same mentions, but every paragraph right to left.
fn big_article(arabic: bool) -> stancemark::model::Document {
    let doc = synthetic::document(&mut SplitMix::new(1), "outlet/big.txt".into(), WORDS);
    if !arabic {
        return doc;
    }
    const LETTERS: [char; 26] = [
        'ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع',
        'غ', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه',
    ];
    let text: String = doc
        .text
        .chars()
        .map(|c| match c {
            'a'..='z' => LETTERS[(c as usize) - ('a' as usize)],
            'A'..='Z' => LETTERS[(c as usize) - ('A' as usize)],
            _ => c,
        })
        .collect();
    stancemark::model::Document::new(&doc.path, &text, "UTF-8")
}

fn big_article_app(dir: &Path, arabic: bool) -> Harness<'static, StancemarkApp> {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(corpus.join("outlet")).expect("mkdir");
    let doc = big_article(arabic);
    std::fs::write(corpus.join(&doc.path), &doc.text).expect("write article");
    eprintln!(
        "article: {} bytes, {} code points, {} paragraphs",
        doc.text.len(),
        doc.char_len(),
        doc.paragraphs().len()
    );
    let project = synthetic::project(2, std::slice::from_ref(&doc), MENTIONS, STANCES);
    let saves = dir.join("saves");
    let file = saves.join("big.ron");
    save_project(&file, &project, &corpus).expect("save");
    let options = StartOptions {
        corpus: Some(corpus),
        project: Some(file),
        annotator: Some("bench".into()),
        saves_dir: saves,
        ..StartOptions::default()
    };
    let mut harness = opened_app(options);
    let session = harness.state().session.as_ref().expect("opened");
    eprintln!(
        "project: {} mentions, {} stances",
        session.project.mention_count(),
        session.project.stance_count()
    );
    harness.hover_at(OVER_ARTICLE);
    for _ in 0..10 {
        frame(&mut harness);
    }
    harness
}

/// The real app at 1400 × 900, once it has finished opening.
fn opened_app(options: StartOptions) -> Harness<'static, StancemarkApp> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1400.0, 900.0))
        .build_eframe(move |cc| StancemarkApp::new(cc, options));
    for _ in 0..6_000 {
        harness.step();
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    harness
}

/// One frame: the app's ui, then tessellation as eframe would do it.
fn frame(harness: &mut Harness<'_, StancemarkApp>) {
    harness.step();
    let shapes = harness.output().shapes.clone();
    let primitives = harness.ctx.tessellate(shapes, 1.0);
    std::hint::black_box(primitives);
}

/// A frame that scrolls the article by one wheel notch; the direction turns
/// every 400 frames so the view keeps moving through fresh paragraphs.
fn scroll_frame(harness: &mut Harness<'_, StancemarkApp>, n: u64) {
    let down = (n / 400).is_multiple_of(2);
    harness.event(Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: Vec2::new(0.0, if down { -60.0 } else { 60.0 }),
        modifiers: egui::Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    frame(harness);
}

fn percentiles(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: f64| {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let i = ((times.len() - 1) as f64 * q).round() as usize;
        times[i].as_secs_f64() * 1e3
    };
    eprintln!(
        "{name}: median {:.2} ms, p99 {:.2} ms, max {:.2} ms over {} frames",
        at(0.5),
        at(0.99),
        at(1.0),
        times.len()
    );
}

/// The idle and the scrolling frame of `harness`, in `group` (30 samples).
fn idle_and_scrolling(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    harness: &mut Harness<'static, StancemarkApp>,
) {
    group.sample_size(30);
    group.bench_function("frame_idle", |b| b.iter(|| frame(harness)));
    let mut n = 0;
    group.bench_function("frame_scrolling", |b| {
        b.iter(|| {
            n += 1;
            scroll_frame(harness, n);
        });
    });
}

fn frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = big_article_app(dir.path(), false);

    let mut group = c.benchmark_group("article_1mb_10k_mentions");
    idle_and_scrolling(&mut group, &mut harness);
    // Add one mention where the view is: the edit with its undo record,
    // then the frame that shows it. The undo afterwards is not timed.
    group.bench_function("add_mention_and_frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start_char = harness
                    .state()
                    .article
                    .visible
                    .first()
                    .map_or(0, |p| p.chars.start);
                let session = harness.state_mut().session.as_mut().expect("session");
                session.selection = Some(CharSpan::new(start_char, start_char + 4));
                let t = Instant::now();
                session.create_mention("PER").expect("mention");
                frame(&mut harness);
                total += t.elapsed();
                let session = harness.state_mut().session.as_mut().expect("session");
                session.undo().expect("undo");
                frame(&mut harness);
            }
            total
        });
    });
    group.finish();

    let idle: Vec<Duration> = (0..1_000)
        .map(|_| {
            let t = Instant::now();
            frame(&mut harness);
            t.elapsed()
        })
        .collect();
    percentiles("frame idle", idle);
    let first_visible =
        |h: &Harness<'_, StancemarkApp>| h.state().article.visible.first().map(|p| p.index);
    let before = first_visible(&harness);
    let scrolling: Vec<Duration> = (0..400)
        .map(|i| {
            let t = Instant::now();
            scroll_frame(&mut harness, i);
            t.elapsed()
        })
        .collect();
    percentiles("frame scrolling", scrolling);
    let after = first_visible(&harness);
    eprintln!(
        "first paragraph in view: {before:?} before scrolling, {after:?} after 399 notches down"
    );
    assert_ne!(before, after, "the wheel scrolled the article");
}

/// The same article in Arabic (issue 25): every paragraph laid out right
/// to left, word by word. Its frames must stay within 2× the English
/// ones.
fn arabic_frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut harness = big_article_app(dir.path(), true);
    let mut group = c.benchmark_group("article_1mb_arabic_10k_mentions");
    idle_and_scrolling(&mut group, &mut harness);
    group.finish();
    let scrolling: Vec<Duration> = (0..400)
        .map(|i| {
            let t = Instant::now();
            scroll_frame(&mut harness, i);
            t.elapsed()
        })
        .collect();
    percentiles("arabic frame scrolling", scrolling);
}

/// Opening one long article with its project until annotating can start
/// (the loader done and the first frame drawn), at 1 MB with 10,000
/// mentions and at 10 MB with 100,000 (issue 26: within 10× of each other).
fn long_article_open(c: &mut Criterion) {
    let mut group = c.benchmark_group("open_long_article");
    group.sample_size(10);
    for (name, words, mentions) in [
        ("1mb_10k_mentions", WORDS, MENTIONS),
        ("10mb_100k_mentions", 10 * WORDS, 10 * MENTIONS),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(corpus.join("outlet")).expect("mkdir");
        let doc = synthetic::document(&mut SplitMix::new(1), "outlet/big.txt".into(), words);
        std::fs::write(corpus.join(&doc.path), &doc.text).expect("write article");
        let project = synthetic::project(2, std::slice::from_ref(&doc), mentions, 0);
        let saves = dir.path().join("saves");
        let file = saves.join("big.ron");
        save_project(&file, &project, &corpus).expect("save");
        let options = StartOptions {
            corpus: Some(corpus),
            project: Some(file),
            annotator: Some("bench".into()),
            saves_dir: saves,
            ..StartOptions::default()
        };
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = Instant::now();
                    let mut harness = opened_app(options.clone());
                    frame(&mut harness);
                    total += t.elapsed();
                }
                total
            });
        });
    }
    group.finish();
}

/// An idle frame with 100,000 articles open: the document list and the
/// progress counts must not grow with the corpus.
fn big_corpus_frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    for doc in synthetic::corpus(1, 100_000, 600) {
        let file = corpus.join(&doc.path);
        std::fs::create_dir_all(file.parent().expect("folder")).expect("mkdir");
        std::fs::write(&file, &doc.text).expect("write");
    }
    let options = StartOptions {
        corpus: Some(corpus),
        annotator: Some("bench".into()),
        saves_dir: dir.path().join("saves"),
        ..StartOptions::default()
    };
    let mut harness = opened_app(options);
    let session = harness.state().session.as_ref().expect("opened");
    eprintln!("corpus: {} articles", session.corpus.documents.len());
    for _ in 0..10 {
        frame(&mut harness);
    }
    let mut group = c.benchmark_group("corpus_100k_articles");
    group.sample_size(30);
    group.bench_function("frame_idle", |b| b.iter(|| frame(&mut harness)));
    group.finish();
}

criterion_group!(
    benches,
    frames,
    arabic_frames,
    long_article_open,
    big_corpus_frame
);
criterion_main!(benches);
