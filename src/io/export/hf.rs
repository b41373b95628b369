//! Hugging Face token classification: `data.jsonl` with one sentence per line
//! (`id`, `tokens`, `ner_tags` as integers) and `labels.json` with the tag
//! names in order. Tokenisation as for CoNLL.

use serde_json::json;

use crate::model::Project;

use super::{ExportDoc, ExportOptions, ExportReport, Output};

/// Tag names: `O`, then `B-X` and `I-X` for each type in schema order.
pub(crate) fn tag_names(project: &Project) -> Vec<String> {
    let mut names = vec!["O".to_owned()];
    for t in &project.schema.entity_types {
        names.push(format!("B-{}", t.name));
        names.push(format!("I-{}", t.name));
    }
    names
}

pub(crate) fn render(
    project: &Project,
    docs: &[ExportDoc<'_>],
    options: ExportOptions,
    report: &mut ExportReport,
) -> Output {
    let names = tag_names(project);
    let index: std::collections::HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let mut data = String::new();
    let abbreviations = &project.schema.abbreviations;
    for d in docs {
        for (n, s) in super::conll::tagged(d, options, abbreviations, report)
            .into_iter()
            .enumerate()
        {
            let ids: Vec<usize> = s
                .tags
                .iter()
                .map(|t| index.get(t.as_str()).copied().unwrap_or(0))
                .collect();
            let line =
                json!({ "id": format!("{}#{n}", d.doc.path), "tokens": s.words, "ner_tags": ids });
            data.push_str(&line.to_string());
            data.push('\n');
        }
    }
    let labels = serde_json::to_string_pretty(&names).unwrap_or_default();
    Output::Folder(vec![
        ("data.jsonl".to_owned(), data),
        ("labels.json".to_owned(), labels + "\n"),
    ])
}
