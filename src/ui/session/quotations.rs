//! Making and changing quotations in the shown document: Q opens the
//! quotation form on a draft of the selection with the suggested speaker
//! and cue (see `views/quotation_form.rs`), Shift+Q adds the
//! selection to the selected quotation as further content (a quote split
//! by "he added"), and the Quotations list in the side panel changes the
//! rest. Every change is one undo step.

use super::Session;
use crate::model::attribution::{suggest_cue, suggest_speaker};
use crate::model::quote_marks::quoted_words;
use crate::model::stance::Evidence;
use crate::model::{Edit, Quotation, QuotationId, QuoteKind};

impl Session {
    /// The selected quotation of the shown document.
    #[must_use]
    pub fn selected_quotation(&self) -> Option<&Quotation> {
        let id = self.selected_quotation?;
        self.project
            .documents
            .get(self.document_path()?)?
            .quotation(id)
    }

    /// The quotation Q would make of the selection: the words inside its
    /// quotation marks when it holds them, the speaker and the cue those
    /// suggested, the kind direct when the words stand in quotation marks,
    /// else indirect. Its id is not yet given.
    ///
    /// # Errors
    /// Without a selection, on a read-only document.
    pub fn quotation_draft(&self) -> Result<Quotation, String> {
        let Some(span) = self.selection else {
            return Err("select the quoted words first, then press Q".to_owned());
        };
        let (Some(doc), Some(path)) = (self.document(), self.document_path()) else {
            return Err("no document is shown".to_owned());
        };
        if self.is_read_only(path) {
            return Err("this document is read-only".to_owned());
        }
        let entry = self
            .project
            .documents
            .get(path)
            .ok_or("the document is not in the project")?;
        let words = quoted_words(doc, span).ok_or("select the quoted words first, then press Q")?;
        let span = words.span;
        let speaker = suggest_speaker(doc, entry, &[span]).map(|s| s.mention);
        let cue = suggest_cue(doc, &[span], &self.project.schema.cues);
        let kind = if words.marked {
            QuoteKind::Direct
        } else {
            QuoteKind::Indirect
        };
        let mut quotation = Quotation::new(
            QuotationId(0),
            speaker,
            vec![Evidence::new(doc, span)],
            kind,
        );
        quotation.cue = cue.map(|c| Evidence::new(doc, c));
        Ok(quotation)
    }

    /// Adds `quotation` to the shown document with a fresh id (one undo
    /// step) and selects it.
    ///
    /// # Errors
    /// On a read-only document, or when refused.
    pub fn create_quotation(&mut self, mut quotation: Quotation) -> Result<QuotationId, String> {
        let Some(path) = self.document_path().map(str::to_owned) else {
            return Err("no document is shown".to_owned());
        };
        if self.is_read_only(&path) {
            return Err("this document is read-only".to_owned());
        }
        let entry = self
            .project
            .documents
            .get(&path)
            .ok_or("the document is not in the project")?;
        let id = entry.next_quotation_id();
        quotation.id = id;
        self.apply(Edit::AddQuotation {
            doc: path,
            quotation,
        })
        .map_err(|e| e.to_string())?;
        self.selection = None;
        self.selected_quotation = Some(id);
        self.selected_mention = None;
        Ok(id)
    }

    /// Makes the quotation [`Self::quotation_draft`] describes at once.
    ///
    /// # Errors
    /// As those two.
    pub fn quote_selection(&mut self) -> Result<QuotationId, String> {
        let draft = self.quotation_draft()?;
        self.create_quotation(draft)
    }

    /// Adds the selection to the selected quotation as further content
    /// (Shift+Q).
    ///
    /// # Errors
    /// Without a selected quotation or a selection, or when refused.
    pub fn add_selection_to_quotation(&mut self) -> Result<(), String> {
        let (Some(span), Some(mut quotation), Some(doc)) = (
            self.selection,
            self.selected_quotation().cloned(),
            self.document(),
        ) else {
            return Err("select a quotation, then drag over its further words".to_owned());
        };
        let span = quoted_words(doc, span).map_or(span, |w| w.span);
        if quotation.contents.iter().any(|e| e.span == span) {
            return Err("those words are already a part of the quotation".to_owned());
        }
        // Over words a part already holds, the selection becomes that part
        // (it grows, shrinks or moves; parts it covers merge into it).
        let part = quotation
            .contents
            .iter()
            .position(|e| e.span.overlaps(span));
        if part.is_none() {
            quotation.contents.push(Evidence::new(doc, span));
            quotation
                .contents
                .sort_by_key(|e| (e.span.start, e.span.end));
        }
        let id = quotation.id;
        match part {
            Some(part) => {
                self.set_quotation_part(id, part, span)?;
            }
            None => {
                self.update_quotation(quotation)?;
                self.quotation_part = self
                    .selected_quotation()
                    .and_then(|q| q.contents.iter().position(|e| e.span == span));
            }
        }
        self.selection = None;
        Ok(())
    }

    /// Gives part `part` of quotation `id`'s words the span `span` (one
    /// undo step); other parts it now overlaps merge into it, and the parts
    /// stay in reading order. Returns the part's index afterwards, which
    /// becomes the one Alt+arrows resize.
    ///
    /// # Errors
    /// No such quotation or part, an empty span or one past the text, a
    /// read-only document, or a refused edit.
    pub fn set_quotation_part(
        &mut self,
        id: QuotationId,
        part: usize,
        span: crate::model::CharSpan,
    ) -> Result<usize, String> {
        let doc = self.document().ok_or("no document is shown")?;
        if span.is_empty() || span.end > doc.char_len() {
            return Err("a part of a quotation needs some text".to_owned());
        }
        let evidence = Evidence::new(doc, span);
        let mut quotation = self
            .document_path()
            .and_then(|p| self.project.documents.get(p))
            .and_then(|e| e.quotations.iter().find(|q| q.id == id))
            .cloned()
            .ok_or_else(|| format!("quotation {id} is not in this document"))?;
        if part >= quotation.contents.len() {
            return Err(format!("quotation {id} has no part {}", part + 1));
        }
        let mut contents: Vec<Evidence> = quotation
            .contents
            .iter()
            .enumerate()
            .filter(|(i, e)| *i != part && !e.span.overlaps(span))
            .map(|(_, e)| e.clone())
            .collect();
        contents.push(evidence);
        contents.sort_by_key(|e| (e.span.start, e.span.end));
        let at = contents.iter().position(|e| e.span == span).unwrap_or(0);
        quotation.contents = contents;
        self.update_quotation(quotation)?;
        self.selected_quotation = Some(id);
        self.quotation_part = Some(at);
        Ok(at)
    }

    /// Moves one boundary of the selected quotation's current part (the
    /// one last clicked or changed, else the last) by a character or a
    /// word: Alt+arrows when a quotation is selected. Returns the new span.
    ///
    /// # Errors
    /// Without a selected quotation, or when the part cannot be resized
    /// that way.
    pub fn resize_quotation_part(
        &mut self,
        edge: crate::model::caret::Edge,
        reach: crate::model::caret::Reach,
        later: bool,
    ) -> Result<crate::model::CharSpan, String> {
        let quotation = self
            .selected_quotation()
            .ok_or("select a mention or a quotation first")?;
        let id = quotation.id;
        let last = quotation.contents.len().saturating_sub(1);
        let part = self.quotation_part.filter(|&p| p <= last).unwrap_or(last);
        let span = quotation
            .contents
            .get(part)
            .map(|e| e.span)
            .ok_or("the quotation has no words")?;
        let doc = self.document().ok_or("no document is shown")?;
        let new = crate::model::caret::resize(doc, span, edge, reach, later)
            .ok_or("that part of the quotation cannot be resized that way")?;
        self.set_quotation_part(id, part, new)?;
        Ok(new)
    }

    /// Makes the selection the selected quotation's cue.
    ///
    /// # Errors
    /// Without a selected quotation or a selection, or when refused.
    pub fn set_selection_as_cue(&mut self) -> Result<(), String> {
        let (Some(span), Some(mut quotation), Some(doc)) = (
            self.selection,
            self.selected_quotation().cloned(),
            self.document(),
        ) else {
            return Err("select a quotation, then drag over its cue".to_owned());
        };
        quotation.cue = Some(Evidence::new(doc, span));
        self.update_quotation(quotation)?;
        self.selection = None;
        Ok(())
    }

    /// Replaces a quotation of the shown document (one undo step).
    ///
    /// # Errors
    /// When refused.
    pub fn update_quotation(&mut self, quotation: Quotation) -> Result<(), String> {
        let Some(doc) = self.document_path().map(str::to_owned) else {
            return Ok(());
        };
        if self.is_read_only(&doc) {
            return Err("this document is read-only".to_owned());
        }
        self.apply(Edit::UpdateQuotation { doc, quotation })
            .map_err(|e| e.to_string())
    }
}
