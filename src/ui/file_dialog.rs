//! The system file dialog (rfd) on a worker thread, and how to tell when the
//! system has none (a bare X server has neither xdg-desktop-portal nor zenity).

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// Shown when no dialog can appear, so the user types the path instead.
pub const NO_DIALOG: &str = "No system file dialog is available here (neither xdg-desktop-portal nor zenity answered). Type the path below instead.";

/// What to ask the system dialog for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// A folder to open.
    PickFolder,
    /// A project file to open.
    PickProject,
    /// A project file to save to.
    SaveProject,
    /// A gazetteer (TSV or CSV) to import.
    PickGazetteer,
    /// Annotations (JSONL, JSON, TSV, CoNLL) to import.
    PickAnnotations,
}

/// A dialog open on a worker thread.
pub struct FileDialogJob {
    receiver: Receiver<Option<PathBuf>>,
    started: Instant,
}

/// How a dialog ended.
pub enum DialogOutcome {
    /// The user chose a path.
    Picked(PathBuf),
    /// The user cancelled.
    Cancelled,
    /// It ended at once without showing anything: no dialog service answered.
    Unavailable,
}

impl FileDialogJob {
    /// Opens the dialog on a worker thread, starting in `start_dir`.
    ///
    /// # Errors
    /// [`NO_DIALOG`] when the system cannot show a dialog at all.
    pub fn start(kind: DialogKind, start_dir: &Path) -> Result<Self, &'static str> {
        if !dialog_service_available() {
            return Err(NO_DIALOG);
        }
        let start = std::path::absolute(start_dir).unwrap_or_else(|_| start_dir.to_path_buf());
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new().set_directory(start);
            let picked = match kind {
                DialogKind::PickFolder => dialog.pick_folder(),
                DialogKind::PickProject => dialog
                    .add_filter("Stancemark project", &["ron"])
                    .pick_file(),
                DialogKind::SaveProject => dialog
                    .add_filter("Stancemark project", &["ron"])
                    .save_file(),
                DialogKind::PickGazetteer => dialog
                    .add_filter("Gazetteer", &["tsv", "csv", "txt"])
                    .pick_file(),
                DialogKind::PickAnnotations => dialog.pick_file(),
            };
            // The app may have stopped waiting; nothing to do then.
            let _ = sender.send(picked);
        });
        Ok(Self {
            receiver,
            started: Instant::now(),
        })
    }

    /// The outcome, once the dialog has closed.
    #[must_use]
    pub fn poll(&self) -> Option<DialogOutcome> {
        let picked = self.receiver.try_recv().ok()?;
        Some(match picked {
            Some(path) => DialogOutcome::Picked(path),
            // A dialog a person closed takes longer than this.
            None if self.started.elapsed() < Duration::from_millis(1500) => {
                DialogOutcome::Unavailable
            }
            None => DialogOutcome::Cancelled,
        })
    }
}

/// A file dialog can only appear with a D-Bus session (for the portal) or zenity.
fn dialog_service_available() -> bool {
    let dbus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    dbus || zenity
}
