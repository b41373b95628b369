//! First run: what Stancemark is for and the three ways to start (open a
//! folder, open a project, try the sample corpus). Shown as a window over
//! the sample corpus the first time the app starts with nothing asked for,
//! and in the middle of the window whenever no corpus is open.

use egui::{Context, RichText, Ui};

use crate::ui::command::Command;

/// The welcome's body. `sample_open`: the sample corpus is what is shown,
/// so its button just closes the welcome. Returns true when the user chose
/// to go on with what is open.
pub fn welcome_ui(
    ui: &mut Ui,
    sample_open: bool,
    annotator: Option<&str>,
    out: &mut Vec<Command>,
) -> bool {
    let mut close = false;
    ui.label(
        "Mark the people, organisations and places that news articles mention, link them \
         across articles, and record who takes which stance toward what, with the evidence.",
    );
    if let Some(name) = annotator {
        ui.label(format!(
            "You annotate as {name}. Your work is saved as you go; File › Save As chooses where."
        ));
    }
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("📂 Open a corpus folder…")
            .on_hover_text("A folder of plain-text articles, one per .txt file (Ctrl+O)")
            .clicked()
        {
            out.push(Command::ShowOpenCorpus);
            close = true;
        }
        if ui
            .button("📄 Open a project…")
            .on_hover_text("A .ron project file saved by Stancemark (yours or a colleague's)")
            .clicked()
        {
            out.push(Command::ShowOpenProject);
            close = true;
        }
        let sample = if sample_open {
            "▶ Explore the sample corpus"
        } else {
            "▶ Try the sample corpus"
        };
        if ui
            .button(sample)
            .on_hover_text("Five short reports of one invented event by different outlets")
            .clicked()
        {
            if !sample_open {
                out.push(Command::OpenCorpus(crate::ui::app::sample_corpus_path()));
            }
            close = true;
        }
    });
    ui.add_space(8.0);
    ui.label(RichText::new("To start: drag over a name in the article and press a type key (1 PER, 2 ORG, 3 GPE …). Select a sentence and press S to record a stance. F1 lists every key; Ctrl+Shift+P finds any command by name.").weak());
    close
}

/// The first-run window; returns false once closed (its button, the close
/// button, or Escape).
pub fn welcome_window_ui(ctx: &Context, annotator: Option<&str>, out: &mut Vec<Command>) -> bool {
    let mut open = true;
    let mut chosen = false;
    egui::Window::new("Welcome to Stancemark")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_width(460.0)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            chosen = welcome_ui(ui, true, annotator, out);
        });
    let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
    open && !chosen && !escape
}
