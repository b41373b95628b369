//! Hugging Face token classification: `data.jsonl` with one sentence per line
//! (`id`, `tokens`, `ner_tags` as integers) and `labels.json` with the tag
//! names in order. Tokenisation as for CoNLL.

use std::collections::HashMap;

use serde::Serialize;

use crate::io::corpus::Progress;
use crate::model::Project;
use crate::model::iob::Tag;

use super::parallel::render_each;
use super::{Content, ExportDoc, ExportOptions, ExportReport, Output};

/// Tag names: `O`, then `B-X` and `I-X` for each type in schema order, then
/// for each type mentions use that the schema does not declare.
pub(crate) fn tag_names(project: &Project, docs: &[ExportDoc<'_>]) -> Vec<String> {
    let mut types: Vec<&str> = project
        .schema
        .entity_types
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    let mut known: std::collections::HashSet<&str> = types.iter().copied().collect();
    for d in docs {
        for m in &d.mentions {
            if known.insert(m.label.as_str()) {
                types.push(m.label.as_str());
            }
        }
    }
    let mut names = vec!["O".to_owned()];
    for t in types {
        names.push(format!("B-{t}"));
        names.push(format!("I-{t}"));
    }
    names
}

/// One line of `data.jsonl`.
#[derive(Serialize)]
struct Line<'a> {
    id: SentenceId<'a>,
    tokens: &'a [&'a str],
    ner_tags: &'a [usize],
}

/// `PATH#N`, the id of a document's `n`th sentence, written without first
/// being made a string of its own.
struct SentenceId<'a>(&'a str, usize);

impl Serialize for SentenceId<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}#{}", self.0, self.1))
    }
}

pub(crate) fn render(
    project: &Project,
    docs: &[ExportDoc<'_>],
    options: ExportOptions,
    report: &mut ExportReport,
    progress: &dyn Progress,
) -> Output {
    let names = tag_names(project, docs);
    // B-X is at 1 + 2k for the k-th type, I-X right after it.
    let type_index: HashMap<&str, usize> = names
        .iter()
        .skip(1)
        .step_by(2)
        .enumerate()
        .map(|(k, n)| (n.strip_prefix("B-").unwrap_or(n), k))
        .collect();
    let abbreviations = &project.schema.abbreviations;
    let parts = render_each(docs, report, progress, |d, report| {
        // Lines are written straight into one buffer per document.
        let mut data: Vec<u8> = Vec::with_capacity(d.doc.text.len() * 5 / 2);
        let mut ner_tags: Vec<usize> = Vec::new();
        for (n, s) in super::conll::tagged(d, options, abbreviations, report)
            .into_iter()
            .enumerate()
        {
            // Every label is in `type_index` (tag_names saw every mention).
            let begin_of = |i: usize| s.labels.get(i).and_then(|l| type_index.get(l));
            ner_tags.clear();
            ner_tags.extend(s.tags.iter().map(|t| match *t {
                Tag::Outside => 0,
                Tag::Begin(i) => begin_of(i).map_or(0, |k| 1 + 2 * k),
                Tag::Inside(i) => begin_of(i).map_or(0, |k| 2 + 2 * k),
            }));
            let line = Line {
                id: SentenceId(&d.doc.path, n),
                tokens: &s.words,
                ner_tags: &ner_tags,
            };
            // Writing to memory fails only for values JSON cannot hold,
            // and these are strings and integers.
            if serde_json::to_writer(&mut data, &line).is_ok() {
                data.push(b'\n');
            }
        }
        data
    });
    let labels = serde_json::to_string_pretty(&names).unwrap_or_default();
    Output::Folder(vec![
        ("data.jsonl".to_owned(), Content::from_pieces(parts)),
        ("labels.json".to_owned(), (labels + "\n").into()),
    ])
}
