//! The session's project file: its lock, snapshots for background writes,
//! settling their results, and the default and recovery paths.

use super::*;

impl Session {
    /// Takes the lock of `path` (the project file from now on). Returns who
    /// holds it when another Stancemark does: the file is then read-only here.
    pub fn bind_project_file(&mut self, path: &Path) -> Option<crate::io::lock::LockInfo> {
        if self.lock.as_ref().is_some_and(|(p, _)| p == path) {
            return None;
        }
        match crate::io::lock::ProjectLock::acquire(path) {
            Ok(lock) => {
                self.lock = Some((path.to_path_buf(), lock));
                self.locked_by = None;
                None
            }
            Err(holder) => {
                self.locked_by.clone_from(&holder);
                holder
            }
        }
    }

    /// What a worker needs to write the project as it is now, with a note
    /// being typed included (so a crash while typing loses nothing).
    #[must_use]
    pub fn snapshot(&self) -> Snapshot {
        let mut project = self.project.clone();
        if let Some(edit) = self.note_draft.clone() {
            // A draft whose mention or document is gone is simply not written.
            let _ = crate::model::apply(&mut project, edit);
        }
        Snapshot {
            project,
            version: self.state_version(),
            corpus_root: self.corpus.root.clone(),
            over_foreign: false,
        }
    }

    /// True when the recovery file is older than the current state.
    #[must_use]
    pub fn recovery_is_stale(&self) -> bool {
        self.last_recovery
            .is_none_or(|(_, v)| v != self.state_version())
    }

    /// Checks that `path` may be written as the project file (it is not a
    /// file that failed to load, and no other Stancemark holds it), taking
    /// its lock when it is a new target.
    ///
    /// # Errors
    /// [`StoreError::Protected`] or [`StoreError::Locked`].
    pub fn check_writable(&mut self, path: &Path) -> Result<(), StoreError> {
        if self.protected_path.as_deref() == Some(path) {
            return Err(StoreError::Protected(path.to_path_buf()));
        }
        let is_current = self.project_path.as_deref() == Some(path);
        // A lock this session took may have been taken over since (its file
        // deleted and made again by another Stancemark): look again.
        let ours = self.lock.as_ref().is_some_and(|(p, _)| p == path);
        let lost = self
            .lock
            .as_ref()
            .is_some_and(|(p, lock)| p == path && !lock.still_held());
        if ours && lost {
            self.lock = None;
            // The holder's recovery name now means the other one: ours moves
            // to this process's own name.
            let main = recovery_path(path);
            if self.own_recoveries.remove(&main) {
                let own = crate::io::recovery::instance_recovery_path(path);
                if std::fs::rename(&main, &own).is_ok() {
                    self.own_recoveries.insert(own);
                } else {
                    self.own_recoveries.insert(main);
                }
            }
        }
        let holds = self.lock.as_ref().is_some_and(|(p, _)| p == path);
        if !holds {
            let previous = self.locked_by.clone();
            if let Some(holder) = self.bind_project_file(path) {
                if !is_current {
                    // Stay with the file we had; only this target is held elsewhere.
                    self.locked_by = previous;
                }
                return Err(StoreError::Locked {
                    path: path.to_path_buf(),
                    holder,
                });
            }
        }
        Ok(())
    }

    /// Takes the result of writing version `version` to `path` (the project
    /// file for a save, the recovery file for a recovery write). A save makes
    /// `path` the project file; the session is clean again only if nothing
    /// changed since the snapshot was taken (later edits stay unsaved, and
    /// the recovery files are kept for them). A save that holds everything
    /// removes the recovery files this session wrote or recovered from: a
    /// newer good copy of their work exists.
    ///
    /// # Errors
    /// The write's error; the work stays in memory and unsaved.
    pub fn finish_write(
        &mut self,
        path: &Path,
        kind: WriteKind,
        version: StateVersion,
        result: Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        result?;
        match kind {
            WriteKind::Recovery => {
                self.last_recovery = Some((Instant::now(), version));
                self.own_recoveries.insert(path.to_path_buf());
            }
            WriteKind::Save(how) => {
                self.project_path = Some(path.to_path_buf());
                self.file_stamp = FileStamp::of(path);
                self.last_save = Some((Instant::now(), how));
                if version == self.state_version() {
                    for recovery in std::mem::take(&mut self.own_recoveries) {
                        let _ = std::fs::remove_file(recovery);
                    }
                    self.last_recovery = None;
                    self.dirty_since = None;
                } else {
                    // Edits made during the write are still unsaved; the
                    // autosave timer restarts for them.
                    self.dirty_since = Some(Instant::now());
                }
            }
        }
        Ok(())
    }

    /// True when `path` is the project file and another program changed it
    /// since this session last read or wrote it.
    #[must_use]
    pub fn changed_on_disk(&self, path: &Path) -> bool {
        self.project_path.as_deref() == Some(path)
            && self.file_stamp.is_some()
            && FileStamp::of(path) != self.file_stamp
    }

    /// The recovery file this session writes for the project file `target`:
    /// `NAME.ron.recovery` while it holds the lock (unless another file it
    /// must not touch is there), else its own `NAME.ron.recovery-PID@HOST`.
    #[must_use]
    pub fn recovery_target(&self, target: &Path) -> PathBuf {
        let main = recovery_path(target);
        let holds_lock = self.lock.as_ref().is_some_and(|(p, _)| p == target);
        if holds_lock && (self.own_recoveries.contains(&main) || !main.exists()) {
            main
        } else {
            crate::io::recovery::instance_recovery_path(target)
        }
    }

    /// Writes the recovery file for the project file `target` now, on this
    /// thread, if it is older than the current state.
    ///
    /// # Errors
    /// When the recovery file cannot be written.
    pub fn write_recovery(&mut self, target: &Path) -> Result<(), StoreError> {
        if !self.recovery_is_stale() {
            return Ok(());
        }
        let file = self.recovery_target(target);
        let snapshot = self.snapshot();
        let result =
            crate::io::store::write_recovery_file(&file, &snapshot.project, &self.corpus.root);
        self.finish_write(&file, WriteKind::Recovery, snapshot.version, result)
    }

    /// Writes the project to `path` now, on this thread (atomically), and
    /// makes it the project file. The app saves on a worker instead and uses
    /// this only when it must not return before the file is written (exit).
    ///
    /// # Errors
    /// [`StoreError`] when writing fails or `path` is a file that failed to
    /// load; the work stays in memory and unsaved.
    pub fn save_to(&mut self, path: &Path, kind: SaveKind) -> Result<(), StoreError> {
        self.check_writable(path)?;
        let snapshot = self.snapshot();
        let result = if self.changed_on_disk(path) {
            crate::io::store::save_project_over_foreign(path, &snapshot.project, &self.corpus.root)
        } else {
            save_project(path, &snapshot.project, &self.corpus.root)
        };
        self.finish_write(path, WriteKind::Save(kind), snapshot.version, result)
    }
}

/// The default project file for `annotator` on `corpus` in `saves_dir`:
/// `saves/<corpus>-<annotator>.ron`, with unsafe characters replaced.
#[must_use]
pub fn default_project_path(saves_dir: &Path, corpus: &Corpus, annotator: &str) -> PathBuf {
    let clean = |s: &str| -> String {
        let cleaned: String = s
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if cleaned.is_empty() {
            "anonymous".to_owned()
        } else {
            cleaned
        }
    };
    saves_dir.join(format!(
        "{}-{}.ron",
        clean(&corpus.name()),
        clean(annotator)
    ))
}
