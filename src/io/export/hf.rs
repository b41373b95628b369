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

/// `PATH#N`, the id of a document's `n`th sentence, written without first
/// being made a string of its own.
struct SentenceId<'a>(&'a str, usize);

impl Serialize for SentenceId<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}#{}", self.0, self.1))
    }
}

/// Appends one line of `data.jsonl`, `{"id":…,"tokens":[…],"ner_tags":[…]}`,
/// exactly as `serde_json` writes that object (a test checks it, byte for
/// byte): the id and every token that needs escaping go through
/// `serde_json`; a token that needs none is copied between quotes, which
/// is what `serde_json` writes for it, at a fraction of the cost per token.
fn push_line<'t>(
    out: &mut Vec<u8>,
    id: SentenceId<'_>,
    tokens: impl Iterator<Item = &'t str>,
    ner_tags: &[usize],
) {
    out.extend_from_slice(b"{\"id\":");
    // Writing to memory fails only for values JSON cannot hold; a string
    // is not one of them.
    let _ = serde_json::to_writer(&mut *out, &id);
    out.extend_from_slice(b",\"tokens\":[");
    for (k, token) in tokens.enumerate() {
        if k > 0 {
            out.push(b',');
        }
        push_json_str(out, token);
    }
    out.extend_from_slice(b"],\"ner_tags\":[");
    let mut digits = itoa::Buffer::new();
    for (k, tag) in ner_tags.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(digits.format(*tag).as_bytes());
    }
    out.extend_from_slice(b"]}\n");
}

/// Appends `s` as a JSON string, as `serde_json` writes it: it escapes only
/// `"`, `\\` and control characters below U+0020, so a string without them
/// is written as it is between quotes.
fn push_json_str(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *out, s);
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
        let doc = super::conll::tagged(d, options, abbreviations, report);
        // Every label is in `type_index` (tag_names saw every mention).
        let begin_of: Vec<Option<usize>> = doc
            .labels
            .iter()
            .map(|l| type_index.get(l).copied())
            .collect();
        let tag_id = |t: &Tag| match *t {
            Tag::Outside => 0,
            Tag::Begin(i) => begin_of.get(i).copied().flatten().map_or(0, |k| 1 + 2 * k),
            Tag::Inside(i) => begin_of.get(i).copied().flatten().map_or(0, |k| 2 + 2 * k),
        };
        for (n, range) in doc.sentences.iter().enumerate() {
            ner_tags.clear();
            ner_tags.extend(doc.tags[range.clone()].iter().map(tag_id));
            push_line(
                &mut data,
                SentenceId(&d.doc.path, n),
                doc.words(range.clone()),
                &ner_tags,
            );
        }
        data
    });
    let labels = serde_json::to_string_pretty(&names).unwrap_or_default();
    Output::Folder(vec![
        ("data.jsonl".to_owned(), Content::from_pieces(parts)),
        ("labels.json".to_owned(), (labels + "\n").into()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The line as `serde_json` writes the object.
    #[derive(Serialize)]
    struct Line<'a> {
        id: SentenceId<'a>,
        tokens: &'a [&'a str],
        ner_tags: &'a [usize],
    }

    proptest! {
        #[test]
        fn lines_are_what_serde_json_writes(
            path in "\\PC{0,12}",
            n in 0usize..100_000,
            tokens in proptest::collection::vec(
                prop_oneof!["[a-zA-Z0-9.,'-]{1,8}", "\\PC{1,4}", any::<String>()],
                0..8,
            ),
            tags in proptest::collection::vec(0usize..1_000_000, 0..8),
        ) {
            let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
            let mut ours = Vec::new();
            push_line(&mut ours, SentenceId(&path, n), tokens.iter().copied(), &tags);
            let line = Line { id: SentenceId(&path, n), tokens: &tokens, ner_tags: &tags };
            let mut theirs = serde_json::to_vec(&line).expect("json");
            theirs.push(b'\n');
            prop_assert_eq!(String::from_utf8(ours).expect("utf-8"), String::from_utf8(theirs).expect("utf-8"));
        }
    }

    #[test]
    fn tokens_that_need_escaping_are_escaped() {
        let mut out = Vec::new();
        push_line(
            &mut out,
            SentenceId("a\"b", 1),
            ["say \"hi\"", "\\", "\u{1}", "ü"].into_iter(),
            &[0, 12],
        );
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "{\"id\":\"a\\\"b#1\",\"tokens\":[\"say \\\"hi\\\"\",\"\\\\\",\"\\u0001\",\"ü\"],\"ner_tags\":[0,12]}\n"
        );
    }
}
