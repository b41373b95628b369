//! Annotating many places at once (the ticked hits of a corpus search): one
//! edit, so one undo, that adds a mention at each place not already marked
//! with the type, and moves untouched documents from *todo* to *in progress*.

use std::collections::BTreeMap;

use super::annotation::{Mention, MentionId};
use super::document::Document;
use super::edit::Edit;
use super::project::{DocStatus, Project};
use super::span::CharSpan;

/// What [`bulk_annotate`] will do.
#[derive(Clone, Debug, PartialEq)]
pub struct BulkAnnotation {
    /// The edit (a batch; empty when nothing is to be added).
    pub edit: Edit,
    /// Mentions it adds.
    pub added: usize,
    /// Places left alone: already marked with the type, repeated, out of
    /// range, or in a document that is not in the corpus or the project.
    pub skipped: usize,
}

/// The edit adding a `label` mention at each of `places` (document path,
/// span), in `docs` sorted by path.
#[must_use]
pub fn bulk_annotate(
    project: &Project,
    docs: &[Document],
    label: &str,
    places: &[(String, CharSpan)],
) -> BulkAnnotation {
    let mut edits = Vec::new();
    let mut next_ids: BTreeMap<&str, u64> = BTreeMap::new();
    let mut taken: Vec<(&str, CharSpan)> = Vec::new();
    let mut skipped = 0;
    for (path, span) in places {
        let doc = docs
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
            .map(|i| &docs[i]);
        let (Some(doc), Some(entry)) = (doc, project.documents.get(path)) else {
            skipped += 1;
            continue;
        };
        let marked = entry
            .mentions
            .iter()
            .any(|m| m.span == *span && m.label == label);
        let repeated = taken.contains(&(path.as_str(), *span));
        if marked || repeated || span.is_empty() || span.end > doc.char_len() {
            skipped += 1;
            continue;
        }
        taken.push((path.as_str(), *span));
        let next = next_ids.entry(path.as_str()).or_insert_with(|| {
            if entry.status == DocStatus::Todo {
                edits.push(Edit::SetStatus {
                    doc: path.clone(),
                    status: DocStatus::InProgress,
                });
            }
            entry.next_mention_id().0
        });
        edits.push(Edit::AddMention {
            doc: path.clone(),
            mention: Mention::new(doc, MentionId(*next), *span, label),
        });
        *next += 1;
    }
    BulkAnnotation {
        added: taken.len(),
        skipped,
        edit: Edit::Batch(edits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Schema, apply};

    #[test]
    fn adds_each_new_place_once_and_skips_the_rest() {
        let docs = vec![
            Document::new("a.txt", "Putin met 佐藤美咲 and Putin again", "UTF-8"),
            Document::new("b.txt", "🐟 Putin", "UTF-8"),
        ];
        let mut project = Project::new("t", Schema::builtin());
        project.attach(&docs);
        let first = bulk_annotate(
            &project,
            &docs,
            "PER",
            &[("a.txt".into(), CharSpan::new(0, 5))],
        );
        apply(&mut project, first.edit).expect("applies");
        let places = [
            ("a.txt".into(), CharSpan::new(0, 5)),   // already PER: skipped
            ("a.txt".into(), CharSpan::new(10, 14)), // 佐藤美咲
            ("a.txt".into(), CharSpan::new(10, 14)), // repeated: skipped
            ("a.txt".into(), CharSpan::new(19, 24)), // second Putin
            ("b.txt".into(), CharSpan::new(2, 7)),   // after the emoji
            ("b.txt".into(), CharSpan::new(5, 99)),  // out of range: skipped
            ("c.txt".into(), CharSpan::new(0, 1)),   // no such document: skipped
        ];
        let bulk = bulk_annotate(&project, &docs, "PER", &places);
        assert_eq!((bulk.added, bulk.skipped), (3, 4));
        let before = project.clone();
        let undo = apply(&mut project, bulk.edit).expect("applies");
        let texts = |path: &str| -> Vec<String> {
            project.documents[path]
                .mentions
                .iter()
                .map(|m| m.quote.exact.clone())
                .collect()
        };
        assert_eq!(texts("a.txt"), ["Putin", "佐藤美咲", "Putin"]);
        assert_eq!(texts("b.txt"), ["Putin"]);
        assert_eq!(project.documents["b.txt"].status, DocStatus::InProgress);
        apply(&mut project, undo).expect("undo");
        assert_eq!(project, before, "one undo takes it all back");
    }
}
