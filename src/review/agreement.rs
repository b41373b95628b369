//! Agreement between annotators' projects over the same corpus: mentions
//! (span F1, token-level kappa and alpha, unitizing alpha), entity linking and
//! stances, overall, per entity type and per document.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::tokens::sentences;
use crate::model::{CharSpan, Document, Mention, Project};

use super::coefficients::{Metric, fleiss_kappa, krippendorff_alpha, two_coder};
use super::keys::{entity_key, holder_key, target_key};
use super::spans::{MatchCounts, match_counts, prf};
use super::unitizing::{Unit, category_disagreement, joint_alpha};

/// One annotator's project under review.
#[derive(Clone, Debug)]
pub struct ReviewSave {
    /// A name for the report (the annotator, or the file name).
    pub name: String,
    /// The project.
    pub project: Project,
}

/// Adds the file name to the names of saves that share an annotator name,
/// so a report tells them apart: `files[i]` is the file of `saves[i]`.
pub fn disambiguate_names(saves: &mut [ReviewSave], files: &[std::path::PathBuf]) {
    // Decided on the names as they were: renaming the first of two would
    // otherwise leave the second looking unique.
    let shared: Vec<bool> = saves
        .iter()
        .map(|s| saves.iter().filter(|t| t.name == s.name).count() > 1)
        .collect();
    for (i, shared) in shared.into_iter().enumerate() {
        if shared {
            let stem = files
                .get(i)
                .and_then(|f| f.file_stem())
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            saves[i].name = format!("{} ({stem})", saves[i].name);
        }
    }
}

/// A coefficient, how many items it rests on, and why it is missing if it is.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Figure {
    /// The value, when defined.
    pub value: Option<f64>,
    /// Number of items it rests on.
    pub items: usize,
    /// Why it is not defined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Figure {
    fn of(value: Option<f64>, items: usize, why: &str) -> Self {
        let note = value.is_none().then(|| format!("not defined: {why}"));
        Self { value, items, note }
    }

    /// The value for display: 4 decimals, or "not defined".
    #[must_use]
    pub fn display(&self) -> String {
        self.value
            .map_or_else(|| "not defined".to_owned(), |v| format!("{v:.4}"))
    }
}

/// Mention figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MentionFigures {
    /// Mean pairwise F1, exact matching.
    pub f1_exact: Figure,
    /// Mean pairwise F1, partial matching (overlap of the same type counts half).
    pub f1_partial: Figure,
    /// Cohen's kappa on token labels (two annotators only).
    pub cohen_kappa: Figure,
    /// Fleiss' kappa on token labels.
    pub fleiss_kappa: Figure,
    /// Krippendorff's alpha (nominal) on token labels.
    pub alpha_nominal: Figure,
    /// Krippendorff's unitizing alpha on character spans.
    pub alpha_unitizing: Figure,
    /// Share of mentions marked by both annotators (same span and type, at
    /// least one linked) that are linked to the same entity (by QID, else name).
    pub linking: Figure,
}

/// Figures for one entity type.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TypeFigures {
    /// Mean pairwise F1, exact.
    pub f1_exact: Figure,
    /// Mean pairwise F1, partial.
    pub f1_partial: Figure,
    /// Unitizing alpha for this category.
    pub alpha_unitizing: Figure,
}

/// Figures for one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DocumentFigures {
    /// Document path.
    pub path: String,
    /// Mentions per annotator.
    pub mentions: Vec<usize>,
    /// Mentions not shared by all annotators (same span and type).
    pub disagreements: usize,
    /// Mean pairwise F1, exact.
    pub f1_exact: Figure,
    /// Unitizing alpha over the document.
    pub alpha_unitizing: Figure,
}

/// Stance figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StanceFigures {
    /// Number of (document, holder, target) units any annotator has.
    pub units: usize,
    /// Krippendorff's alpha (nominal, missing where an annotator has no stance).
    pub alpha_nominal: Figure,
    /// Cohen's kappa on units both annotators have (two annotators only).
    pub cohen_kappa: Figure,
    /// Fleiss' kappa on units every annotator has.
    pub fleiss_kappa: Figure,
    /// Mean character overlap (Jaccard) of evidence, for units both of a pair have.
    pub evidence_overlap: Figure,
}

/// The whole report.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct AgreementReport {
    /// Annotators compared, in order.
    pub annotators: Vec<String>,
    /// Documents compared.
    pub compared: Vec<String>,
    /// Documents left out, with why.
    pub left_out: Vec<String>,
    /// Mentions.
    pub mentions: MentionFigures,
    /// Per entity type.
    pub per_type: BTreeMap<String, TypeFigures>,
    /// Per document, most disagreement first.
    pub per_document: Vec<DocumentFigures>,
    /// Stances.
    pub stances: StanceFigures,
}

/// Documents every save annotated against the same text as the corpus has.
#[must_use]
pub fn comparable_documents<'a>(
    saves: &[ReviewSave],
    corpus: &'a [Document],
) -> (Vec<&'a Document>, Vec<String>) {
    let mut docs = Vec::new();
    let mut left_out = Vec::new();
    for doc in corpus {
        let mut problems = Vec::new();
        for s in saves {
            match s.project.documents.get(&doc.path) {
                None => problems.push(format!("not in {}'s save", s.name)),
                Some(e) if e.hash != doc.hash => problems.push(format!(
                    "{} annotated a different version of the text",
                    s.name
                )),
                Some(_) => {}
            }
        }
        if problems.is_empty() {
            docs.push(doc);
        } else {
            left_out.push(format!("{}: {}", doc.path, problems.join("; ")));
        }
    }
    for s in saves {
        for path in s.project.documents.keys() {
            if corpus
                .binary_search_by(|d| d.path.as_str().cmp(path))
                .is_err()
            {
                left_out.push(format!(
                    "{path}: in {}'s save but not in the corpus",
                    s.name
                ));
            }
        }
    }
    (docs, left_out)
}

fn accepted<'a>(save: &'a ReviewSave, doc: &str, label: Option<&str>) -> Vec<&'a Mention> {
    save.project
        .documents
        .get(doc)
        .map(|d| {
            d.mentions
                .iter()
                .filter(|m| !m.suggested && label.is_none_or(|l| m.label == l))
                .collect()
        })
        .unwrap_or_default()
}

fn spans_of(ms: &[&Mention]) -> Vec<(CharSpan, String)> {
    ms.iter().map(|m| (m.span, m.label.clone())).collect()
}

/// Mean pairwise (exact, partial) F1 over `docs`, for one type or all.
fn pairwise_f1(saves: &[ReviewSave], docs: &[&Document], label: Option<&str>) -> (Figure, Figure) {
    if saves.len() < 2 {
        return (
            Figure::of(None, 0, "a single annotator"),
            Figure::of(None, 0, "a single annotator"),
        );
    }
    let mut exact = Vec::new();
    let mut partial = Vec::new();
    let mut items = 0;
    for i in 0..saves.len() {
        for j in i + 1..saves.len() {
            let mut counts = MatchCounts::default();
            for d in docs {
                let a = spans_of(&accepted(&saves[i], &d.path, label));
                let b = spans_of(&accepted(&saves[j], &d.path, label));
                items += a.len() + b.len();
                let c = match_counts(&a, &b);
                counts.correct += c.correct;
                counts.partial += c.partial;
                counts.missing += c.missing;
                counts.spurious += c.spurious;
            }
            let strict = MatchCounts {
                partial: 0,
                missing: counts.missing + counts.partial,
                spurious: counts.spurious + counts.partial,
                ..counts
            };
            exact.extend(prf(strict, 0.0).f1);
            partial.extend(prf(counts, 0.5).f1);
        }
    }
    let mean = |v: &[f64]| {
        #[allow(clippy::cast_precision_loss)]
        let n = v.len() as f64;
        (!v.is_empty()).then(|| v.iter().sum::<f64>() / n)
    };
    (
        Figure::of(mean(&exact), items, "no mentions to compare"),
        Figure::of(mean(&partial), items, "no mentions to compare"),
    )
}

fn units_of(save: &ReviewSave, docs: &[(&Document, usize)], label: Option<&str>) -> Vec<Unit> {
    let mut out = Vec::new();
    for (d, base) in docs {
        for m in accepted(save, &d.path, label) {
            out.push(Unit {
                begin: base + m.span.start,
                length: m.span.len(),
                category: m.label.clone(),
            });
        }
    }
    out
}

fn unitizing(saves: &[ReviewSave], docs: &[&Document], label: Option<&str>) -> Figure {
    if saves.len() < 2 {
        return Figure::of(None, 0, "a single annotator");
    }
    let mut placed = Vec::new();
    let mut length = 0;
    for d in docs {
        placed.push((*d, length));
        length += d.char_len();
    }
    let coders: Vec<Vec<Unit>> = saves.iter().map(|s| units_of(s, &placed, label)).collect();
    let items = coders.iter().map(Vec::len).sum();
    let value = match label {
        Some(l) => category_disagreement(0, length, &coders, l).and_then(|d| d.alpha()),
        None => joint_alpha(0, length, &coders),
    };
    Figure::of(
        value,
        items,
        if items == 0 {
            "no mentions to compare"
        } else {
            "no variation to compare against"
        },
    )
}

/// Token labels per annotator: the type of the longest accepted mention
/// covering each token, else `O`, as indices into a sorted list of the labels
/// used (the coefficients only compare labels, so names are not needed).
/// Linear in text plus mention length: each mention marks the code points it
/// covers, and each token reads the mark at its start.
fn token_labels(saves: &[ReviewSave], docs: &[&Document]) -> Vec<Vec<usize>> {
    const OUTSIDE: &str = "O";
    let mut names: BTreeSet<&str> = BTreeSet::from([OUTSIDE]);
    for s in saves {
        for d in docs {
            names.extend(accepted(s, &d.path, None).iter().map(|m| m.label.as_str()));
        }
    }
    let names: Vec<&str> = names.into_iter().collect();
    let index = |label: &str| names.binary_search(&label).unwrap_or(0);
    let outside = index(OUTSIDE);
    let mut out = vec![Vec::new(); saves.len()];
    for d in docs {
        let starts: Vec<usize> = sentences(&d.text)
            .into_iter()
            .flat_map(|s| s.tokens)
            .map(|t| t.start)
            .collect();
        for (k, s) in saves.iter().enumerate() {
            // (length, label) of the longest mention over each code point;
            // among equally long ones the last, as before.
            let mut best: Vec<Option<(usize, usize)>> = vec![None; d.char_len()];
            for m in accepted(s, &d.path, None) {
                let label = index(&m.label);
                let end = m.span.end.min(best.len());
                for slot in best.iter_mut().take(end).skip(m.span.start) {
                    if slot.is_none_or(|(len, _)| m.span.len() >= len) {
                        *slot = Some((m.span.len(), label));
                    }
                }
            }
            out[k].extend(
                starts
                    .iter()
                    .map(|&t| best.get(t).copied().flatten().map_or(outside, |(_, l)| l)),
            );
        }
    }
    out
}

fn label_figures(labels: &[Vec<usize>]) -> (Figure, Figure, Figure) {
    let items = labels.first().map_or(0, Vec::len);
    if labels.len() < 2 {
        let f = || Figure::of(None, items, "a single annotator");
        return (f(), f(), f());
    }
    let cohen = if labels.len() == 2 {
        let pairs: Vec<(usize, usize)> = labels[0]
            .iter()
            .copied()
            .zip(labels[1].iter().copied())
            .collect();
        Figure::of(
            two_coder(&pairs).and_then(|t| t.cohen_kappa),
            items,
            "only one category is used, or nothing to compare",
        )
    } else {
        Figure::of(
            None,
            items,
            "Cohen's kappa is for two annotators; see Fleiss' kappa",
        )
    };
    let categories: Vec<usize> = labels
        .iter()
        .flatten()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let counts: Vec<Vec<usize>> = (0..items)
        .map(|t| {
            categories
                .iter()
                .map(|c| labels.iter().filter(|l| l[t] == *c).count())
                .collect()
        })
        .collect();
    let fleiss = Figure::of(
        fleiss_kappa(&counts),
        items,
        "only one category is used, or nothing to compare",
    );
    let data: Vec<Vec<Option<usize>>> = labels
        .iter()
        .map(|l| l.iter().copied().map(Some).collect())
        .collect();
    let alpha = Figure::of(
        krippendorff_alpha(&data, Metric::Nominal, &|_| 0.0),
        items,
        "only one category is used, or nothing to compare",
    );
    (cohen, fleiss, alpha)
}

fn linking(saves: &[ReviewSave], docs: &[&Document]) -> Figure {
    if saves.len() < 2 {
        return Figure::of(None, 0, "a single annotator");
    }
    let (mut same, mut total) = (0usize, 0usize);
    for i in 0..saves.len() {
        for j in i + 1..saves.len() {
            for d in docs {
                let b = accepted(&saves[j], &d.path, None);
                for ma in accepted(&saves[i], &d.path, None) {
                    let Some(mb) = b
                        .iter()
                        .find(|mb| mb.span == ma.span && mb.label == ma.label)
                    else {
                        continue;
                    };
                    if ma.entity.is_none() && mb.entity.is_none() {
                        continue;
                    }
                    total += 1;
                    let ka = ma.entity.map(|e| entity_key(&saves[i].project, e));
                    let kb = mb.entity.map(|e| entity_key(&saves[j].project, e));
                    if ka.is_some() && ka == kb {
                        same += 1;
                    }
                }
            }
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let value = (total > 0).then(|| same as f64 / total as f64);
    Figure::of(value, total, "no linked mention marked by two annotators")
}

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

fn stance_figures(saves: &[ReviewSave], docs: &[&Document]) -> StanceFigures {
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

/// The agreement report of `saves` over `corpus` (sorted by path).
#[must_use]
pub fn agreement(saves: &[ReviewSave], corpus: &[Document]) -> AgreementReport {
    let (docs, left_out) = comparable_documents(saves, corpus);
    // Token labelling (segmentation of every text) is about half the work
    // and independent of the rest: it runs on a second core.
    std::thread::scope(|scope| {
        let tokens = scope.spawn(|| label_figures(&token_labels(saves, &docs)));
        let rest = report_without_tokens(saves, &docs, left_out);
        let (cohen_kappa, fleiss, alpha_nominal) = tokens
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        AgreementReport {
            mentions: MentionFigures {
                cohen_kappa,
                fleiss_kappa: fleiss,
                alpha_nominal,
                ..rest.mentions
            },
            ..rest
        }
    })
}

/// Everything but the token-level coefficients (left at their defaults).
fn report_without_tokens(
    saves: &[ReviewSave],
    docs: &[&Document],
    left_out: Vec<String>,
) -> AgreementReport {
    let docs = docs.to_vec();
    let (f1_exact, f1_partial) = pairwise_f1(saves, &docs, None);
    let mentions = MentionFigures {
        f1_exact,
        f1_partial,
        alpha_unitizing: unitizing(saves, &docs, None),
        linking: linking(saves, &docs),
        ..MentionFigures::default()
    };
    let types: BTreeSet<String> = saves
        .iter()
        .flat_map(|s| {
            docs.iter()
                .flat_map(move |d| accepted(s, &d.path, None))
                .map(|m| m.label.clone())
        })
        .collect();
    let per_type = types
        .into_iter()
        .map(|t| {
            let (e, p) = pairwise_f1(saves, &docs, Some(&t));
            let u = unitizing(saves, &docs, Some(&t));
            (
                t,
                TypeFigures {
                    f1_exact: e,
                    f1_partial: p,
                    alpha_unitizing: u,
                },
            )
        })
        .collect();
    let mut per_document: Vec<DocumentFigures> = docs
        .iter()
        .map(|d| {
            let one = [*d];
            let per: Vec<Vec<(CharSpan, String)>> = saves
                .iter()
                .map(|s| spans_of(&accepted(s, &d.path, None)))
                .collect();
            let all: BTreeSet<&(CharSpan, String)> = per.iter().flatten().collect();
            let disagreements = all
                .iter()
                .filter(|x| !per.iter().all(|p| p.contains(x)))
                .count();
            DocumentFigures {
                path: d.path.clone(),
                mentions: per.iter().map(Vec::len).collect(),
                disagreements,
                f1_exact: pairwise_f1(saves, &one, None).0,
                alpha_unitizing: unitizing(saves, &one, None),
            }
        })
        .collect();
    per_document.sort_by(|a, b| {
        b.disagreements
            .cmp(&a.disagreements)
            .then_with(|| a.path.cmp(&b.path))
    });
    AgreementReport {
        annotators: saves.iter().map(|s| s.name.clone()).collect(),
        compared: docs.iter().map(|d| d.path.clone()).collect(),
        left_out,
        mentions,
        per_type,
        per_document,
        stances: stance_figures(saves, &docs),
    }
}

fn put(obj: &mut serde_json::Map<String, serde_json::Value>, key: &str, f: &Figure) {
    obj.insert(key.to_owned(), serde_json::json!(f.value));
    obj.insert(format!("{key}_items"), serde_json::json!(f.items));
    if let Some(note) = &f.note {
        obj.insert(format!("{key}_note"), serde_json::json!(note));
    }
}

/// The report as JSON: `mentions.f1_exact`, `stances.alpha_nominal`, … are
/// numbers (null when not defined), each with `<key>_items` and, when not
/// defined, `<key>_note`; `per_type` and `per_document` break them down.
#[must_use]
pub fn report_json(report: &AgreementReport) -> serde_json::Value {
    let m = &report.mentions;
    let mut mentions = serde_json::Map::new();
    for (k, f) in [
        ("f1_exact", &m.f1_exact),
        ("f1_partial", &m.f1_partial),
        ("cohen_kappa", &m.cohen_kappa),
        ("fleiss_kappa", &m.fleiss_kappa),
        ("alpha_nominal", &m.alpha_nominal),
        ("alpha_unitizing", &m.alpha_unitizing),
        ("linking", &m.linking),
    ] {
        put(&mut mentions, k, f);
    }
    let s = &report.stances;
    let mut stances = serde_json::Map::new();
    stances.insert("units".to_owned(), serde_json::json!(s.units));
    for (k, f) in [
        ("alpha_nominal", &s.alpha_nominal),
        ("cohen_kappa", &s.cohen_kappa),
        ("fleiss_kappa", &s.fleiss_kappa),
        ("evidence_overlap", &s.evidence_overlap),
    ] {
        put(&mut stances, k, f);
    }
    let per_type: serde_json::Map<String, serde_json::Value> = report
        .per_type
        .iter()
        .map(|(t, f)| {
            let mut o = serde_json::Map::new();
            put(&mut o, "f1_exact", &f.f1_exact);
            put(&mut o, "f1_partial", &f.f1_partial);
            put(&mut o, "alpha_unitizing", &f.alpha_unitizing);
            (t.clone(), serde_json::Value::Object(o))
        })
        .collect();
    let per_document: Vec<serde_json::Value> = report
        .per_document
        .iter()
        .map(|d| {
            let mut o = serde_json::Map::new();
            o.insert("path".to_owned(), serde_json::json!(d.path));
            o.insert("mentions".to_owned(), serde_json::json!(d.mentions));
            o.insert(
                "disagreements".to_owned(),
                serde_json::json!(d.disagreements),
            );
            put(&mut o, "f1_exact", &d.f1_exact);
            put(&mut o, "alpha_unitizing", &d.alpha_unitizing);
            serde_json::Value::Object(o)
        })
        .collect();
    serde_json::json!({
        "annotators": report.annotators,
        "compared": report.compared,
        "left_out": report.left_out,
        "mentions": mentions,
        "stances": stances,
        "per_type": per_type,
        "per_document": per_document,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MentionId, Schema};

    fn save(name: &str, doc: &Document, mentions: &[(usize, usize, &str)]) -> ReviewSave {
        let mut project = Project::new(name, Schema::default());
        project.attach(std::slice::from_ref(doc));
        let entry = project.document_mut(&doc.path).expect("attached");
        for (i, &(start, end, label)) in mentions.iter().enumerate() {
            entry.insert_sorted(Mention::new(
                doc,
                MentionId(i as u64),
                CharSpan::new(start, end),
                label,
            ));
        }
        ReviewSave {
            name: name.to_owned(),
            project,
        }
    }

    /// (start, end, label).
    type Marked<'a> = (usize, usize, &'a str);

    #[test]
    fn saves_sharing_a_name_all_get_their_file_name() {
        let named = |name: &str| ReviewSave {
            name: name.to_owned(),
            project: Project::default(),
        };
        let mut saves = vec![named("ana"), named("ana"), named("ben")];
        let files: Vec<std::path::PathBuf> = ["a/ana-1.ron", "b/ana-2.ron", "c/ben.ron"]
            .iter()
            .map(Into::into)
            .collect();
        disambiguate_names(&mut saves, &files);
        let names: Vec<&str> = saves.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["ana (ana-1)", "ana (ana-2)", "ben"]);
    }

    #[test]
    fn token_labels_take_the_longest_covering_mention() {
        // Tokens: "🙂"(0) "Vladimir"(2) "Putin"(11) "met"(17) "東"(21) "京"(22) "."(23)
        let doc = Document::new("a.txt", "🙂 Vladimir Putin met 東京.", "utf-8");
        let cases: [(&[Marked], [&str; 7]); 4] = [
            (&[], ["O", "O", "O", "O", "O", "O", "O"]),
            (&[(11, 16, "PER")], ["O", "O", "PER", "O", "O", "O", "O"]),
            (
                // The longer mention wins over the one nested inside it.
                &[(2, 16, "PER"), (11, 16, "ORG"), (21, 23, "GPE")],
                ["O", "PER", "PER", "O", "GPE", "GPE", "O"],
            ),
            (
                // Equally long: the later one in reading order.
                &[(21, 23, "GPE"), (21, 23, "LOC")],
                ["O", "O", "O", "O", "LOC", "LOC", "O"],
            ),
        ];
        for (mentions, expected) in cases {
            let saves = [save("a", &doc, mentions), save("b", &doc, &[])];
            let labels = token_labels(&saves, &[&doc]);
            let mut names: Vec<&str> = mentions.iter().map(|m| m.2).collect();
            names.push("O");
            names.sort_unstable();
            names.dedup();
            let got: Vec<&str> = labels[0].iter().map(|&i| names[i]).collect();
            assert_eq!(got, expected, "{mentions:?}");
            assert!(labels[1].iter().all(|&i| names[i] == "O"));
        }
    }
}
