//! Repeated passages in the session: which passage is asked about (the
//! selection, else the sentence of the selected mention, quotation or
//! stance evidence), and carrying a passage's annotations over to another
//! rendering as suggestions to review: mentions as proposals the suggester
//! offers (A / X), stances and quotations as a list to accept or reject.

use super::Session;
use crate::model::passages::{Rendering, accept_carried, plan_carry};
use crate::model::{CharSpan, Edit};

/// What carrying a passage over did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Carried {
    /// Mentions offered as suggestions.
    pub added: usize,
    /// Stances and quotations waiting to be accepted or rejected.
    pub to_review: usize,
    /// Annotations the target has (or was offered) already.
    pub already: usize,
    /// Annotations not carried, each with why.
    pub not_carried: Vec<String>,
}

impl Session {
    /// The passage to look for elsewhere: the selection; else the sentence
    /// holding the selected mention, the selected quotation's first part,
    /// or the selected stance's first evidence.
    #[must_use]
    pub fn asked_passage(&self) -> Option<(usize, CharSpan)> {
        let doc = self.current;
        if let Some(span) = self.selection.filter(|s| !s.is_empty()) {
            return Some((doc, span));
        }
        let at = self
            .selected()
            .map(|m| m.span.start)
            .or_else(|| {
                self.selected_quotation()
                    .and_then(|q| q.contents.first())
                    .map(|e| e.span.start)
            })
            .or_else(|| {
                self.selected_stance()
                    .and_then(crate::model::Stance::first_span)
                    .map(|s| s.start)
            })?;
        self.passages.passage_at(doc, at).map(|p| (doc, p.span))
    }

    /// Carries the annotations of passage `from` (document `from_doc`) to
    /// the rendering `to` (document `to_doc`), each through the word
    /// alignment: its mentions become suggestions (one undo step), its
    /// stances and quotations wait in [`Session::carried`]; those whose
    /// words differ are listed, not guessed.
    ///
    /// # Errors
    /// On a read-only target, or when refused.
    pub fn carry_passage(
        &mut self,
        (from_doc, from): (usize, CharSpan),
        (to_doc, to): (usize, CharSpan),
    ) -> Result<Carried, String> {
        let (Some(source), Some(target)) = (
            self.corpus.documents.get(from_doc),
            self.corpus.documents.get(to_doc),
        ) else {
            return Err("no such document".to_owned());
        };
        if self.is_read_only(&target.path) {
            return Err(format!("{} is read-only", target.path));
        }
        let (Some(from_entry), Some(to_entry)) = (
            self.project.documents.get(&source.path),
            self.project.documents.get(&target.path),
        ) else {
            return Err("the document is not in the project".to_owned());
        };
        let plan = plan_carry(
            Rendering {
                doc: source,
                entry: from_entry,
                span: from,
            },
            Rendering {
                doc: target,
                entry: to_entry,
                span: to,
            },
        );
        let mut report = Carried {
            added: plan.proposals.len(),
            to_review: 0,
            already: plan.already,
            not_carried: plan.not_carried,
        };
        for item in plan.items {
            if self.carried.iter().any(|(d, x)| *d == to_doc && *x == item) {
                report.already += 1;
            } else {
                self.carried.push((to_doc, item));
                report.to_review += 1;
            }
        }
        if !plan.proposals.is_empty() {
            let path = target.path.clone();
            self.apply(Edit::AddProposals {
                doc: path,
                proposals: plan.proposals,
            })
            .map_err(|e| e.to_string())?;
        }
        Ok(report)
    }

    /// Accepts carried item `index` into its document (one undo step) and
    /// shows it there.
    ///
    /// # Errors
    /// When there is no such item, the document is read-only, or the item
    /// no longer fits the text.
    pub fn accept_carried(&mut self, index: usize) -> Result<(), String> {
        let (doc_index, item) = self
            .carried
            .get(index)
            .cloned()
            .ok_or("no such carried annotation")?;
        let doc = self
            .corpus
            .documents
            .get(doc_index)
            .ok_or("no such document")?;
        if self.is_read_only(&doc.path) {
            return Err(format!("{} is read-only", doc.path));
        }
        let entry = self
            .project
            .documents
            .get(&doc.path)
            .ok_or("the document is not in the project")?;
        let edit = accept_carried(doc, entry, &item)?;
        self.apply(edit).map_err(|e| e.to_string())?;
        self.carried.remove(index);
        Ok(())
    }

    /// Drops carried item `index` without adding it.
    ///
    /// # Errors
    /// When there is no such item.
    pub fn reject_carried(&mut self, index: usize) -> Result<(), String> {
        if index >= self.carried.len() {
            return Err("no such carried annotation".to_owned());
        }
        self.carried.remove(index);
        Ok(())
    }
}
