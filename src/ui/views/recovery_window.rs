//! Offering back unsaved work found in recovery files after a crash: a modal
//! window, one file at a time. Nothing writes and nothing removes a recovery
//! file until the user has chosen.

use std::path::{Path, PathBuf};

use egui::Context;

use crate::io::recovery::Found;
use crate::model::Project;
use crate::ui::command::Command;

/// A recovery file to decide on.
pub struct Offer {
    /// The recovery file.
    pub path: PathBuf,
    /// What it holds, or why it cannot be read.
    pub content: Result<Box<Project>, String>,
    /// A comparison with the project file, for the user.
    pub summary: String,
    /// What the recovery file holds that the project file lacks.
    pub only_here: Vec<String>,
    /// What the project file holds that the recovery file lacks (taking the
    /// recovery file would drop it).
    pub only_in_project: Vec<String>,
}

/// The kept lines of a difference, with "… and N more" when some were cut.
fn lines(list: crate::model::bounded::Bounded<String>) -> Vec<String> {
    let (mut kept, more) = list.into_parts();
    if more > 0 {
        kept.push(format!("… and {more} more"));
    }
    kept
}

/// The modal window deciding on recovery files.
pub struct RecoveryWindow {
    /// Files still to decide on, the first shown.
    pub offers: Vec<Offer>,
}

impl RecoveryWindow {
    /// A window for the offered and unreadable files of `found`; `current`
    /// is the project as the file holds it.
    #[must_use]
    pub fn new(found: Vec<Found>, current: &Project, has_file: bool) -> Self {
        let offers = found
            .into_iter()
            .filter_map(|f| match f {
                Found::Offer {
                    path,
                    project,
                    newer_than_project,
                    only_here,
                    only_in_project,
                } => {
                    let when = if !has_file {
                        "the project was never saved"
                    } else if newer_than_project {
                        "written after the project file was last saved"
                    } else {
                        "the project file was changed after it was written (an import, another copy, a restore?)"
                    };
                    let summary = format!(
                        "recovered: {}; project file: {} ({when})",
                        counts(&project),
                        counts(current)
                    );
                    Some(Offer {
                        path,
                        content: Ok(project),
                        summary,
                        only_here: lines(only_here),
                        only_in_project: lines(only_in_project),
                    })
                }
                Found::Unreadable { path, error } => Some(Offer {
                    path,
                    content: Err(error),
                    summary: String::new(),
                    only_here: Vec::new(),
                    only_in_project: Vec::new(),
                }),
                Found::Live { .. } | Found::Same { .. } => None,
            })
            .collect();
        Self { offers }
    }

    /// Takes the offer of `path` off the list.
    pub fn remove(&mut self, path: &Path) -> Option<Offer> {
        let i = self.offers.iter().position(|o| o.path == path)?;
        Some(self.offers.remove(i))
    }
}

impl crate::ui::windows::AppWindow for RecoveryWindow {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Recovery
    }

    fn is_modal(&self) -> bool {
        true
    }

    fn show(
        &mut self,
        ctx: &Context,
        _cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        let Some(offer) = self.offers.first() else {
            return false;
        };
        egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match &offer.content {
                Ok(_) => {
                    ui.heading("Recover unsaved work?");
                    ui.label("Stancemark did not close normally. This work was kept in a recovery file and is not in the project file:");
                    egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                        for line in &offer.only_here {
                            ui.label(format!("• {line}"));
                        }
                        if !offer.only_in_project.is_empty() {
                            ui.add_space(6.0);
                            ui.label("The project file holds work the recovery file lacks; recovering would drop it (the project file stays as .bak1 when you save):");
                            for line in &offer.only_in_project {
                                ui.label(format!("• {line}"));
                            }
                        }
                    });
                    ui.label(&offer.summary);
                    ui.weak(offer.path.display().to_string());
                    ui.label("Nothing is saved until you choose.");
                    ui.horizontal(|ui| {
                        if ui.button("Recover it").on_hover_text("Take the recovered work (unsaved); the project file as it is now becomes the backup .bak1 when you save").clicked() {
                            out.push(Command::RecoverWork(offer.path.clone()));
                        }
                        if ui.button("Discard it").on_hover_text("Keep the project file's version; the recovery file is kept aside as .discarded").clicked() {
                            out.push(Command::DiscardRecovery(offer.path.clone()));
                        }
                    });
                }
                Err(error) => {
                    ui.heading("A recovery file cannot be read");
                    ui.label("Unsaved work from an earlier session may be in it, but this Stancemark cannot read it:");
                    ui.label(error);
                    ui.label("It is left untouched: your work here goes to a recovery file of its own.");
                    ui.horizontal(|ui| {
                        if ui.button("Leave it and continue").on_hover_text("Open the project; the file stays where it is and is offered again next time").clicked() {
                            out.push(Command::LeaveRecovery(offer.path.clone()));
                        }
                        if ui.button("Set it aside").on_hover_text("Rename it to .discarded (kept, not deleted)").clicked() {
                            out.push(Command::DiscardRecovery(offer.path.clone()));
                        }
                    });
                }
            }
        });
        true
    }
}

/// "N mentions, S stances, E entities" for a project.
#[must_use]
pub fn counts(project: &Project) -> String {
    format!(
        "{}, {}, {}",
        crate::ui::plural(project.mention_count(), "mention"),
        crate::ui::plural(project.stance_count(), "stance"),
        crate::ui::plural(project.entities.len(), "entity"),
    )
}
