//! Agreement on stances: units are (document, holder, target); each
//! annotator gives a polarity (or none) and evidence spans.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{CharSpan, Document};

use super::agreement::ReviewSave;
use super::coefficients::{Metric, fleiss_kappa, krippendorff_alpha, two_coder};
use super::keys::{holder_key, target_key};
use super::report::{Figure, StanceFigures};

/// Stance units: (document, holder, target) → each annotator's polarity and evidence.
type StanceUnits = BTreeMap<(String, String, String), Vec<Option<(String, Vec<CharSpan>)>>>;

fn stance_units(saves: &[ReviewSave], docs: &[&Document]) -> StanceUnits {
    let mut units: StanceUnits = BTreeMap::new();
    for (k, s) in saves.iter().enumerate() {
        for d in docs {
            let Some(entry) = s.project.documents.get(&d.path) else {
                continue;
            };
            for st in &entry.stances {
                let key = (
                    d.path.clone(),
                    holder_key(&s.project, &st.holder),
                    target_key(&s.project, &st.target),
                );
                let slot = units.entry(key).or_insert_with(|| vec![None; saves.len()]);
                if slot[k].is_none() {
                    slot[k] = Some((
                        st.polarity.clone(),
                        st.evidence.iter().map(|e| e.span).collect(),
                    ));
                }
            }
        }
    }
    units
}

fn jaccard(a: &[CharSpan], b: &[CharSpan]) -> Option<f64> {
    let set = |v: &[CharSpan]| {
        v.iter()
            .flat_map(|s| s.start..s.end)
            .collect::<BTreeSet<usize>>()
    };
    let (a, b) = (set(a), set(b));
    let union = a.union(&b).count();
    #[allow(clippy::cast_precision_loss)]
    let value = (union > 0).then(|| a.intersection(&b).count() as f64 / union as f64);
    value
}

pub(super) fn stance_figures(saves: &[ReviewSave], docs: &[&Document]) -> StanceFigures {
    let units = stance_units(saves, docs);
    let n = units.len();
    if saves.len() < 2 {
        let f = || Figure::of(None, n, "a single annotator");
        return StanceFigures {
            units: n,
            alpha_nominal: f(),
            cohen_kappa: f(),
            fleiss_kappa: f(),
            evidence_overlap: f(),
        };
    }
    let data: Vec<Vec<Option<String>>> = (0..saves.len())
        .map(|k| {
            units
                .values()
                .map(|v| v[k].as_ref().map(|(p, _)| p.clone()))
                .collect()
        })
        .collect();
    let alpha = Figure::of(
        krippendorff_alpha(&data, Metric::Nominal, &|_| 0.0),
        n,
        "fewer than two annotators per unit, or one polarity only",
    );
    let cohen = if saves.len() == 2 {
        let pairs: Vec<(String, String)> = units
            .values()
            .filter_map(|v| Some((v[0].as_ref()?.0.clone(), v[1].as_ref()?.0.clone())))
            .collect();
        Figure::of(
            two_coder(&pairs).and_then(|t| t.cohen_kappa),
            pairs.len(),
            "no unit both annotators have, or one polarity only",
        )
    } else {
        Figure::of(
            None,
            n,
            "Cohen's kappa is for two annotators; see Fleiss' kappa",
        )
    };
    let polarities: Vec<String> = units
        .values()
        .flatten()
        .flatten()
        .map(|(p, _)| p.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let full: Vec<Vec<usize>> = units
        .values()
        .filter(|v| v.iter().all(Option::is_some))
        .map(|v| {
            polarities
                .iter()
                .map(|p| v.iter().flatten().filter(|(q, _)| q == p).count())
                .collect()
        })
        .collect();
    let fleiss = Figure::of(
        fleiss_kappa(&full),
        full.len(),
        "no unit every annotator has, or one polarity only",
    );
    let mut overlaps = Vec::new();
    for v in units.values() {
        for i in 0..v.len() {
            for j in i + 1..v.len() {
                if let (Some((_, a)), Some((_, b))) = (&v[i], &v[j])
                    && !a.is_empty()
                    && !b.is_empty()
                {
                    overlaps.extend(jaccard(a, b));
                }
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let mean = (!overlaps.is_empty()).then(|| overlaps.iter().sum::<f64>() / overlaps.len() as f64);
    let evidence = Figure::of(
        mean,
        overlaps.len(),
        "no unit with evidence from two annotators",
    );
    StanceFigures {
        units: n,
        alpha_nominal: alpha,
        cohen_kappa: cohen,
        fleiss_kappa: fleiss,
        evidence_overlap: evidence,
    }
}
