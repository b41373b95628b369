//! Agreement on the document codebook, variable by variable, over the
//! documents two or more annotators coded: Krippendorff's alpha with the
//! metric the variable's kind implies (nominal for a single choice, ordinal
//! for a scale, interval for a number, MASI, and Jaccard beside it, for a
//! multiple choice; none for free text), percent agreement, and how many
//! documents were compared. A document an annotator did not code for the
//! variable is a missing value, as Krippendorff defines it.

use serde::Serialize;

use super::agreement::ReviewSave;
use super::coefficients::{Metric, krippendorff_alpha_counted, krippendorff_alpha_distance};
use super::report::Figure;
use super::set_distance::{jaccard_distance, masi_distance};
use crate::model::Document;
use crate::model::codebook::{Code, Variable, VariableKind};

/// The figures of one variable.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VariableFigures {
    /// The variable.
    pub variable: String,
    /// The metric alpha uses: `nominal`, `ordinal`, `interval`, `MASI`, or
    /// `none` for free text.
    pub metric: &'static str,
    /// Krippendorff's alpha.
    pub alpha: Figure,
    /// For a multiple choice, alpha with the Jaccard distance too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha_jaccard: Option<Figure>,
    /// Share of pairs of values (within a document) that are equal.
    pub percent: Figure,
    /// Documents with two or more values.
    pub documents: usize,
}

fn number(c: &Code) -> f64 {
    match c {
        Code::Number(n) => n.0,
        Code::Scale(p) => f64::from(*p),
        _ => 0.0,
    }
}

fn set_distance(
    d: fn(&std::collections::BTreeSet<String>, &std::collections::BTreeSet<String>) -> f64,
) -> impl Fn(&Code, &Code) -> f64 {
    move |a: &Code, b: &Code| match (a, b) {
        (Code::Choices(x), Code::Choices(y)) => d(x, y),
        _ => f64::from(u8::from(a != b)),
    }
}

/// The figures of every variable of `variables` over `docs`.
#[must_use]
pub fn codebook_figures(
    variables: &[Variable],
    saves: &[ReviewSave],
    docs: &[&Document],
) -> Vec<VariableFigures> {
    let mut out = Vec::new();
    for v in variables {
        let units: Vec<Vec<&Code>> = docs
            .iter()
            .map(|d| {
                saves
                    .iter()
                    .filter_map(|s| {
                        s.project
                            .documents
                            .get(&d.path)
                            .and_then(|e| e.codes.get(&v.name))
                    })
                    .collect::<Vec<&Code>>()
            })
            .filter(|values| values.len() >= 2)
            .collect();
        let documents = units.len();
        let why = "fewer than two annotators coded any document, or every value is the same";
        let counted = || units.iter().map(|u| (u.clone(), 1));
        let (metric, alpha, alpha_jaccard) = match &v.kind {
            VariableKind::Single(_) => (
                "nominal",
                krippendorff_alpha_counted(counted(), Metric::Nominal, &number),
                None,
            ),
            VariableKind::Scale(_) => (
                "ordinal",
                krippendorff_alpha_counted(counted(), Metric::Ordinal, &number),
                None,
            ),
            VariableKind::Number { .. } => (
                "interval",
                krippendorff_alpha_counted(counted(), Metric::Interval, &number),
                None,
            ),
            VariableKind::Multiple(_) => (
                "MASI",
                krippendorff_alpha_distance(counted(), &set_distance(masi_distance)),
                Some(Figure::of(
                    krippendorff_alpha_distance(counted(), &set_distance(jaccard_distance)),
                    documents,
                    why,
                )),
            ),
            VariableKind::Text => ("none", None, None),
        };
        let alpha = if metric == "none" {
            Figure::of(
                None,
                documents,
                "free text has no alpha; see percent agreement",
            )
        } else {
            Figure::of(alpha, documents, why)
        };
        let (mut same, mut pairs) = (0usize, 0usize);
        for u in &units {
            for (i, a) in u.iter().enumerate() {
                for b in &u[i + 1..] {
                    pairs += 1;
                    same += usize::from(a == b);
                }
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let percent = (pairs > 0).then(|| same as f64 / pairs as f64);
        out.push(VariableFigures {
            variable: v.name.clone(),
            metric,
            alpha,
            alpha_jaccard,
            percent: Figure::of(percent, pairs, "no document was coded by two annotators"),
            documents,
        });
    }
    out
}
