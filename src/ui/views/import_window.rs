//! File › Import…: bring in spaCy, doccano, brat or stance JSONL annotations
//! (one undoable step), with a report of everything left out.

use egui::Context;

use crate::io::import::ImportFormat;

/// State of the import window.
pub struct ImportWindow {
    /// Format.
    pub format: ImportFormat,
    /// File (a folder for brat).
    pub path: String,
    /// Import mentions as suggestions.
    pub as_suggestions: bool,
    /// A system dialog is open on a worker thread.
    pub browsing: bool,
    /// A message, e.g. that no system dialog is available.
    pub message: Option<String>,
}

impl Default for ImportWindow {
    fn default() -> Self {
        Self {
            format: ImportFormat::Spacy,
            path: String::new(),
            as_suggestions: false,
            browsing: false,
            message: None,
        }
    }
}

/// What the window asks the app to do.
pub enum ImportAction {
    /// Nothing.
    None,
    /// Run the import.
    Run,
    /// Open the system dialog to choose the file or folder.
    Browse,
    /// Close the window.
    Close,
}

/// Draws the window.
pub fn import_window_ui(ctx: &Context, window: &mut ImportWindow) -> ImportAction {
    let mut action = ImportAction::None;
    let mut open = true;
    egui::Window::new("Import annotations")
        .open(&mut open)
        .default_width(440.0)
        .default_pos([320.0, 120.0])
        .show(ctx, |ui| {
        let combo = egui::ComboBox::from_id_salt("import-format").selected_text(window.format.name()).show_ui(ui, |ui| {
            for f in ImportFormat::ALL {
                ui.selectable_value(&mut window.format, f, f.name());
            }
        });
        combo.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Import format"));
        ui.label("Records are matched to documents by path or file name, else by identical text; offsets and quoted text are checked.");
        ui.checkbox(&mut window.as_suggestions, "Import mentions as suggestions to review");
        ui.horizontal(|ui| {
            ui.label(if window.format == ImportFormat::Brat { "Folder:" } else { "File:" });
            if ui.add_enabled(!window.browsing, egui::Button::new("Browse…")).on_hover_text("Use the system's file dialog").clicked() {
                window.browsing = true;
                action = ImportAction::Browse;
            }
            if window.browsing {
                ui.spinner();
            }
        });
        if let Some(message) = &window.message {
            ui.colored_label(ui.visuals().warn_fg_color, message);
        }
        let field = ui.add(egui::TextEdit::singleline(&mut window.path).desired_width(400.0));
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Import path"));
        if ui.add_enabled(!window.path.trim().is_empty(), egui::Button::new("Import now")).on_hover_text("Read the file and add its annotations as one undo step").clicked() {
            action = ImportAction::Run;
        }
    });
    if !open {
        return ImportAction::Close;
    }
    action
}

impl crate::ui::windows::AppWindow for ImportWindow {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Import
    }

    fn show(
        &mut self,
        ctx: &Context,
        _cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<crate::ui::command::Command>,
    ) -> bool {
        match import_window_ui(ctx, self) {
            ImportAction::Run => out.push(crate::ui::command::Command::RunImport),
            ImportAction::Browse => out.push(crate::ui::command::Command::BrowseForImport),
            ImportAction::Close => return false,
            ImportAction::None => {}
        }
        true
    }
}
