//! How the app starts: the options from the command line, and the
//! bundled sample corpus.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{AUTOSAVE_AFTER, RECOVERY_EVERY};

/// How the app starts.
#[derive(Clone, Debug)]
pub struct StartOptions {
    /// Corpus folder to open (default: the last project, else the bundled
    /// sample corpus).
    pub corpus: Option<PathBuf>,
    /// Project file to open.
    pub project: Option<PathBuf>,
    /// Annotator name (default: the stored one, else asked).
    pub annotator: Option<String>,
    /// Folder for default saves (`saves/`).
    pub saves_dir: PathBuf,
    /// Autosave this long after the first unsaved change.
    pub autosave_after: Duration,
    /// Write the recovery file this often while there are unsaved changes.
    pub recovery_every: Duration,
    /// Set when the app should close as if its close button were pressed
    /// (a termination signal).
    pub shutdown: crate::ui::shutdown::ShutdownSignal,
}

impl Default for StartOptions {
    fn default() -> Self {
        Self {
            corpus: None,
            project: None,
            annotator: None,
            saves_dir: PathBuf::from("saves"),
            autosave_after: AUTOSAVE_AFTER,
            recovery_every: RECOVERY_EVERY,
            shutdown: crate::ui::shutdown::ShutdownSignal::default(),
        }
    }
}

/// The bundled sample corpus: `assets/sample-corpus` in the working folder,
/// else in the source tree the program was built from.
#[must_use]
pub fn sample_corpus_path() -> PathBuf {
    let local = PathBuf::from("assets/sample-corpus");
    if local.is_dir() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus")
    }
}
