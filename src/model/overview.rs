//! Corpus stance overview: holders × targets, and outlets compared.

use std::collections::BTreeMap;

use super::annotation::EntityId;
use super::project::Project;
use super::stance::{Holder, StanceId, Target};

/// A holder as it appears in the overview: an entity, or the author of an
/// article from a given outlet.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HolderKey {
    /// A corpus entity.
    Entity(EntityId),
    /// The author of an article from this outlet.
    Author(String),
}

/// Which stances to count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OverviewFilter {
    /// Only articles from this outlet.
    pub outlet: Option<String>,
    /// Only this document.
    pub document: Option<String>,
    /// Only this polarity.
    pub polarity: Option<String>,
}

/// A stance, by document and id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct StanceRef {
    /// Document path.
    pub doc: String,
    /// Stance id.
    pub id: StanceId,
}

/// One cell: counts per polarity and the stances behind them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// Stances per polarity name.
    pub counts: BTreeMap<String, usize>,
    /// The stances, in corpus order.
    pub stances: Vec<StanceRef>,
}

impl Cell {
    /// Total stances.
    #[must_use]
    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }
}

/// The holder × target matrix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StanceMatrix {
    /// Row keys, sorted.
    pub holders: Vec<HolderKey>,
    /// Column keys, sorted.
    pub targets: Vec<Target>,
    /// Non-empty cells.
    pub cells: BTreeMap<(HolderKey, Target), Cell>,
}

/// Aggregates the project's stances (passing `filter`) into a holder × target
/// matrix. `outlet_of` gives each document's outlet.
#[must_use]
pub fn stance_matrix(
    project: &Project,
    outlet_of: &dyn Fn(&str) -> String,
    filter: &OverviewFilter,
) -> StanceMatrix {
    let mut cells: BTreeMap<(HolderKey, Target), Cell> = BTreeMap::new();
    for (doc, stance) in project.stances() {
        let outlet = outlet_of(doc);
        if filter.document.as_deref().is_some_and(|d| d != doc)
            || filter.outlet.as_deref().is_some_and(|o| o != outlet)
            || filter
                .polarity
                .as_deref()
                .is_some_and(|p| p != stance.polarity)
        {
            continue;
        }
        let holder = match stance.holder {
            Holder::Entity(e) => HolderKey::Entity(e),
            Holder::Author => HolderKey::Author(outlet),
        };
        let cell = cells.entry((holder, stance.target.clone())).or_default();
        *cell.counts.entry(stance.polarity.clone()).or_default() += 1;
        cell.stances.push(StanceRef {
            doc: doc.to_owned(),
            id: stance.id,
        });
    }
    let mut holders: Vec<HolderKey> = cells.keys().map(|(h, _)| h.clone()).collect();
    holders.dedup();
    let mut targets: Vec<Target> = cells.keys().map(|(_, t)| t.clone()).collect();
    targets.sort();
    targets.dedup();
    StanceMatrix {
        holders,
        targets,
        cells,
    }
}

/// One outlet compared: whom it quotes, and with which polarity toward each target.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutletRow {
    /// The outlet.
    pub outlet: String,
    /// Stances per holder in this outlet's articles.
    pub holders: BTreeMap<HolderKey, usize>,
    /// Per target, stances per polarity.
    pub targets: BTreeMap<Target, BTreeMap<String, usize>>,
}

/// Outlets compared on all stances (sorted by outlet).
#[must_use]
pub fn outlet_comparison(project: &Project, outlet_of: &dyn Fn(&str) -> String) -> Vec<OutletRow> {
    let mut rows: BTreeMap<String, OutletRow> = BTreeMap::new();
    for (doc, stance) in project.stances() {
        let outlet = outlet_of(doc);
        let row = rows.entry(outlet.clone()).or_insert_with(|| OutletRow {
            outlet: outlet.clone(),
            ..OutletRow::default()
        });
        let holder = match stance.holder {
            Holder::Entity(e) => HolderKey::Entity(e),
            Holder::Author => HolderKey::Author(outlet),
        };
        *row.holders.entry(holder).or_default() += 1;
        *row.targets
            .entry(stance.target.clone())
            .or_default()
            .entry(stance.polarity.clone())
            .or_default() += 1;
    }
    rows.into_values().collect()
}
