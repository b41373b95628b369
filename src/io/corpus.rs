//! Loading a corpus folder: walk it, decode each `.txt` file, report the rest.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::model::Document;

use super::decode::decode_owned;
use super::safe_file::{FileId, ReadError, ReadRules, read_file};

/// Files larger than this are skipped by default (64 MiB).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A file that was not loaded, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedFile {
    /// Path relative to the corpus folder, `/`-separated.
    pub path: String,
    /// Why it was skipped, for the user.
    pub reason: String,
}

/// A loaded corpus.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// The folder it was loaded from.
    pub root: PathBuf,
    /// Documents sorted by relative path.
    pub documents: Vec<Document>,
    /// `.txt` files that could not be loaded.
    pub skipped: Vec<SkippedFile>,
    /// Other files found and ignored (not `.txt`).
    pub ignored: usize,
}

impl Corpus {
    /// Index of the document with relative path `path`.
    #[must_use]
    pub fn position(&self, path: &str) -> Option<usize> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
    }

    /// The document with relative path `path`.
    #[must_use]
    pub fn document(&self, path: &str) -> Option<&Document> {
        self.position(path).and_then(|i| self.documents.get(i))
    }

    /// A short name for the corpus: its folder's name.
    #[must_use]
    pub fn name(&self) -> String {
        self.root
            .file_name()
            .map_or_else(|| "corpus".to_owned(), |n| n.to_string_lossy().into_owned())
    }
}

/// Why a corpus could not be opened at all.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The path is not a folder.
    #[error("{0}: not a folder")]
    NotAFolder(PathBuf),
    /// Nothing is at the path.
    #[error("{0}: no such folder (moved, renamed, or on a drive that is not mounted?)")]
    Missing(PathBuf),
    /// The folder holds no loadable `.txt` file.
    #[error(
        "{root}: no readable .txt documents found ({skipped} .txt file(s) skipped, {ignored} other file(s) ignored)"
    )]
    NoDocuments {
        /// The folder.
        root: PathBuf,
        /// `.txt` files skipped.
        skipped: usize,
        /// Other files.
        ignored: usize,
    },
    /// The folder itself could not be read.
    #[error("{path}: {source}")]
    Io {
        /// What could not be read.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// Progress of a corpus load, for a progress bar. Reports may come from
/// several worker threads.
pub trait Progress: Sync {
    /// `done` of `total` files handled.
    fn report(&self, done: usize, total: usize);

    /// The `.txt` files found (relative paths, sorted) and the first one
    /// read, before the others are read: a view can list them meanwhile.
    fn listed(&self, _files: &[String], _first: Option<&Document>) {}

    /// True once the user asked to stop (an export then writes nothing).
    fn cancelled(&self) -> bool {
        false
    }
}

impl Progress for () {
    fn report(&self, _done: usize, _total: usize) {}
}

/// A `.txt` file found in a corpus folder, not yet read.
#[derive(Clone, Debug)]
pub struct ListedFile {
    /// Path relative to the corpus folder, `/`-separated: the document's id.
    pub rel: String,
    /// The full path.
    pub path: PathBuf,
    /// The file as listed: reading refuses anything else at that path.
    pub id: Option<FileId>,
}

/// The `.txt` files of a corpus folder, found but not yet read.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    /// The folder.
    pub root: PathBuf,
    /// The files, sorted by relative path.
    pub files: Vec<ListedFile>,
    /// Entries that cannot be documents (unreadable, symbolic links).
    pub skipped: Vec<SkippedFile>,
    /// Other files found and ignored (not `.txt`).
    pub ignored: usize,
}

/// Loads every `.txt` file under `root` (recursively, sorted by relative
/// path): [`list_corpus`], then [`read_listing`]. `progress` hears of the
/// list and the first document before the rest is read.
///
/// # Errors
/// [`CorpusError`] when the folder is missing, unreadable, or yields no document.
pub fn load_corpus(
    root: &Path,
    max_file_bytes: u64,
    progress: &dyn Progress,
) -> Result<Corpus, CorpusError> {
    let listing = list_corpus(root)?;
    let names: Vec<String> = listing.files.iter().map(|f| f.rel.clone()).collect();
    let first = listing
        .files
        .first()
        .and_then(|f| read_listed(f, max_file_bytes).ok());
    progress.listed(&names, first.as_ref());
    read_listing(listing, max_file_bytes, progress)
}

/// Walks `root` for `.txt` files without reading them.
///
/// # Errors
/// [`CorpusError`] when the folder is missing or unreadable.
pub fn list_corpus(root: &Path) -> Result<Listing, CorpusError> {
    if !root.exists() {
        return Err(CorpusError::Missing(root.to_path_buf()));
    }
    if !root.is_dir() {
        return Err(CorpusError::NotAFolder(root.to_path_buf()));
    }
    let mut listing = Listing {
        root: root.to_path_buf(),
        ..Listing::default()
    };
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                if path == root {
                    return Err(CorpusError::Io {
                        path,
                        source: e.into(),
                    });
                }
                listing.skipped.push(SkippedFile {
                    path: relative(root, &path),
                    reason: format!("unreadable: {e}"),
                });
                continue;
            }
        };
        if entry.path_is_symlink() {
            if entry
                .path()
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
            {
                listing.skipped.push(SkippedFile {
                    path: relative(root, entry.path()),
                    reason: "symbolic link: not followed (it could lead outside the corpus folder)"
                        .to_owned(),
                });
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let is_txt = entry
            .path()
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        if !is_txt {
            listing.ignored += 1;
            continue;
        }
        // A document's path is its identity in project files: it must be
        // text, or two names differing only in invalid bytes would collide.
        let Some(rel) = utf8_relative(root, entry.path()) else {
            listing.skipped.push(SkippedFile {
                path: relative(root, entry.path()),
                reason: "the file name is not valid UTF-8 text (shown here with \u{FFFD} for the invalid bytes); rename the file to open it".to_owned(),
            });
            continue;
        };
        let id = FileId::of_entry(entry.path());
        files.push(ListedFile {
            rel,
            path: entry.into_path(),
            id,
        });
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    listing.files = files;
    Ok(listing)
}

/// Reads and decodes every file of `listing` (on every core).
///
/// # Errors
/// [`CorpusError::NoDocuments`] when not one file is a document.
pub fn read_listing(
    listing: Listing,
    max_file_bytes: u64,
    progress: &dyn Progress,
) -> Result<Corpus, CorpusError> {
    let mut corpus = Corpus {
        root: listing.root,
        skipped: listing.skipped,
        ignored: listing.ignored,
        documents: Vec::with_capacity(listing.files.len()),
    };
    for (rel, result) in load_documents(&listing.files, max_file_bytes, progress) {
        match result {
            Ok(doc) => corpus.documents.push(doc),
            Err(reason) => corpus.skipped.push(SkippedFile { path: rel, reason }),
        }
    }
    corpus.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    if corpus.documents.is_empty() {
        return Err(CorpusError::NoDocuments {
            root: corpus.root,
            skipped: corpus.skipped.len(),
            ignored: corpus.ignored,
        });
    }
    Ok(corpus)
}

/// Files read per claim of a worker: enough to keep the shared counter quiet.
const BATCH: usize = 64;

/// Reads and decodes `files` on every core, returning each one's document or
/// why it was skipped, in the given order.
fn load_documents(
    files: &[ListedFile],
    max_file_bytes: u64,
    progress: &dyn Progress,
) -> Vec<(String, Result<Document, String>)> {
    let total = files.len();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8)
        .min(total.div_ceil(BATCH).max(1));
    let work = || {
        let mut out = Vec::new();
        loop {
            let first = next.fetch_add(BATCH, Ordering::Relaxed);
            if first >= total {
                break;
            }
            let batch = &files[first..(first + BATCH).min(total)];
            for (i, file) in batch.iter().enumerate() {
                out.push((first + i, read_listed(file, max_file_bytes)));
            }
            let now = done.fetch_add(batch.len(), Ordering::Relaxed) + batch.len();
            progress.report(now, total);
        }
        out
    };
    let mut loaded: Vec<(usize, Result<Document, String>)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..workers).map(|_| scope.spawn(work)).collect();
        let mut all = work();
        for h in helpers {
            match h.join() {
                Ok(part) => all.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    loaded.sort_by_key(|(i, _)| *i);
    loaded
        .into_iter()
        .map(|(i, result)| (files[i].rel.clone(), result))
        .collect()
}

/// Reads and decodes one listed corpus file: only the regular file that was
/// listed is read (a link, or a file swapped in since, is refused).
///
/// # Errors
/// Unreadable, too large, not the listed file, binary, malformed or empty:
/// the reason, for the user.
pub fn read_listed(file: &ListedFile, max_file_bytes: u64) -> Result<Document, String> {
    let rules = ReadRules {
        no_symlink: true,
        expect: file.id,
    };
    read_with(&file.path, &file.rel, max_file_bytes, rules)
}

/// Reads and decodes one corpus file (`rel` is its path relative to the
/// corpus folder); a symbolic link is refused. The error says why it is
/// skipped.
///
/// # Errors
/// Unreadable, too large, binary, malformed or empty: the reason, for the user.
pub fn read_document(path: &Path, rel: &str, max_file_bytes: u64) -> Result<Document, String> {
    let rules = ReadRules {
        no_symlink: true,
        expect: None,
    };
    read_with(path, rel, max_file_bytes, rules)
}

fn read_with(
    path: &Path,
    rel: &str,
    max_file_bytes: u64,
    rules: ReadRules,
) -> Result<Document, String> {
    let bytes = read_file(path, max_file_bytes, rules).map_err(|e| match e {
        ReadError::TooLarge { size, limit, .. } => {
            format!("too large: {size} bytes (limit {limit})")
        }
        ReadError::Io { source, .. } => format!("unreadable: {source}"),
        ReadError::NotRegular { kind, .. } => format!("not a regular file ({kind})"),
        ReadError::Symlink { .. } => {
            "symbolic link: not followed (it could lead outside the corpus folder)".to_owned()
        }
        ReadError::Replaced { .. } => {
            "the file was replaced while the corpus was read (by a link or another file); not read"
                .to_owned()
        }
    })?;
    let decoded = decode_owned(bytes).map_err(|e| e.to_string())?;
    if decoded.text.trim().is_empty() {
        return Err("empty: no text to annotate".to_owned());
    }
    Ok(Document::new(rel, decoded.text, decoded.encoding))
}

/// `path` relative to `root` with `/` separators, if every part is UTF-8.
fn utf8_relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// `path` relative to `root`, with `/` separators.
#[must_use]
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
