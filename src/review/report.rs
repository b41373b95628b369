//! The agreement report: its figures (a coefficient with the number of
//! items it rests on, or why it is not defined) and its JSON form.

use std::collections::BTreeMap;

use serde::Serialize;

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
    pub(super) fn of(value: Option<f64>, items: usize, why: &str) -> Self {
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

/// Relation figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct RelationFigures {
    /// Relations of all annotators together.
    pub relations: usize,
    /// Mean pairwise F1 over (type, source, target), ends matched exactly.
    pub f1_exact: Figure,
    /// The same, an end overlapping one of the same type counting half.
    pub f1_partial: Figure,
}

/// Quotation figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QuotationFigures {
    /// Quotations of all annotators together.
    pub quotations: usize,
    /// Mean pairwise F1 of finding the quotations (paired by shared words).
    pub f1: Figure,
    /// Mean character Jaccard of the paired quotations' contents.
    pub content_overlap: Figure,
    /// Share of paired quotations with the same speaker.
    pub speaker: Figure,
    /// Share of paired quotations of the same kind.
    pub kind: Figure,
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
    /// Relations.
    pub relations: RelationFigures,
    /// Quotations.
    pub quotations: QuotationFigures,
    /// The document codebook, per variable.
    pub codebook: Vec<super::codebook_agreement::VariableFigures>,
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
    let r = &report.relations;
    let mut relations = serde_json::Map::new();
    relations.insert("relations".to_owned(), serde_json::json!(r.relations));
    put(&mut relations, "f1_exact", &r.f1_exact);
    put(&mut relations, "f1_partial", &r.f1_partial);
    let q = &report.quotations;
    let mut quotations = serde_json::Map::new();
    quotations.insert("quotations".to_owned(), serde_json::json!(q.quotations));
    for (k, f) in [
        ("f1", &q.f1),
        ("content_overlap", &q.content_overlap),
        ("speaker", &q.speaker),
        ("kind", &q.kind),
    ] {
        put(&mut quotations, k, f);
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
        "relations": relations,
        "quotations": quotations,
        "per_type": per_type,
        "per_document": per_document,
        "codebook": report.codebook.iter().map(|v| {
            let mut o = serde_json::Map::new();
            o.insert("variable".to_owned(), serde_json::json!(v.variable));
            o.insert("metric".to_owned(), serde_json::json!(v.metric));
            o.insert("documents".to_owned(), serde_json::json!(v.documents));
            put(&mut o, "alpha", &v.alpha);
            if let Some(j) = &v.alpha_jaccard {
                put(&mut o, "alpha_jaccard", j);
            }
            put(&mut o, "percent", &v.percent);
            serde_json::Value::Object(o)
        }).collect::<Vec<_>>(),
    })
}
