//! Before merging: an id that one side reused for a different annotation
//! is told apart from an edit of the annotation that had it.
//!
//! A project written by an older Stancemark gave a deleted mention's id to
//! the next new one. Merged by id alone, ours' new mention would then take
//! the place of the one theirs still relates to, and a relation would point
//! at other words. So a mention whose span does not even overlap the span
//! its id had in the base, a quotation whose words do not overlap, and a
//! relation whose two ends both differ are a deletion and an addition: the
//! addition gets a fresh id (with every reference to it rewritten), and the
//! merge then sees the deletion for what it is.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::model::annotation::MentionId;
use crate::model::project::{DocAnnotations, Project};
use crate::model::quotation::QuotationId;
use crate::model::relation::RelationId;

/// Gives fresh ids to the annotations `ours` and `theirs` put under an id
/// the base used for another annotation; fresh ids are unique across both.
pub(super) fn separate_replacements(base: &Project, ours: &mut Project, theirs: &mut Project) {
    for (path, b) in &base.documents {
        let (Some(o), Some(t)) = (ours.documents.get_mut(path), theirs.documents.get_mut(path))
        else {
            continue;
        };
        let mut next = Next::above(b, o, t);
        separate_in_document(b, Arc::make_mut(o), &mut next);
        separate_in_document(b, Arc::make_mut(t), &mut next);
    }
}

/// The next fresh id of each kind within one document.
struct Next {
    mention: u64,
    relation: u64,
    quotation: u64,
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
        }
    }
}

fn take(counter: &mut u64) -> u64 {
    let id = *counter;
    *counter = counter.saturating_add(1);
    id
}

fn separate_in_document(base: &DocAnnotations, side: &mut DocAnnotations, next: &mut Next) {
    // Mentions: a span that does not overlap the base's is another mention.
    let base_mentions: BTreeMap<MentionId, _> =
        base.mentions.iter().map(|m| (m.id, m.span)).collect();
    let mut mentions = BTreeMap::new();
    for m in &side.mentions {
        if base_mentions
            .get(&m.id)
            .is_some_and(|span| !span.overlaps(m.span))
        {
            mentions.insert(m.id, MentionId(take(&mut next.mention)));
        }
    }
    if !mentions.is_empty() {
        let remap = |id: &mut MentionId| {
            if let Some(n) = mentions.get(id) {
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
    // Quotations: words that do not overlap the base's are another quotation.
    let base_quotations: BTreeMap<QuotationId, _> =
        base.quotations.iter().map(|q| (q.id, q)).collect();
    let mut quotations = BTreeMap::new();
    for q in &side.quotations {
        if let Some(b) = base_quotations.get(&q.id) {
            let overlaps = q
                .contents
                .iter()
                .any(|c| b.contents.iter().any(|x| x.span.overlaps(c.span)));
            if !overlaps {
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
    let mut renumbered = false;
    for r in &mut side.relations {
        if base_relations
            .get(&r.id)
            .is_some_and(|&(s, t)| s != r.source && t != r.target)
        {
            r.id = RelationId(take(&mut next.relation));
            renumbered = true;
        }
    }
    if renumbered {
        side.relations.sort_by_key(|r| r.id);
    }
}
