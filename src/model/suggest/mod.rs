//! Suggestions that learn from the project (issue 17): every mention made
//! or accepted by hand teaches its surface form's type and entity; every
//! rejected suggestion is remembered at its place and lowers its form's
//! score. A form is suggested wherever it occurs as a whole word, in every
//! document, when its score (the share of the form's decisions that gave
//! its best type and entity) reaches the threshold, and never where a
//! mention already overlaps or where it was rejected.
//!
//! Nothing here is saved: the suggester is rebuilt from the project (its
//! mentions and its rejections) and kept up to date as annotations change.
//! Finding a form's places is one multi-pattern pass (`aho-corasick`) when
//! the suggester is built, and one single-pattern pass (`memchr::memmem`)
//! over the corpus for each form taught for the first time.

mod decide;
mod forms;
mod places;

pub use decide::{accept, accept_all, reject};
pub use forms::{FormModel, Why};

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::annotation::EntityId;
use super::document::Document;
use super::project::{DocAnnotations, Project};
use super::span::CharSpan;

/// A form's most given (type, entity) and its score.
type Best<'a> = ((&'a String, Option<EntityId>), f64);

/// The share below which a form is not suggested, by default.
pub const DEFAULT_THRESHOLD: f64 = 0.6;

/// A suggested mention.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// Where.
    pub span: CharSpan,
    /// The surface form.
    pub form: String,
    /// The type suggested.
    pub label: String,
    /// The entity suggested, if the form was linked.
    pub entity: Option<EntityId>,
    /// Its score: the share of the form's decisions behind it, or the
    /// model's.
    pub score: f64,
    /// The model that proposed it; `None` for what the project taught.
    pub source: Option<std::sync::Arc<str>>,
}

/// The learning suggester over one corpus.
#[derive(Clone, Debug)]
pub struct Suggester {
    forms: BTreeMap<String, FormModel>,
    /// The forms whose places were looked for, each one shared copy.
    looked_for: HashMap<String, Arc<str>>,
    /// Per document: the (span, form) places, sorted by span; the form is
    /// the shared copy (a form found a million times is stored once).
    by_doc: Vec<Vec<(CharSpan, Arc<str>)>>,
    /// Forms below this score are not suggested.
    pub threshold: f64,
}

impl Default for Suggester {
    fn default() -> Self {
        Self {
            forms: BTreeMap::new(),
            looked_for: HashMap::new(),
            by_doc: Vec::new(),
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

impl Suggester {
    /// Learns from every mention and rejection of `project` and finds the
    /// learned forms in `corpus` (sorted by path, as the session keeps it).
    #[must_use]
    pub fn build(project: &Project, corpus: &[Document]) -> Self {
        let forms = forms::learn(project);
        let names: Vec<&str> = forms.keys().map(String::as_str).collect();
        let places = places::find_all(corpus, &names);
        let mut by_doc: Vec<Vec<(CharSpan, Arc<str>)>> = vec![Vec::new(); corpus.len()];
        let mut looked_for = HashMap::with_capacity(names.len());
        for name in &names {
            looked_for.insert((*name).to_owned(), Arc::<str>::from(*name));
        }
        for (form, places) in places {
            let shared = looked_for
                .entry(form.clone())
                .or_insert_with(|| Arc::from(form.as_str()));
            for (doc, span) in places {
                if let Some(d) = by_doc.get_mut(doc) {
                    d.push((span, Arc::clone(shared)));
                }
            }
        }
        for d in &mut by_doc {
            d.sort_by(|a, b| (a.0.start, a.0.end, &a.1).cmp(&(b.0.start, b.0.end, &b.1)));
        }
        Self {
            forms,
            looked_for,
            by_doc,
            threshold: DEFAULT_THRESHOLD,
        }
    }

    /// Makes room for a corpus of `documents` (a suggester built with no
    /// project knows no corpus yet).
    pub fn grow_to(&mut self, documents: usize) {
        if self.by_doc.len() < documents {
            self.by_doc.resize(documents, Vec::new());
        }
    }

    /// Learns `project` again after a change: counts are recounted (cheap),
    /// and only forms learned for the first time are looked for in
    /// `corpus`. Returns how many new forms were looked for.
    pub fn update(&mut self, project: &Project, corpus: &[Document]) -> usize {
        let forms = forms::learn(project);
        let new: Vec<&str> = forms
            .keys()
            .filter(|f| !self.looked_for.contains_key(*f))
            .map(String::as_str)
            .collect();
        let found = new.len();
        for form in new {
            let shared: Arc<str> = Arc::from(form);
            for (doc, span) in places::find_one(corpus, form) {
                if let Some(d) = self.by_doc.get_mut(doc) {
                    let at = d.partition_point(|(s, f)| {
                        (s.start, s.end, &**f) < (span.start, span.end, form)
                    });
                    d.insert(at, (span, Arc::clone(&shared)));
                }
            }
            self.looked_for.insert(form.to_owned(), shared);
        }
        self.forms = forms;
        found
    }

    /// How many learned forms score at least the threshold.
    #[must_use]
    pub fn shown_forms(&self) -> usize {
        self.forms
            .values()
            .filter(|m| m.best().is_some_and(|(_, score)| score >= self.threshold))
            .count()
    }

    /// What the suggester learned of `form`.
    #[must_use]
    pub fn form(&self, form: &str) -> Option<&FormModel> {
        self.forms.get(form)
    }

    /// The learned forms.
    pub fn forms(&self) -> impl Iterator<Item = (&String, &FormModel)> {
        self.forms.iter()
    }

    /// The suggestions for document `index` with annotations `entry`: the
    /// places of forms scoring at least the threshold that no mention
    /// overlaps and that were not rejected there, in reading order; where
    /// two overlap, the longer form wins.
    #[must_use]
    pub fn suggestions(&self, index: usize, entry: &DocAnnotations) -> Vec<Suggestion> {
        // Mentions sorted by start, with the furthest end so far: whether a
        // span overlaps one is a binary search, so a document with 100,000
        // mentions and as many places costs n log n, not n².
        let mut spans: Vec<(usize, usize)> = entry
            .mentions
            .iter()
            .map(|m| (m.span.start, m.span.end))
            .collect();
        spans.sort_unstable();
        let furthest: Vec<usize> = spans
            .iter()
            .scan(0, |end, s| {
                *end = (*end).max(s.1);
                Some(*end)
            })
            .collect();
        let rejected: std::collections::HashSet<(CharSpan, &str)> = entry
            .rejections
            .iter()
            .map(|r| (r.span, r.label.as_str()))
            .collect();
        let open = |span: CharSpan, label: &str| {
            let before = spans.partition_point(|s| s.0 < span.end);
            let overlaps = before > 0 && furthest[before - 1] > span.start;
            !overlaps && !rejected.contains(&(span, label))
        };
        let mut best: HashMap<&str, Option<Best<'_>>> = HashMap::new();
        let mut all: Vec<Suggestion> = Vec::new();
        for (span, form) in self.by_doc.get(index).into_iter().flatten() {
            let Some(((label, entity), score)) = *best
                .entry(&**form)
                .or_insert_with(|| self.forms.get(&**form).and_then(FormModel::best))
            else {
                continue;
            };
            if score >= self.threshold && open(*span, label) {
                all.push(Suggestion {
                    span: *span,
                    form: form.to_string(),
                    label: label.clone(),
                    entity,
                    score,
                    source: None,
                });
            }
        }
        // What a model proposed here, with its own score.
        for p in &entry.proposals {
            let score = p.score.map_or(1.0, |t| f64::from(t) / 1000.0);
            if score >= self.threshold && open(p.span, &p.label) {
                all.push(Suggestion {
                    span: p.span,
                    form: p.text.clone(),
                    label: p.label.clone(),
                    entity: p.entity,
                    score,
                    source: Some(p.source.clone()),
                });
            }
        }
        all.sort_by_key(|s| (s.span.start, s.span.end));
        let mut out: Vec<Suggestion> = Vec::with_capacity(all.len());
        for s in all {
            if let Some(last) = out.last_mut()
                && last.span.overlaps(s.span)
            {
                if s.span.len() > last.span.len() {
                    out.pop();
                } else {
                    continue;
                }
            }
            out.push(s);
        }
        out
    }

    /// How many suggestions wait in each document of `corpus` (in corpus
    /// order).
    #[must_use]
    pub fn counts(&self, project: &Project, corpus: &[Document]) -> Vec<usize> {
        corpus
            .iter()
            .enumerate()
            .map(|(i, d)| {
                project
                    .documents
                    .get(&d.path)
                    .map_or(0, |entry| self.suggestions(i, entry).len())
            })
            .collect()
    }

    /// Why `form` is suggested (or not): "PER, learned from 7 mentions
    /// (Vladimir Putin), 1 rejection".
    #[must_use]
    pub fn why(&self, project: &Project, form: &str) -> Why {
        forms::why(self.forms.get(form), project, self.threshold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Mention, MentionId, Schema, apply, edit::Edit};

    /// Issue 24 item 10: a form found at a thousand places is stored once
    /// (each place used to hold its own copy of the word: 9 × a hostile
    /// file's size in the app).
    #[test]
    fn a_form_found_many_times_is_stored_once() {
        let text = "Lyon ".repeat(1_000);
        let doc = Document::new("a.txt", &text, "UTF-8");
        let mut project = Project::new("a", Schema::builtin());
        project.attach(std::slice::from_ref(&doc));
        let mention = Mention::new(&doc, MentionId(1), CharSpan::new(0, 4), "GPE");
        apply(
            &mut project,
            Edit::AddMention {
                doc: doc.path.clone(),
                mention,
            },
        )
        .expect("add");
        let s = Suggester::build(&project, std::slice::from_ref(&doc));
        let places = s.by_doc.first().map_or(0, Vec::len);
        assert_eq!(places, 1_000);
        let shared = s.looked_for.get("Lyon").expect("looked for");
        // One copy here, one per place: no place has a copy of its own.
        assert_eq!(Arc::strong_count(shared), places + 1);
    }
}
