//! Writing the project file (or its recovery copy) on a worker thread, so the
//! interface never waits for serialisation or the disk.
//!
//! The session hands over a snapshot (a clone of the project and the version
//! it was taken at); the worker writes it atomically and wakes the UI. What
//! the write means for the session (saved, still dirty because of later
//! edits, failed) is settled on the UI thread by [`super::session::Session`].

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Instant;

use crate::io::StoreError;
use crate::io::store::{save_project, write_recovery_file};
use crate::model::Project;

use super::session::SaveKind;

/// What a write is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteKind {
    /// The project file, with backups.
    Save(SaveKind),
    /// The recovery file beside it.
    Recovery,
}

/// What a session hands to a worker to write.
#[derive(Debug)]
pub struct Snapshot {
    /// The project as it was.
    pub project: Project,
    /// The session's state when the snapshot was taken.
    pub version: super::session::StateVersion,
    /// The corpus folder (recorded in the file).
    pub corpus_root: PathBuf,
    /// The file on disk was changed by another program since the session
    /// read or wrote it: the save must not claim to descend from it.
    pub over_foreign: bool,
}

/// A write in progress.
pub struct WriteJob {
    /// Where it writes.
    pub path: PathBuf,
    /// What for.
    pub kind: WriteKind,
    /// The session state written.
    pub version: super::session::StateVersion,
    /// When it started (for the status bar).
    pub started: Instant,
    handle: JoinHandle<Result<(), StoreError>>,
}

impl WriteJob {
    /// Starts writing `snapshot` to `path`; `ctx`, when given, is asked to
    /// repaint when the write ends so the UI can take the result.
    ///
    /// # Errors
    /// When no thread can be started; nothing was written then.
    pub fn start(
        path: &Path,
        kind: WriteKind,
        snapshot: Snapshot,
        ctx: Option<egui::Context>,
    ) -> Result<Self, StoreError> {
        let target = path.to_path_buf();
        let version = snapshot.version;
        let handle = std::thread::Builder::new()
            .name("stancemark-write".to_owned())
            .spawn(move || {
                let result = match kind {
                    WriteKind::Save(_) if snapshot.over_foreign => {
                        crate::io::store::save_project_over_foreign(
                            &target,
                            &snapshot.project,
                            &snapshot.corpus_root,
                        )
                    }
                    WriteKind::Save(_) => {
                        save_project(&target, &snapshot.project, &snapshot.corpus_root)
                    }
                    WriteKind::Recovery => {
                        write_recovery_file(&target, &snapshot.project, &snapshot.corpus_root)
                    }
                };
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
                result
            })
            .map_err(|source| StoreError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        Ok(Self {
            path: path.to_path_buf(),
            kind,
            version,
            started: Instant::now(),
            handle,
        })
    }

    /// True once the write has ended (successfully or not).
    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// Waits for the write to end and returns its result.
    ///
    /// # Errors
    /// The write's error, or [`StoreError::Interrupted`] if the worker died.
    pub fn wait(self) -> Result<(), StoreError> {
        let path = self.path;
        self.handle
            .join()
            .unwrap_or(Err(StoreError::Interrupted(path)))
    }
}
