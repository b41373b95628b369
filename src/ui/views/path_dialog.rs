//! A small window to choose a folder or file: the system dialog when one is
//! available, and always a path field (a bare X server has no dialog service).

use std::path::PathBuf;

use egui::Context;

use crate::ui::command::Command;

/// What the path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// A corpus folder to open.
    OpenCorpus,
    /// A project file to open.
    OpenProject,
    /// Where to save the project.
    SaveAs,
    /// A gazetteer to pre-annotate from.
    ImportGazetteer,
}

impl PathPurpose {
    fn title(self) -> &'static str {
        match self {
            Self::OpenCorpus => "Open corpus",
            Self::OpenProject => "Open project",
            Self::SaveAs => "Save project as",
            Self::ImportGazetteer => "Import gazetteer",
        }
    }

    fn field_label(self) -> &'static str {
        match self {
            Self::OpenCorpus => "Folder path",
            Self::OpenProject | Self::SaveAs | Self::ImportGazetteer => "File path",
        }
    }

    fn confirm(self) -> &'static str {
        match self {
            Self::OpenCorpus | Self::OpenProject => "Open",
            Self::ImportGazetteer => "Import",
            Self::SaveAs => "Save",
        }
    }
}

/// State of the path window.
pub struct PathDialog {
    /// What the path is for.
    pub purpose: PathPurpose,
    /// The typed path.
    pub text: String,
    /// A message, e.g. that no system dialog is available.
    pub message: Option<String>,
    /// A system dialog is open on a worker thread.
    pub browsing: bool,
}

impl PathDialog {
    /// A new window for `purpose`, starting with `text`.
    #[must_use]
    pub fn new(purpose: PathPurpose, text: String) -> Self {
        Self {
            purpose,
            text,
            message: None,
            browsing: false,
        }
    }
}

/// Draws the window; returns false when it should close.
pub fn path_dialog_ui(ctx: &Context, dialog: &mut PathDialog, out: &mut Vec<Command>) -> bool {
    let mut open = true;
    let mut close = false;
    egui::Window::new(dialog.purpose.title())
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let browse = ui
                    .add_enabled(!dialog.browsing, egui::Button::new("Browse…"))
                    .on_hover_text("Use the system's file dialog");
                if browse.clicked() {
                    dialog.browsing = true;
                    out.push(match dialog.purpose {
                        PathPurpose::OpenCorpus => Command::BrowseForCorpus,
                        PathPurpose::OpenProject
                        | PathPurpose::SaveAs
                        | PathPurpose::ImportGazetteer => Command::BrowseForProject,
                    });
                }
                if dialog.browsing {
                    ui.spinner();
                    ui.label("waiting for the system dialog…");
                }
            });
            if let Some(message) = &dialog.message {
                ui.colored_label(ui.visuals().warn_fg_color, message);
            }
            ui.label(format!("{}:", dialog.purpose.field_label()));
            let field = ui.add(egui::TextEdit::singleline(&mut dialog.text).desired_width(420.0));
            field.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, dialog.purpose.field_label())
            });
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let ok = ui.add_enabled(
                    !dialog.text.trim().is_empty(),
                    egui::Button::new(dialog.purpose.confirm()),
                );
                if ok.clicked() || (enter && !dialog.text.trim().is_empty()) {
                    let path = PathBuf::from(dialog.text.trim());
                    out.push(match dialog.purpose {
                        PathPurpose::OpenCorpus => Command::OpenCorpus(path),
                        PathPurpose::OpenProject => Command::OpenProject(path),
                        PathPurpose::SaveAs => Command::SaveAs(path),
                        PathPurpose::ImportGazetteer => Command::ImportGazetteer(path),
                    });
                    close = true;
                }
                if ui
                    .button("Cancel")
                    .on_hover_text("Close without opening anything (Escape)")
                    .clicked()
                {
                    close = true;
                }
            });
        });
    open && !close
}

impl crate::ui::windows::AppWindow for PathDialog {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Path
    }

    fn show(
        &mut self,
        ctx: &Context,
        _cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        path_dialog_ui(ctx, self, out)
    }
}
