//! Saving: where Save writes, autosave, the recovery file, and the worker
//! that writes both so the interface never waits for the disk.

use std::path::{Path, PathBuf};
use std::time::Instant;

use egui::Context;

use super::StancemarkApp;
use crate::ui::session::{SaveKind, Session, default_project_path};
use crate::ui::write_job::{WriteJob, WriteKind};

impl StancemarkApp {
    /// Where Save writes: the project file, else a new file in `saves/` that
    /// neither exists nor is a file that failed to load.
    pub(super) fn save_target(&self, session: &Session) -> PathBuf {
        if let Some(p) = &session.project_path {
            return p.clone();
        }
        let annotator = session.project.annotator.as_str();
        let base = default_project_path(&self.saves_dir, &session.corpus, annotator);
        let free = |p: &Path| !p.exists() && session.protected_path.as_deref() != Some(p);
        if free(&base) {
            return base;
        }
        let stem = base
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        (2..)
            .map(|n| base.with_file_name(format!("{stem}-{n}.ron")))
            .find(|p| free(p))
            .unwrap_or(base)
    }

    /// True while the project or its recovery file is being written, or a
    /// save waits for its turn.
    #[must_use]
    pub fn is_writing(&self) -> bool {
        self.writer.is_some() || self.queued_save.is_some()
    }

    /// Saves the project on the worker; a save asked for while another write
    /// runs follows it. Failures are shown when the write ends; the work is
    /// kept in memory.
    pub(super) fn save(&mut self, kind: SaveKind, to: Option<PathBuf>) {
        if self.session.is_none() {
            return;
        }
        if self.blocked_by_modal() {
            // Nothing writes while a recovery or quit question is open.
            return;
        }
        if self.writer.is_some() {
            // A manual save or a Save As wins over a waiting autosave.
            let replace = match &self.queued_save {
                None => true,
                Some((SaveKind::Auto, None)) => true,
                Some(_) => kind == SaveKind::Manual,
            };
            if replace {
                self.queued_save = Some((kind, to));
            }
            return;
        }
        let Some(session) = &self.session else { return };
        let path = to.unwrap_or_else(|| self.save_target(session));
        let Some(session) = &mut self.session else {
            return;
        };
        let over_foreign = session.changed_on_disk(&path);
        if over_foreign {
            self.external_change = Some(path.clone());
        }
        let started = session.check_writable(&path).and_then(|()| {
            let mut snapshot = session.snapshot();
            snapshot.over_foreign = over_foreign;
            WriteJob::start(
                &path,
                WriteKind::Save(kind),
                snapshot,
                Some(self.ctx.clone()),
            )
        });
        match started {
            Ok(job) => self.writer = Some(job),
            Err(e) => self.show_save_error(&e),
        }
    }

    fn show_save_error(&mut self, e: &crate::io::StoreError) {
        self.error = Some(format!(
            "Could not save. Your work is still here, unsaved; try File › Save As….\n{e}"
        ));
    }

    /// Autosaves when there are unsaved changes.
    pub(super) fn autosave(&mut self, kind: SaveKind) {
        // A file another Stancemark holds is never written, not even by autosave.
        if self.session.as_ref().is_some_and(|s| s.locked_by.is_some()) {
            return;
        }
        if self.session.as_ref().is_some_and(Session::is_dirty) {
            self.save(kind, None);
        }
    }

    /// Takes the result of a finished write, then starts a waiting save.
    pub(super) fn poll_writer(&mut self) {
        if self.writer.as_ref().is_some_and(WriteJob::is_finished)
            && let Some(job) = self.writer.take()
        {
            self.settle(job);
        }
        if self.writer.is_none()
            && let Some((kind, to)) = self.queued_save.take()
        {
            self.save(kind, to);
        }
    }

    /// Waits for `job` and records its result in the session.
    fn settle(&mut self, job: WriteJob) {
        let (path, kind, version) = (job.path.clone(), job.kind, job.version);
        let result = job.wait();
        let Some(session) = &mut self.session else {
            return;
        };
        match (session.finish_write(&path, kind, version, result), kind) {
            (Ok(()), WriteKind::Save(_)) => {
                self.notice = Some((format!("Saved to {}", path.display()), Instant::now()));
                if self.external_change.take().as_ref() == Some(&path) {
                    self.error = Some(external_change_message(&path));
                }
            }
            (Ok(()), WriteKind::Recovery) => {}
            (Err(e), WriteKind::Save(_)) => self.show_save_error(&e),
            (Err(e), WriteKind::Recovery) => {
                self.notice = Some((
                    format!("Could not write the recovery file: {e}"),
                    Instant::now(),
                ));
            }
        }
    }

    /// Finishes every write and saves what is unsaved, on this thread:
    /// for leaving (exit, opening another corpus), when nothing may wait.
    pub(super) fn flush_writes(&mut self) {
        if let Some(job) = self.writer.take() {
            self.settle(job);
        }
        if self.blocked_by_modal() {
            // Undecided recovery: nothing the user did can be unsaved (no
            // key reached the project), and nothing may write.
            self.queued_save = None;
            return;
        }
        let queued = self.queued_save.take();
        if self.session.as_ref().is_some_and(|s| s.locked_by.is_some()) {
            return;
        }
        let Some(session) = &self.session else { return };
        let (kind, to) = match queued {
            Some(q) => q,
            None if session.is_dirty() => (SaveKind::Auto, None),
            None => return,
        };
        let path = to.unwrap_or_else(|| self.save_target(session));
        let external = session.changed_on_disk(&path);
        if let Some(session) = &mut self.session {
            match session.save_to(&path, kind) {
                Err(e) => self.show_save_error(&e),
                Ok(()) if external => self.error = Some(external_change_message(&path)),
                Ok(()) => {}
            }
        }
    }

    /// Writes the recovery file every few seconds while there are unsaved
    /// changes (on the worker, when it is free).
    pub(super) fn keep_recovery(&mut self, ctx: &Context) {
        let Some(session) = &self.session else { return };
        // A read-only session (another Stancemark holds the file) keeps its
        // own recovery file too.
        if !session.is_dirty() {
            return;
        }
        // Counted from the last attempt, so a failing write is retried every
        // few seconds, not every frame.
        let due = self
            .recovery_attempt
            .is_none_or(|at| at.elapsed() >= self.recovery_every);
        if !due || !session.recovery_is_stale() || self.writer.is_some() {
            ctx.request_repaint_after(self.recovery_every);
            return;
        }
        let target = session.recovery_target(&self.save_target(session));
        self.recovery_attempt = Some(Instant::now());
        match WriteJob::start(
            &target,
            WriteKind::Recovery,
            session.snapshot(),
            Some(ctx.clone()),
        ) {
            Ok(job) => self.writer = Some(job),
            Err(e) => {
                self.notice = Some((
                    format!("Could not write the recovery file: {e}"),
                    Instant::now(),
                ));
            }
        }
        ctx.request_repaint_after(self.recovery_every);
    }
}

/// What the user is told when the project file had been changed by another
/// program before this session saved over it.
fn external_change_message(path: &Path) -> String {
    format!(
        "{} had been changed by another program since Stancemark opened it. Your work was saved; the version the other program wrote is kept as {}.",
        path.display(),
        crate::io::store::backup_path(path, 1).display()
    )
}
