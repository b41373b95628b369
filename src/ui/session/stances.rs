//! Session actions on stances and imports.

use super::*;

impl Session {
    /// The selected stance of the shown document.
    #[must_use]
    pub fn selected_stance(&self) -> Option<&Stance> {
        let id = self.selected_stance?;
        self.project
            .documents
            .get(self.document_path()?)?
            .stance(id)
    }

    /// The shown document's outlet (as set, else its default).
    #[must_use]
    pub fn outlet_of(&self, path: &str) -> String {
        let set = self
            .project
            .documents
            .get(path)
            .and_then(|d| d.outlet.clone());
        set.unwrap_or_else(|| {
            self.corpus
                .document(path)
                .map(|d| d.default_outlet.clone())
                .unwrap_or_default()
        })
    }

    /// Adds `stance` to the shown document with a fresh id; selects it.
    ///
    /// # Errors
    /// When the stance is refused (missing holder, target or evidence).
    pub fn create_stance(&mut self, mut stance: Stance) -> Result<StanceId, String> {
        let doc = self.document_path().ok_or("no document")?.to_owned();
        if self.is_read_only(&doc) {
            return Err("this document changed since it was annotated and is read-only".to_owned());
        }
        let entry = self.project.documents.get(&doc).ok_or("no document")?;
        stance.id = entry.next_stance_id();
        let id = stance.id;
        let mut edits = vec![Edit::AddStance {
            doc: doc.clone(),
            stance,
        }];
        if entry.status == DocStatus::Todo {
            edits.push(Edit::SetStatus {
                doc,
                status: DocStatus::InProgress,
            });
        }
        self.apply(Edit::Batch(edits)).map_err(|e| e.to_string())?;
        self.selection = None;
        self.selected_mention = None;
        self.selected_stance = Some(id);
        Ok(id)
    }

    /// Replaces a stance of the shown document.
    ///
    /// # Errors
    /// When the stance is refused.
    pub fn update_stance(&mut self, mut stance: Stance) -> Result<(), String> {
        let doc = self.document_path().ok_or("no document")?.to_owned();
        stance.sort_evidence();
        self.apply(Edit::UpdateStance { doc, stance })
            .map_err(|e| e.to_string())
    }

    /// Adds the text selection as evidence to the selected stance.
    ///
    /// # Errors
    /// When nothing suitable is selected.
    pub fn add_selection_as_evidence(&mut self) -> Result<(), String> {
        let (Some(span), Some(stance), Some(doc)) = (
            self.selection,
            self.selected_stance().cloned(),
            self.document(),
        ) else {
            return Err("select a stance, then drag over the new evidence".to_owned());
        };
        let mut stance = stance;
        if stance.evidence.iter().any(|e| e.span == span) {
            return Err("that text is already evidence of this stance".to_owned());
        }
        stance.evidence.push(Evidence::new(doc, span));
        stance.level = Level::Span;
        self.update_stance(stance)?;
        self.selection = None;
        Ok(())
    }

    /// Adds imported records to the project (one undo step).
    ///
    /// # Errors
    /// When the edit is refused.
    pub fn import_records(
        &mut self,
        records: &[crate::model::import_merge::ImportRecord],
        options: &crate::model::import_merge::ImportOptions,
    ) -> Result<crate::model::import_merge::ImportReport, String> {
        let (edit, report) = crate::model::import_merge::merge_records(
            &self.project,
            &self.corpus.documents,
            records,
            options,
        );
        self.apply(edit).map_err(|e| e.to_string())?;
        Ok(report)
    }
}
