//! Asks once for the annotator's name, which goes into every project file.

use egui::Context;

use crate::ui::command::Command;

/// Draws the prompt; the name is submitted with Enter or the button.
pub fn annotator_prompt_ui(ctx: &Context, draft: &mut String, out: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("annotator-prompt")).show(ctx, |ui| {
        ui.heading("Welcome to Stancemark");
        ui.label("Who is annotating? Your name is stored with every annotation you save.");
        let field = ui.add(egui::TextEdit::singleline(draft).hint_text("your name"));
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Annotator name")
        });
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        // The keyboard goes to the field at once: typing needs no click.
        if !enter && ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        let ok = ui.add_enabled(
            !draft.trim().is_empty(),
            egui::Button::new("Start annotating"),
        );
        if (ok.clicked() || enter) && !draft.trim().is_empty() {
            out.push(Command::SetAnnotator(draft.trim().to_owned()));
        }
    });
}
