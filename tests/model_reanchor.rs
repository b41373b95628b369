//! Property test for re-anchoring (issue 7): random edits around a quoted
//! span never lose it, and a quote is never placed on different text.

use proptest::prelude::*;
use stancemark::model::reanchor::{Anchoring, reanchor, reanchor_from};
use stancemark::model::{CharSpan, Document, Mention, MentionId};

/// Text pieces with multi-byte and combining characters.
fn piece() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec!["a", "b", " ", "的", "é", "e\u{301}", "🐟", ".", "\n"]),
        0..12,
    )
    .prop_map(|v| v.concat())
}

/// Applies (position, deletion length, insertion) edits to `text`, by code point.
fn edit(text: &str, edits: &[(usize, usize, String)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (pos, del, ins) in edits {
        let at = if chars.is_empty() {
            0
        } else {
            pos % (chars.len() + 1)
        };
        let end = (at + del).min(chars.len());
        chars.splice(at..end, ins.chars());
    }
    chars.into_iter().collect()
}

fn edits() -> impl Strategy<Value = Vec<(usize, usize, String)>> {
    proptest::collection::vec((0usize..200, 0usize..6, piece()), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// A quote whose text survives (edits only around it) is found again at
    /// exactly its new place.
    #[test]
    fn surviving_quotes_are_reanchored_to_their_text(
        left in piece(), right in piece(), left_edits in edits(), right_edits in edits(),
    ) {
        let marker = "Ω Zyx 🐟";
        let old = format!("{left}{marker}{right}");
        let start = left.chars().count();
        let old_doc = Document::new("a.txt", old.as_str(), "UTF-8");
        let span = CharSpan::new(start, start + marker.chars().count());
        let mention = Mention::new(&old_doc, MentionId(1), span, "PER");

        let new_left = edit(&left, &left_edits);
        let new_right = edit(&right, &right_edits);
        let new_doc = Document::new("a.txt", format!("{new_left}{marker}{new_right}").as_str(), "UTF-8");
        let new_start = new_left.chars().count();
        // With or without knowing the old place (edits stay near it).
        prop_assert_eq!(
            reanchor_from(span, &mention.quote, &new_doc),
            Anchoring::Found(CharSpan::new(new_start, new_start + marker.chars().count()))
        );
        prop_assert_eq!(
            reanchor(&mention.quote, &new_doc),
            Anchoring::Found(CharSpan::new(new_start, new_start + marker.chars().count()))
        );
    }

    /// Whatever the edits (even through the quote, even duplicating it), a
    /// quote is either placed on its exact text or kept as an orphan.
    #[test]
    fn quotes_are_never_placed_on_other_text(
        left in piece(), right in piece(), all_edits in edits(), quoted in "[ab的🐟]{1,3}",
    ) {
        let old = format!("{left}{quoted}{right}");
        let start = left.chars().count();
        let old_doc = Document::new("a.txt", old.as_str(), "UTF-8");
        let span = CharSpan::new(start, start + quoted.chars().count());
        let mention = Mention::new(&old_doc, MentionId(1), span, "PER");
        let new_doc = Document::new("a.txt", edit(&old, &all_edits).as_str(), "UTF-8");
        for anchoring in [reanchor(&mention.quote, &new_doc), reanchor_from(span, &mention.quote, &new_doc)] {
            if let Anchoring::Found(found) = anchoring {
                prop_assert_eq!(new_doc.slice(found), Some(quoted.as_str()));
            }
        }
    }
}
