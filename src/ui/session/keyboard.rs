//! Keyboard selection in the shown document: moving by words and sentences,
//! stepping between mentions.

use super::Session;
use crate::model::CharSpan;
use crate::model::caret::{Step, move_selection, step_mention};

impl Session {
    /// The place keyboard moves start from: the selected mention, else the
    /// text selection.
    #[must_use]
    pub fn keyboard_place(&self) -> Option<CharSpan> {
        self.selected().map(|m| m.span).or(self.selection)
    }

    /// Moves (or with `extend`, grows or shrinks) the selection by one
    /// word or sentence; the selected mention is let go. Returns the new
    /// selection, or `None` when there was nowhere to go.
    pub fn move_selection(&mut self, step: Step, extend: bool) -> Option<CharSpan> {
        let doc = self.document()?;
        let span = move_selection(doc, self.keyboard_place(), step, extend)?;
        self.selection = Some(span);
        self.selected_mention = None;
        Some(span)
    }

    /// Selects the next (or previous) mention of the shown document, in
    /// text order, wrapping round. Returns its span.
    pub fn step_mention(&mut self, forward: bool) -> Option<CharSpan> {
        let entry = self.project.documents.get(self.document_path()?)?;
        let spans: Vec<(CharSpan, usize)> = entry
            .mentions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.span, i))
            .collect();
        let mention = &entry.mentions[step_mention(&spans, self.keyboard_place(), forward)?];
        let span = mention.span;
        self.selected_mention = Some(mention.id);
        self.selection = None;
        Some(span)
    }
}
