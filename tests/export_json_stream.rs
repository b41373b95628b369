//! The W3C and Label Studio exports are written document by document,
//! never as one JSON tree (issue 26: 1.3 GB and 0.7 GB for 20,000 articles
//! when they were): their bytes must stay exactly what pretty-printing the
//! whole document gives, with items, and with none.

use stancemark::io::export::{ExportFormat, ExportOptions, render_files};
use stancemark::model::{Project, Schema, synthetic};

fn check(project: &Project, corpus: &[stancemark::model::Document]) -> usize {
    for format in [ExportFormat::LabelStudio, ExportFormat::LabelStudioMin] {
        let (files, _) = render_files(format, project, corpus, ExportOptions::default());
        let text = &files[0].1;
        let value: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
        let pretty = serde_json::to_string_pretty(&value).expect("print") + "\n";
        assert_eq!(text, &pretty, "{format:?}: the streamed export differs");
    }
    let (files, _) = render_files(ExportFormat::W3c, project, corpus, ExportOptions::default());
    let text = &files[0].1;
    let value: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
    let pretty = serde_json::to_string_pretty(&value).expect("print") + "\n";
    assert_eq!(
        text, &pretty,
        "the streamed export differs from the whole tree's"
    );
    let items = value["items"].as_array().expect("items").len();
    assert_eq!(value["total"].as_u64(), Some(items as u64));
    items
}

#[test]
fn the_streamed_collection_is_the_whole_trees_bytes() {
    let corpus = synthetic::corpus(3, 12, 150);
    let project = synthetic::project(4, &corpus, 90, 20);
    assert!(check(&project, &corpus) > 100);
    let mut empty = Project::new("ana", Schema::builtin());
    empty.attach(&corpus);
    assert_eq!(check(&empty, &corpus), 0);
    // No document at all: Label Studio's empty array.
    assert_eq!(check(&empty, &[]), 0);
}
