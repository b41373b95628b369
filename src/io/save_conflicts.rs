//! Merge conflicts in the project file (format version 9): where, which
//! side's version the project holds, and the other side's version (absent
//! when that side deleted the annotation).

use serde::{Deserialize, Serialize};

use super::save_format::{
    SavedMention, SavedQuotation, SavedRelation, SavedStance, mention_of, quotation_of,
    relation_of, saved_mention, saved_quotation, saved_relation, saved_stance, stance_of,
};
use crate::model::conflict::{Conflict, ConflictItem};
use crate::model::{Claim, Entity, EntityId};

/// An annotation as one side had it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SavedConflictItem {
    /// A mention.
    Mention(SavedMention),
    /// A stance.
    Stance(SavedStance),
    /// A relation.
    Relation(SavedRelation),
    /// A quotation.
    Quotation(SavedQuotation),
    /// An entity: id, name, type, aliases, Wikidata id, note.
    Entity {
        /// Id.
        id: u64,
        /// Name.
        name: String,
        /// Type.
        #[serde(rename = "type")]
        label: String,
        /// Other names.
        #[serde(default)]
        aliases: Vec<String>,
        /// Wikidata id.
        #[serde(default)]
        kb_id: Option<String>,
        /// Note.
        #[serde(default)]
        note: String,
    },
    /// A claim.
    Claim(Claim),
}

/// A recorded conflict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedConflict {
    /// The document (absent: an entity or claim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The version the project holds.
    pub kept: SavedConflictItem,
    /// Its side.
    pub kept_from: String,
    /// The other side's version (absent: deleted there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<SavedConflictItem>,
    /// Its side.
    pub other_from: String,
}

fn saved_item(item: &ConflictItem) -> SavedConflictItem {
    match item {
        ConflictItem::Mention(m) => SavedConflictItem::Mention(saved_mention(m)),
        ConflictItem::Stance(s) => SavedConflictItem::Stance(saved_stance(s)),
        ConflictItem::Relation(r) => SavedConflictItem::Relation(saved_relation(r)),
        ConflictItem::Quotation(q) => SavedConflictItem::Quotation(saved_quotation(q)),
        ConflictItem::Entity(e) => SavedConflictItem::Entity {
            id: e.id.0,
            name: e.name.clone(),
            label: e.label.clone(),
            aliases: e.aliases.clone(),
            kb_id: e.kb_id.clone(),
            note: e.note.clone(),
        },
        ConflictItem::Claim(c) => SavedConflictItem::Claim(c.clone()),
    }
}

fn item_of(item: SavedConflictItem) -> ConflictItem {
    match item {
        SavedConflictItem::Mention(m) => ConflictItem::Mention(mention_of(m)),
        SavedConflictItem::Stance(s) => ConflictItem::Stance(stance_of(s)),
        SavedConflictItem::Relation(r) => ConflictItem::Relation(relation_of(r)),
        SavedConflictItem::Quotation(q) => ConflictItem::Quotation(quotation_of(q)),
        SavedConflictItem::Entity {
            id,
            name,
            label,
            aliases,
            kb_id,
            note,
        } => ConflictItem::Entity(Entity {
            id: EntityId(id),
            name,
            label,
            aliases,
            kb_id,
            note,
        }),
        SavedConflictItem::Claim(c) => ConflictItem::Claim(c),
    }
}

/// The saved form of `c`.
#[must_use]
pub fn saved_conflict(c: &Conflict) -> SavedConflict {
    SavedConflict {
        doc: c.doc.clone(),
        kept: saved_item(&c.kept),
        kept_from: c.kept_from.clone(),
        other: c.other.as_ref().map(saved_item),
        other_from: c.other_from.clone(),
    }
}

/// The conflict `c` saves.
#[must_use]
pub fn conflict_of(c: SavedConflict) -> Conflict {
    Conflict {
        doc: c.doc,
        kept: item_of(c.kept),
        kept_from: c.kept_from,
        other: c.other.map(item_of),
        other_from: c.other_from,
    }
}
