//! Asked when a document is marked done while required codebook variables
//! are still empty: a small window in the middle, not a status line that the
//! next message replaces.

use egui::Context;

use crate::ui::command::Command;

/// The question, for the document it was asked about.
pub struct DonePrompt {
    /// The document.
    pub doc: String,
    /// The required variables not coded.
    pub missing: Vec<String>,
}

impl crate::ui::windows::AppWindow for DonePrompt {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::DonePrompt
    }

    fn show(
        &mut self,
        ctx: &Context,
        _cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        let mut open = true;
        let mut answered = false;
        egui::Window::new("Mark done?")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                ui.label(format!(
                    "{} has required codebook variables not coded yet:",
                    self.doc
                ));
                for v in &self.missing {
                    ui.label(format!("• {v}"));
                }
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if ui
                        .button("Code them now")
                        .on_hover_text("Open the codebook form (K)")
                        .clicked()
                    {
                        out.push(Command::ShowCodebookForm);
                        answered = true;
                    }
                    if ui
                        .button("Mark done anyway")
                        .on_hover_text("The document is done with these variables empty")
                        .clicked()
                    {
                        out.push(Command::Edit(crate::model::Edit::SetStatus {
                            doc: self.doc.clone(),
                            status: crate::model::DocStatus::Done,
                        }));
                        answered = true;
                    }
                    if ui.button("Cancel").clicked() {
                        answered = true;
                    }
                });
            });
        open && !answered
    }
}
