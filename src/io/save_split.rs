//! Parsing a project file's documents on every core.
//!
//! A project file as Stancemark writes it lists its documents one after the
//! other, each opening with a line `    (` and closing with a line `    ),`
//! (strings never hold a raw line break: they are escaped). The file is cut
//! there, each document's text is parsed on its own, on every core, and the
//! rest of the file (the head with the schema and entities, and the tail) is
//! parsed once with an empty document list.
//!
//! The cut is only taken when it cannot change what the file means: the list
//! must open at the top level of the file (checked by a small scan of the
//! head for strings, characters, comments and brackets), and every piece must
//! parse as a whole document. A cut inside a string or a comment leaves a
//! piece with an unterminated string or comment, which does not parse; the
//! caller then parses the whole file as one, which also gives the error's line
//! and column. So the fast path and the whole parse always agree (tested on
//! random projects and on hand-edited layouts).

use super::parallel::map_ordered;
use super::save_format::{SaveFile, SavedDocument};

/// The line that opens the document list in a file Stancemark wrote.
const OPENER: &str = "\n  documents: [\n";
/// How a document opens.
const DOC_OPEN: &str = "    (\n";
/// How a document closes (the closing bracket is the piece's last byte).
const DOC_CLOSE: &str = "\n    ),\n";
/// How the list closes.
const LIST_CLOSE: &str = "  ]";

/// Fewer documents than this are parsed with the file. Low, so that the
/// round-trip property tests (a handful of documents) take this path.
const WORTH_SPLITTING: usize = 2;

/// The file parsed by documents on every core, or `None` when the file is not
/// laid out as Stancemark writes it or any part does not parse (the caller
/// then parses it whole).
pub(crate) fn parse_by_documents(text: &str, options: &ron::Options) -> Option<SaveFile> {
    let cut = cut(text)?;
    if cut.documents.len() < WORTH_SPLITTING {
        return None;
    }
    let parsed: Vec<Option<SavedDocument>> = map_ordered(&cut.documents, |piece| {
        options.from_str::<SavedDocument>(piece).ok()
    });
    let mut skeleton = String::with_capacity(cut.head.len() + cut.tail.len());
    skeleton.push_str(cut.head);
    skeleton.push_str(cut.tail);
    let mut file: SaveFile = options.from_str(&skeleton).ok()?;
    if !file.documents.is_empty() {
        return None;
    }
    file.documents = parsed.into_iter().collect::<Option<Vec<_>>>()?;
    Some(file)
}

/// A project file's text cut around its documents.
struct Cut<'a> {
    /// Up to and including the line that opens the document list.
    head: &'a str,
    /// Each document, from its `(` to its `)`.
    documents: Vec<&'a str>,
    /// From the line that closes the list to the end.
    tail: &'a str,
}

/// Cuts `text` where its documents are, or `None` when it is not laid out as
/// Stancemark writes it.
fn cut(text: &str) -> Option<Cut<'_>> {
    let open = memchr::memmem::find(text.as_bytes(), OPENER.as_bytes())? + OPENER.len();
    let head = &text[..open];
    if !opens_a_top_level_list(head) {
        return None;
    }
    let finder = memchr::memmem::Finder::new(DOC_CLOSE);
    let mut documents = Vec::new();
    let mut at = open;
    while text[at..].starts_with(DOC_OPEN) {
        let end = at + finder.find(&text.as_bytes()[at..])? + DOC_CLOSE.len() - 2;
        // `end` is just past the document's `)`; the `,` and line break follow.
        documents.push(&text[at..end]);
        at = end + 2;
    }
    let tail = &text[at..];
    tail.starts_with(LIST_CLOSE).then_some(Cut {
        head,
        documents,
        tail,
    })
}

/// True when the end of `head` is inside exactly two brackets, `(` then `[`,
/// and outside every string, character and comment: the place where the
/// file's own document list starts. Anything this scan does not know makes
/// it say no.
fn opens_a_top_level_list(head: &str) -> bool {
    let bytes = head.as_bytes();
    // Extensions (`#![enable(...)]`) change how values read: whole parse.
    if head.trim_start().starts_with("#!") {
        return false;
    }
    let mut open: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => match closing_quote(bytes, i + 1) {
                Some(end) => i = end,
                None => return false,
            },
            b'\'' => match closing_char(bytes, i + 1) {
                Some(end) => i = end,
                None => return false,
            },
            // Raw strings (`r"…"`, `r#"…"#`) and raw identifiers: not in a
            // file Stancemark writes.
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => return false,
            b'/' if bytes.get(i + 1) == Some(&b'/') => match memchr::memchr(b'\n', &bytes[i..]) {
                Some(n) => i += n,
                None => return false,
            },
            b'/' if bytes.get(i + 1) == Some(&b'*') => return false,
            b'(' | b'[' | b'{' => open.push(bytes[i]),
            b')' | b']' | b'}' if open.pop().is_none() => return false,
            _ => {}
        }
        i += 1;
    }
    open == [b'(', b'[']
}

/// The index of the `"` that closes a string whose text starts at `from`.
fn closing_quote(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let n = memchr::memchr2(b'"', b'\\', &bytes[from..])?;
        if bytes[from + n] == b'"' {
            return Some(from + n);
        }
        from += n + 2;
        if from > bytes.len() {
            return None;
        }
    }
}

/// The index of the `'` that closes a character whose text starts at `from`.
fn closing_char(bytes: &[u8], from: usize) -> Option<usize> {
    let after = if bytes.get(from) == Some(&b'\\') {
        from + 2
    } else {
        from + 1
    };
    let n = memchr::memchr(b'\'', bytes.get(after..)?)?;
    Some(after + n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::synthetic;

    fn whole(text: &str) -> SaveFile {
        ron::Options::default()
            .from_str(text)
            .expect("parses whole")
    }

    fn synthetic_text(docs: usize) -> String {
        let corpus = synthetic::corpus(5, docs, 80);
        let mut project = synthetic::project(6, &corpus, docs * 4, docs / 2);
        for (i, entry) in project.documents.values_mut().enumerate() {
            std::sync::Arc::make_mut(entry).note = format!("note {i}\n    ),\n    (\n\"");
        }
        crate::io::store::project_to_ron(&project, "corpus".into()).expect("serialises")
    }

    #[test]
    fn a_file_stancemark_wrote_is_cut_by_documents_and_reads_the_same() {
        let text = synthetic_text(300);
        assert_eq!(cut(&text).map(|c| c.documents.len()), Some(300));
        let options = ron::Options::default();
        let split = parse_by_documents(&text, &options).expect("the fast path is taken");
        assert_eq!(split, whole(&text));
    }

    #[test]
    fn a_line_break_in_a_string_that_looks_like_a_cut_is_never_cut() {
        // A hand edit: the escaped line breaks in the notes made raw, so
        // the notes hold lines exactly like a document's end and start.
        let text = synthetic_text(40).replace("\\n    ),\\n    (\\n", "\n    ),\n    (\n");
        let expected = whole(&text);
        assert!(expected.documents[0].note.contains("\n    ),\n"));
        let options = ron::Options::default();
        match parse_by_documents(&text, &options) {
            None => {}
            Some(split) => assert_eq!(split, expected),
        }
    }

    #[test]
    fn the_head_scan_finds_the_top_level_list_only() {
        assert!(opens_a_top_level_list(
            "(\n  a: \"x(\\\"\",\n  k: Some('('),\n  documents: [\n"
        ));
        assert!(
            !opens_a_top_level_list("(\n  a: \"\n  documents: [\n"),
            "inside a string"
        );
        assert!(
            !opens_a_top_level_list("(\n  a: [\n  documents: [\n"),
            "nested deeper"
        );
        assert!(
            !opens_a_top_level_list("(\n  /* \n  documents: [\n"),
            "in a comment"
        );
        assert!(!opens_a_top_level_list(
            "#![enable(implicit_some)]\n(\n  documents: [\n"
        ));
        assert!(opens_a_top_level_list("(\n  // a ( note\n  documents: [\n"));
        assert!(!opens_a_top_level_list(
            "(\n  a: r#\"(\"#,\n  documents: [\n"
        ));
        assert!(opens_a_top_level_list("(\n  c: '\\'',\n  documents: [\n"));
    }
}
