//! The same passage in other outlets (issue 17, part 2): sentences are
//! indexed by their word shingles (three words in a row, in lower case), so
//! a passage's renderings elsewhere (wire copy with small edits, a
//! translation that keeps half the words, a paragraph printed twice) are
//! found by counting shared shingles; each match is then aligned word by
//! word (`similar`) to show the differences and to carry annotations over.

mod align;
mod carry;

pub use align::{WordChange, carry_span, word_diff};
pub use carry::{
    CarriedItem, CarriedQuotation, CarryPlan, NeededMention, Rendering, accept_carried, describe,
    plan_carry,
};

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::document::Document;
use super::span::CharSpan;

/// Words in a row that make a shingle.
const SHINGLE: usize = 3;
/// A shingle in more sentences than this says nothing (boilerplate).
const COMMON: usize = 64;
/// Two passages sharing fewer shingles than this are not the same passage
/// (a common phrase is not a repeat).
const MIN_SHARED: usize = 4;

/// One indexed sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// Document index in the corpus.
    pub doc: usize,
    /// The sentence's span.
    pub span: CharSpan,
}

/// A passage that shares words with the one asked about.
#[derive(Clone, Debug, PartialEq)]
pub struct PassageMatch {
    /// Where.
    pub passage: Passage,
    /// The shingles the two share, as a share of the smaller passage's (0
    /// to 1): a sentence quoted inside a longer one scores 1.
    pub score: f64,
}

/// Shingles of corpus sentences.
#[derive(Clone, Debug, Default)]
pub struct PassageIndex {
    passages: Vec<Passage>,
    /// Shingles of each passage.
    sizes: Vec<u32>,
    /// Shingle hash → passages holding it.
    postings: Postings,
}

/// The words of `text` as compared (lower-cased, apostrophes made one;
/// see [`crate::model::word_runs`]), with their code-point spans relative
/// to `text`.
pub(crate) fn words(text: &str) -> Vec<(String, CharSpan)> {
    crate::model::word_runs::word_runs(text)
        .map(|w| {
            (
                crate::model::word_runs::comparable(&text[w.byte_start..w.byte_end]),
                CharSpan::new(w.start, w.end),
            )
        })
        .collect()
}

/// The sentences of `text`, cheaply: a sentence ends after `.`, `!`, `?`
/// or `…` (and any closing quote or bracket) followed by white space, and
/// at every line break; white space around it is left out. Passages need
/// no finer rule, and this reads each text once.
fn sentences(text: &str) -> Vec<CharSpan> {
    // One pass, no copy of the text (a hostile 60 MB paragraph costs no
    // more than its spans). A segment's first and last non-space code
    // points bound the sentence.
    let mut out = Vec::new();
    let mut first: Option<usize> = None;
    let mut last_end = 0;
    // After a terminator: where the sentence would end (past closing
    // marks), if white space follows.
    let mut closing: Option<usize> = None;
    let flush = |first: &mut Option<usize>, end: usize, out: &mut Vec<CharSpan>| {
        if let Some(a) = first.take()
            && a < end
        {
            out.push(CharSpan::new(a, end));
        }
    };
    for (i, c) in text.chars().enumerate() {
        if let Some(end) = closing {
            if matches!(c, '"' | '”' | '’' | '\'' | ')' | '»' | '」') {
                closing = Some(i + 1);
                last_end = i + 1;
                continue;
            }
            closing = None;
            if c.is_whitespace() {
                flush(&mut first, end, &mut out);
            }
        }
        if c == '\n' {
            flush(&mut first, last_end, &mut out);
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        first.get_or_insert(i);
        last_end = i + 1;
        if matches!(c, '.' | '!' | '?' | '…') {
            closing = Some(i + 1);
        }
    }
    flush(&mut first, last_end, &mut out);
    out
}

/// FNV-1a hashes of the lower-cased words of `text`, without building
/// the words.
fn word_hashes(text: &str) -> Vec<u64> {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    // The same words as [`words`], hashed without a copy.
    crate::model::word_runs::word_runs(text)
        .map(|w| {
            let mut h = OFFSET;
            for c in text[w.byte_start..w.byte_end]
                .chars()
                .flat_map(char::to_lowercase)
            {
                let c = if crate::model::word_runs::is_apostrophe(c) {
                    '\''
                } else {
                    c
                };
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    h = (h ^ u64::from(b)).wrapping_mul(PRIME);
                }
            }
            h
        })
        .collect()
}

/// The distinct shingles of `text`, sorted: each the hash of three words in
/// a row.
fn shingles(text: &str) -> Vec<u64> {
    let words = word_hashes(text);
    let mut out: Vec<u64> = words
        .windows(SHINGLE)
        .map(|w| {
            w[0].wrapping_mul(0x9e37_79b9_7f4a_7c15)
                ^ w[1].rotate_left(21).wrapping_mul(0xc2b2_ae3d_27d4_eb4f)
                ^ w[2].rotate_left(42).wrapping_mul(0x1656_67b1_9e37_79f9)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Passthrough(u64);

impl Hasher for Passthrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Postings = HashMap<u64, Vec<u32>, BuildHasherDefault<Passthrough>>;

impl PassageIndex {
    /// Indexes every sentence of `corpus` with at least a shingle.
    #[must_use]
    pub fn build(corpus: &[Document]) -> Self {
        Self::build_while(corpus, &|| true).unwrap_or_default()
    }

    /// [`Self::build`], asking `go_on` before each document: `None` once it
    /// says no (the index is no longer wanted).
    #[must_use]
    pub fn build_while(corpus: &[Document], go_on: &dyn Fn() -> bool) -> Option<Self> {
        let mut index = Self::default();
        for (d, doc) in corpus.iter().enumerate() {
            if !go_on() {
                return None;
            }
            for span in sentences(&doc.text) {
                let text = doc.slice(span).unwrap_or_default();
                let set = shingles(text);
                if set.is_empty() {
                    continue;
                }
                let Ok(id) = u32::try_from(index.passages.len()) else {
                    return Some(index);
                };
                index.passages.push(Passage { doc: d, span });
                index
                    .sizes
                    .push(u32::try_from(set.len()).unwrap_or(u32::MAX));
                for h in set {
                    index.postings.entry(h).or_default().push(id);
                }
            }
        }
        Some(index)
    }

    /// The indexed sentence of document `doc` holding code point `at`.
    #[must_use]
    pub fn passage_at(&self, doc: usize, at: usize) -> Option<&Passage> {
        // Passages are in corpus order, each document's in reading order.
        let from = self
            .passages
            .partition_point(|p| (p.doc, p.span.end) <= (doc, at));
        self.passages
            .get(from)
            .filter(|p| p.doc == doc && p.span.start <= at)
    }

    /// Sentences indexed.
    #[must_use]
    pub fn len(&self) -> usize {
        self.passages.len()
    }

    /// True when nothing is indexed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.passages.is_empty()
    }

    /// The passages sharing at least four shingles with `text` (found at
    /// `at` in document `doc`, which is left out), and at least `min` of
    /// the shingles of whichever of the two has fewer; best first.
    #[must_use]
    pub fn similar(&self, doc: usize, at: CharSpan, text: &str, min: f64) -> Vec<PassageMatch> {
        self.similar_ids(doc, at, text, min)
            .into_iter()
            .filter_map(|(id, score)| {
                Some(PassageMatch {
                    passage: self.passages.get(id as usize)?.clone(),
                    score,
                })
            })
            .collect()
    }

    fn similar_ids(&self, doc: usize, at: CharSpan, text: &str, min: f64) -> Vec<(u32, f64)> {
        let set = shingles(text);
        if set.is_empty() {
            return Vec::new();
        }
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for h in &set {
            let Some(list) = self.postings.get(h) else {
                continue;
            };
            if list.len() > COMMON {
                continue;
            }
            for id in list {
                *shared.entry(*id).or_default() += 1;
            }
        }
        let asked = set.len();
        let mut out: Vec<(u32, f64)> = shared
            .into_iter()
            .filter(|(_, n)| *n >= MIN_SHARED)
            .filter_map(|(id, n)| {
                let passage = self.passages.get(id as usize)?;
                let theirs = self.sizes.get(id as usize).copied().unwrap_or(u32::MAX) as usize;
                #[allow(clippy::cast_precision_loss)]
                let score = n as f64 / asked.min(theirs).max(1) as f64;
                let itself = passage.doc == doc && passage.span.overlaps(at);
                (score >= min && !itself).then_some((id, score))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// Groups of sentences that repeat one another (each sharing at least
    /// `min` of its shingles with another of the group), largest first;
    /// sentences that repeat nothing are left out.
    #[must_use]
    pub fn clusters(&self, min: f64) -> Vec<Vec<Passage>> {
        let n = self.passages.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        // Shingles shared by each pair of passages, from the postings alone
        // (no text is read again); shingles in too many passages say
        // nothing, as in `similar`.
        let mut shared: HashMap<(u32, u32), u32> = HashMap::new();
        for list in self.postings.values() {
            if list.len() < 2 || list.len() > COMMON {
                continue;
            }
            for (k, &a) in list.iter().enumerate() {
                for &b in &list[k + 1..] {
                    *shared.entry((a.min(b), a.max(b))).or_default() += 1;
                }
            }
        }
        for ((a, b), n) in shared {
            let size = |i: u32| self.sizes.get(i as usize).copied().unwrap_or(u32::MAX);
            #[allow(clippy::cast_precision_loss)]
            let score = f64::from(n) / f64::from(size(a).min(size(b)).max(1));
            if (n as usize) < MIN_SHARED || score < min {
                continue;
            }
            let (x, y) = (root(&mut parent, a as usize), root(&mut parent, b as usize));
            if x != y {
                parent[x.max(y)] = x.min(y);
            }
        }
        let mut groups: HashMap<usize, Vec<Passage>> = HashMap::new();
        for i in 0..n {
            let r = root(&mut parent, i);
            groups.entry(r).or_default().push(self.passages[i].clone());
        }
        let mut out: Vec<Vec<Passage>> = groups.into_values().filter(|g| g.len() > 1).collect();
        out.sort_by(|a, b| {
            b.len()
                .cmp(&a.len())
                .then((a[0].doc, a[0].span.start).cmp(&(b[0].doc, b[0].span.start)))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_terminators_and_line_breaks() {
        let text = "  He said: “No.” Then U.S. officials left!\nNext line 🐟 here…  ";
        let got: Vec<&str> = sentences(text)
            .into_iter()
            .map(|s| crate::model::span::slice(text, s).unwrap_or_default())
            .collect();
        assert_eq!(
            got,
            [
                "He said: “No.”",
                "Then U.S.",
                "officials left!",
                "Next line 🐟 here…"
            ]
        );
        assert!(sentences("   \n  ").is_empty());
    }
}
