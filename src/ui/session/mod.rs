//! An open corpus with one annotator's project: the state every view reads.

mod files;
mod keyboard;
mod mentions;
mod passages;
mod quotations;
mod relations;
mod stances;
mod suggestions;
mod team;

pub use passages::Carried;
pub use team::TeamView;

pub use crate::io::recovery::recovery_path;
pub use files::default_project_path;
pub use relations::Relating;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::io::{Corpus, StoreError, save_project};
use crate::model::bounded::Bounded;
use crate::model::bulk_annotate::bulk_annotate;
use crate::model::check::{Problem, check_project_into};
use crate::model::entity_ops::{
    delete_entity, merge_entities, new_entity_from_mention, split_entity,
};
use crate::model::preannotate::{GazetteerRow, LexiconReport, settle_suggestions, teach_gazetteer};
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

/// A file's size and modification time, to notice another program's write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl FileStamp {
    /// The stamp of the file at `path` now, if it is there.
    #[must_use]
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// Problems kept in full for the Problems window; the rest are counted.
pub const KEPT_SESSION_PROBLEMS: usize = 1_000;

/// Re-anchors `project` on `corpus` and checks the one against the other:
/// the first problems found (the rest counted), and whether re-anchoring
/// changed the project. Memory stays bounded however many problems there are.
fn find_problems(project: &mut Project, corpus: &Corpus) -> (Bounded<Problem>, bool) {
    let mut problems = Bounded::new(KEPT_SESSION_PROBLEMS);
    let reanchored = reanchor_project(project, &corpus.documents);
    let changed = !reanchored.is_empty();
    problems.extend(reanchored);
    check_project_into(project, &corpus.documents, &mut problems);
    (problems, changed)
}

/// Documents whose text still differs from the project's (after
/// re-anchoring, which takes the new text's hash: normally none).
fn changed_documents(project: &Project, corpus: &Corpus) -> BTreeSet<String> {
    corpus
        .documents
        .iter()
        .filter(|d| {
            project
                .documents
                .get(&d.path)
                .is_some_and(|e| e.hash != d.hash)
        })
        .map(|d| d.path.clone())
        .collect()
}

/// One line per problem kept, and one saying how many more there are.
fn problem_lines(problems: &Bounded<Problem>) -> Vec<String> {
    // Merge conflicts are listed live by the Problems window (they change
    // as they are settled); these lines are what opening found.
    let mut lines: Vec<String> = problems
        .kept()
        .iter()
        .filter(|p| !matches!(p, Problem::MergeConflict { .. }))
        .map(ToString::to_string)
        .collect();
    if problems.more() > 0 {
        lines.push(format!(
            "… and {} more problem(s) (`stancemark validate` lists every one)",
            problems.more()
        ));
    }
    lines
}

/// What a write saved: the session's edit version and its draft version
/// (a note being typed). Equal versions mean the same content.
pub type StateVersion = (u64, u64);

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
    /// When the recovery file was last written, and at which state.
    pub last_recovery: Option<(Instant, StateVersion)>,
    /// Recovery files this session wrote, or recovered its work from: a save
    /// holding everything removes them.
    pub own_recoveries: BTreeSet<PathBuf>,
    /// A note being typed, as the edit that would keep it: not yet in the
    /// project or the history, but written with every snapshot.
    pub note_draft: Option<Edit>,
    /// Bumped whenever the note draft changes.
    pub draft_version: u64,
    /// The project file's size and time when this session last read or
    /// wrote it: a difference means another program changed it since.
    pub file_stamp: Option<FileStamp>,
    /// Documents marked done, counted after each change rather than every
    /// frame (the list shows it; a corpus may hold 100,000 documents).
    pub done_count: usize,
    /// Documents in progress, counted with `done_count`.
    pub in_progress_count: usize,
    /// This annotator's assigned documents: done, in progress, all
    /// (counted with `done_count`; zeros without an assignment).
    mine_counts: (usize, usize, usize),
    /// A relation being made by keyboard (R, Tab, a type key).
    pub relating: Option<Relating>,
    /// The selected quotation in the shown document.
    pub selected_quotation: Option<crate::model::QuotationId>,
    /// Which part of the selected quotation's words Alt+arrows resize (the
    /// one last clicked or changed; `None`: the last part).
    pub quotation_part: Option<usize>,
    /// The learning suggester over the corpus.
    pub suggester: crate::model::suggest::Suggester,
    /// Suggestions are shown (the switch in the Suggestions panel).
    pub suggestions_on: bool,
    /// Where A and X act when nothing is selected.
    pub suggestion_caret: usize,
    /// Every sentence's word shingles, for finding repeated passages.
    pub passages: std::sync::Arc<crate::model::passages::PassageIndex>,
    /// The passage index while a thread still builds it (empty `passages`
    /// meanwhile); see [`Session::poll_passages`].
    pub passages_pending: Option<crate::ui::loader::PendingPassages>,
    /// Stances and quotations carried over from another rendering of a
    /// passage, each with its target document's index, waiting to be
    /// accepted or rejected (not saved: carrying again brings them back).
    pub carried: Vec<(usize, crate::model::passages::CarriedItem)>,
    /// The team file, when the corpus has one.
    pub team: Option<team::TeamView>,
    /// The shown document's suggestions, kept between frames.
    suggestion_cache: std::cell::RefCell<suggestions::SuggestionCache>,
}

impl Session {
    /// A session over `corpus` with `project`, checking the one against the other.
    #[must_use]
    pub fn new(corpus: Corpus, project: Project) -> Self {
        let mut session = Self::new_unbuilt(corpus, project);
        session.suggester =
            crate::model::suggest::Suggester::build(&session.project, &session.corpus.documents);
        session.passages = std::sync::Arc::new(crate::model::passages::PassageIndex::build(
            &session.corpus.documents,
        ));
        session
    }

    fn new_unbuilt(corpus: Corpus, mut project: Project) -> Self {
        // Re-anchoring changes the project, which then differs from its file.
        let (problems, reanchored) = find_problems(&mut project, &corpus);
        let dirty_since = reanchored.then(Instant::now);
        let changed_docs = changed_documents(&project, &corpus);
        project.attach(&corpus.documents);
        Self {
            corpus,
            project,
            history: History::default(),
            project_path: None,
            protected_path: None,
            dirty_since,
            last_save: None,
            problem_lines: problem_lines(&problems),
            problems: problems.into_parts().0,
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
            own_recoveries: BTreeSet::new(),
            note_draft: None,
            draft_version: 0,
            file_stamp: None,
            done_count: 0,
            in_progress_count: 0,
            mine_counts: (0, 0, 0),
            relating: None,
            selected_quotation: None,
            quotation_part: None,
            suggester: crate::model::suggest::Suggester::default(),
            suggestions_on: true,
            suggestion_caret: 0,
            passages: std::sync::Arc::default(),
            passages_pending: None,
            carried: Vec::new(),
            team: None,
            suggestion_cache: std::cell::RefCell::default(),
        }
        .counted()
    }

    /// Replaces the project with `project` (recovered work): re-anchored on
    /// the corpus like an opened project, unsaved, with a fresh history.
    pub fn replace_project(&mut self, mut project: Project) {
        let (problems, _) = find_problems(&mut project, &self.corpus);
        self.changed_docs = changed_documents(&project, &self.corpus);
        project.attach(&self.corpus.documents);
        self.problem_lines = problem_lines(&problems);
        self.problems = problems.into_parts().0;
        self.project = project;
        self.history = History::default();
        self.selection = None;
        self.selected_mention = None;
        self.selected_stance = None;
        self.changed();
    }

    fn counted(mut self) -> Self {
        self.recount();
        self
    }

    /// Like [`Session::new`], with the suggester and the passage index
    /// built beforehand (on the loading worker) from the same project and
    /// corpus: the suggester is only brought up to date here (what
    /// re-anchoring changed); nothing is built on the UI thread.
    #[must_use]
    pub fn with_prebuilt(
        corpus: Corpus,
        project: Project,
        suggester: crate::model::suggest::Suggester,
        passages: crate::ui::loader::PendingPassages,
    ) -> Self {
        let mut session = Self::new_unbuilt(corpus, project);
        session.suggester = suggester;
        session.passages_pending = Some(passages);
        session.suggester.grow_to(session.corpus.documents.len());
        session.update_suggester();
        session
    }

    /// Takes the passage index once its thread has built it. Returns true
    /// while it is still being built.
    pub fn poll_passages(&mut self) -> bool {
        let Some(pending) = &self.passages_pending else {
            return false;
        };
        match pending.ready() {
            crate::ui::loader::Readiness::Building => true,
            crate::ui::loader::Readiness::Built(index) => {
                self.passages = std::sync::Arc::new(index);
                self.passages_pending = None;
                false
            }
            crate::ui::loader::Readiness::Gone => {
                self.passages_pending = None;
                false
            }
        }
    }

    /// True while the repeated-passage index is still being built.
    #[must_use]
    pub fn passages_building(&self) -> bool {
        self.passages_pending.is_some()
    }

    /// Recounts what views show of the whole project (documents done).
    pub fn recount(&mut self) {
        let count = |status| {
            self.project
                .documents
                .values()
                .filter(|d| d.status == status)
                .count()
        };
        self.done_count = count(DocStatus::Done);
        self.in_progress_count = count(DocStatus::InProgress);
        self.mine_counts = if self.has_assignment() {
            self.count_mine()
        } else {
            (0, 0, 0)
        };
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

    /// The state a snapshot taken now would hold.
    #[must_use]
    pub fn state_version(&self) -> StateVersion {
        (self.version, self.draft_version)
    }

    /// Records the note being typed (`None`: no note is being typed). A
    /// draft makes the session unsaved, so it reaches the recovery file.
    pub fn set_note_draft(&mut self, draft: Option<Edit>) {
        if self.note_draft == draft {
            return;
        }
        if draft.is_some() {
            self.dirty_since.get_or_insert_with(Instant::now);
        }
        self.note_draft = draft;
        self.draft_version += 1;
    }

    /// Applies an edit through the history (so it can be undone).
    ///
    /// # Errors
    /// When the project refuses the edit.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditRejected> {
        // Work added to a "todo" document starts it, in the same undo step.
        let edit = crate::model::edit::with_progress(&self.project, edit);
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
            self.relating = None;
            self.selected_quotation = None;
            self.quotation_part = None;
            self.suggestion_caret = 0;
        }
    }

    fn changed(&mut self) {
        self.version += 1;
        self.recount();
        self.update_suggester();
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

    /// The document that `NextDocument`, `PreviousDocument` or
    /// `NextUnfinished` goes to from the shown one, if any.
    #[must_use]
    pub fn neighbour(&self, command: &crate::ui::command::Command) -> Option<usize> {
        use crate::ui::command::Command;
        let n = self.corpus.documents.len();
        match command {
            Command::NextDocument => (self.current + 1 < n).then_some(self.current + 1),
            Command::PreviousDocument => self.current.checked_sub(1),
            // Within this annotator's documents when the team assigns some.
            Command::NextUnfinished => (1..n).map(|k| (self.current + k) % n).find(|&i| {
                self.is_mine(i)
                    && self
                        .project
                        .documents
                        .get(&self.corpus.documents[i].path)
                        .is_none_or(|d| d.status != DocStatus::Done)
            }),
            _ => None,
        }
    }

    /// Marks the shown document done, or back to in progress if it is done
    /// (one undo step). `Ok(Some((doc, missing)))` instead when required
    /// codebook variables are empty: the caller asks, and marks it done
    /// (`Edit::SetStatus`) if the user says so.
    ///
    /// # Errors
    /// When the edit is refused.
    pub fn toggle_done(&mut self) -> Result<Option<(String, Vec<String>)>, String> {
        let Some(path) = self.document_path().map(str::to_owned) else {
            return Ok(None);
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
        if status == DocStatus::Done {
            let vars = &self.project.schema.variables;
            let missing = self
                .project
                .documents
                .get(&path)
                .map(|d| crate::model::codebook::missing_required(vars, &d.codes))
                .unwrap_or_default();
            if !missing.is_empty() {
                let missing = missing.into_iter().map(str::to_owned).collect();
                return Ok(Some((path, missing)));
            }
        }
        self.apply(Edit::SetStatus { doc: path, status })
            .map(|()| None)
            .map_err(|e| e.to_string())
    }

    /// The span of the first occurrence of `needle` in the shown document.
    #[must_use]
    pub fn find(&self, needle: &str) -> Option<CharSpan> {
        let doc = self.document()?;
        let byte = doc.text.find(needle)?;
        let start = crate::model::span::char_count_before(&doc.text, byte);
        Some(CharSpan::new(start, start + needle.chars().count()))
    }
}
