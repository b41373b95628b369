//! Recovery files found when a project opens: offered back in a modal
//! window (nothing writes until the user has chosen), set aside, or left
//! untouched.

use super::*;
use crate::io::recovery::{Found, discarded_path};

impl StancemarkApp {
    /// Deals with the recovery files found beside the project file: those of
    /// a running Stancemark are left alone (and mentioned), one identical to
    /// the project file is removed (the file is a good copy of it), and the
    /// rest are offered in a modal window.
    pub(super) fn offer_recoveries(&mut self, found: Vec<Found>, session: &Session) {
        let mut notes = Vec::new();
        for f in &found {
            match f {
                Found::Live { path, owner } => notes.push(format!(
                    "{} belongs to the Stancemark running as {owner}; it is left alone",
                    path.display()
                )),
                Found::Same { path } => {
                    // It holds nothing the project file lacks.
                    let _ = std::fs::remove_file(path);
                }
                Found::Offer { .. } | Found::Unreadable { .. } => {}
            }
        }
        if !notes.is_empty() {
            self.notice = Some((notes.join("\n"), Instant::now()));
        }
        let window = RecoveryWindow::new(found, &session.project, session.project_path.is_some());
        if !window.offers.is_empty() {
            self.windows.open(window);
        }
    }

    /// Replaces the project with the work of recovery file `path` (unsaved,
    /// so the next save writes it; the file goes once a save holds it).
    pub(super) fn recover(&mut self, path: &Path) {
        let Some(offer) = self
            .windows
            .get_mut::<RecoveryWindow>()
            .and_then(|w| w.remove(path))
        else {
            return;
        };
        let (Ok(project), Some(session)) = (offer.content, &mut self.session) else {
            return;
        };
        session.replace_project(*project);
        session.own_recoveries.insert(path.to_path_buf());
        if !session.problems.is_empty() {
            self.windows.open(problems_window(session));
        }
        self.notice = Some((
            "Recovered the unsaved work; it is saved with the next save.".to_owned(),
            Instant::now(),
        ));
    }

    /// Sets recovery file `path` aside as `.discarded` (kept, never deleted).
    pub(super) fn discard_recovery(&mut self, path: &Path) {
        if let Some(w) = self.windows.get_mut::<RecoveryWindow>() {
            w.remove(path);
        }
        let aside = discarded_path(path);
        if let Err(e) = std::fs::rename(path, &aside) {
            self.error = Some(format!(
                "Could not set the recovery file {} aside: {e}. It is left where it is.",
                path.display()
            ));
        }
    }

    /// Leaves recovery file `path` untouched (it is offered again next time).
    pub(super) fn leave_recovery(&mut self, path: &Path) {
        if let Some(w) = self.windows.get_mut::<RecoveryWindow>() {
            w.remove(path);
        }
    }
}
