//! Session actions on mentions and entities: create, relabel, delete, link,
//! merge and split, propagation, suggestions, annotating many places.

use super::*;

impl Session {
    /// Turns the selection into a mention of type `label` (one undo step,
    /// which also moves a *todo* document to *in progress*).
    ///
    /// # Errors
    /// A message for the user when there is nothing to label or the edit is refused.
    pub fn create_mention(&mut self, label: &str) -> Result<(), String> {
        let Some(span) = self.selection else {
            return Err("select some text first".to_owned());
        };
        let (Some(doc), Some(path)) = (self.document(), self.document_path()) else {
            return Ok(());
        };
        if self.is_read_only(path) {
            return Err("this document changed since it was annotated and is read-only".to_owned());
        }
        let Some(entry) = self.project.documents.get(path) else {
            return Ok(());
        };
        if entry
            .mentions
            .iter()
            .any(|m| m.span == span && m.label == label)
        {
            return Err(format!("this text already has a {label} mention"));
        }
        let id = entry.next_mention_id();
        let offered = self.offered(span, label);
        let mut edits = vec![
            Edit::AddMention {
                doc: path.to_owned(),
                mention: Mention::new(doc, id, span, label),
            },
            super::suggestions::hand_made(offered),
        ];
        if entry.status == DocStatus::Todo {
            edits.push(Edit::SetStatus {
                doc: path.to_owned(),
                status: DocStatus::InProgress,
            });
        }
        self.apply(Edit::Batch(edits)).map_err(|e| e.to_string())?;
        self.selection = None;
        self.selected_mention = Some(id);
        Ok(())
    }

    /// Adds a `label` mention at each place (document path, span) not yet
    /// marked with it, as one undo step; documents that are read-only are
    /// left alone. Returns how many were added and how many left alone.
    ///
    /// # Errors
    /// When the edit is refused (an unknown type).
    pub fn annotate_places(
        &mut self,
        label: &str,
        places: &[(String, CharSpan)],
    ) -> Result<(usize, usize), String> {
        let writable: Vec<(String, CharSpan)> = places
            .iter()
            .filter(|(path, _)| !self.is_read_only(path))
            .cloned()
            .collect();
        let bulk = bulk_annotate(&self.project, &self.corpus.documents, label, &writable);
        let skipped = bulk.skipped + (places.len() - writable.len());
        if bulk.added > 0 {
            self.apply(bulk.edit).map_err(|e| e.to_string())?;
        }
        Ok((bulk.added, skipped))
    }

    /// Changes the selected mention's type.
    ///
    /// # Errors
    /// When the document is read-only or the type unknown.
    pub fn relabel_selected(&mut self, label: String) -> Result<(), String> {
        let (Some(id), Some(path)) = (self.selected_mention, self.document_path()) else {
            return Ok(());
        };
        if self.is_read_only(path) {
            return Err("this document is read-only".to_owned());
        }
        let doc = path.to_owned();
        self.apply(Edit::RelabelMention { doc, id, label })
            .map_err(|e| e.to_string())
    }

    /// Moves one boundary of the selected mention by a character or a word
    /// (one undo step; id, type, entity link and note stay).
    ///
    /// # Errors
    /// When the document is read-only, or the mention cannot grow or shrink
    /// that way (the end of the text, or it would become empty).
    pub fn resize_selected(
        &mut self,
        edge: crate::model::caret::Edge,
        reach: crate::model::caret::Reach,
        later: bool,
    ) -> Result<Option<CharSpan>, String> {
        let Some(m) = self.selected() else {
            // With a quotation selected instead, its current part.
            if self.selected_quotation.is_some() {
                return self.resize_quotation_part(edge, reach, later).map(Some);
            }
            return Err("select a mention first".to_owned());
        };
        let (id, span) = (m.id, m.span);
        let doc = self.document().ok_or("no document")?;
        let Some(new) = crate::model::caret::resize(doc, span, edge, reach, later) else {
            return Err("the mention cannot be resized that way".to_owned());
        };
        self.resize_mention(id, new).map(|()| Some(new))
    }

    /// Gives mention `id` of the shown document the span `span` (one undo
    /// step; id, type, entity link and note stay).
    ///
    /// # Errors
    /// When the document is read-only, the span empty or out of the text.
    pub fn resize_mention(
        &mut self,
        id: crate::model::MentionId,
        span: CharSpan,
    ) -> Result<(), String> {
        let Some(doc) = self.document() else {
            return Ok(());
        };
        if self.is_read_only(&doc.path) {
            return Err("this document is read-only".to_owned());
        }
        if span.is_empty() || span.end > doc.char_len() {
            return Err("a mention needs some text".to_owned());
        }
        let edit = Edit::ResizeMention {
            doc: doc.path.clone(),
            id,
            span,
            quote: crate::model::Quote::of(doc, span),
        };
        self.apply(edit).map_err(|e| e.to_string())
    }

    /// Deletes the selected mention (or, with no mention selected, the selected stance).
    ///
    /// # Errors
    /// When the document is read-only.
    pub fn delete_selected(&mut self) -> Result<(), String> {
        if self.selected_mention.is_none()
            && let (Some(id), Some(doc)) = (
                self.selected_stance,
                self.document_path().map(str::to_owned),
            )
        {
            self.apply(Edit::RemoveStance { doc, id })
                .map_err(|e| e.to_string())?;
            self.selected_stance = None;
            return Ok(());
        }
        let (Some(id), Some(path)) = (self.selected_mention, self.document_path()) else {
            return Ok(());
        };
        if self.is_read_only(path) {
            return Err("this document is read-only".to_owned());
        }
        let doc = path.to_owned();
        self.apply(Edit::RemoveMention { doc, id })
            .map_err(|e| e.to_string())?;
        self.selected_mention = None;
        Ok(())
    }

    /// The selected mention of the shown document.
    #[must_use]
    pub fn selected(&self) -> Option<&Mention> {
        let id = self.selected_mention?;
        self.project
            .documents
            .get(self.document_path()?)?
            .mention(id)
    }

    /// Links the selected mention to `entity` (or unlinks it).
    ///
    /// # Errors
    /// When nothing is selected or the entity does not exist.
    pub fn link_selected(&mut self, entity: Option<EntityId>) -> Result<(), String> {
        let (Some(id), Some(doc)) = (
            self.selected_mention,
            self.document_path().map(str::to_owned),
        ) else {
            return Err("select a mention first".to_owned());
        };
        self.apply(Edit::LinkMention { doc, id, entity })
            .map_err(|e| e.to_string())?;
        if entity.is_some() {
            self.last_entity = entity;
        }
        Ok(())
    }

    /// Creates an entity for the selected mention (named `name`, or after its
    /// text) and links the mention to it.
    ///
    /// # Errors
    /// When nothing is selected.
    pub fn new_entity_from_selected(&mut self, name: Option<String>) -> Result<EntityId, String> {
        let (Some(id), Some(doc)) = (
            self.selected_mention,
            self.document_path().map(str::to_owned),
        ) else {
            return Err("select a mention first".to_owned());
        };
        let (entity, mut edit) =
            new_entity_from_mention(&self.project, &doc, id).ok_or("no such mention")?;
        if let (Some(name), Edit::Batch(edits)) = (name.filter(|n| !n.trim().is_empty()), &mut edit)
            && let Some(Edit::AddEntity { entity }) = edits.first_mut()
        {
            entity.name = name.trim().to_owned();
        }
        self.apply(edit).map_err(|e| e.to_string())?;
        self.last_entity = Some(entity);
        Ok(entity)
    }

    /// Merges `absorbed` into `kept` (one undo step).
    ///
    /// # Errors
    /// When either entity is missing or they are the same.
    pub fn merge_entities(&mut self, kept: EntityId, absorbed: EntityId) -> Result<(), String> {
        let edit = merge_entities(&self.project, kept, absorbed)
            .ok_or("pick two different entities to merge")?;
        self.apply(edit).map_err(|e| e.to_string())?;
        if self.focused_entity == Some(absorbed) {
            self.focused_entity = Some(kept);
        }
        Ok(())
    }

    /// Deletes an entity; its mentions stay, unlinked.
    ///
    /// # Errors
    /// When the entity does not exist.
    pub fn delete_entity(&mut self, entity: EntityId) -> Result<(), String> {
        let edit = delete_entity(&self.project, entity).ok_or("no such entity")?;
        self.apply(edit).map_err(|e| e.to_string())?;
        if self.focused_entity == Some(entity) {
            self.focused_entity = None;
        }
        Ok(())
    }

    /// Moves `mentions` of `from` to a new entity called `name`.
    ///
    /// # Errors
    /// When a mention is not linked to `from`, or no name is given.
    pub fn split_entity(
        &mut self,
        from: EntityId,
        mentions: &[(String, MentionId)],
        name: &str,
    ) -> Result<EntityId, String> {
        if name.trim().is_empty() || mentions.is_empty() {
            return Err("tick the mentions to split off and give the new entity a name".to_owned());
        }
        let (id, edit) = split_entity(&self.project, from, mentions, name)
            .ok_or("those mentions are not all linked to this entity")?;
        self.apply(edit).map_err(|e| e.to_string())?;
        self.focused_entity = Some(id);
        Ok(id)
    }

    /// Accepts propagation candidates for `source` (one undo step).
    ///
    /// # Errors
    /// When the edit is refused.
    pub fn accept_candidates(
        &mut self,
        source: &PropagationSource,
        candidates: &[Candidate],
    ) -> Result<(), String> {
        if candidates.is_empty() {
            return Ok(());
        }
        let edit = accept_candidates(&self.project, &self.corpus.documents, source, candidates);
        self.apply(edit).map_err(|e| e.to_string())
    }

    /// Teaches the learning suggester the names of gazetteer rows (one
    /// undo step): they are then suggested wherever they stand.
    ///
    /// # Errors
    /// When the edit is refused.
    pub fn teach_gazetteer(&mut self, rows: &[GazetteerRow]) -> Result<LexiconReport, String> {
        let (edit, report) = teach_gazetteer(&self.project, rows);
        self.apply(edit).map_err(|e| e.to_string())?;
        Ok(report)
    }

    /// Accepts or rejects the suggestions of the shown document, or all.
    ///
    /// # Errors
    /// When the edit is refused.
    pub fn settle_suggestions(
        &mut self,
        this_document: bool,
        accept: bool,
    ) -> Result<usize, String> {
        let scope = if this_document {
            self.document_path()
        } else {
            None
        };
        let edit = settle_suggestions(&self.project, scope, accept);
        let count = match &edit {
            Edit::Batch(edits) => edits.len(),
            _ => 1,
        };
        if count > 0 {
            self.apply(edit).map_err(|e| e.to_string())?;
        }
        Ok(count)
    }

    /// Accepts the selected mention if it is a suggestion.
    ///
    /// # Errors
    /// When the edit is refused.
    pub fn accept_selected_suggestion(&mut self) -> Result<(), String> {
        let (Some(m), Some(doc)) = (self.selected(), self.document_path()) else {
            return Ok(());
        };
        if !m.suggested {
            return Ok(());
        }
        let edit = Edit::SetSuggested {
            doc: doc.to_owned(),
            id: m.id,
            suggested: false,
        };
        self.apply(edit).map_err(|e| e.to_string())
    }

    /// Places orphan `index` of the shown document at the selection (one
    /// undo step); the selection is let go.
    ///
    /// # Errors
    /// A message for the user when there is no selection or it cannot be placed.
    pub fn place_orphan(&mut self, index: usize) -> Result<(), String> {
        let span = self
            .selection
            .ok_or("select the text where it belongs first")?;
        let doc = self.document().ok_or("no document shown")?;
        if self.is_read_only(&doc.path) {
            return Err("this document is read-only".to_owned());
        }
        let edit = crate::model::orphans::place_orphan(&self.project, doc, index, span)?;
        self.apply(edit).map_err(|e| e.to_string())?;
        self.selection = None;
        Ok(())
    }
}
