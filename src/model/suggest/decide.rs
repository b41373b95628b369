//! Accepting and rejecting suggestions, each one `Edit` with an exact
//! inverse: an accepted suggestion is a mention like one made by hand (so
//! it teaches in turn); a rejected one is remembered at its place.

use crate::model::annotation::{Mention, MentionId};
use crate::model::document::Document;
use crate::model::edit::Edit;
use crate::model::project::{DocAnnotations, Rejection};

use super::Suggestion;

/// The edit accepting `s` in document `doc` (annotations `entry`).
#[must_use]
pub fn accept(doc: &Document, entry: &DocAnnotations, s: &Suggestion) -> Edit {
    accept_all(doc, entry, std::slice::from_ref(s))
}

/// The edit accepting every one of `suggestions` in document `doc`, as one
/// undo step.
#[must_use]
pub fn accept_all(doc: &Document, entry: &DocAnnotations, suggestions: &[Suggestion]) -> Edit {
    let first = entry.next_mention_id().0;
    let edits: Vec<Edit> = suggestions
        .iter()
        .zip(first..)
        .map(|(s, id)| {
            let mut mention = Mention::new(doc, MentionId(id), s.span, s.label.clone());
            mention.entity = s.entity;
            Edit::AddMention {
                doc: doc.path.clone(),
                mention,
            }
        })
        .collect();
    match <[Edit; 1]>::try_from(edits) {
        Ok([one]) => one,
        Err(many) => Edit::Batch(many),
    }
}

/// The edit rejecting `s` in document `path`.
#[must_use]
pub fn reject(path: &str, s: &Suggestion) -> Edit {
    Edit::RejectSuggestion {
        doc: path.to_owned(),
        rejection: Rejection {
            span: s.span,
            label: s.label.clone(),
            text: s.form.clone(),
        },
    }
}
