//! No selection, mention edge or resize ever falls inside a user-perceived
//! character (issue 25): "e" + combining accent, an emoji ZWJ sequence
//! with a skin tone, a Devanagari conjunct, Arabic with a vowel mark.

use stancemark::model::caret::{Edge, Reach, resize};
use stancemark::model::{CharSpan, Document};

const TEXT: &str = "Cafe\u{301} 👩🏽‍👩‍👧 क्षमा كَتَبَ x";

fn doc() -> Document {
    Document::new("a.txt", TEXT, "UTF-8")
}

/// Every code point offset that is a cluster edge.
fn edges(d: &Document) -> Vec<usize> {
    (0..=d.char_len())
        .filter(|&o| d.is_cluster_edge(o))
        .collect()
}

#[test]
fn a_span_widens_to_whole_characters() {
    let d = doc();
    // (span, widened): inside "é", inside the emoji family, inside "क्ष".
    let cases = [
        ((3, 4), (3, 5)),
        ((4, 5), (3, 5)),
        ((7, 9), (6, 12)),
        ((14, 15), (13, 16)),
        ((0, 2), (0, 2)),
    ];
    for ((s, e), (ws, we)) in cases {
        assert_eq!(
            d.widen_to_clusters(CharSpan::new(s, e)),
            CharSpan::new(ws, we),
            "[{s}, {e})"
        );
    }
}

#[test]
fn resizing_by_a_character_steps_over_whole_clusters() {
    let d = doc();
    let all = edges(&d);
    for w in all.windows(2) {
        let span = CharSpan::new(w[0], w[1]);
        for edge in [Edge::Start, Edge::End] {
            for later in [true, false] {
                if let Some(r) = resize(&d, span, edge, Reach::Char, later) {
                    assert!(
                        d.is_cluster_edge(r.start) && d.is_cluster_edge(r.end),
                        "{span:?} {edge:?} later={later}: {r:?} splits a character"
                    );
                }
            }
        }
    }
    // And it still moves: the end of "Caf" grows over "é" in one step.
    assert_eq!(
        resize(&d, CharSpan::new(0, 3), Edge::End, Reach::Char, true),
        Some(CharSpan::new(0, 5))
    );
}
