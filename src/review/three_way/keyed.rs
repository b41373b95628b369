//! The three-way merge of one keyed collection (annotations by id), and of
//! a list treated as a set (rejections, proposals, lexicon, orphans).

use std::collections::{BTreeMap, BTreeSet};

/// What a side did that the other side's change contradicts.
pub(super) enum Clash<'a, T> {
    /// Both changed it differently: `ours` is kept, `theirs` recorded.
    BothChanged {
        /// Our version (kept).
        ours: &'a T,
        /// Theirs.
        theirs: &'a T,
    },
    /// One side changed it, the other deleted it: the changed one is kept.
    ChangedAndDeleted {
        /// The changed version (kept).
        kept: &'a T,
        /// True when the kept version is ours (theirs deleted it).
        ours_kept: bool,
    },
}

/// Merges `ours` and `theirs` against `base`, item by item: what one side
/// changed and the other did not is taken; deletions are taken unless the
/// other side changed the item; every contradiction goes to `clash` (and
/// the version kept is in the result).
pub(super) fn merge_keyed<K: Ord + Clone, T: Clone + PartialEq>(
    base: &BTreeMap<K, T>,
    ours: &BTreeMap<K, T>,
    theirs: &BTreeMap<K, T>,
    mut clash: impl FnMut(Clash<'_, T>),
) -> BTreeMap<K, T> {
    let keys: BTreeSet<&K> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    let mut out = BTreeMap::new();
    for k in keys {
        let kept = match (base.get(k), ours.get(k), theirs.get(k)) {
            (_, Some(o), Some(t)) if o == t => Some(o),
            (Some(b), Some(o), Some(t)) if o == b => Some(t),
            (Some(b), Some(o), Some(t)) if t == b => Some(o),
            (_, Some(o), Some(t)) => {
                clash(Clash::BothChanged { ours: o, theirs: t });
                Some(o)
            }
            (Some(b), Some(o), None) => {
                if o == b {
                    None
                } else {
                    clash(Clash::ChangedAndDeleted {
                        kept: o,
                        ours_kept: true,
                    });
                    Some(o)
                }
            }
            (Some(b), None, Some(t)) => {
                if t == b {
                    None
                } else {
                    clash(Clash::ChangedAndDeleted {
                        kept: t,
                        ours_kept: false,
                    });
                    Some(t)
                }
            }
            (None, Some(o), None) => Some(o),
            (None, None, Some(t)) => Some(t),
            (_, None, None) => None,
        };
        if let Some(v) = kept {
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

/// Merges lists as sets: an item stays if both sides have it or one side
/// added it; an item one side removed goes. Ours' order first, then what
/// only theirs has.
pub(super) fn merge_set<T: Clone + PartialEq>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let keep = |x: &T, other: &[T]| other.contains(x) || !base.contains(x);
    let mut out: Vec<T> = ours.iter().filter(|x| keep(x, theirs)).cloned().collect();
    for x in theirs {
        if !ours.contains(x) && !base.contains(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// Three-way merge of one value: the side that changed it wins; when both
/// changed it differently, ours is kept and `false` returned.
pub(super) fn merge_value<T: Clone + PartialEq>(base: &T, ours: &T, theirs: &T) -> (T, bool) {
    if ours == theirs || theirs == base {
        (ours.clone(), true)
    } else if ours == base {
        (theirs.clone(), true)
    } else {
        (ours.clone(), false)
    }
}
