//! Opening a corpus (and its project file) on a worker thread, with progress.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};

use crate::io::corpus::{DEFAULT_MAX_FILE_BYTES, Progress};
use crate::io::{Corpus, load_corpus, load_project};
use crate::model::{Document, Project};

use super::session::default_project_path;

/// What to open.
#[derive(Clone, Debug)]
pub struct OpenRequest {
    /// The corpus folder; `None` means the project file's corpus.
    pub corpus: Option<PathBuf>,
    /// A project file to open; `None` means the annotator's default save for
    /// the corpus, if it exists.
    pub project: Option<PathBuf>,
    /// Who annotates (chooses the default save).
    pub annotator: String,
    /// Folder of default saves.
    pub saves_dir: PathBuf,
}

/// The result of opening.
pub struct Opened {
    /// The corpus.
    pub corpus: Corpus,
    /// The project and the file it came from, if one was found and loaded.
    pub project: Option<(Project, PathBuf)>,
    /// A project file that exists but failed to load, with the reason.
    pub failed_project: Option<(PathBuf, String)>,
    /// Recovery files found beside the project file (or where it would be).
    pub recoveries: Vec<crate::io::recovery::Found>,
    /// The learning suggester, built here on the worker (it reads every
    /// text once for every learned form).
    pub suggester: crate::model::suggest::Suggester,
    /// Every sentence's word shingles, for finding repeated passages:
    /// built on a thread of its own from a copy of the texts, so annotating
    /// does not wait for it (at 100,000 articles it takes several times as
    /// long as reading them).
    pub passages: PendingPassages,
    /// The team file found beside the project (its folder, the saves
    /// folder, else the corpus folder), read or with why it could not be.
    pub team: Option<(PathBuf, Result<crate::model::team::Team, String>)>,
    /// The corpus folder's `codebook.ron` (a list of codebook variables),
    /// which a new project takes into its schema; read or with why not.
    pub codebook: Option<Result<Vec<crate::model::codebook::Variable>, String>>,
}

/// The passage index while a thread builds it. Dropped (another corpus
/// opened, the app closing), it tells the thread to stop.
pub struct PendingPassages {
    rx: Receiver<crate::model::passages::PassageIndex>,
    wanted: Arc<std::sync::atomic::AtomicBool>,
}

impl PendingPassages {
    /// Builds the passage index of `documents` on a thread of its own.
    #[must_use]
    pub fn start(documents: Vec<Document>) -> Self {
        let (tx, rx) = std::sync::mpsc::channel();
        let wanted = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let go_on = Arc::clone(&wanted);
        let spawned = std::thread::Builder::new()
            .name("stancemark-passages".to_owned())
            .spawn(move || {
                let still = || go_on.load(Ordering::Relaxed);
                if let Some(index) =
                    crate::model::passages::PassageIndex::build_while(&documents, &still)
                {
                    let _ = tx.send(index);
                }
            });
        if let Err(e) = spawned {
            eprintln!("stancemark: repeated passages will not be found: {e}");
        }
        Self { rx, wanted }
    }

    /// A pending index fed by `rx` (tests hold it back).
    #[must_use]
    pub fn from_channel(rx: Receiver<crate::model::passages::PassageIndex>) -> Self {
        Self {
            rx,
            wanted: Arc::new(std::sync::atomic::AtomicBool::new(true)),
        }
    }

    /// Where the index stands.
    #[must_use]
    pub fn ready(&self) -> Readiness {
        match self.rx.try_recv() {
            Ok(index) => Readiness::Built(index),
            Err(TryRecvError::Empty) => Readiness::Building,
            Err(TryRecvError::Disconnected) => Readiness::Gone,
        }
    }
}

/// Where a [`PendingPassages`] stands.
pub enum Readiness {
    /// Still being built.
    Building,
    /// Built.
    Built(crate::model::passages::PassageIndex),
    /// The thread ended without one (it could not start).
    Gone,
}

impl Drop for PendingPassages {
    fn drop(&mut self) {
        self.wanted.store(false, Ordering::Relaxed);
    }
}

/// The file in a corpus folder whose codebook variables a new project
/// takes.
pub const CODEBOOK_FILE: &str = "codebook.ron";

/// Opens synchronously (the worker runs this; the CLI and tests may too).
///
/// # Errors
/// A message naming what could not be opened.
pub fn open(request: &OpenRequest, progress: &dyn Progress) -> Result<Opened, String> {
    let mut project = None;
    let mut failed_project = None;
    let mut corpus_root = request.corpus.clone();
    if let Some(path) = &request.project {
        match load_project(path) {
            Ok(loaded) => {
                corpus_root.get_or_insert(loaded.corpus);
                project = Some((loaded.project, path.clone()));
            }
            Err(e) => failed_project = Some((path.clone(), e.to_string())),
        }
    }
    let Some(root) = corpus_root else {
        let reason = failed_project.map_or_else(String::new, |(_, e)| format!(": {e}"));
        return Err(format!("no corpus folder to open{reason}"));
    };
    let corpus = load_corpus(&root, DEFAULT_MAX_FILE_BYTES, progress).map_err(|e| e.to_string())?;
    if request.project.is_none() {
        let path = default_project_path(&request.saves_dir, &corpus, &request.annotator);
        if path.exists() {
            match load_project(&path) {
                Ok(loaded) => project = Some((loaded.project, path)),
                Err(e) => failed_project = Some((path, e.to_string())),
            }
        }
    }
    let target = request
        .project
        .clone()
        .unwrap_or_else(|| default_project_path(&request.saves_dir, &corpus, &request.annotator));
    let current = project
        .as_ref()
        .filter(|(_, path)| *path == target)
        .map(|(p, _)| p);
    let recoveries = crate::io::recovery::scan_recoveries(&target, current);
    let suggester = project.as_ref().map_or_else(Default::default, |(p, _)| {
        crate::model::suggest::Suggester::build(p, &corpus.documents)
    });
    let passages = PendingPassages::start(corpus.documents.clone());
    let team = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .and_then(|d| crate::io::team_file::find_team_file(Some(d), &root))
        .or_else(|| crate::io::team_file::find_team_file(Some(&request.saves_dir), &root))
        .map(|path| {
            let read = crate::io::team_file::read_team(&path).map_err(|e| e.to_string());
            (path, read)
        });
    let codebook_file = root.join(CODEBOOK_FILE);
    let codebook = codebook_file.is_file().then(|| {
        crate::io::safe_file::read_text(&codebook_file, 4 * 1024 * 1024)
            .map_err(|e| e.to_string())
            .and_then(|text| {
                ron::from_str::<Vec<crate::model::codebook::Variable>>(&text)
                    .map_err(|e| format!("{}: {e}", codebook_file.display()))
            })
    });
    Ok(Opened {
        codebook,
        team,
        corpus,
        project,
        failed_project,
        recoveries,
        suggester,
        passages,
    })
}

/// What is known of a corpus while its files are read: the list of files
/// and the first document, so the window has something to show at once.
#[derive(Debug)]
pub struct Preview {
    /// Relative paths of the `.txt` files, sorted.
    pub files: Vec<String>,
    /// The first of them, read ahead of the others (if it is a document).
    pub first: Option<Document>,
}

struct SharedProgress {
    done: AtomicUsize,
    total: AtomicUsize,
    preview: Mutex<Option<Arc<Preview>>>,
    ctx: egui::Context,
}

impl Progress for SharedProgress {
    fn report(&self, done: usize, total: usize) {
        // Workers report out of order: the bar never moves back.
        self.done.fetch_max(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.ctx.request_repaint();
    }

    fn listed(&self, files: &[String], first: Option<&Document>) {
        let preview = Arc::new(Preview {
            files: files.to_vec(),
            first: first.cloned(),
        });
        *self.preview.lock().unwrap_or_else(PoisonError::into_inner) = Some(preview);
        self.total.store(files.len(), Ordering::Relaxed);
        self.ctx.request_repaint();
    }
}

/// An opening in progress on a worker thread.
pub struct LoadJob {
    /// What is being opened.
    pub request: OpenRequest,
    progress: Arc<SharedProgress>,
    receiver: Receiver<Result<Opened, String>>,
}

impl LoadJob {
    /// Starts opening `request` on a worker thread.
    #[must_use]
    pub fn start(request: OpenRequest, ctx: &egui::Context) -> Self {
        let progress = Arc::new(SharedProgress {
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            preview: Mutex::new(None),
            ctx: ctx.clone(),
        });
        let (sender, receiver) = std::sync::mpsc::channel();
        let worker_request = request.clone();
        let worker_progress = Arc::clone(&progress);
        std::thread::spawn(move || {
            let result = open(&worker_request, worker_progress.as_ref());
            // The receiver may be gone if the user opened something else.
            let _ = sender.send(result);
            worker_progress.ctx.request_repaint();
        });
        Self {
            request,
            progress,
            receiver,
        }
    }

    /// Files done and total so far.
    #[must_use]
    pub fn progress(&self) -> (usize, usize) {
        (
            self.progress.done.load(Ordering::Relaxed),
            self.progress.total.load(Ordering::Relaxed),
        )
    }

    /// The file list and first document, once the folder has been walked.
    #[must_use]
    pub fn preview(&self) -> Option<Arc<Preview>> {
        self.progress
            .preview
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The result, once the worker has finished.
    pub fn poll(&self) -> Option<Result<Opened, String>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                Some(Err("the loading thread stopped unexpectedly".to_owned()))
            }
        }
    }
}
