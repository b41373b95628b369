//! Quitting: save first, ask only when something could not be saved.

use super::*;

impl StancemarkApp {
    /// True once the window is closing: everything was saved, or the user
    /// chose to quit without saving.
    #[must_use]
    pub fn is_quitting(&self) -> bool {
        self.quitting
    }

    /// Saves what is unsaved, then either lets the app close (true) or,
    /// when something could not be saved, asks the user (false). With a
    /// recovery question still open the app closes without writing: no
    /// change can have been made, and the recovery files stay for next time.
    pub(super) fn try_quit(&mut self) -> bool {
        if self.quitting {
            return true;
        }
        match self.windows.modal() {
            Some(WindowKind::Recovery) => {
                self.quitting = true;
                return true;
            }
            Some(_) => return false,
            None => {}
        }
        self.flush_writes();
        if self.session.as_ref().is_some_and(Session::is_dirty) {
            let reason = self.unsaved_reason();
            self.windows.open(QuitPrompt { reason });
            return false;
        }
        self.quitting = true;
        true
    }

    /// A termination signal: close like the close button, without asking
    /// (nobody may be there to answer). What cannot be saved is written to
    /// the recovery file, which the next start offers.
    pub(super) fn quit_on_signal(&mut self) {
        self.quitting = true;
        if self.windows.modal() == Some(WindowKind::Recovery) {
            return;
        }
        self.flush_writes();
        let Some(session) = &self.session else { return };
        if session.is_dirty() {
            let target = self.save_target(session);
            if let Some(session) = &mut self.session
                && let Err(e) = session.write_recovery(&target)
            {
                eprintln!("stancemark: the work could not be saved or kept for recovery: {e}");
            }
        }
    }

    /// The user chose to quit and lose the unsaved changes: the recovery
    /// files that held them go too.
    pub(super) fn quit_without_saving(&mut self) {
        self.quitting = true;
        if let Some(session) = &mut self.session {
            for recovery in std::mem::take(&mut session.own_recoveries) {
                let _ = std::fs::remove_file(recovery);
            }
        }
    }

    /// Why the work is unsaved, for the quit question.
    pub(super) fn unsaved_reason(&self) -> String {
        match self.session.as_ref().and_then(|s| s.locked_by.as_ref()) {
            Some(holder) => format!(
                "The project file is open in another Stancemark ({holder}), so your changes were not saved to it."
            ),
            None => format!(
                "Your changes could not be saved. {}",
                self.error.as_deref().unwrap_or("")
            ),
        }
    }
}
