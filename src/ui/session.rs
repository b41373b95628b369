//! An open corpus with one annotator's project: the state every view reads.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::io::{Corpus, StoreError, save_project};
use crate::model::bulk_annotate::bulk_annotate;
use crate::model::check::{Problem, check_project};
use crate::model::entity_ops::{
    delete_entity, merge_entities, new_entity_from_mention, split_entity,
};
use crate::model::occurrences::MatchOptions;
use crate::model::preannotate::{
    GazetteerRow, PreannotationReport, preannotate, settle_suggestions,
};
use crate::model::propagate::{Candidate, PropagationSource, accept_candidates};
use crate::model::reanchor::reanchor_project;
use crate::model::{
    CharSpan, DocStatus, Document, Edit, EditRejected, EntityId, Evidence, History, Level, Mention,
    MentionId, Project, Stance, StanceId,
};
use crate::ui::write_job::{Snapshot, WriteKind};

/// How the last successful write happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveKind {
    /// The user asked for it.
    Manual,
    /// Autosave (timer, document switch, exit).
    Auto,
}

/// An open corpus and the project annotating it.
pub struct Session {
    /// The corpus.
    pub corpus: Corpus,
    /// The annotations.
    pub project: Project,
    /// Undo and redo across all documents.
    pub history: History,
    /// Where the project is saved; `None` until the first save.
    pub project_path: Option<PathBuf>,
    /// A file that failed to load: it is never written.
    pub protected_path: Option<PathBuf>,
    /// Unsaved changes exist since this moment.
    pub dirty_since: Option<Instant>,
    /// The last successful write and how it happened.
    pub last_save: Option<(Instant, SaveKind)>,
    /// Problems found between the project and the corpus when opened.
    pub problems: Vec<Problem>,
    /// `problems` as text, formatted once for the Problems window.
    pub problem_lines: Vec<String>,
    /// Documents whose text still differs from the project's after
    /// re-anchoring: read-only. (Re-anchoring takes the new text's hash, so
    /// this stays empty unless a future check keeps a document apart.)
    pub changed_docs: BTreeSet<String>,
    /// Index of the shown document in `corpus.documents`.
    pub current: usize,
    /// The text selection in the shown document (code points).
    pub selection: Option<CharSpan>,
    /// The selected mention in the shown document.
    pub selected_mention: Option<MentionId>,
    /// Bumped by every change to annotations, so views can cache layouts.
    pub version: u64,
    /// The entity whose mentions are shown (highlighted and listed).
    pub focused_entity: Option<EntityId>,
    /// The selected stance in the shown document.
    pub selected_stance: Option<StanceId>,
    /// The entity a mention was linked to last (for "link to last").
    pub last_entity: Option<EntityId>,
    /// The lock this session holds on its project file.
    lock: Option<(PathBuf, crate::io::lock::ProjectLock)>,
    /// Who holds the project file's lock when it is not this session: the
    /// file is then read-only here.
    pub locked_by: Option<crate::io::lock::LockInfo>,
    /// When the recovery file was last written, and at which version.
    pub last_recovery: Option<(Instant, u64)>,
    /// Documents marked done, counted after each change rather than every
    /// frame (the list shows it; a corpus may hold 100,000 documents).
    pub done_count: usize,
}

impl Session {
    /// A session over `corpus` with `project`, checking the one against the other.
    #[must_use]
    pub fn new(corpus: Corpus, mut project: Project) -> Self {
        // Re-anchoring changes the project, which then differs from its file.
        let reanchored = reanchor_project(&mut project, &corpus.documents);
        let dirty_since = (!reanchored.is_empty()).then(Instant::now);
        let mut problems = reanchored;
        problems.extend(check_project(&project, &corpus.documents));
        let changed_docs = problems
            .iter()
            .filter_map(|p| match p {
                Problem::ChangedDocument { doc, .. } => Some(doc.clone()),
                _ => None,
            })
            .collect();
        project.attach(&corpus.documents);
        Self {
            corpus,
            project,
            history: History::default(),
            project_path: None,
            protected_path: None,
            dirty_since,
            last_save: None,
            problem_lines: problems.iter().map(ToString::to_string).collect(),
            problems,
            changed_docs,
            current: 0,
            selection: None,
            selected_mention: None,
            version: 0,
            focused_entity: None,
            selected_stance: None,
            last_entity: None,
            lock: None,
            locked_by: None,
            last_recovery: None,
            done_count: 0,
        }
        .counted()
    }

    fn counted(mut self) -> Self {
        self.recount();
        self
    }

    /// Recounts what views show of the whole project (documents done).
    pub fn recount(&mut self) {
        self.done_count = self
            .project
            .documents
            .values()
            .filter(|d| d.status == DocStatus::Done)
            .count();
    }

    /// The shown document.
    #[must_use]
    pub fn document(&self) -> Option<&Document> {
        self.corpus.documents.get(self.current)
    }

    /// Path of the shown document.
    #[must_use]
    pub fn document_path(&self) -> Option<&str> {
        self.document().map(|d| d.path.as_str())
    }

    /// True when the shown document may not be annotated (its text changed).
    #[must_use]
    pub fn is_read_only(&self, path: &str) -> bool {
        self.changed_docs.contains(path)
    }

    /// True when there are unsaved changes.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.dirty_since.is_some()
    }

    /// Applies an edit through the history (so it can be undone).
    ///
    /// # Errors
    /// When the project refuses the edit.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditRejected> {
        self.history.apply(&mut self.project, edit)?;
        self.changed();
        Ok(())
    }

    /// Undoes the last edit and shows the document it touched.
    ///
    /// # Errors
    /// When the undo could not be applied (the history is left as it was).
    pub fn undo(&mut self) -> Result<bool, EditRejected> {
        let step = self.history.undo(&mut self.project);
        self.after_history_step(step)
    }

    /// Redoes the last undone edit and shows the document it touched.
    ///
    /// # Errors
    /// As for [`Session::undo`].
    pub fn redo(&mut self) -> Result<bool, EditRejected> {
        let step = self.history.redo(&mut self.project);
        self.after_history_step(step)
    }

    fn after_history_step(
        &mut self,
        step: Option<Result<Edit, EditRejected>>,
    ) -> Result<bool, EditRejected> {
        let Some(step) = step else { return Ok(false) };
        let edit = step?;
        if let Some(doc) = edit.document()
            && let Some(i) = self.corpus.position(doc)
            && i != self.current
        {
            self.show_document(i);
        }
        self.changed();
        Ok(true)
    }

    /// Switches to document `index`, clearing the selection.
    pub fn show_document(&mut self, index: usize) {
        if index < self.corpus.documents.len() {
            self.current = index;
            self.selection = None;
            self.selected_mention = None;
            self.selected_stance = None;
        }
    }

    fn changed(&mut self) {
        self.version += 1;
        self.recount();
        if let Some(id) = self.selected_stance {
            let exists = self
                .document_path()
                .and_then(|p| self.project.documents.get(p))
                .is_some_and(|d| d.stance(id).is_some());
            if !exists {
                self.selected_stance = None;
            }
        }
        for entity in [&mut self.focused_entity, &mut self.last_entity] {
            if entity.is_some_and(|e| !self.project.entities.contains_key(&e)) {
                *entity = None;
            }
        }
        self.dirty_since.get_or_insert_with(Instant::now);
        // Drop a selection that points at a mention that no longer exists.
        if let Some(id) = self.selected_mention {
            let exists = self
                .document_path()
                .and_then(|p| self.project.documents.get(p))
                .is_some_and(|d| d.mention(id).is_some());
            if !exists {
                self.selected_mention = None;
            }
        }
    }

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
        let mut edits = vec![Edit::AddMention {
            doc: path.to_owned(),
            mention: Mention::new(doc, id, span, label),
        }];
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

    /// The document that `NextDocument`, `PreviousDocument` or
    /// `NextUnfinished` goes to from the shown one, if any.
    #[must_use]
    pub fn neighbour(&self, command: &crate::ui::command::Command) -> Option<usize> {
        use crate::ui::command::Command;
        let n = self.corpus.documents.len();
        match command {
            Command::NextDocument => (self.current + 1 < n).then_some(self.current + 1),
            Command::PreviousDocument => self.current.checked_sub(1),
            Command::NextUnfinished => (1..n).map(|k| (self.current + k) % n).find(|&i| {
                self.project
                    .documents
                    .get(&self.corpus.documents[i].path)
                    .is_none_or(|d| d.status != DocStatus::Done)
            }),
            _ => None,
        }
    }

    /// Marks the shown document done, or back to in progress if it is done
    /// (one undo step).
    ///
    /// # Errors
    /// When the edit is refused.
    pub fn toggle_done(&mut self) -> Result<(), String> {
        let Some(path) = self.document_path().map(str::to_owned) else {
            return Ok(());
        };
        let done = self
            .project
            .documents
            .get(&path)
            .is_some_and(|d| d.status == DocStatus::Done);
        let status = if done {
            DocStatus::InProgress
        } else {
            DocStatus::Done
        };
        self.apply(Edit::SetStatus { doc: path, status })
            .map_err(|e| e.to_string())
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

    /// Pre-annotates the corpus from gazetteer rows (one undo step).
    ///
    /// # Errors
    /// When the edit is refused.
    pub fn preannotate(&mut self, rows: &[GazetteerRow]) -> Result<PreannotationReport, String> {
        let options = MatchOptions {
            whole_word: true,
            case_sensitive: true,
        };
        let (edit, report) = preannotate(&self.project, &self.corpus.documents, rows, options);
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
        as_suggestions: bool,
    ) -> Result<crate::model::import_merge::ImportReport, String> {
        let (edit, report) = crate::model::import_merge::merge_records(
            &self.project,
            &self.corpus.documents,
            records,
            as_suggestions,
        );
        self.apply(edit).map_err(|e| e.to_string())?;
        Ok(report)
    }

    /// The span of the first occurrence of `needle` in the shown document.
    #[must_use]
    pub fn find(&self, needle: &str) -> Option<CharSpan> {
        let doc = self.document()?;
        let byte = doc.text.find(needle)?;
        let start = crate::model::span::char_count_before(&doc.text, byte);
        Some(CharSpan::new(start, start + needle.chars().count()))
    }

    /// Takes the lock of `path` (the project file from now on). Returns who
    /// holds it when another Stancemark does: the file is then read-only here.
    pub fn bind_project_file(&mut self, path: &Path) -> Option<crate::io::lock::LockInfo> {
        if self.lock.as_ref().is_some_and(|(p, _)| p == path) {
            return None;
        }
        match crate::io::lock::ProjectLock::acquire(path) {
            Ok(lock) => {
                self.lock = Some((path.to_path_buf(), lock));
                self.locked_by = None;
                None
            }
            Err(holder) => {
                self.locked_by.clone_from(&holder);
                holder
            }
        }
    }

    /// What a worker needs to write the project as it is now.
    #[must_use]
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            project: self.project.clone(),
            version: self.version,
            corpus_root: self.corpus.root.clone(),
        }
    }

    /// True when the recovery file is older than the current version.
    #[must_use]
    pub fn recovery_is_stale(&self) -> bool {
        self.last_recovery.is_none_or(|(_, v)| v != self.version)
    }

    /// Checks that `path` may be written as the project file (it is not a
    /// file that failed to load, and no other Stancemark holds it), taking
    /// its lock when it is a new target.
    ///
    /// # Errors
    /// [`StoreError::Protected`] or [`StoreError::Locked`].
    pub fn check_writable(&mut self, path: &Path) -> Result<(), StoreError> {
        if self.protected_path.as_deref() == Some(path) {
            return Err(StoreError::Protected(path.to_path_buf()));
        }
        let is_current = self.project_path.as_deref() == Some(path);
        if !is_current || self.lock.is_none() {
            let previous = self.locked_by.clone();
            if let Some(holder) = self.bind_project_file(path) {
                if !is_current {
                    // Stay with the file we had; only this target is held elsewhere.
                    self.locked_by = previous;
                }
                return Err(StoreError::Locked {
                    path: path.to_path_buf(),
                    holder,
                });
            }
        }
        Ok(())
    }

    /// Takes the result of writing version `version` to `path`. A save makes
    /// `path` the project file; the session is clean again only if nothing
    /// changed since the snapshot was taken (later edits stay unsaved, and
    /// the recovery file is kept for them).
    ///
    /// # Errors
    /// The write's error; the work stays in memory and unsaved.
    pub fn finish_write(
        &mut self,
        path: &Path,
        kind: WriteKind,
        version: u64,
        result: Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        result?;
        match kind {
            WriteKind::Recovery => self.last_recovery = Some((Instant::now(), version)),
            WriteKind::Save(how) => {
                self.project_path = Some(path.to_path_buf());
                self.last_save = Some((Instant::now(), how));
                if version == self.version {
                    // The save holds everything the recovery file held.
                    let _ = std::fs::remove_file(recovery_path(path));
                    self.last_recovery = None;
                    self.dirty_since = None;
                } else {
                    // Edits made during the write are still unsaved; the
                    // autosave timer restarts for them.
                    self.dirty_since = Some(Instant::now());
                }
            }
        }
        Ok(())
    }

    /// Writes the recovery file beside `target` now, on this thread, if it
    /// is older than the current version.
    ///
    /// # Errors
    /// When the recovery file cannot be written.
    pub fn write_recovery(&mut self, target: &Path) -> Result<(), StoreError> {
        if !self.recovery_is_stale() {
            return Ok(());
        }
        let result = crate::io::store::write_recovery_file(
            &recovery_path(target),
            &self.project,
            &self.corpus.root,
        );
        self.finish_write(target, WriteKind::Recovery, self.version, result)
    }

    /// Writes the project to `path` now, on this thread (atomically), and
    /// makes it the project file. The app saves on a worker instead and uses
    /// this only when it must not return before the file is written (exit).
    ///
    /// # Errors
    /// [`StoreError`] when writing fails or `path` is a file that failed to
    /// load; the work stays in memory and unsaved.
    pub fn save_to(&mut self, path: &Path, kind: SaveKind) -> Result<(), StoreError> {
        self.check_writable(path)?;
        let result = save_project(path, &self.project, &self.corpus.root);
        self.finish_write(path, WriteKind::Save(kind), self.version, result)
    }
}

/// The default project file for `annotator` on `corpus` in `saves_dir`:
/// `saves/<corpus>-<annotator>.ron`, with unsafe characters replaced.
#[must_use]
pub fn default_project_path(saves_dir: &Path, corpus: &Corpus, annotator: &str) -> PathBuf {
    let clean = |s: &str| -> String {
        let cleaned: String = s
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if cleaned.is_empty() {
            "anonymous".to_owned()
        } else {
            cleaned
        }
    };
    saves_dir.join(format!(
        "{}-{}.ron",
        clean(&corpus.name()),
        clean(annotator)
    ))
}

/// The recovery file of a project file: `NAME.ron.recovery`.
#[must_use]
pub fn recovery_path(project: &Path) -> PathBuf {
    let mut name = project
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".recovery");
    project.with_file_name(name)
}
