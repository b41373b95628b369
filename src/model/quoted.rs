//! "Who is quoted": quotations counted by speaker and outlet, with the
//! share given in the speaker's own words and the number of words quoted.

use std::collections::{BTreeMap, BTreeSet};

use super::annotation::EntityId;
use super::attribution::speaker_entity;
use super::project::Project;
use super::quotation::{QuotationId, QuoteKind};

/// Who a quotation is attributed to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Speaker {
    /// A corpus entity (a pronoun speaker counts as its antecedent's).
    Entity(EntityId),
    /// A speaker mention linked to no entity, by its text.
    Unlinked(String),
    /// Nobody named.
    Unattributed,
}

/// A quotation, by document and id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct QuotationRef {
    /// Document path.
    pub doc: String,
    /// Quotation id.
    pub id: QuotationId,
}

/// One speaker × outlet cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuotedCell {
    /// Quotations.
    pub quotations: usize,
    /// Of them, direct quotations.
    pub direct: usize,
    /// Words quoted.
    pub words: usize,
    /// The quotations, in corpus order.
    pub refs: Vec<QuotationRef>,
}

impl QuotedCell {
    /// The share of direct quotations, 0 to 1 (0 for an empty cell).
    #[must_use]
    pub fn direct_share(&self) -> f64 {
        if self.quotations == 0 {
            0.0
        } else {
            self.direct as f64 / self.quotations as f64
        }
    }

    fn add(&mut self, other: &Self) {
        self.quotations += other.quotations;
        self.direct += other.direct;
        self.words += other.words;
        self.refs.extend(other.refs.iter().cloned());
    }
}

/// Speakers × outlets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuotedTable {
    /// Speakers, most quoted first (then by key).
    pub speakers: Vec<Speaker>,
    /// Outlets, sorted ("" for documents without one).
    pub outlets: Vec<String>,
    /// The cells that have quotations.
    pub cells: BTreeMap<(Speaker, String), QuotedCell>,
}

impl QuotedTable {
    /// The cell of `speaker` and `outlet` (empty if none).
    #[must_use]
    pub fn cell(&self, speaker: &Speaker, outlet: &str) -> QuotedCell {
        self.cells
            .get(&(speaker.clone(), outlet.to_owned()))
            .cloned()
            .unwrap_or_default()
    }

    /// All of a speaker's quotations, across outlets.
    #[must_use]
    pub fn speaker_total(&self, speaker: &Speaker) -> QuotedCell {
        let mut total = QuotedCell::default();
        for outlet in &self.outlets {
            if let Some(c) = self.cells.get(&(speaker.clone(), outlet.clone())) {
                total.add(c);
            }
        }
        total
    }
}

/// Counts every quotation of `project` by speaker and outlet (`outlet_of`
/// gives a document's outlet from its path).
#[must_use]
pub fn quoted_table(project: &Project, outlet_of: impl Fn(&str) -> String) -> QuotedTable {
    let mut cells: BTreeMap<(Speaker, String), QuotedCell> = BTreeMap::new();
    let mut outlets = BTreeSet::new();
    for (path, entry) in &project.documents {
        let outlet = outlet_of(path);
        for q in &entry.quotations {
            let speaker = match q.speaker {
                None => Speaker::Unattributed,
                Some(m) => speaker_entity(entry, m).map_or_else(
                    || {
                        Speaker::Unlinked(
                            entry
                                .mention(m)
                                .map(|x| x.quote.exact.clone())
                                .unwrap_or_default(),
                        )
                    },
                    Speaker::Entity,
                ),
            };
            outlets.insert(outlet.clone());
            let cell = cells.entry((speaker, outlet.clone())).or_default();
            cell.quotations += 1;
            cell.direct += usize::from(q.kind == QuoteKind::Direct);
            cell.words += q.words();
            cell.refs.push(QuotationRef {
                doc: path.clone(),
                id: q.id,
            });
        }
    }
    let mut totals: BTreeMap<Speaker, usize> = BTreeMap::new();
    for ((s, _), c) in &cells {
        *totals.entry(s.clone()).or_default() += c.quotations;
    }
    let mut speakers: Vec<Speaker> = totals.keys().cloned().collect();
    speakers.sort_by(|a, b| totals[b].cmp(&totals[a]).then_with(|| a.cmp(b)));
    QuotedTable {
        speakers,
        outlets: outlets.into_iter().collect(),
        cells,
    }
}

/// The name of `speaker` for the user.
#[must_use]
pub fn speaker_name(project: &Project, speaker: &Speaker) -> String {
    match speaker {
        Speaker::Entity(e) => project
            .entities
            .get(e)
            .map_or_else(|| e.to_string(), |x| x.name.clone()),
        Speaker::Unlinked(text) => format!("“{text}” (no entity)"),
        Speaker::Unattributed => "unattributed".to_owned(),
    }
}
