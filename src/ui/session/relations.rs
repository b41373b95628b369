//! Making relations in the shown document: by keyboard (R on the selected
//! mention, Tab to the target, a relation type's key) and from the
//! "Relate to…" picker, both through [`Session::relate`].

use super::Session;
use crate::model::{CharSpan, Edit, MentionId, Relation};
use crate::ui::command::Command;

/// A relation being made by keyboard: from `source`, to the mention Tab
/// has reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Relating {
    /// The mention the relation starts from.
    pub source: MentionId,
    /// The mention it would go to.
    pub target: Option<MentionId>,
}

impl Session {
    /// Starts a relation from the selected mention (R) with no target yet:
    /// the first Tab takes the nearest mention after the source in text
    /// order (Shift+Tab the nearest before), each further Tab the next.
    /// Returns the source's span, to keep it in view.
    ///
    /// # Errors
    /// Without a selected mention, with fewer than two mentions, or on a
    /// read-only document.
    pub fn start_relating(&mut self) -> Result<Option<CharSpan>, String> {
        let Some(source) = self.selected_mention else {
            return Err("select the mention a relation starts from (Tab), then press R".to_owned());
        };
        if self.document_path().is_some_and(|p| self.is_read_only(p)) {
            return Err("this document is read-only".to_owned());
        }
        let entry = self
            .document_path()
            .and_then(|p| self.project.documents.get(p));
        let span = entry.and_then(|e| e.mention(source)).map(|m| m.span);
        if entry.is_none_or(|e| e.mentions.iter().all(|m| m.id == source)) {
            return Err("a relation needs a second mention in this document".to_owned());
        }
        // No target is chosen for the user: a preselected one made the
        // first Tab skip the nearest mention (issue 24, item 24).
        self.relating = Some(Relating {
            source,
            target: None,
        });
        Ok(span)
    }

    /// Starts a relation from `source` to `target` (a drag from one chip
    /// onto another): selects the source; a type key, or a type in the side
    /// panel, makes it.
    ///
    /// # Errors
    /// On a read-only document, or when either is no mention of it.
    pub fn relate_by_drag(&mut self, source: MentionId, target: MentionId) -> Result<(), String> {
        let Some(path) = self.document_path() else {
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
        if entry.mention(source).is_none() || entry.mention(target).is_none() {
            return Err("a relation goes between two mentions of this document".to_owned());
        }
        self.selected_mention = Some(source);
        self.selected_stance = None;
        self.selection = None;
        self.relating = Some(Relating {
            source,
            target: Some(target),
        });
        Ok(())
    }

    /// While relating, the commands that mean something else: Tab and
    /// Shift+Tab move the target, a type key makes the relation, Escape
    /// gives up. `None` when the command is not one of them (or nothing is
    /// being related); else what it did, with a span to keep in view.
    pub fn relating_takes(
        &mut self,
        command: &Command,
    ) -> Option<Result<Option<CharSpan>, String>> {
        let relating = self.relating?;
        Some(match command {
            Command::StepMention { forward } => Ok(self.step_target(*forward)),
            Command::TypeKey(key) => {
                let label = self
                    .project
                    .schema
                    .relation_type_for_key(*key)
                    .map(|t| t.name.clone());
                match (label, relating.target) {
                    // A refused type leaves the relation open for another.
                    (Some(label), Some(target)) => {
                        self.relate(relating.source, target, &label).map(|()| {
                            self.relating = None;
                            None
                        })
                    }
                    (None, _) => Err(format!("no relation type is bound to key {key}")),
                    (_, None) => Err("Tab to the mention the relation goes to first".to_owned()),
                }
            }
            Command::ClearSelection => {
                self.relating = None;
                Ok(None)
            }
            _ => return None,
        })
    }

    /// Moves the relation's target to the next (or previous) mention, in
    /// text order, wrapping round and passing over the source.
    fn step_target(&mut self, forward: bool) -> Option<CharSpan> {
        let relating = self.relating?;
        let entry = self.project.documents.get(self.document_path()?)?;
        let others: Vec<_> = entry
            .mentions
            .iter()
            .filter(|m| m.id != relating.source)
            .collect();
        let from = relating
            .target
            .or(Some(relating.source))
            .and_then(|id| entry.mention(id))
            .map(|m| m.order_key());
        let next = if forward {
            others
                .iter()
                .find(|m| from.as_ref().is_none_or(|f| m.order_key() > *f))
                .or(others.first())
        } else {
            others
                .iter()
                .rev()
                .find(|m| from.as_ref().is_none_or(|f| m.order_key() < *f))
                .or(others.last())
        }?;
        let span = next.span;
        self.relating = Some(Relating {
            target: Some(next.id),
            ..relating
        });
        Some(span)
    }

    /// Adds a relation of type `label` from `source` to `target` in the
    /// shown document (one undo step) and selects the source.
    ///
    /// # Errors
    /// What the model says when the relation does not fit (the types, a
    /// mention related to itself), or on a read-only document.
    pub fn relate(
        &mut self,
        source: MentionId,
        target: MentionId,
        label: &str,
    ) -> Result<(), String> {
        let Some(doc) = self.document_path().map(str::to_owned) else {
            return Ok(());
        };
        if self.is_read_only(&doc) {
            return Err("this document is read-only".to_owned());
        }
        let id = self
            .project
            .documents
            .get(&doc)
            .map(|d| d.next_relation_id())
            .ok_or("the document is not in the project")?;
        self.apply(Edit::AddRelation {
            doc,
            relation: Relation::new(id, label, source, target),
        })
        .map_err(|e| e.to_string())?;
        self.selected_mention = Some(source);
        Ok(())
    }
}
