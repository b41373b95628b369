//! A team: its annotators, shared schema, guidelines, and which documents
//! each annotator codes, with a share of documents coded by several
//! (overlap) to measure reliability.
//!
//! The assignment is balanced per annotator and per outlet, reproducible
//! from its seed (a fixed SplitMix64 stream, so a seed means the same split
//! on every machine and version), and every overlap document has exactly
//! `per_doc` annotators.

use std::collections::{BTreeMap, BTreeSet};

use super::schema::Schema;

/// The team file's content.
#[derive(Clone, Debug, PartialEq)]
pub struct Team {
    /// Annotators, by the name in their saves.
    pub annotators: Vec<String>,
    /// The shared schema, when the team has one.
    pub schema: Option<Schema>,
    /// The file the schema is read from (relative to the team file), when
    /// the team file names one rather than holding the schema.
    pub schema_file: Option<String>,
    /// Guidelines: a path or URL the app shows.
    pub guidelines: Option<String>,
    /// The share of documents coded by several annotators (0–1).
    pub overlap: f64,
    /// How many annotators code an overlap document.
    pub per_doc: usize,
    /// The seed the assignment was made from.
    pub seed: u64,
    /// Document path → its annotators (sorted).
    pub assignment: Assignment,
}

impl Default for Team {
    fn default() -> Self {
        Self {
            annotators: Vec::new(),
            schema: None,
            schema_file: None,
            guidelines: None,
            overlap: 0.0,
            per_doc: 2,
            seed: 0,
            assignment: BTreeMap::new(),
        }
    }
}

/// Why an assignment cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AssignError {
    /// No annotators were named.
    #[error("no annotators: name at least one (--annotators a,b,c)")]
    NoAnnotators,
    /// A name is given twice or is empty.
    #[error("annotator {0:?} is named twice or is empty")]
    BadName(String),
    /// A name holds a control character (a line break, ESC, BEL…).
    #[error(
        "annotator {0:?} holds a control character; names are printed on terminals and in files"
    )]
    ControlInName(String),
    /// An overlap document must have at least two annotators.
    #[error(
        "--per-doc {0}: a document coded for reliability needs at least 2 annotators (and every document at least 1)"
    )]
    BadPerDoc(usize),
    /// The overlap is not a share.
    #[error("overlap {0} is not a share between 0 and 1")]
    BadOverlap(String),
    /// Fewer annotators than an overlap document needs.
    #[error("an overlap document needs {per_doc} annotators, but the team has {annotators}")]
    TooFewAnnotators {
        /// Annotators per overlap document.
        per_doc: usize,
        /// Annotators in the team.
        annotators: usize,
    },
}

/// Document path → its annotators (sorted).
pub type Assignment = BTreeMap<String, Vec<String>>;

/// A document to assign: its path and outlet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamDoc {
    /// Path in the corpus.
    pub path: String,
    /// Outlet.
    pub outlet: String,
}

/// What to assign, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct AssignOptions {
    /// Annotators.
    pub annotators: Vec<String>,
    /// Share of documents coded by `per_doc` annotators.
    pub overlap: f64,
    /// Annotators per overlap document.
    pub per_doc: usize,
    /// Seed.
    pub seed: u64,
}

/// SplitMix64: a tiny, fixed pseudo-random stream.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        // The modulo bias is below 2^-40 for any corpus size here.
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// Checks a list of annotators: at least one, each named once.
///
/// # Errors
/// [`AssignError::NoAnnotators`] or [`AssignError::BadName`].
pub fn check_annotators(annotators: &[String]) -> Result<(), AssignError> {
    if annotators.is_empty() {
        return Err(AssignError::NoAnnotators);
    }
    let mut seen = BTreeSet::new();
    for a in annotators {
        if a.trim().is_empty() || !seen.insert(a.as_str()) {
            return Err(AssignError::BadName(a.clone()));
        }
        if a.chars().any(char::is_control) {
            return Err(AssignError::ControlInName(a.clone()));
        }
    }
    Ok(())
}

fn check(options: &AssignOptions) -> Result<(), AssignError> {
    check_annotators(&options.annotators)?;
    if !(0.0..=1.0).contains(&options.overlap) {
        return Err(AssignError::BadOverlap(options.overlap.to_string()));
    }
    if options.per_doc == 0 || (options.overlap > 0.0 && options.per_doc < 2) {
        return Err(AssignError::BadPerDoc(options.per_doc));
    }
    if options.overlap > 0.0 && options.per_doc > options.annotators.len() {
        return Err(AssignError::TooFewAnnotators {
            per_doc: options.per_doc,
            annotators: options.annotators.len(),
        });
    }
    Ok(())
}

/// How many of `n` documents are overlap documents: the share rounded to
/// the nearest whole document.
#[must_use]
pub fn overlap_count(n: usize, overlap: f64) -> usize {
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let k = (n as f64 * overlap).round() as usize;
    k.min(n)
}

/// Assigns `docs`: `overlap_count` of them (spread over the outlets in
/// proportion) go to `per_doc` annotators each, the rest to one; each
/// document goes to the annotators with the least work so far, overall and
/// within its outlet, ties broken by the seeded order.
///
/// # Errors
/// [`AssignError`] when the options cannot make an assignment.
pub fn assign(docs: &[TeamDoc], options: &AssignOptions) -> Result<Assignment, AssignError> {
    check(options)?;
    let mut rng = SplitMix(options.seed);
    // Outlets in order, each with its documents shuffled.
    let mut by_outlet: BTreeMap<&str, Vec<&TeamDoc>> = BTreeMap::new();
    for d in docs {
        by_outlet.entry(d.outlet.as_str()).or_default().push(d);
    }
    for list in by_outlet.values_mut() {
        list.sort_by(|a, b| a.path.cmp(&b.path));
        rng.shuffle(list);
    }
    // Overlap documents: the first of each shuffled outlet list, in
    // proportion to the outlet's size (largest remainders get the rest).
    let total = overlap_count(docs.len(), options.overlap);
    let mut quota: BTreeMap<&str, usize> = BTreeMap::new();
    let mut remainders: Vec<(u64, &str)> = Vec::new();
    let mut given = 0;
    for (outlet, list) in &by_outlet {
        let exact = total * list.len();
        let whole = exact / docs.len().max(1);
        quota.insert(outlet, whole);
        given += whole;
        remainders.push(((exact % docs.len().max(1)) as u64, outlet));
    }
    // Largest remainder first; ties in the seeded order.
    let tie: Vec<u64> = remainders.iter().map(|_| rng.next()).collect();
    let mut order: Vec<usize> = (0..remainders.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(remainders[i].0), tie[i]));
    for &i in order.iter().take(total - given) {
        if let Some(q) = quota.get_mut(remainders[i].1) {
            *q += 1;
        }
    }
    // Work so far: overall and per outlet.
    let names = &options.annotators;
    let mut load = vec![0usize; names.len()];
    let mut rank: Vec<u64> = names.iter().map(|_| rng.next()).collect();
    let mut out = BTreeMap::new();
    let mut outlet_load: Vec<Vec<usize>> = vec![vec![0; names.len()]; by_outlet.len()];
    // Overlap documents first (they weigh most), then the rest, each pass
    // walking the outlets in turn so no outlet is left to the end.
    for pass in [true, false] {
        let mut lists: Vec<Vec<&TeamDoc>> = by_outlet
            .iter()
            .map(|(outlet, list)| {
                let q = quota.get(outlet).copied().unwrap_or(0);
                if pass {
                    list[..q].to_vec()
                } else {
                    list[q..].to_vec()
                }
            })
            .collect();
        loop {
            let mut any = false;
            for (o, list) in lists.iter_mut().enumerate() {
                let Some(doc) = (!list.is_empty()).then(|| list.remove(0)) else {
                    continue;
                };
                any = true;
                let k = if pass { options.per_doc } else { 1 };
                let mut candidates: Vec<usize> = (0..names.len()).collect();
                candidates.sort_by_key(|&a| (load[a], outlet_load[o][a], rank[a]));
                let mut chosen: Vec<String> = Vec::new();
                for &a in candidates.iter().take(k) {
                    load[a] += 1;
                    outlet_load[o][a] += 1;
                    chosen.push(names[a].clone());
                }
                chosen.sort();
                out.insert(doc.path.clone(), chosen);
            }
            if !any {
                break;
            }
            // Fresh tie-breaks each round, so no annotator always wins them.
            rank = names.iter().map(|_| rng.next()).collect();
        }
    }
    Ok(out)
}

/// Moves the unfinished documents of annotators no longer in `annotators`
/// to those who are, each to the least loaded one not already on it;
/// finished documents (`done` holds `(document, annotator)`) and everyone
/// else's documents stay as they are.
///
/// # Errors
/// [`AssignError`] when `annotators` is empty or names someone twice.
pub fn reassign(
    assignment: &Assignment,
    annotators: &[String],
    done: &BTreeSet<(String, String)>,
    seed: u64,
) -> Result<(Assignment, Vec<String>), AssignError> {
    check_annotators(annotators)?;
    let mut rng = SplitMix(seed ^ 0x5EED);
    let rank: Vec<u64> = annotators.iter().map(|_| rng.next()).collect();
    let mut load: Vec<usize> = annotators
        .iter()
        .map(|a| assignment.values().filter(|v| v.contains(a)).count())
        .collect();
    let mut out = assignment.clone();
    let mut moved = Vec::new();
    for (path, coders) in &mut out {
        let mut next: Vec<String> = Vec::new();
        for c in coders.iter() {
            let stays = annotators.contains(c) || done.contains(&(path.clone(), c.clone()));
            if stays {
                next.push(c.clone());
                continue;
            }
            let pick = (0..annotators.len())
                .filter(|&a| !coders.contains(&annotators[a]) && !next.contains(&annotators[a]))
                .min_by_key(|&a| (load[a], rank[a]));
            match pick {
                Some(a) => {
                    load[a] += 1;
                    moved.push(format!("{path}: {c} ➡ {}", annotators[a]));
                    next.push(annotators[a].clone());
                }
                None => moved.push(format!(
                    "{path}: {c} left and no other annotator is free for it; it stays unassigned"
                )),
            }
        }
        next.sort();
        *coders = next;
    }
    Ok((out, moved))
}

impl Team {
    /// The documents assigned to `annotator`.
    #[must_use]
    pub fn documents_of(&self, annotator: &str) -> BTreeSet<&str> {
        self.assignment
            .iter()
            .filter(|(_, v)| v.iter().any(|a| a == annotator))
            .map(|(p, _)| p.as_str())
            .collect()
    }

    /// Whether `path` is coded by more than one annotator.
    #[must_use]
    pub fn is_overlap(&self, path: &str) -> bool {
        self.assignment.get(path).is_some_and(|v| v.len() > 1)
    }

    /// The overlap documents.
    #[must_use]
    pub fn overlap_documents(&self) -> Vec<&str> {
        self.assignment
            .iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|(p, _)| p.as_str())
            .collect()
    }
}
