//! Before merging: an id that one side reused for a different annotation
//! is told apart from an edit of the annotation that had it.
//!
//! A project written by an older Stancemark gave a deleted mention's id to
//! the next new one. Merged by id alone, ours' new mention would then take
//! the place of the one theirs still relates to, and a relation would point
//! at other words. So a mention whose span does not even overlap the span
//! its id had in the base, a quotation whose words do not overlap, a
//! relation whose two ends both differ, and a stance whose evidence does
//! not overlap (or, without evidence, with another holder or target) are a
//! deletion and an addition: the
//! addition gets a fresh id (with every reference to it rewritten), and the
//! merge then sees the deletion for what it is.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::model::annotation::MentionId;
use crate::model::project::{DocAnnotations, Project};
use crate::model::quotation::QuotationId;
use crate::model::relation::RelationId;
use crate::model::stance::{Holder, Stance, StanceId, Target};

use super::follow::{DocMoves, follow_entities, follow_in_document};

/// Gives fresh ids to the annotations `ours` and `theirs` put under an id
/// the base used for another annotation; fresh ids are unique across both.
pub(super) fn separate_replacements(base: &Project, ours: &mut Project, theirs: &mut Project) {
    for (path, b) in &base.documents {
        let (Some(o), Some(t)) = (ours.documents.get_mut(path), theirs.documents.get_mut(path))
        else {
            continue;
        };
        let mut next = Next::above(b, o, t);
        let moves = separate_in_document(b, Arc::make_mut(o), &mut next);
        follow_in_document(&mut ours.conflicts, path, &moves);
        let moves = separate_in_document(b, Arc::make_mut(t), &mut next);
        follow_in_document(&mut theirs.conflicts, path, &moves);
    }
}

/// The next fresh id of each kind within one document.
struct Next {
    mention: u64,
    relation: u64,
    quotation: u64,
    stance: u64,
}

impl Next {
    fn above(b: &DocAnnotations, o: &DocAnnotations, t: &DocAnnotations) -> Self {
        let docs = [b, o, t];
        let top = |f: &dyn Fn(&DocAnnotations) -> Option<u64>| {
            docs.iter()
                .filter_map(|d| f(d))
                .max()
                .unwrap_or(0)
                .saturating_add(1)
        };
        Self {
            mention: top(&|d| d.mentions.iter().map(|m| m.id.0).max()),
            relation: top(&|d| d.relations.iter().map(|r| r.id.0).max()),
            quotation: top(&|d| d.quotations.iter().map(|q| q.id.0).max()),
            stance: top(&|d| d.stances.iter().map(|s| s.id.0).max()),
        }
    }
}

fn take(counter: &mut u64) -> u64 {
    let id = *counter;
    *counter = counter.saturating_add(1);
    id
}

/// Gives fresh ids to one side's replacements in one document; returns
/// the ids it moved.
fn separate_in_document(
    base: &DocAnnotations,
    side: &mut DocAnnotations,
    next: &mut Next,
) -> DocMoves {
    // An annotation exactly like another base annotation is that one,
    // renumbered by an earlier merge (two ids swapped, say), whatever it
    // shares with the base annotation whose id it has now.
    // Mentions: a span that does not overlap the base's is another mention.
    let base_mentions: BTreeMap<MentionId, _> = base.mentions.iter().map(|m| (m.id, m)).collect();
    fn key(x: &crate::model::Mention) -> (crate::model::CharSpan, &str) {
        (x.span, x.label.as_str())
    }
    let mentions_by_key = by_key(base.mentions.iter().map(|m| (key(m), m.id)));
    let mut mentions = BTreeMap::new();
    for m in &side.mentions {
        if base_mentions.get(&m.id).is_some_and(|b| {
            !b.span.overlaps(m.span) || key(b) != key(m) && another(&mentions_by_key, &key(m), m.id)
        }) {
            mentions.insert(m.id, MentionId(take(&mut next.mention)));
        }
    }
    renumber_mentions(side, &mentions);
    // Quotations: words that do not overlap the base's are another quotation.
    let base_quotations: BTreeMap<QuotationId, _> =
        base.quotations.iter().map(|q| (q.id, q)).collect();
    let words = |x: &crate::model::Quotation| x.contents.iter().map(|e| e.span).collect::<Vec<_>>();
    let quotations_by_words = by_key(base.quotations.iter().map(|q| (words(q), q.id)));
    let mut quotations = BTreeMap::new();
    for q in &side.quotations {
        if let Some(b) = base_quotations.get(&q.id) {
            let overlaps = q
                .contents
                .iter()
                .any(|c| b.contents.iter().any(|x| x.span.overlaps(c.span)));
            let moved_here = words(b) != words(q) && another(&quotations_by_words, &words(q), q.id);
            if !overlaps || moved_here {
                quotations.insert(q.id, QuotationId(take(&mut next.quotation)));
            }
        }
    }
    if !quotations.is_empty() {
        for q in &mut side.quotations {
            if let Some(n) = quotations.get(&q.id) {
                q.id = *n;
            }
        }
        side.quotations.sort_by_key(|q| q.id);
        for s in &mut side.stances {
            if let Some(n) = s.quotation.and_then(|q| quotations.get(&q)) {
                s.quotation = Some(*n);
            }
        }
    }
    // Relations: both ends different is another relation. Compared after
    // the mentions were told apart, so ends are the same mentions.
    let base_relations: BTreeMap<RelationId, _> = base
        .relations
        .iter()
        .map(|r| (r.id, (r.source, r.target)))
        .collect();
    let relation_key = |r: &crate::model::Relation| (r.source, r.target, r.label.clone());
    let relations_by_key = by_key(base.relations.iter().map(|r| (relation_key(r), r.id)));
    let mut relations = BTreeMap::new();
    for r in &mut side.relations {
        let ends = (r.source, r.target);
        if base_relations.get(&r.id).is_some_and(|&(s, t)| {
            s != r.source && t != r.target
                || (s, t) != ends && another(&relations_by_key, &relation_key(r), r.id)
        }) {
            let new = RelationId(take(&mut next.relation));
            relations.insert(r.id, new);
            r.id = new;
        }
    }
    if !relations.is_empty() {
        side.relations.sort_by_key(|r| r.id);
    }
    // Stances: evidence that does not overlap the base's (or, for stances
    // on the whole document, another holder or target) is another stance.
    let base_stances: BTreeMap<StanceId, &Stance> =
        base.stances.iter().map(|s| (s.id, s)).collect();
    let stances_by_key = by_key(base.stances.iter().map(|s| (stance_key(s), s.id)));
    let mut stances = BTreeMap::new();
    for st in &mut side.stances {
        if base_stances.get(&st.id).is_some_and(|b| {
            !same_stance(b, st)
                || stance_key(b) != stance_key(st)
                    && another(&stances_by_key, &stance_key(st), st.id)
        }) {
            let new = StanceId(take(&mut next.stance));
            stances.insert(st.id, new);
            st.id = new;
        }
    }
    if !stances.is_empty() {
        side.stances.sort_by_key(|s| s.id);
    }
    DocMoves {
        mentions,
        relations,
        quotations,
        stances,
    }
}

/// The ids of the base's annotations by what makes two the same, built
/// once per document (not a scan of the base for each annotation).
fn by_key<K: Ord, I>(items: impl Iterator<Item = (K, I)>) -> BTreeMap<K, Vec<I>> {
    let mut out: BTreeMap<K, Vec<I>> = BTreeMap::new();
    for (k, id) in items {
        out.entry(k).or_default().push(id);
    }
    out
}

/// True when a base annotation other than `id` has `key`.
fn another<K: Ord, I: PartialEq>(index: &BTreeMap<K, Vec<I>>, key: &K, id: I) -> bool {
    index
        .get(key)
        .is_some_and(|ids| ids.iter().any(|o| *o != id))
}

/// What makes two stances the same: holder, target, polarity, evidence.
fn stance_key(s: &Stance) -> (&Holder, &Target, &str, Vec<crate::model::CharSpan>) {
    (
        &s.holder,
        &s.target,
        &s.polarity,
        s.evidence.iter().map(|e| e.span).collect(),
    )
}

/// Whether `b` and `s`, under one id, can be one stance edited: their
/// evidence overlaps, or (when either has none) holder and target agree.
fn same_stance(b: &Stance, s: &Stance) -> bool {
    if b.evidence.is_empty() || s.evidence.is_empty() {
        return b.holder == s.holder && b.target == s.target;
    }
    s.evidence
        .iter()
        .any(|e| b.evidence.iter().any(|x| x.span.overlaps(e.span)))
}

/// Gives back their base ids to annotations a side holds under another id
/// (an earlier merge on that side gave them a fresh one, because another
/// clone had used the same id for something else meanwhile): a mention
/// with the same span and type as a base mention whose id the side no
/// longer has, a relation with the same type and ends, a quotation with
/// the same words and speaker, a stance with the same holder, target,
/// polarity and evidence, an entity with the same name, type and Wikidata
/// id. Merged by id alone, each would be "deleted" and "added"
/// at once: a conflict, then the same annotation twice (found by the team
/// simulation, issue 30). Run after [`separate_replacements`].
pub(super) fn rejoin_renumbered(base: &Project, side: &mut Project) {
    rejoin_entities(base, side);
    for (path, b) in &base.documents {
        let Some(s) = side.documents.get_mut(path) else {
            continue;
        };
        if needs_rejoin(b, s) {
            let moves = rejoin_in_document(b, Arc::make_mut(s));
            follow_in_document(&mut side.conflicts, path, &moves);
        }
    }
}

fn needs_rejoin(b: &DocAnnotations, s: &DocAnnotations) -> bool {
    b.stances
        .iter()
        .any(|st| !s.stances.iter().any(|x| x.id == st.id))
        || b.mentions.iter().any(|m| s.mention(m.id).is_none())
        || b.relations
            .iter()
            .any(|r| !s.relations.iter().any(|x| x.id == r.id))
        || b.quotations
            .iter()
            .any(|q| !s.quotations.iter().any(|x| x.id == q.id))
}

fn rejoin_entities(base: &Project, side: &mut Project) {
    let same = |a: &crate::model::Entity, b: &crate::model::Entity| {
        (a.name.as_str(), a.label.as_str(), &a.kb_id)
            == (b.name.as_str(), b.label.as_str(), &b.kb_id)
    };
    let mut fresh = base
        .entities
        .keys()
        .chain(side.entities.keys())
        .map(|e| e.0)
        .max()
        .unwrap_or(0)
        .saturating_add(1);
    // An entity under a base id that is exactly another base entity was
    // moved there by an earlier merge (ids swapped): aside first, so the
    // pass below can give it its own id back.
    let displaced: Vec<crate::model::EntityId> = side
        .entities
        .values()
        .filter(|e| {
            base.entities.get(&e.id).is_some_and(|b| !same(e, b))
                && base.entities.values().any(|o| o.id != e.id && same(o, e))
        })
        .map(|e| e.id)
        .collect();
    for id in displaced {
        let aside = crate::model::EntityId(fresh);
        fresh = fresh.saturating_add(1);
        move_entity(side, id, aside);
    }
    for b in base.entities.values() {
        if side.entities.get(&b.id).is_some_and(|e| same(e, b)) {
            continue;
        }
        // The base entity under another id on this side, not a base id.
        let Some(from) = side
            .entities
            .values()
            .find(|e| !base.entities.contains_key(&e.id) && same(e, b))
            .map(|e| e.id)
        else {
            continue;
        };
        // An entity this side added under the base id moves aside first.
        if side.entities.contains_key(&b.id) {
            let aside = crate::model::EntityId(fresh);
            fresh = fresh.saturating_add(1);
            move_entity(side, b.id, aside);
        }
        move_entity(side, from, b.id);
    }
}

/// Gives entity `from` of `side` the id `to` (free), with every reference
/// (lexicon, mentions, proposals, stances, and the side's recorded
/// conflicts).
pub(super) fn move_entity(
    side: &mut Project,
    from: crate::model::EntityId,
    to: crate::model::EntityId,
) {
    if let Some(mut e) = side.entities.remove(&from) {
        e.id = to;
        side.entities.insert(to, e);
    }
    follow_entities(&mut side.conflicts, &BTreeMap::from([(from, to)]));
    for l in &mut side.lexicon {
        if l.entity == Some(from) {
            l.entity = Some(to);
        }
    }
    for d in side.documents.values_mut() {
        let names = |s: &crate::model::Stance| {
            matches!(s.holder, Holder::Entity(e) if e == from)
                || matches!(s.target, Target::Entity(e) if e == from)
        };
        if !d.mentions.iter().any(|m| m.entity == Some(from))
            && !d.proposals.iter().any(|p| p.entity == Some(from))
            && !d.stances.iter().any(names)
        {
            continue;
        }
        let d = Arc::make_mut(d);
        for m in &mut d.mentions {
            if m.entity == Some(from) {
                m.entity = Some(to);
            }
        }
        for p in &mut d.proposals {
            if p.entity == Some(from) {
                p.entity = Some(to);
            }
        }
        for s in &mut d.stances {
            if matches!(s.holder, Holder::Entity(e) if e == from) {
                s.holder = Holder::Entity(to);
            }
            if matches!(s.target, Target::Entity(e) if e == from) {
                s.target = Target::Entity(to);
            }
        }
    }
}

/// Gives one document's renumbered annotations their base ids back;
/// returns the ids it moved.
fn rejoin_in_document(base: &DocAnnotations, side: &mut DocAnnotations) -> DocMoves {
    // Mentions first: relations and quotations are compared by their ends.
    let mut mentions: BTreeMap<MentionId, MentionId> = BTreeMap::new();
    for b in &base.mentions {
        if side.mention(b.id).is_some() {
            continue;
        }
        if let Some(m) = side.mentions.iter().find(|m| {
            base.mention(m.id).is_none()
                && !mentions.contains_key(&m.id)
                && m.span == b.span
                && m.label == b.label
        }) {
            mentions.insert(m.id, b.id);
        }
    }
    renumber_mentions(side, &mentions);
    let mut relations = BTreeMap::new();
    for b in &base.relations {
        if side.relations.iter().any(|r| r.id == b.id) {
            continue;
        }
        if let Some(r) = side.relations.iter_mut().find(|r| {
            !base.relations.iter().any(|x| x.id == r.id)
                && (r.label.as_str(), r.source, r.target) == (b.label.as_str(), b.source, b.target)
        }) {
            relations.insert(r.id, b.id);
            r.id = b.id;
        }
    }
    if !relations.is_empty() {
        side.relations.sort_by_key(|r| r.id);
    }
    let mut quotations: BTreeMap<QuotationId, QuotationId> = BTreeMap::new();
    for b in &base.quotations {
        if side.quotations.iter().any(|q| q.id == b.id) {
            continue;
        }
        let words =
            |q: &crate::model::Quotation| q.contents.iter().map(|e| e.span).collect::<Vec<_>>();
        if let Some(q) = side.quotations.iter_mut().find(|q| {
            !base.quotations.iter().any(|x| x.id == q.id)
                && q.speaker == b.speaker
                && words(q) == words(b)
        }) {
            quotations.insert(q.id, b.id);
            q.id = b.id;
        }
    }
    if !quotations.is_empty() {
        side.quotations.sort_by_key(|q| q.id);
        for s in &mut side.stances {
            if let Some(n) = s.quotation.and_then(|q| quotations.get(&q)) {
                s.quotation = Some(*n);
            }
        }
    }
    // Stances: the same holder, target, polarity and evidence.
    let mut stances = BTreeMap::new();
    for b in &base.stances {
        if side.stances.iter().any(|s| s.id == b.id) {
            continue;
        }
        if let Some(s) = side.stances.iter_mut().find(|s| {
            !base.stances.iter().any(|x| x.id == s.id)
                && !stances.contains_key(&s.id)
                && stance_key(s) == stance_key(b)
        }) {
            stances.insert(s.id, b.id);
            s.id = b.id;
        }
    }
    if !stances.is_empty() {
        side.stances.sort_by_key(|s| s.id);
    }
    DocMoves {
        mentions,
        relations,
        quotations,
        stances,
    }
}

/// Gives the mentions of `side` named in `moves` their new ids, and points
/// every relation and quotation that used an old id at the new one.
fn renumber_mentions(side: &mut DocAnnotations, moves: &BTreeMap<MentionId, MentionId>) {
    if moves.is_empty() {
        return;
    }
    let remap = |id: &mut MentionId| {
        if let Some(n) = moves.get(id) {
            *id = *n;
        }
    };
    let mut all = std::mem::take(&mut side.mentions);
    all.iter_mut().for_each(|m| remap(&mut m.id));
    for m in all {
        side.insert_sorted(m);
    }
    for r in &mut side.relations {
        remap(&mut r.source);
        remap(&mut r.target);
    }
    for q in &mut side.quotations {
        if let Some(s) = &mut q.speaker {
            remap(s);
        }
        q.sources.iter_mut().for_each(remap);
    }
}
