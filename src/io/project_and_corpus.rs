//! Reading a project and its corpus side by side: the corpus folder is read
//! off the top of the project file, so the corpus's files are read while the
//! project is parsed, instead of after it.

use std::path::{Path, PathBuf};

use super::corpus::{Corpus, CorpusError, DEFAULT_MAX_FILE_BYTES, load_corpus};
use super::parallel::map_ordered;
use super::store::{LoadedProject, StoreError, load_project, resolve_corpus};

/// How much of a project file's start is read to find its corpus field.
const PEEK_BYTES: u64 = 64 * 1024;

/// The corpus folder a project file names, read from its first lines as
/// Stancemark writes them (`  corpus: "…",`), or `None` when it is not found
/// there. Only a guess to start reading early: the loaded project's own
/// field is the truth, and [`load_project_and_corpus`] reads the right
/// corpus when the two differ.
#[must_use]
pub fn peek_corpus(project: &Path) -> Option<PathBuf> {
    // Only a regular file is looked at (a FIFO would block an open).
    let head = super::safe_file::read_head(project, PEEK_BYTES).ok()?;
    let head = String::from_utf8_lossy(&head);
    let line = head.lines().find_map(|l| l.strip_prefix("  corpus: "))?;
    let field: String = ron::from_str(line.strip_suffix(',')?).ok()?;
    Some(resolve_corpus(project, &field))
}

/// Reads the project at `path` and its corpus (`corpus`, else the folder the
/// file names) at the same time.
///
/// # Errors
/// When the project cannot be read; the corpus's own error comes back beside
/// the project.
pub fn load_project_and_corpus(
    path: &Path,
    corpus: Option<&Path>,
) -> Result<(LoadedProject, Result<Corpus, CorpusError>), StoreError> {
    let (mut projects, corpus) = load_projects_and_corpus(&[path.to_path_buf()], corpus)?;
    let loaded = projects.pop().ok_or_else(|| StoreError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::other("not read"),
    })?;
    Ok((loaded, corpus))
}

/// Reads every project of `paths` (each on every core) while the corpus
/// (`corpus`, else the one the first file names) is read beside them.
///
/// # Errors
/// The first project that cannot be read.
pub fn load_projects_and_corpus(
    paths: &[PathBuf],
    corpus: Option<&Path>,
) -> Result<(Vec<LoadedProject>, Result<Corpus, CorpusError>), StoreError> {
    let guess = corpus
        .map(Path::to_path_buf)
        .or_else(|| paths.first().and_then(|p| peek_corpus(p)));
    let (projects, early) = std::thread::scope(|scope| {
        let early = guess
            .clone()
            .map(|root| scope.spawn(move || load_corpus(&root, DEFAULT_MAX_FILE_BYTES, &())));
        let projects = map_ordered(paths, |p| load_project(p));
        let early = early.map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        (projects, early)
    });
    let projects = projects.into_iter().collect::<Result<Vec<_>, _>>()?;
    let root = corpus
        .map(Path::to_path_buf)
        .or_else(|| projects.first().map(|p| p.corpus.clone()));
    let corpus = match (early, root) {
        (Some(read), Some(root)) if Some(&root) == guess.as_ref() => read,
        // The guess was wrong (or there was none): the right folder now.
        (_, Some(root)) => load_corpus(&root, DEFAULT_MAX_FILE_BYTES, &()),
        (_, None) => Err(CorpusError::Missing(PathBuf::new())),
    };
    Ok((projects, corpus))
}
