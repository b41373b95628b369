//! The learning suggester in the session: kept up to date after every
//! change, its suggestions for the shown document, accepting (A) and
//! rejecting (X) the one at or after the caret, accepting all of a
//! document (Shift+A, one undo step), each counted in the project's tally
//! for the evaluation panel (in the same undo step).

use super::Session;
use crate::model::DocStatus;
use crate::model::suggest::{Suggestion, accept, accept_all, reject};
use crate::model::{CharSpan, Edit};

/// What the shown document's suggestions were last computed for: they are
/// asked for several times a frame (the article, the caret, the panel) and
/// change only with the project, the document, the switch or the threshold.
#[derive(Clone, Copy, Debug, PartialEq)]
struct CacheKey {
    version: u64,
    document: usize,
    on: bool,
    threshold: f64,
}

/// The shown document's suggestions and the figures the panel shows, kept
/// until something they depend on changes.
#[derive(Clone, Debug, Default)]
pub struct SuggestionCache {
    key: Option<CacheKey>,
    list: Vec<Suggestion>,
    learned: usize,
    shown_forms: usize,
    /// How many suggestions wait in each document the list drew, for the
    /// project version, switch and threshold in `counted` (the list asks
    /// every frame for every row it draws).
    counts: std::collections::HashMap<usize, usize>,
    counted: Option<(u64, bool, u64)>,
}

impl Session {
    /// The cache, computed again when the project, the shown document, the
    /// switch or the threshold changed.
    fn cached(&self) -> std::cell::Ref<'_, SuggestionCache> {
        let key = CacheKey {
            version: self.version,
            document: self.current,
            on: self.suggestions_on,
            threshold: self.suggester.threshold,
        };
        if self.suggestion_cache.borrow().key != Some(key) {
            let list = match self.document_path() {
                Some(path) if self.suggestions_on && !self.is_read_only(path) => self
                    .project
                    .documents
                    .get(path)
                    .map(|entry| self.suggester.suggestions(self.current, entry))
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            let learned = self.suggester.forms().count();
            let shown_forms = self.suggester.shown_forms();
            let mut cache = self.suggestion_cache.borrow_mut();
            cache.key = Some(key);
            cache.list = list;
            cache.learned = learned;
            cache.shown_forms = shown_forms;
        }
        self.suggestion_cache.borrow()
    }

    /// The suggestions for the shown document (none when switched off).
    #[must_use]
    pub fn suggestions(&self) -> Vec<Suggestion> {
        self.cached().list.clone()
    }

    /// How many forms the suggester learned, and how many of them score at
    /// least the threshold (for "why no suggestions here").
    #[must_use]
    pub fn learned_forms(&self) -> (usize, usize) {
        let c = self.cached();
        (c.learned, c.shown_forms)
    }

    /// Where A and X act: the end of the selected mention, else the start
    /// of the selection, else where the last decision left off.
    fn suggestion_caret(&self) -> usize {
        if let Some(m) = self.selected() {
            return m.span.end;
        }
        self.selection
            .map_or(self.suggestion_caret, |s: CharSpan| s.start)
    }

    /// The suggestion A and X act on: the first at or after the caret, else
    /// the first of the document.
    #[must_use]
    pub fn current_suggestion(&self) -> Option<Suggestion> {
        let caret = self.suggestion_caret();
        let cache = self.cached();
        cache
            .list
            .iter()
            .find(|s| s.span.end > caret)
            .or_else(|| cache.list.first())
            .cloned()
    }

    /// Accepts the current suggestion (A): it becomes a selected mention.
    ///
    /// # Errors
    /// When there is none, or the edit is refused.
    pub fn accept_suggestion(&mut self) -> Result<(), String> {
        let s = self
            .current_suggestion()
            .ok_or("no suggestion here: the suggester offers nothing in this document")?;
        let (Some(doc), Some(path)) = (self.document(), self.document_path()) else {
            return Ok(());
        };
        let entry = self
            .project
            .documents
            .get(path)
            .ok_or("the document is not in the project")?;
        let edit = accept(doc, entry, &s);
        let id = entry.next_mention_id();
        let edit = with_progress(counted(edit, 1, 0), entry.status, path);
        self.apply(edit).map_err(|e| e.to_string())?;
        self.selection = None;
        self.selected_mention = Some(id);
        self.suggestion_caret = s.span.end;
        Ok(())
    }

    /// Accepts every suggestion of the shown document as one undo step
    /// (Shift+A). Returns how many.
    ///
    /// # Errors
    /// When the edit is refused.
    pub fn accept_all_suggestions(&mut self) -> Result<usize, String> {
        let all = self.suggestions();
        if all.is_empty() {
            return Err("no suggestions in this document".to_owned());
        }
        let (Some(doc), Some(path)) = (self.document(), self.document_path()) else {
            return Ok(0);
        };
        let entry = self
            .project
            .documents
            .get(path)
            .ok_or("the document is not in the project")?;
        let n = i64::try_from(all.len()).unwrap_or(i64::MAX);
        let edit = with_progress(
            counted(accept_all(doc, entry, &all), n, 0),
            entry.status,
            path,
        );
        self.apply(edit).map_err(|e| e.to_string())?;
        Ok(all.len())
    }

    /// Rejects the current suggestion (X): it is not offered there again.
    ///
    /// # Errors
    /// When there is none, or the edit is refused.
    pub fn reject_suggestion(&mut self) -> Result<(), String> {
        let s = self
            .current_suggestion()
            .ok_or("no suggestion here: the suggester offers nothing in this document")?;
        let Some(path) = self.document_path().map(str::to_owned) else {
            return Ok(());
        };
        self.apply(counted(reject(&path, &s), 0, 1))
            .map_err(|e| e.to_string())?;
        self.selection = None;
        self.selected_mention = None;
        self.suggestion_caret = s.span.end;
        Ok(())
    }

    /// Whether the suggester offers a `label` mention at `span` now.
    pub(super) fn offered(&self, span: CharSpan, label: &str) -> bool {
        self.suggestions()
            .iter()
            .any(|s| s.span == span && s.label == label)
    }

    /// Brings the suggester up to date with the project (after every
    /// change): known forms are recounted, new ones looked for.
    pub(super) fn update_suggester(&mut self) {
        self.suggester.update(&self.project, &self.corpus.documents);
    }

    /// How many suggestions wait in document `index` (0 when switched
    /// off): computed when asked, so the document list counts only the
    /// rows it draws.
    #[must_use]
    pub fn suggestion_count(&self, index: usize) -> usize {
        if !self.suggestions_on {
            return 0;
        }
        let key = Some((
            self.version,
            self.suggestions_on,
            self.suggester.threshold.to_bits(),
        ));
        {
            let cache = self.suggestion_cache.borrow();
            if cache.counted == key
                && let Some(n) = cache.counts.get(&index)
            {
                return *n;
            }
        }
        let n = self
            .corpus
            .documents
            .get(index)
            .filter(|d| !self.is_read_only(&d.path))
            .and_then(|d| self.project.documents.get(&d.path))
            .map_or(0, |entry| self.suggester.suggestions(index, entry).len());
        let mut cache = self.suggestion_cache.borrow_mut();
        if cache.counted != key {
            cache.counts.clear();
            cache.counted = key;
        }
        cache.counts.insert(index, n);
        n
    }
}

/// The tally edit for a mention made by hand, `offered` beforehand or not
/// (recall).
#[must_use]
pub(super) fn hand_made(offered: bool) -> Edit {
    Edit::CountSuggestions {
        accepted: 0,
        rejected: 0,
        hand_made: 1,
        recalled: i64::from(offered),
    }
}

/// `edit` with `accepted` and `rejected` counted in the same step.
fn counted(edit: Edit, accepted: i64, rejected: i64) -> Edit {
    Edit::Batch(vec![
        edit,
        Edit::CountSuggestions {
            accepted,
            rejected,
            hand_made: 0,
            recalled: 0,
        },
    ])
}

/// `edit`, and a document still "todo" set "in progress" in the same step.
fn with_progress(edit: Edit, status: DocStatus, path: &str) -> Edit {
    if status == DocStatus::Todo {
        Edit::Batch(vec![
            edit,
            Edit::SetStatus {
                doc: path.to_owned(),
                status: DocStatus::InProgress,
            },
        ])
    } else {
        edit
    }
}
