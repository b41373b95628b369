//! Project › Merge conflicts…: what a three-way merge (`stancemark
//! merge-file`, git's driver) could not decide, one row each: the version
//! the project holds and the other side's (or that it deleted it), with
//! **Keep** and **Take** buttons. Each decision is one undoable edit.

use egui::{Context, RichText};

use crate::model::conflict::Conflict;
use crate::ui::command::Command;

/// The window (its content is the project's list of conflicts).
#[derive(Default)]
pub struct ConflictsWindow;

fn row(ui: &mut egui::Ui, index: usize, c: &Conflict, out: &mut Vec<Command>) {
    ui.label(RichText::new(c.describe()).strong());
    ui.horizontal_wrapped(|ui| {
        let keep = ui.button(format!("Keep {}", c.kept_from));
        keep.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Button,
                true,
                format!("Keep {}: conflict {}", c.kept_from, index + 1),
            )
        });
        if keep
            .on_hover_text(format!("Keep {}", c.kept.describe()))
            .clicked()
        {
            out.push(Command::SettleConflict {
                index,
                take_other: false,
            });
        }
        let what = if c.other.is_some() {
            format!("Take {}", c.other_from)
        } else {
            format!("Delete it, as {} did", c.other_from)
        };
        let take = ui.button(&what);
        take.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Button,
                true,
                format!("{what}: conflict {}", index + 1),
            )
        });
        if take.clicked() {
            out.push(Command::SettleConflict {
                index,
                take_other: true,
            });
        }
    });
    ui.separator();
}

impl crate::ui::windows::AppWindow for ConflictsWindow {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Conflicts
    }

    fn show(
        &mut self,
        ctx: &Context,
        cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        let Some(session) = cx.session else {
            return false;
        };
        let mut open = true;
        egui::Window::new("Merge conflicts")
            .open(&mut open)
            .default_size([600.0, 400.0])
            .default_pos([420.0, 200.0])
            .show(ctx, |ui| {
                let conflicts = &session.project.conflicts;
                if conflicts.is_empty() {
                    ui.label("No merge conflict is waiting.");
                    return;
                }
                ui.label(format!(
                    "{} conflict(s) from merging two versions of this project. The project holds one version of each (an edited one is never dropped); choose which stays. Each choice can be undone.",
                    conflicts.len()
                ));
                ui.separator();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for (i, c) in conflicts.iter().enumerate() {
                        row(ui, i, c, out);
                    }
                });
            });
        open
    }
}
