//! Before merging: annotations both sides added under the same id are
//! told apart. The same annotation added on both sides (a mention with the
//! same span and type, a quotation with the same words…) is given ours' id,
//! so the merge sees one annotation; two different ones sharing an id get
//! a fresh id on theirs' side, with every reference to it rewritten.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::model::annotation::{EntityId, MentionId};
use crate::model::project::{DocAnnotations, Project};
use crate::model::quotation::QuotationId;
use crate::model::relation::RelationId;
use crate::model::stance::{ClaimId, StanceId, Target};

use super::follow::{DocMoves, follow_claims, follow_in_document};
use super::replaced::move_entity;

/// Rewrites `theirs` so that its additions do not collide with ours'.
pub(super) fn separate_additions(base: &Project, ours: &Project, theirs: &mut Project) {
    separate_entities(base, ours, theirs);
    separate_claims(base, ours, theirs);
    let paths: Vec<String> = theirs.documents.keys().cloned().collect();
    for path in paths {
        let (Some(o), Some(t)) = (ours.documents.get(&path), theirs.documents.get_mut(&path))
        else {
            continue;
        };
        let empty = DocAnnotations::default();
        let b = base.documents.get(&path).map_or(&empty, |d| d.as_ref());
        let moves = separate_in_document(b, o, Arc::make_mut(t));
        follow_in_document(&mut theirs.conflicts, &path, &moves);
    }
}

fn separate_entities(base: &Project, ours: &Project, theirs: &mut Project) {
    let next = base
        .entities
        .keys()
        .chain(ours.entities.keys())
        .chain(theirs.entities.keys())
        .map(|e| e.0)
        .max()
        .unwrap_or(0)
        + 1;
    let clashing: Vec<EntityId> = theirs
        .entities
        .iter()
        .filter(|(id, e)| {
            !base.entities.contains_key(id) && ours.entities.get(id).is_some_and(|o| o != *e)
        })
        .map(|(id, _)| *id)
        .collect();
    // Fresh ids above every id in use: each move goes to a free id, so
    // one at a time is the same as all at once.
    for (k, old) in clashing.into_iter().enumerate() {
        move_entity(theirs, old, EntityId(next + k as u64));
    }
}

fn separate_claims(base: &Project, ours: &Project, theirs: &mut Project) {
    let next = base
        .claims
        .keys()
        .chain(ours.claims.keys())
        .chain(theirs.claims.keys())
        .map(|c| c.0)
        .max()
        .unwrap_or(0)
        + 1;
    let clashing: Vec<ClaimId> = theirs
        .claims
        .iter()
        .filter(|(id, c)| {
            !base.claims.contains_key(id) && ours.claims.get(id).is_some_and(|o| o != *c)
        })
        .map(|(id, _)| *id)
        .collect();
    let mut moves = BTreeMap::new();
    for (k, old) in clashing.into_iter().enumerate() {
        let new = ClaimId(next + k as u64);
        moves.insert(old, new);
        if let Some(mut c) = theirs.claims.remove(&old) {
            c.id = new;
            theirs.claims.insert(new, c);
        }
        for d in theirs.documents.values_mut() {
            for s in &mut Arc::make_mut(d).stances {
                if s.target == Target::Claim(old) {
                    s.target = Target::Claim(new);
                }
            }
        }
    }
    follow_claims(&mut theirs.conflicts, &moves);
}

/// The new id of each of theirs' additions that collides with a different
/// addition of ours, or the id of ours' identical addition (`same`).
fn plan<K: Ord + Copy, T>(
    base: &BTreeMap<K, &T>,
    ours: &BTreeMap<K, &T>,
    theirs: &BTreeMap<K, &T>,
    same: impl Fn(&T, &T) -> bool,
    mut fresh: impl FnMut() -> K,
) -> BTreeMap<K, K> {
    let mut map = BTreeMap::new();
    for (&id, t) in theirs.iter().filter(|(id, _)| !base.contains_key(id)) {
        // Ours added the same annotation under its own id.
        let twin = ours
            .iter()
            .find(|(oid, o)| !base.contains_key(oid) && !theirs.contains_key(oid) && same(o, t))
            .map(|(oid, _)| *oid);
        if let Some(oid) = twin {
            map.insert(id, oid);
        } else if ours.get(&id).is_some_and(|o| !same(o, t)) && !base.contains_key(&id) {
            map.insert(id, fresh());
        }
    }
    map
}

fn by_id<K: Ord + Copy, T>(items: &[T], id: impl Fn(&T) -> K) -> BTreeMap<K, &T> {
    items.iter().map(|x| (id(x), x)).collect()
}

/// Tells theirs' additions apart from ours' in one document; returns the
/// ids it moved.
fn separate_in_document(
    base: &DocAnnotations,
    ours: &DocAnnotations,
    theirs: &mut DocAnnotations,
) -> DocMoves {
    // Mentions: the same span and type is the same mention.
    let mut next = max_id(&[&base.mentions, &ours.mentions, &theirs.mentions], |m| {
        m.id.0
    }) + 1;
    let mentions = plan(
        &by_id(&base.mentions, |m| m.id),
        &by_id(&ours.mentions, |m| m.id),
        &by_id(&theirs.mentions, |m| m.id),
        |a, b| a.span == b.span && a.label == b.label,
        || {
            next += 1;
            MentionId(next - 1)
        },
    );
    let remap = |id: &mut MentionId| {
        if let Some(n) = mentions.get(id) {
            *id = *n;
        }
    };
    let mut kept = Vec::with_capacity(theirs.mentions.len());
    for mut m in std::mem::take(&mut theirs.mentions) {
        remap(&mut m.id);
        kept.push(m);
    }
    for m in kept {
        theirs.insert_sorted(m);
    }
    for r in &mut theirs.relations {
        remap(&mut r.source);
        remap(&mut r.target);
    }
    for q in &mut theirs.quotations {
        if let Some(s) = &mut q.speaker {
            remap(s);
        }
        q.sources.iter_mut().for_each(remap);
    }
    // Quotations: the same words are the same quotation.
    let mut next = max_id(
        &[&base.quotations, &ours.quotations, &theirs.quotations],
        |q| q.id.0,
    ) + 1;
    let quotations = plan(
        &by_id(&base.quotations, |q| q.id),
        &by_id(&ours.quotations, |q| q.id),
        &by_id(&theirs.quotations, |q| q.id),
        |a, b| {
            a.contents
                .iter()
                .map(|c| c.span)
                .eq(b.contents.iter().map(|c| c.span))
        },
        || {
            next += 1;
            QuotationId(next - 1)
        },
    );
    for q in &mut theirs.quotations {
        if let Some(n) = quotations.get(&q.id) {
            q.id = *n;
        }
    }
    theirs.quotations.sort_by_key(|q| q.id);
    for s in &mut theirs.stances {
        if let Some(q) = s.quotation
            && let Some(n) = quotations.get(&q)
        {
            s.quotation = Some(*n);
        }
    }
    // Relations: the same type between the same mentions.
    let mut next = max_id(
        &[&base.relations, &ours.relations, &theirs.relations],
        |r| r.id.0,
    ) + 1;
    let relations = plan(
        &by_id(&base.relations, |r| r.id),
        &by_id(&ours.relations, |r| r.id),
        &by_id(&theirs.relations, |r| r.id),
        |a, b| (a.source, a.target, &a.label) == (b.source, b.target, &b.label),
        || {
            next += 1;
            RelationId(next - 1)
        },
    );
    for r in &mut theirs.relations {
        if let Some(n) = relations.get(&r.id) {
            r.id = *n;
        }
    }
    theirs.relations.sort_by_key(|r| r.id);
    // Stances: the same holder, target and evidence.
    let mut next = max_id(&[&base.stances, &ours.stances, &theirs.stances], |s| s.id.0) + 1;
    let stances = plan(
        &by_id(&base.stances, |s| s.id),
        &by_id(&ours.stances, |s| s.id),
        &by_id(&theirs.stances, |s| s.id),
        |a, b| {
            a.holder == b.holder
                && a.target == b.target
                && a.evidence
                    .iter()
                    .map(|e| e.span)
                    .eq(b.evidence.iter().map(|e| e.span))
        },
        || {
            next += 1;
            StanceId(next - 1)
        },
    );
    for s in &mut theirs.stances {
        if let Some(n) = stances.get(&s.id) {
            s.id = *n;
        }
    }
    theirs.stances.sort_by_key(|s| s.id);
    DocMoves {
        mentions,
        relations,
        quotations,
        stances,
    }
}

fn max_id<T>(lists: &[&Vec<T>], id: impl Fn(&T) -> u64) -> u64 {
    lists
        .iter()
        .flat_map(|l| l.iter())
        .map(id)
        .max()
        .unwrap_or(0)
}
