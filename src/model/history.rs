//! Unlimited undo and redo over inverse edits, across all documents.

use super::edit::{Edit, EditRejected, apply};
use super::project::Project;

/// Undo and redo stacks. Each entry is the edit that undoes (or redoes) one step.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl History {
    /// Applies `edit`, records its inverse and clears the redo stack.
    ///
    /// # Errors
    /// When the project refuses the edit; nothing changes then.
    pub fn apply(&mut self, project: &mut Project, edit: Edit) -> Result<(), EditRejected> {
        let inverse = apply(project, edit)?;
        self.undo.push(inverse);
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last step. Returns the edit that was applied (to tell the
    /// view which document changed), or `None` when there is nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Option<Result<Edit, EditRejected>> {
        Self::step(project, &mut self.undo, &mut self.redo)
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self, project: &mut Project) -> Option<Result<Edit, EditRejected>> {
        Self::step(project, &mut self.redo, &mut self.undo)
    }

    fn step(
        project: &mut Project,
        from: &mut Vec<Edit>,
        to: &mut Vec<Edit>,
    ) -> Option<Result<Edit, EditRejected>> {
        let edit = from.pop()?;
        match apply(project, edit.clone()) {
            Ok(inverse) => {
                to.push(inverse);
                Some(Ok(edit))
            }
            Err(e) => {
                from.push(edit);
                Some(Err(e))
            }
        }
    }

    /// Number of steps that can be undone.
    #[must_use]
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Number of steps that can be redone.
    #[must_use]
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }
}
