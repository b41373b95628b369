//! A conflict a three-way merge of two versions of a project recorded
//! (`stancemark merge-file`): the same annotation changed differently on
//! each side, or changed on one and deleted on the other. The project holds
//! one version (never losing an edit: a deleted-and-edited annotation is
//! kept); the conflict holds the other side's, until the user decides.

use super::annotation::{Entity, Mention};
use super::quotation::Quotation;
use super::relation::Relation;
use super::stance::{Claim, Stance};

/// An annotation as one side of a merge had it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ConflictItem {
    /// A mention.
    Mention(Mention),
    /// A stance.
    Stance(Stance),
    /// A relation.
    Relation(Relation),
    /// A quotation.
    Quotation(Quotation),
    /// An entity.
    Entity(Entity),
    /// A claim.
    Claim(Claim),
}

impl ConflictItem {
    /// "mention", "stance", …
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Mention(_) => "mention",
            Self::Stance(_) => "stance",
            Self::Relation(_) => "relation",
            Self::Quotation(_) => "quotation",
            Self::Entity(_) => "entity",
            Self::Claim(_) => "claim",
        }
    }

    /// A short description: kind, id and what it says.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::Mention(m) => format!("mention {} {} “{}”", m.id, m.label, m.quote.exact),
            Self::Stance(s) => format!("stance {} ({})", s.id.0, s.polarity),
            Self::Relation(r) => format!("relation {} {}", r.id.0, r.label),
            Self::Quotation(q) => format!(
                "quotation {} “{}”",
                q.id.0,
                q.contents.first().map_or("", |c| c.quote.exact.as_str())
            ),
            Self::Entity(e) => format!("entity {} {:?} ({})", e.id.0, e.name, e.label),
            Self::Claim(c) => format!("claim {} {:?}", c.id.0, c.text),
        }
    }
}

/// A recorded conflict.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Conflict {
    /// The document, for annotations of one (`None`: entities, claims).
    pub doc: Option<String>,
    /// The version the project holds.
    pub kept: ConflictItem,
    /// Which side that version is from ("ours" or "theirs", or a branch).
    pub kept_from: String,
    /// The other side's version; `None`: the other side deleted it.
    pub other: Option<ConflictItem>,
    /// Which side the other version is from.
    pub other_from: String,
}

impl Conflict {
    /// One line for lists: where, what, and the two versions.
    #[must_use]
    pub fn describe(&self) -> String {
        let at = self
            .doc
            .as_ref()
            .map(|d| format!("{d}: "))
            .unwrap_or_default();
        let other = self.other.as_ref().map_or_else(
            || format!("{} deleted it", self.other_from),
            |o| format!("{} has {}", self.other_from, o.describe()),
        );
        format!(
            "{at}merge conflict: {} has {}; {other}",
            self.kept_from,
            self.kept.describe()
        )
    }
}

/// The edit that settles conflict `index` of `project`: keeping the version
/// the project holds (`take_other == false`), or taking the other side's
/// (which, when the other side deleted it, deletes it). One undo step.
///
/// # Errors
/// When there is no such conflict, or the annotation it is about is not
/// where it says (the edit that deletes it may still be refused when the
/// annotation is in use).
pub fn settle_conflict(
    project: &super::project::Project,
    index: usize,
    take_other: bool,
) -> Result<super::edit::Edit, String> {
    use super::edit::Edit;
    let c = project
        .conflicts
        .get(index)
        .ok_or_else(|| format!("there is no merge conflict {index}"))?;
    let settled = Edit::RemoveConflict { index };
    if !take_other {
        return Ok(settled);
    }
    let doc = || {
        c.doc
            .clone()
            .ok_or_else(|| "the conflict names no document".to_owned())
    };
    let entry = c.doc.as_ref().and_then(|d| project.documents.get(d));
    let change = match (&c.other, &c.kept) {
        (Some(ConflictItem::Mention(m)), _) => {
            if entry.and_then(|e| e.mention(m.id)).is_some() {
                Edit::ReplaceMention {
                    doc: doc()?,
                    mention: m.clone(),
                }
            } else {
                Edit::AddMention {
                    doc: doc()?,
                    mention: m.clone(),
                }
            }
        }
        (Some(ConflictItem::Stance(s)), _) => {
            if entry.is_some_and(|e| e.stances.iter().any(|x| x.id == s.id)) {
                Edit::UpdateStance {
                    doc: doc()?,
                    stance: s.clone(),
                }
            } else {
                Edit::AddStance {
                    doc: doc()?,
                    stance: s.clone(),
                }
            }
        }
        (Some(ConflictItem::Relation(r)), _) => {
            if entry.and_then(|e| e.relation(r.id)).is_some() {
                Edit::UpdateRelation {
                    doc: doc()?,
                    relation: r.clone(),
                }
            } else {
                Edit::AddRelation {
                    doc: doc()?,
                    relation: r.clone(),
                }
            }
        }
        (Some(ConflictItem::Quotation(q)), _) => {
            if entry.and_then(|e| e.quotation(q.id)).is_some() {
                Edit::UpdateQuotation {
                    doc: doc()?,
                    quotation: q.clone(),
                }
            } else {
                Edit::AddQuotation {
                    doc: doc()?,
                    quotation: q.clone(),
                }
            }
        }
        (Some(ConflictItem::Entity(e)), _) => {
            if project.entities.contains_key(&e.id) {
                Edit::UpdateEntity { entity: e.clone() }
            } else {
                Edit::AddEntity { entity: e.clone() }
            }
        }
        (Some(ConflictItem::Claim(cl)), _) => {
            if project.claims.contains_key(&cl.id) {
                Edit::UpdateClaim { claim: cl.clone() }
            } else {
                Edit::AddClaim { claim: cl.clone() }
            }
        }
        (None, ConflictItem::Mention(m)) => Edit::RemoveMention {
            doc: doc()?,
            id: m.id,
        },
        (None, ConflictItem::Stance(s)) => Edit::RemoveStance {
            doc: doc()?,
            id: s.id,
        },
        (None, ConflictItem::Relation(r)) => Edit::RemoveRelation {
            doc: doc()?,
            id: r.id,
        },
        (None, ConflictItem::Quotation(q)) => Edit::RemoveQuotation {
            doc: doc()?,
            id: q.id,
        },
        (None, ConflictItem::Entity(e)) => Edit::RemoveEntity { id: e.id },
        (None, ConflictItem::Claim(cl)) => Edit::RemoveClaim { id: cl.id },
    };
    Ok(Edit::Batch(vec![change, settled]))
}
