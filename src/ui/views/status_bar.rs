//! The status bar: project file, annotator, saved state, last autosave.

use egui::Ui;

use crate::ui::session::{SaveKind, Session};
use crate::ui::write_job::{WriteJob, WriteKind};

/// Draws the status bar. `user` is the person using the app (its
/// `--annotator`); `notice` is a transient message (e.g. "Saved");
/// `writing` the write in progress, if any.
pub fn status_bar_ui(
    ui: &mut Ui,
    session: &Session,
    user: Option<&str>,
    notice: Option<&str>,
    writing: Option<&WriteJob>,
) {
    ui.horizontal(|ui| {
        let file = session
            .project_path
            .as_ref()
            .map_or_else(|| "not saved yet".to_owned(), |p| p.display().to_string());
        ui.label(format!("Project: {file}"));
        ui.separator();
        // The person at the keyboard; the file's own annotator beside it when
        // it is someone else's (gold, a lead's review). Names are cut and
        // their control characters shown, so a hostile name stays one line.
        let shown = |name: &str| crate::model::wording::printable(name, 48);
        let file_annotator = session.project.annotator.as_str();
        let user = user.unwrap_or(file_annotator);
        ui.label(format!("Annotator: {}", shown(user)));
        if user != file_annotator {
            ui.weak(format!("(file of {})", shown(file_annotator)));
        }
        ui.separator();
        if session.locked_by.is_some() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "read-only: open in another Stancemark",
            );
            ui.separator();
        }
        if let Some(job) = writing.filter(|j| matches!(j.kind, WriteKind::Save(_))) {
            ui.spinner();
            ui.label(format!(
                "saving… {:.1} s",
                job.started.elapsed().as_secs_f32()
            ))
            .on_hover_text(format!(
                "Writing {} in the background; you can keep working.",
                job.path.display()
            ));
        } else if session.is_dirty() {
            ui.colored_label(ui.visuals().warn_fg_color, "• unsaved changes");
        } else if session.project_path.is_none() {
            ui.label("no changes yet").on_hover_text(
                "Your work is saved automatically once you change something (or press Ctrl+S).",
            );
        } else {
            ui.label("✔ saved");
        }
        ui.separator();
        let auto = match session.last_save {
            Some((at, SaveKind::Auto)) => format!("last autosave {} s ago", at.elapsed().as_secs()),
            Some((at, SaveKind::Manual)) => format!("last save {} s ago", at.elapsed().as_secs()),
            None => "no autosave yet".to_owned(),
        };
        ui.label(auto);
        if let Some(notice) = notice {
            ui.separator();
            ui.label(notice);
        }
    });
}
