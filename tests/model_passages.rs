//! The same passage elsewhere (issue 17, part 2): a near-duplicate with a
//! changed word, a paragraph printed twice, clusters, the word diff, and
//! carrying a span over; on the real news corpus (skipped where it is
//! absent), the three renderings of the trust quote.

use stancemark::model::passages::{PassageIndex, carry_span, word_diff};
use stancemark::model::{CharSpan, Document};

fn span_of(text: &str, part: &str) -> CharSpan {
    let b = text.find(part).expect("part");
    let start = text[..b].chars().count();
    CharSpan::new(start, start + part.chars().count())
}

fn corpus() -> Vec<Document> {
    vec![
        Document::new(
            "a/one.txt",
            "Briefly. The river turned white after the night spill at the Norvik quay. Nothing else. The river turned white after the night spill at the Norvik quay.\n",
            "UTF-8",
        ),
        Document::new(
            "b/two.txt",
            "🐟 Update: the river turned milky after the night spill at the Norvik quay, officials said.\n",
            "UTF-8",
        ),
        Document::new(
            "c/three.txt",
            "A different story about 佐藤美咲 and the harbour.\n",
            "UTF-8",
        ),
    ]
}

#[test]
fn near_duplicates_and_a_repeated_paragraph_are_found() {
    let docs = corpus();
    let index = PassageIndex::build(&docs);
    assert!(!index.is_empty());
    let sentence = "The river turned white after the night spill at the Norvik quay.";
    let at = span_of(&docs[0].text, sentence);
    let found = index.similar(0, at, sentence, 0.5);
    let places: Vec<(usize, &str)> = found
        .iter()
        .map(|m| {
            (
                m.passage.doc,
                docs[m.passage.doc]
                    .slice(m.passage.span)
                    .unwrap_or_default(),
            )
        })
        .collect();
    // The same paragraph printed again in a/one.txt, and the edited one.
    assert_eq!(places.len(), 2, "{places:?}");
    assert_eq!(places[0], (0, sentence));
    assert_eq!(places[1].0, 1);
    assert!((found[0].score - 1.0).abs() < 1e-9);
    assert!(
        found[1].score >= 0.5 && found[1].score < 1.0,
        "{}",
        found[1].score
    );
    assert!(
        index
            .similar(
                2,
                CharSpan::new(0, 5),
                "A different story about the harbour.",
                0.5
            )
            .is_empty()
    );
    // One cluster of the three renderings.
    let clusters = index.clusters(0.5);
    assert_eq!(clusters.len(), 1);
    assert_eq!(clusters[0].len(), 3);
}

#[test]
fn word_diff_and_carrying_over() {
    let a = "The river turned white after the night spill at the Norvik quay.";
    let b = "🐟 Update: the river turned milky after the night spill at the Norvik quay, officials said.";
    let (left, right) = word_diff(a, b);
    let changed = |side: &[stancemark::model::passages::WordChange]| -> Vec<String> {
        side.iter()
            .filter(|w| !w.same)
            .map(|w| w.text.clone())
            .collect()
    };
    assert_eq!(changed(&left), ["white"]);
    assert_eq!(changed(&right), ["Update", "milky", "officials", "said"]);
    // "Norvik quay" lands on the same words after the emoji.
    let carried = carry_span(a, span_of(a, "Norvik quay"), b).expect("carried");
    assert_eq!(
        stancemark::model::span::slice(b, carried),
        Some("Norvik quay")
    );
    // Where the words differ, nothing is guessed.
    assert_eq!(carry_span(a, span_of(a, "turned white"), b), None);
}

#[test]
fn the_trust_quote_in_the_news_corpus() {
    let root =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/news-2017-04-12");
    if !root.is_dir() {
        eprintln!(
            "skipping: {} is absent (it exists only beside the CI checkout)",
            root.display()
        );
        return;
    }
    let corpus = stancemark::io::load_corpus(&root, u64::MAX, &())
        .expect("corpus")
        .documents;
    let index = PassageIndex::build(&corpus);
    let quote = "the level of trust on a working level, especially on the military side, has not improved but most likely worsened";
    let (d, doc) = corpus
        .iter()
        .enumerate()
        .find(|(_, d)| d.text.contains(quote))
        .expect("the quote");
    let at = span_of(&doc.text, quote);
    let found = index.similar(d, at, quote, 0.6);
    let renderings: Vec<(usize, usize)> = found
        .iter()
        .filter(|m| {
            corpus[m.passage.doc]
                .slice(m.passage.span)
                .is_some_and(|t| t.contains(quote))
        })
        .map(|m| (m.passage.doc, m.passage.span.start))
        .collect();
    // Printed twice in one article and once in another: three in all, the
    // asked one left out.
    assert_eq!(renderings.len(), 2, "{found:?}");
    // The other translation ("… military level, has not improved, but
    // rather has deteriorated") shares about half its words.
    let other = index.similar(d, at, quote, 0.3);
    assert!(
        other.iter().any(|m| corpus[m.passage.doc]
            .slice(m.passage.span)
            .is_some_and(|t| t.contains("rather has deteriorated"))),
        "{other:?}"
    );
}
