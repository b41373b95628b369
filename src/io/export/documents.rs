//! One row per document for analysis in R, pandas or SPSS: path, title,
//! outlet, date, status and annotator; one column per codebook variable (a
//! multiple choice as one 0/1 column per value, `VARIABLE__VALUE`; a scale
//! as its point number); the mentions per entity type (`mentions_TYPE`) and
//! the stances per polarity (`stances_POLARITY`). `documents-csv` writes a
//! folder with `documents.csv` and `codebook.csv` (variable, column, kind,
//! value, label), so the data describe themselves; `documents-jsonl` writes
//! the same per document as JSON (a multiple choice as a list). Every CSV
//! cell goes through [`super::csv_safe::csv_cell`].

use serde_json::{Value, json};

use super::csv_safe::csv_cell;
use super::{Content, ExportDoc, Output};
use crate::model::Project;
use crate::model::codebook::{Code, Variable, VariableKind, applies};

/// The cells of `v` for a document coded `code` (empty when uncoded or
/// when the variable does not apply).
fn cells(v: &Variable, code: Option<&Code>, applies: bool) -> Vec<String> {
    match &v.kind {
        VariableKind::Multiple(values) => values
            .iter()
            .map(|c| match (applies, code) {
                (true, Some(Code::Choices(set))) => u8::from(set.contains(&c.name)).to_string(),
                _ => String::new(),
            })
            .collect(),
        _ => vec![
            code.filter(|_| applies)
                .map(Code::display)
                .unwrap_or_default(),
        ],
    }
}

fn header(project: &Project) -> Vec<String> {
    project.schema.document_columns()
}

fn row(project: &Project, d: &ExportDoc<'_>) -> Vec<String> {
    let e = d.entry;
    let mut r = vec![
        d.doc.path.clone(),
        d.doc.title.clone(),
        d.outlet.clone(),
        d.doc.date.clone().unwrap_or_default(),
        e.status.label().to_owned(),
        project.annotator.clone(),
    ];
    let vars = &project.schema.variables;
    for v in vars {
        r.extend(cells(v, e.codes.get(&v.name), applies(vars, &e.codes, v)));
    }
    for t in &project.schema.entity_types {
        r.push(
            d.mentions
                .iter()
                .filter(|m| m.label == t.name)
                .count()
                .to_string(),
        );
    }
    for p in &project.schema.polarities {
        r.push(
            e.stances
                .iter()
                .filter(|s| s.polarity == p.name)
                .count()
                .to_string(),
        );
    }
    r
}

fn csv_of(rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for r in rows {
        let _ = writer.write_record(r.iter().map(|c| csv_cell(c).into_owned()));
    }
    writer.into_inner().unwrap_or_default()
}

/// `codebook.csv`: one row per value of each variable (one for a number
/// or a text), so the columns explain themselves.
fn codebook_rows(variables: &[Variable]) -> Vec<Vec<String>> {
    let mut rows = vec![
        ["variable", "column", "kind", "value", "label"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect::<Vec<_>>(),
    ];
    for v in variables {
        let label_of = |c: &crate::model::codebook::Choice| {
            if c.label.is_empty() {
                c.name.clone()
            } else {
                c.label.clone()
            }
        };
        match &v.kind {
            VariableKind::Single(values) => {
                for c in values {
                    rows.push(vec![
                        v.name.clone(),
                        v.name.clone(),
                        "single".into(),
                        c.name.clone(),
                        label_of(c),
                    ]);
                }
            }
            VariableKind::Multiple(values) => {
                for c in values {
                    rows.push(vec![
                        v.name.clone(),
                        format!("{}__{}", v.name, c.name),
                        "multiple (0/1)".into(),
                        c.name.clone(),
                        label_of(c),
                    ]);
                }
            }
            VariableKind::Scale(points) => {
                for (i, p) in points.iter().enumerate() {
                    rows.push(vec![
                        v.name.clone(),
                        v.name.clone(),
                        "ordinal".into(),
                        (i + 1).to_string(),
                        p.clone(),
                    ]);
                }
            }
            VariableKind::Number { min, max } => rows.push(vec![
                v.name.clone(),
                v.name.clone(),
                "number".into(),
                String::new(),
                format!(
                    "{} to {}",
                    min.map_or("any".to_owned(), |m| m.0.to_string()),
                    max.map_or("any".to_owned(), |m| m.0.to_string())
                ),
            ]),
            VariableKind::Text => rows.push(vec![
                v.name.clone(),
                v.name.clone(),
                "text".into(),
                String::new(),
                v.description.clone(),
            ]),
        }
    }
    rows
}

pub(crate) fn render_csv(project: &Project, docs: &[ExportDoc<'_>]) -> Output {
    let data = csv_of(std::iter::once(header(project)).chain(docs.iter().map(|d| row(project, d))));
    let codebook = csv_of(codebook_rows(&project.schema.variables));
    Output::Folder(vec![
        ("documents.csv".to_owned(), Content::from_pieces(vec![data])),
        (
            "codebook.csv".to_owned(),
            Content::from_pieces(vec![codebook]),
        ),
    ])
}

pub(crate) fn render_jsonl(project: &Project, docs: &[ExportDoc<'_>]) -> Output {
    let mut out = String::new();
    let vars = &project.schema.variables;
    for d in docs {
        let mut codes = serde_json::Map::new();
        for v in vars.iter().filter(|v| applies(vars, &d.entry.codes, v)) {
            let value = match d.entry.codes.get(&v.name) {
                None => Value::Null,
                Some(Code::Choices(set)) => json!(set),
                Some(Code::Scale(p)) => json!(p),
                Some(Code::Number(n)) => json!(n.0),
                Some(c) => json!(c.display()),
            };
            codes.insert(v.name.clone(), value);
        }
        let mentions: serde_json::Map<String, Value> = project
            .schema
            .entity_types
            .iter()
            .map(|t| {
                (
                    t.name.clone(),
                    json!(d.mentions.iter().filter(|m| m.label == t.name).count()),
                )
            })
            .collect();
        let stances: serde_json::Map<String, Value> = project
            .schema
            .polarities
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    json!(
                        d.entry
                            .stances
                            .iter()
                            .filter(|s| s.polarity == p.name)
                            .count()
                    ),
                )
            })
            .collect();
        let line = json!({
            "path": d.doc.path,
            "title": d.doc.title,
            "outlet": d.outlet,
            "date": d.doc.date,
            "status": d.entry.status.label(),
            "annotator": project.annotator,
            "codes": codes,
            "mentions": mentions,
            "stances": stances,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    Output::File(out.into())
}
