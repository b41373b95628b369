//! Suggesting a stance's holder: the nearest linked person or organisation
//! mentioned in the same sentence as the evidence.

use unicode_segmentation::UnicodeSegmentation;

use super::annotation::EntityId;
use super::document::Document;
use super::project::DocAnnotations;
use super::span::CharSpan;

/// Entity types that can hold a stance when suggesting one.
pub const HOLDER_TYPES: [&str; 2] = ["PER", "ORG"];

/// The sentence(s) (Unicode sentence boundaries, UAX #29) that `span` touches.
#[must_use]
pub fn sentence_around(doc: &Document, span: CharSpan) -> Option<CharSpan> {
    let para_index = doc.paragraph_at(span.start);
    let para = *doc.paragraphs().get(para_index)?;
    let text = doc.paragraph_text(para_index);
    let mut start = None;
    let mut end = None;
    let mut offset = para.chars.start;
    for sentence in text.split_sentence_bounds() {
        let len = sentence.chars().count();
        let s = CharSpan::new(offset, offset + len);
        if s.start <= span.start && span.start < s.end.max(s.start + 1) {
            start = Some(s.start);
        }
        if s.start < span.end {
            end = Some(s.end);
        }
        offset += len;
    }
    Some(CharSpan::new(
        start?,
        end?.max(span.end.min(para.chars.end)),
    ))
}

/// The entity of the nearest linked PER or ORG mention in the sentence of
/// `span` (a mention inside the span counts as nearest; on a tie a person
/// goes before an organisation, as in "the chief executive of Norvik,
/// Bjørn Aasheim, said", then the earlier one).
#[must_use]
pub fn suggest_holder(
    doc: &Document,
    annotations: &DocAnnotations,
    span: CharSpan,
) -> Option<EntityId> {
    let sentence = sentence_around(doc, span)?;
    annotations
        .mentions
        .iter()
        .filter(|m| !m.suggested && HOLDER_TYPES.contains(&m.label.as_str()))
        .filter(|m| m.span.overlaps(sentence))
        .filter_map(|m| {
            let distance = if m.span.overlaps(span) {
                0
            } else if m.span.end <= span.start {
                span.start - m.span.end
            } else {
                m.span.start - span.end
            };
            let organisation = m.label != "PER";
            Some(((distance, organisation, m.span.start), m.entity?))
        })
        .min_by_key(|(key, _)| *key)
        .map(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Mention, MentionId};

    #[test]
    fn nearest_linked_person_in_the_sentence() {
        let text = "Lavrov spoke first. “We did nothing,” Mr Putin said, and Tillerson listened. Obama left.";
        let doc = Document::new("a.txt", text, "UTF-8");
        let mut entry = crate::model::DocAnnotations::for_document(&doc);
        let mut add = |word: &str, label: &str, entity: Option<u64>| {
            let start = text
                .find(word)
                .map(|b| crate::model::span::char_count_before(text, b))
                .expect("word");
            let mut m = Mention::new(
                &doc,
                MentionId(entry.mentions.len() as u64 + 1),
                CharSpan::new(start, start + word.chars().count()),
                label,
            );
            m.entity = entity.map(EntityId);
            entry.mentions.push(m);
        };
        add("Lavrov", "PER", Some(1));
        add("Putin", "PER", Some(2));
        add("Tillerson", "PER", Some(3));
        add("Obama", "PER", Some(4));
        let quote_start = text.chars().position(|c| c == '“').expect("quote");
        let quote = CharSpan::new(quote_start, quote_start + 17);
        assert_eq!(suggest_holder(&doc, &entry, quote), Some(EntityId(2)));
        // Unlinked or non-person mentions are not suggested.
        entry.mentions[1].entity = None;
        assert_eq!(suggest_holder(&doc, &entry, quote), Some(EntityId(3)));
        entry.mentions[2].label = "GPE".into();
        assert_eq!(
            suggest_holder(&doc, &entry, quote),
            None,
            "Lavrov and Obama are in other sentences"
        );
    }

    #[test]
    fn on_a_tie_a_person_goes_before_an_organisation() {
        let text = "The chief executive of Norvik Chemicals, Bjørn Aasheim, rejected it.";
        let doc = Document::new("a.txt", text, "UTF-8");
        let mut entry = crate::model::DocAnnotations::for_document(&doc);
        for (id, word, label) in [(1, "Norvik Chemicals", "ORG"), (2, "Bjørn Aasheim", "PER")] {
            let start = crate::model::span::char_count_before(text, text.find(word).expect("word"));
            let mut m = Mention::new(
                &doc,
                MentionId(id),
                CharSpan::new(start, start + word.chars().count()),
                label,
            );
            m.entity = Some(EntityId(id));
            entry.mentions.push(m);
        }
        // The whole sentence is the evidence: both mentions are inside it.
        let all = CharSpan::new(0, text.chars().count());
        assert_eq!(suggest_holder(&doc, &entry, all), Some(EntityId(2)));
    }
}
