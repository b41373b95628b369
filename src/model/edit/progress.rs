//! A document someone works on is no longer "todo": an edit that adds work
//! to a document (a mention, a stance, a relation, a quotation, a code),
//! however it comes (by hand, accepted, carried, imported), also moves the
//! document to "in progress", in the same undo step.

use std::collections::BTreeSet;

use super::Edit;
use crate::model::project::{DocStatus, Project};

/// `edit`, followed by moving each "todo" document it adds work to into
/// "in progress" (unless the edit sets that document's status itself).
#[must_use]
pub fn with_progress(project: &Project, edit: Edit) -> Edit {
    let mut worked = BTreeSet::new();
    let mut status_set = BTreeSet::new();
    visit(&edit, &mut worked, &mut status_set);
    let started: Vec<Edit> = worked
        .difference(&status_set)
        .filter(|doc| {
            project
                .documents
                .get(*doc)
                .is_some_and(|d| d.status == DocStatus::Todo)
        })
        .map(|doc| Edit::SetStatus {
            doc: doc.clone(),
            status: DocStatus::InProgress,
        })
        .collect();
    if started.is_empty() {
        return edit;
    }
    let mut all = vec![edit];
    all.extend(started);
    Edit::Batch(all)
}

fn visit(edit: &Edit, worked: &mut BTreeSet<String>, status_set: &mut BTreeSet<String>) {
    match edit {
        Edit::AddMention { doc, .. }
        | Edit::AddStance { doc, .. }
        | Edit::AddRelation { doc, .. }
        | Edit::AddQuotation { doc, .. }
        | Edit::SetCode {
            doc,
            value: Some(_),
            ..
        } => {
            worked.insert(doc.clone());
        }
        Edit::SetStatus { doc, .. } => {
            status_set.insert(doc.clone());
        }
        Edit::Batch(edits) => {
            for e in edits {
                visit(e, worked, status_set);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::codebook::{Choice, Code, Variable, VariableKind};
    use crate::model::{Document, Schema, apply};

    #[test]
    fn coding_a_todo_document_starts_it_and_undo_takes_it_back() {
        let doc = Document::new("a.txt", "Some text.", "UTF-8");
        let mut p = Project::new("ana", Schema::builtin());
        p.attach(std::slice::from_ref(&doc));
        p.schema.variables.push(Variable {
            name: "frame".into(),
            description: String::new(),
            kind: VariableKind::Single(vec![Choice {
                name: "legal".into(),
                label: String::new(),
            }]),
            condition: None,
            required: false,
        });
        let code = Edit::SetCode {
            doc: "a.txt".into(),
            variable: "frame".into(),
            value: Some(Code::Choice("legal".into())),
        };
        let before = p.clone();
        let inverse = apply(&mut p, with_progress(&before, code.clone())).expect("apply");
        assert_eq!(p.documents["a.txt"].status, DocStatus::InProgress);
        apply(&mut p, inverse).expect("undo");
        assert_eq!(p, before);
        // A document already further along keeps its status.
        let mut done = before.clone();
        apply(
            &mut done,
            Edit::SetStatus {
                doc: "a.txt".into(),
                status: DocStatus::Done,
            },
        )
        .expect("done");
        assert_eq!(with_progress(&done, code.clone()), code);
        // Clearing a code is no work started.
        let clear = Edit::SetCode {
            doc: "a.txt".into(),
            variable: "frame".into(),
            value: None,
        };
        assert_eq!(with_progress(&before, clear.clone()), clear);
    }
}
