//! Loading corpus folders: encodings, skipped files, metadata, the real corpus.

use std::path::{Path, PathBuf};

use stancemark::io::corpus::DEFAULT_MAX_FILE_BYTES;
use stancemark::io::{CorpusError, load_corpus};

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

/// A legacy Windows-1252 article: long enough for an encoding detector to be sure.
const CP1252_TEXT: &str = "Le ministre Tomás Ibáñez a déclaré « nous attendrons » près du café.\n\
    La mairie a fermé la promenade ; les pêcheurs, privés de revenus, réclament “une réponse” à l’usine.\n\
    Selon l’hydrologue, la rivière était déjà trouble mercredi. Où sont les données ?";

#[test]
fn mixed_encodings_and_bad_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(
        root,
        "a-utf8.txt",
        "date 2026-03-15\nHélène 🐟 said “no”.".as_bytes(),
    );
    write(root, "b-bom.txt", "\u{feff}Bjørn spoke.".as_bytes());
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("佐藤美咲 wrote.".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    write(root, "c-utf16.txt", &utf16);
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(CP1252_TEXT);
    assert!(!unmappable);
    write(root, "d-cp1252.txt", &cp1252);
    write(root, "e-binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write(root, "f-empty.txt", b"");
    write(root, "nested/deeper/g.txt", b"Nested article.\n");
    write(root, "notes.md", b"# not a document");
    write(root, "h-big.txt", &vec![b'x'; 2048]);

    let corpus = load_corpus(root, 1024, &()).expect("loads");
    let docs: Vec<(&str, &str, &str)> = corpus
        .documents
        .iter()
        .map(|d| (d.path.as_str(), d.encoding.as_str(), d.title.as_str()))
        .collect();
    assert_eq!(
        docs,
        [
            ("a-utf8.txt", "UTF-8", "Hélène 🐟 said “no”."),
            ("b-bom.txt", "UTF-8", "Bjørn spoke."),
            ("c-utf16.txt", "UTF-16LE", "佐藤美咲 wrote."),
            (
                "d-cp1252.txt",
                "windows-1252",
                "Le ministre Tomás Ibáñez a déclaré « nous attendrons » près du café."
            ),
            ("nested/deeper/g.txt", "UTF-8", "Nested article."),
        ]
    );
    assert_eq!(corpus.documents[0].date.as_deref(), Some("2026-03-15"));
    assert_eq!(
        corpus.documents[1].text, "Bjørn spoke.",
        "the BOM is not part of the text"
    );
    assert_eq!(corpus.documents[4].default_outlet, "nested");
    let skipped: Vec<(&str, &str)> = corpus
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (
                "e-binary.txt",
                "binary file (contains NUL or control bytes)"
            ),
            ("f-empty.txt", "empty: no text to annotate"),
            ("h-big.txt", "too large: 2048 bytes (limit 1024)"),
        ]
    );
    assert_eq!(corpus.ignored, 1);
}

#[test]
fn empty_and_missing_folders_say_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = load_corpus(dir.path(), DEFAULT_MAX_FILE_BYTES, &()).expect_err("empty");
    assert!(matches!(
        err,
        CorpusError::NoDocuments {
            skipped: 0,
            ignored: 0,
            ..
        }
    ));
    assert!(
        err.to_string().contains("no readable .txt documents found"),
        "{err}"
    );

    let missing = dir.path().join("nope");
    let err = load_corpus(&missing, DEFAULT_MAX_FILE_BYTES, &()).expect_err("missing");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: no such folder (moved, renamed, or on a drive that is not mounted?)",
            missing.display()
        )
    );
    let file = dir.path().join("a-file.txt");
    std::fs::write(&file, "text").expect("write");
    let err = load_corpus(&file, DEFAULT_MAX_FILE_BYTES, &()).expect_err("a file");
    assert_eq!(err.to_string(), format!("{}: not a folder", file.display()));
}

#[test]
fn bundled_sample_corpus_has_the_hard_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus");
    let corpus = load_corpus(&root, DEFAULT_MAX_FILE_BYTES, &()).expect("sample loads");
    assert!((4..=6).contains(&corpus.documents.len()));
    assert!(corpus.skipped.is_empty());
    let all: String = corpus.documents.iter().map(|d| d.text.as_str()).collect();
    for needle in ["“", "é", "🐟", "佐藤美咲", "Bjørn"] {
        assert!(all.contains(needle), "sample corpus lacks {needle}");
    }
    assert!(corpus.documents.iter().filter(|d| d.date.is_some()).count() >= 3);
}

/// The real news corpus shared beside the checkout (absent in a user's clone).
pub fn shared_corpus() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/news-2017-04-12");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!(
            "skipping: {} is absent (it exists only beside the CI checkout)",
            path.display()
        );
        None
    }
}

#[test]
fn real_news_corpus_loads_with_dates() {
    let Some(root) = shared_corpus() else { return };
    let corpus = load_corpus(&root, DEFAULT_MAX_FILE_BYTES, &()).expect("loads");
    assert_eq!(corpus.documents.len(), 5);
    let dated: Vec<(&str, &str)> = corpus
        .documents
        .iter()
        .filter_map(|d| d.date.as_deref().map(|date| (d.path.as_str(), date)))
        .collect();
    assert_eq!(dated.len(), 3, "{dated:?}");
    assert!(dated.iter().all(|(_, d)| d.starts_with("2017-04-1")));
    for d in &corpus.documents {
        assert!(
            !d.title.starts_with("date"),
            "title keeps the date marker: {}",
            d.title
        );
        assert!(!d.title.is_empty());
    }
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed() {
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("secret.txt"), "outside the corpus").expect("write");
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.txt", b"Inside.");
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        dir.path().join("link.txt"),
    )
    .expect("symlink");
    std::os::unix::fs::symlink(outside.path(), dir.path().join("folder")).expect("symlink");
    let corpus = load_corpus(dir.path(), DEFAULT_MAX_FILE_BYTES, &()).expect("loads");
    assert_eq!(corpus.documents.len(), 1);
    assert_eq!(corpus.skipped.len(), 1);
    assert_eq!(corpus.skipped[0].path, "link.txt");
    assert!(
        corpus.skipped[0]
            .reason
            .starts_with("symbolic link: not followed")
    );
}

/// Files are read on several threads in batches; the corpus must come out in
/// path order with every skipped file named, whatever order the workers finish.
#[test]
fn parallel_reading_keeps_order_and_every_skip() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let mut expected_docs = Vec::new();
    let mut expected_skips = Vec::new();
    for i in 0..700 {
        let rel = format!("outlet-{}/a-{i:04}.txt", i % 3);
        match i % 97 {
            13 => {
                write(root, &rel, b"\0\0binary");
                expected_skips.push(rel);
            }
            41 => {
                write(root, &rel, b"  \n ");
                expected_skips.push(rel);
            }
            _ => {
                write(root, &rel, format!("Article {i} — 東京 🐟\n").as_bytes());
                expected_docs.push(rel);
            }
        }
    }
    expected_docs.sort();
    expected_skips.sort();
    let corpus = load_corpus(root, DEFAULT_MAX_FILE_BYTES, &()).expect("load");
    let docs: Vec<&str> = corpus.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(docs, expected_docs);
    let skipped: Vec<&str> = corpus.skipped.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(skipped, expected_skips);
    for d in &corpus.documents {
        let n: usize = d.path[11..15].parse().expect("number");
        assert_eq!(d.text, format!("Article {n} — 東京 🐟\n"), "{}", d.path);
    }
}

/// The list of files and the first document reach the progress listener
/// before any other file is read.
#[test]
fn the_file_list_and_first_document_come_before_the_rest() {
    use stancemark::io::corpus::Progress;
    use stancemark::model::Document;
    use std::sync::Mutex;

    #[derive(Default)]
    struct Recorder(Mutex<Vec<String>>);
    impl Progress for Recorder {
        fn report(&self, done: usize, total: usize) {
            self.0.lock().expect("lock").push(format!("{done}/{total}"));
        }
        fn listed(&self, files: &[String], first: Option<&Document>) {
            self.0.lock().expect("lock").push(format!(
                "listed {} first {}",
                files.join(","),
                first.map_or("none", |d| d.text.as_str())
            ));
        }
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    write(root, "b/2.txt", "two 東京\n".as_bytes());
    write(root, "a/1.txt", "one 🐟\n".as_bytes());
    write(root, "c.md", b"not listed");
    let recorder = Recorder::default();
    load_corpus(root, DEFAULT_MAX_FILE_BYTES, &recorder).expect("load");
    let events = recorder.0.into_inner().expect("events");
    assert_eq!(events[0], "listed a/1.txt,b/2.txt first one 🐟\n");
    assert_eq!(events.last().map(String::as_str), Some("2/2"));
}

/// A file (or the folder holding it) swapped for a link between listing and
/// reading is refused, never followed outside the corpus.
#[cfg(unix)]
#[test]
fn files_swapped_for_links_while_reading_are_refused() {
    use stancemark::io::corpus::{list_corpus, read_listing};
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("corpus");
    write(&root, "a.txt", b"An article.\n");
    write(&root, "inner/b.txt", b"Another article.\n");
    write(&root, "c.txt", b"A third one.\n");
    let outside = dir.path().join("outside");
    write(&outside, "secret.txt", b"SECRET outside the corpus\n");
    write(&outside, "b.txt", b"SECRET b outside the corpus\n");

    let listing = list_corpus(&root).expect("list");
    // Between listing and reading: a.txt becomes a link to a file outside,
    // and the folder inner/ a link to a folder outside holding a b.txt.
    std::fs::rename(root.join("a.txt"), dir.path().join("a-moved.txt")).expect("mv");
    std::os::unix::fs::symlink(outside.join("secret.txt"), root.join("a.txt")).expect("ln");
    std::fs::rename(root.join("inner"), dir.path().join("inner-moved")).expect("mv");
    std::os::unix::fs::symlink(&outside, root.join("inner")).expect("ln");

    let corpus = read_listing(listing, DEFAULT_MAX_FILE_BYTES, &()).expect("read");
    let docs: Vec<&str> = corpus.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(docs, ["c.txt"]);
    assert!(corpus.documents.iter().all(|d| !d.text.contains("SECRET")));
    let skipped: Vec<(&str, &str)> = corpus
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (
                "a.txt",
                "symbolic link: not followed (it could lead outside the corpus folder)"
            ),
            (
                "inner/b.txt",
                "the file was replaced while the corpus was read (by a link or another file); not read"
            ),
        ]
    );
}

/// File names that are not UTF-8 cannot be told apart once shown as text:
/// each is skipped with the reason, never merged with another. Names with
/// `:` and `\` are ordinary names and load.
#[cfg(unix)]
#[test]
fn odd_file_names() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    for name in [&b"a\xff.txt"[..], b"a\xfe.txt"] {
        std::fs::write(root.join(std::ffi::OsStr::from_bytes(name)), "Text.\n").expect("write");
    }
    write(
        root,
        "12:30 briefing.txt",
        b"Briefing at half past twelve.\n",
    );
    write(root, "back\\slash.txt", b"A backslash in the name.\n");
    let corpus = load_corpus(root, DEFAULT_MAX_FILE_BYTES, &()).expect("loads");
    let docs: Vec<&str> = corpus.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(docs, ["12:30 briefing.txt", "back\\slash.txt"]);
    assert_eq!(corpus.skipped.len(), 2);
    for s in &corpus.skipped {
        assert!(
            s.reason.contains("not valid UTF-8"),
            "{}: {}",
            s.path,
            s.reason
        );
    }
}
