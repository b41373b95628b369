//! Conflicts a side carries unsettled (recorded by an earlier merge and
//! pushed as they were) name annotations by that side's ids. When a pass
//! before the merge gives that side's annotations other ids, the
//! conflicts must follow, or settling one later would put back an
//! annotation that points at whatever holds the old id now (found by the
//! team simulation, issue 30).

use std::collections::BTreeMap;

use crate::model::annotation::{EntityId, MentionId};
use crate::model::conflict::{Conflict, ConflictItem};
use crate::model::quotation::QuotationId;
use crate::model::relation::RelationId;
use crate::model::stance::{ClaimId, Holder, StanceId, Target};

/// The ids one pass moved within one document, each map applied at once
/// (old id → new id).
#[derive(Debug, Default)]
pub(super) struct DocMoves {
    pub mentions: BTreeMap<MentionId, MentionId>,
    pub relations: BTreeMap<RelationId, RelationId>,
    pub quotations: BTreeMap<QuotationId, QuotationId>,
    pub stances: BTreeMap<StanceId, StanceId>,
}

impl DocMoves {
    fn is_empty(&self) -> bool {
        self.mentions.is_empty()
            && self.relations.is_empty()
            && self.quotations.is_empty()
            && self.stances.is_empty()
    }
}

fn moved<K: Ord + Copy>(map: &BTreeMap<K, K>, id: &mut K) {
    if let Some(n) = map.get(id) {
        *id = *n;
    }
}

fn items(conflict: &mut Conflict) -> impl Iterator<Item = &mut ConflictItem> {
    std::iter::once(&mut conflict.kept).chain(conflict.other.as_mut())
}

/// Rewrites the ids `moves` moved in the conflicts about document `path`.
pub(super) fn follow_in_document(conflicts: &mut [Conflict], path: &str, moves: &DocMoves) {
    if moves.is_empty() {
        return;
    }
    for c in conflicts
        .iter_mut()
        .filter(|c| c.doc.as_deref() == Some(path))
    {
        for item in items(c) {
            match item {
                ConflictItem::Mention(m) => moved(&moves.mentions, &mut m.id),
                ConflictItem::Relation(r) => {
                    moved(&moves.relations, &mut r.id);
                    moved(&moves.mentions, &mut r.source);
                    moved(&moves.mentions, &mut r.target);
                }
                ConflictItem::Quotation(q) => {
                    moved(&moves.quotations, &mut q.id);
                    if let Some(s) = &mut q.speaker {
                        moved(&moves.mentions, s);
                    }
                    q.sources.iter_mut().for_each(|s| moved(&moves.mentions, s));
                }
                ConflictItem::Stance(s) => {
                    moved(&moves.stances, &mut s.id);
                    if let Some(q) = &mut s.quotation {
                        moved(&moves.quotations, q);
                    }
                }
                ConflictItem::Entity(_) | ConflictItem::Claim(_) => {}
            }
        }
    }
}

/// Rewrites entity ids `moves` moved (all at once) in every conflict.
pub(super) fn follow_entities(conflicts: &mut [Conflict], moves: &BTreeMap<EntityId, EntityId>) {
    if moves.is_empty() {
        return;
    }
    for item in conflicts.iter_mut().flat_map(items) {
        match item {
            ConflictItem::Entity(e) => moved(moves, &mut e.id),
            ConflictItem::Mention(m) => {
                if let Some(e) = &mut m.entity {
                    moved(moves, e);
                }
            }
            ConflictItem::Stance(s) => {
                if let Holder::Entity(e) = &mut s.holder {
                    moved(moves, e);
                }
                if let Target::Entity(e) = &mut s.target {
                    moved(moves, e);
                }
            }
            ConflictItem::Relation(_) | ConflictItem::Quotation(_) | ConflictItem::Claim(_) => {}
        }
    }
}

/// Rewrites claim ids `moves` moved (all at once) in every conflict.
pub(super) fn follow_claims(conflicts: &mut [Conflict], moves: &BTreeMap<ClaimId, ClaimId>) {
    if moves.is_empty() {
        return;
    }
    for item in conflicts.iter_mut().flat_map(items) {
        match item {
            ConflictItem::Claim(c) => moved(moves, &mut c.id),
            ConflictItem::Stance(s) => {
                if let Target::Claim(c) = &mut s.target {
                    moved(moves, c);
                }
            }
            _ => {}
        }
    }
}
