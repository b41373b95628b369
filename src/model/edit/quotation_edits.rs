//! Applying the quotation edits: each checks that the quotation's mentions
//! are in its document and its spans are not empty, and returns its exact
//! inverse.

use crate::model::project::Project;
use crate::model::quotation::Quotation;

use super::apply::doc_mut;
use super::{Edit, EditRejected};

/// Applies a quotation edit (`AddQuotation`, `RemoveQuotation`,
/// `UpdateQuotation`); any other edit is refused.
pub(super) fn apply_quotation_edit(
    project: &mut Project,
    edit: Edit,
) -> Result<Edit, EditRejected> {
    match edit {
        Edit::AddQuotation { doc, mut quotation } => {
            check(project, &doc, &quotation)?;
            quotation.sort_contents();
            let entry = doc_mut(project, &doc)?;
            if entry.quotation(quotation.id).is_some() {
                return Err(EditRejected::DuplicateQuotation {
                    doc,
                    id: quotation.id,
                });
            }
            let id = quotation.id;
            entry.insert_quotation(quotation);
            Ok(Edit::RemoveQuotation { doc, id })
        }
        Edit::RemoveQuotation { doc, id } => {
            let entry = doc_mut(project, &doc)?;
            let Some(at) = entry.quotations.iter().position(|q| q.id == id) else {
                return Err(EditRejected::NoSuchQuotation { doc, id });
            };
            let count = entry
                .stances
                .iter()
                .filter(|s| s.quotation == Some(id))
                .count();
            if count > 0 {
                return Err(EditRejected::QuotationInStances { doc, id, count });
            }
            let quotation = entry.quotations.remove(at);
            Ok(Edit::AddQuotation { doc, quotation })
        }
        Edit::UpdateQuotation { doc, mut quotation } => {
            check(project, &doc, &quotation)?;
            quotation.sort_contents();
            let entry = doc_mut(project, &doc)?;
            let Some(old) = entry.quotations.iter_mut().find(|q| q.id == quotation.id) else {
                return Err(EditRejected::NoSuchQuotation {
                    doc,
                    id: quotation.id,
                });
            };
            let old = std::mem::replace(old, quotation);
            Ok(Edit::UpdateQuotation {
                doc,
                quotation: old,
            })
        }
        other => Err(EditRejected::InvalidQuotation(format!(
            "not a quotation edit: {other:?}"
        ))),
    }
}

/// Why `quotation` cannot stand in document `doc`: no content, an empty
/// span, or a speaker or source that is not a mention of the document.
fn check(project: &Project, doc: &str, quotation: &Quotation) -> Result<(), EditRejected> {
    let entry = project
        .documents
        .get(doc)
        .ok_or_else(|| EditRejected::NoSuchDocument(doc.to_owned()))?;
    if quotation.contents.is_empty() {
        return Err(EditRejected::InvalidQuotation(
            "a quotation needs the quoted words (a content span)".to_owned(),
        ));
    }
    if quotation.spans().any(|e| e.span.is_empty()) {
        return Err(EditRejected::InvalidQuotation(
            "a quotation's cue and content spans cannot be empty".to_owned(),
        ));
    }
    if let Some(id) = quotation.mentions().find(|id| entry.mention(*id).is_none()) {
        return Err(EditRejected::NoSuchMention {
            doc: doc.to_owned(),
            id,
        });
    }
    Ok(())
}
