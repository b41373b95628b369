//! Repeated passages in the session: which passage is asked about (the
//! selection, else the sentence of the selected mention, quotation or
//! stance evidence), and carrying a passage's mentions over to another
//! rendering as suggestions to review.

use super::Session;
use crate::model::passages::carry_span;
use crate::model::{CharSpan, Edit, Mention};

/// What carrying mentions over did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Carried {
    /// Suggestions added.
    pub added: usize,
    /// Mentions already there with that type.
    pub already: usize,
    /// Mentions not carried, each with why.
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

    /// Adds the mentions of passage `from` (document `from_doc`) to the
    /// rendering `to` (document `to_doc`) as suggestions, each through the
    /// word alignment; those whose words differ there are listed, not
    /// guessed. One undo step.
    ///
    /// # Errors
    /// On a read-only target, or when refused.
    pub fn carry_mentions(
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
        let (Some(a), Some(b)) = (source.slice(from), target.slice(to)) else {
            return Err("the passage is not in the text".to_owned());
        };
        let mut report = Carried::default();
        let mut edits = Vec::new();
        let mut next = to_entry.next_mention_id().0;
        for m in from_entry
            .mentions
            .iter()
            .filter(|m| !m.suggested && from.start <= m.span.start && m.span.end <= from.end)
        {
            let rel = CharSpan::new(m.span.start - from.start, m.span.end - from.start);
            let Some(landed) = carry_span(a, rel, b) else {
                report.not_carried.push(format!(
                    "“{}” ({}): the words differ there",
                    m.quote.exact, m.label
                ));
                continue;
            };
            let span = CharSpan::new(to.start + landed.start, to.start + landed.end);
            if to_entry
                .mentions
                .iter()
                .any(|x| x.span == span && x.label == m.label)
            {
                report.already += 1;
                continue;
            }
            let mut carried =
                Mention::new(target, crate::model::MentionId(next), span, m.label.clone());
            next += 1;
            carried.entity = m.entity;
            carried.suggested = true;
            edits.push(Edit::AddMention {
                doc: target.path.clone(),
                mention: carried,
            });
            report.added += 1;
        }
        if !edits.is_empty() {
            self.apply(Edit::Batch(edits)).map_err(|e| e.to_string())?;
        }
        Ok(report)
    }
}
