//! Asked on quitting only when some work could not be saved (the save
//! failed, or the project file is open in another Stancemark).

use egui::Context;

/// What the user chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuitChoice {
    /// Nothing yet.
    Undecided,
    /// Open Save As to put the work somewhere that can be written.
    SaveAs,
    /// Quit and lose the unsaved changes.
    QuitAnyway,
    /// Stay.
    KeepWorking,
}

/// Draws the question; `reason` says why the work is unsaved.
pub fn quit_prompt_ui(ctx: &Context, reason: &str) -> QuitChoice {
    let mut choice = QuitChoice::Undecided;
    let modal = egui::Modal::new(egui::Id::unique("quit-prompt")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading("Unsaved changes");
        ui.label(reason);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui
                .button("Save As…")
                .on_hover_text("Save the work to another file first")
                .clicked()
            {
                choice = QuitChoice::SaveAs;
            }
            if ui
                .button("Quit without saving")
                .on_hover_text("Close Stancemark; the unsaved changes are lost")
                .clicked()
            {
                choice = QuitChoice::QuitAnyway;
            }
            if ui
                .button("Keep working")
                .on_hover_text("Stay in Stancemark (Escape)")
                .clicked()
            {
                choice = QuitChoice::KeepWorking;
            }
        });
    });
    if modal.should_close() && choice == QuitChoice::Undecided {
        choice = QuitChoice::KeepWorking;
    }
    choice
}

/// The quit question as a modal window; `reason` says why the work is unsaved.
pub struct QuitPrompt {
    /// Why the work is unsaved.
    pub reason: String,
}

impl crate::ui::windows::AppWindow for QuitPrompt {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::QuitPrompt
    }

    fn is_modal(&self) -> bool {
        true
    }

    fn show(
        &mut self,
        ctx: &Context,
        _cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<crate::ui::command::Command>,
    ) -> bool {
        use crate::ui::command::Command;
        match quit_prompt_ui(ctx, &self.reason) {
            QuitChoice::Undecided => true,
            QuitChoice::KeepWorking => false,
            QuitChoice::SaveAs => {
                out.push(Command::ShowSaveAs);
                false
            }
            QuitChoice::QuitAnyway => {
                out.push(Command::QuitWithoutSaving);
                false
            }
        }
    }
}
