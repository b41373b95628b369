//! Offering to recover unsaved work found in a recovery file after a crash.

use std::path::PathBuf;

use egui::Context;

use crate::model::Project;

/// Unsaved work found when a project was opened.
pub struct Recovery {
    /// The recovery file.
    pub path: PathBuf,
    /// What it holds.
    pub project: Project,
    /// A one-line comparison with the project file.
    pub summary: String,
}

/// What the user chose.
pub enum RecoveryChoice {
    /// Not yet.
    Undecided,
    /// Restore the recovered project.
    Recover,
    /// Set it aside.
    Discard,
}

/// Draws the offer.
pub fn recovery_window_ui(ctx: &Context, recovery: &Recovery) -> RecoveryChoice {
    let mut choice = RecoveryChoice::Undecided;
    egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        ui.heading("Recover unsaved work?");
        ui.label("Stancemark did not close normally last time. This work was kept in a recovery file and is newer than the project file:");
        ui.label(&recovery.summary);
        ui.weak(recovery.path.display().to_string());
        ui.horizontal(|ui| {
            if ui.button("Recover it").on_hover_text("Replace the project with the recovered work; save to keep it").clicked() {
                choice = RecoveryChoice::Recover;
            }
            if ui.button("Discard it").on_hover_text("It is kept beside the project as .recovery.discarded").clicked() {
                choice = RecoveryChoice::Discard;
            }
        });
    });
    choice
}

/// "N mentions, S stances, E entities" for a project.
#[must_use]
pub fn counts(project: &Project) -> String {
    format!(
        "{} mention(s), {} stance(s), {} entit(y/ies)",
        project.mention_count(),
        project.stance_count(),
        project.entities.len()
    )
}
