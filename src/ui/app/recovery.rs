//! The recovery file: offering back work that was never saved (after a
//! crash), or setting it aside.

use super::*;

impl StancemarkApp {
    /// A recovery file beside the project's save target that is newer than
    /// the save, if any. One that cannot be read is reported and left alone.
    pub(super) fn find_recovery(&mut self, session: &Session) -> Option<Recovery> {
        let target = self.save_target(session);
        let path = recovery_path(&target);
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let newer = match (modified(&path), modified(&target)) {
            (Some(r), Some(s)) => r >= s,
            (Some(_), None) => true,
            _ => false,
        };
        if !newer {
            return None;
        }
        match crate::io::load_project(&path) {
            Ok(loaded) => Some(Recovery {
                summary: format!(
                    "recovered: {}; project file: {}",
                    counts(&loaded.project),
                    counts(&session.project)
                ),
                path,
                project: loaded.project,
            }),
            Err(e) => {
                self.error = Some(format!(
                    "A recovery file was found but cannot be read; it is left untouched: {e}"
                ));
                None
            }
        }
    }

    /// Replaces the project with the recovered one (unsaved, so the next save
    /// writes it).
    pub(super) fn recover(&mut self) {
        let (Some(recovery), Some(session)) = (self.recovery.take(), &mut self.session) else {
            return;
        };
        let mut project = recovery.project;
        project.attach(&session.corpus.documents);
        session.project = project;
        session.recount();
        session.history = crate::model::History::default();
        session.version += 1;
        session.dirty_since = Some(Instant::now());
        self.notice = Some((
            "Recovered the unsaved work; save to keep it.".to_owned(),
            Instant::now(),
        ));
    }
}
