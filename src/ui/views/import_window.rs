//! File › Import…: bring in annotations made in another tool (one undoable
//! step), read on a worker thread, with a report of everything left out.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::Context;

use crate::io::import::{ImportFormat, ReadOptions, ReadRecords, read_records};
use crate::model::import_merge::ImportOptions;
use crate::model::units::OffsetUnit;

/// A file being read on a worker thread.
pub struct ImportJob {
    receiver: Receiver<Result<ReadRecords, String>>,
}

/// State of the import window.
pub struct ImportWindow {
    /// Format.
    pub format: ImportFormat,
    /// File (a folder for brat).
    pub path: String,
    /// Import mentions as suggestions.
    pub as_suggestions: bool,
    /// Type renames, `Person=PER,Organization=ORG`.
    pub map: String,
    /// Add types the schema lacks instead of leaving their mentions out.
    pub add_types: bool,
    /// The unit the file's offsets count, when the user says (else the
    /// tool's own).
    pub offsets: Option<OffsetUnit>,
    /// A system dialog is open on a worker thread.
    pub browsing: bool,
    /// The file being read.
    pub job: Option<ImportJob>,
    /// A message, e.g. that no system dialog is available.
    pub message: Option<String>,
}

impl Default for ImportWindow {
    fn default() -> Self {
        Self::with_choices(ImportChoices::default())
    }
}

/// What the user chose in the import window, remembered for the next time
/// it opens in this session (re-running an import after fixing the file
/// needs no new choices).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportChoices {
    /// Format.
    pub format: ImportFormat,
    /// File or folder.
    pub path: String,
    /// Import mentions as suggestions.
    pub as_suggestions: bool,
    /// Type renames.
    pub map: String,
    /// Add types the schema lacks.
    pub add_types: bool,
    /// The offset unit, when the user chose one.
    pub offsets: Option<OffsetUnit>,
}

impl Default for ImportChoices {
    fn default() -> Self {
        Self {
            format: ImportFormat::Spacy,
            path: String::new(),
            as_suggestions: false,
            map: String::new(),
            add_types: false,
            offsets: None,
        }
    }
}

impl ImportWindow {
    /// A window showing `choices`.
    #[must_use]
    pub fn with_choices(choices: ImportChoices) -> Self {
        Self {
            format: choices.format,
            path: choices.path,
            as_suggestions: choices.as_suggestions,
            map: choices.map,
            add_types: choices.add_types,
            offsets: choices.offsets,
            browsing: false,
            job: None,
            message: None,
        }
    }

    /// The choices the window shows.
    #[must_use]
    pub fn choices(&self) -> ImportChoices {
        ImportChoices {
            format: self.format,
            path: self.path.clone(),
            as_suggestions: self.as_suggestions,
            map: self.map.clone(),
            add_types: self.add_types,
            offsets: self.offsets,
        }
    }

    /// The merge options the window shows.
    ///
    /// # Errors
    /// When the type map is malformed.
    pub fn options(&self) -> Result<ImportOptions, String> {
        Ok(ImportOptions {
            as_suggestions: self.as_suggestions,
            type_map: ImportOptions::parse_map(&self.map).map_err(|e| format!("Type map: {e}"))?,
            add_types: self.add_types,
            source: crate::io::import::suggestion_source(std::path::Path::new(self.path.trim())),
        })
    }

    /// Starts reading the file on a worker thread.
    pub fn start(&mut self, ctx: &Context) {
        let (sender, receiver) = std::sync::mpsc::channel();
        let (format, path) = (self.format, PathBuf::from(self.path.trim()));
        let options = ReadOptions {
            offsets: self.offsets,
        };
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            // A cancelled read has no receiver left: its result is dropped.
            let _ = sender.send(read_records(format, &path, options));
            ctx.request_repaint();
        });
        self.message = None;
        self.job = Some(ImportJob { receiver });
    }

    /// The read file, once the worker is done.
    pub fn poll(&mut self) -> Option<Result<ReadRecords, String>> {
        let job = self.job.as_ref()?;
        match job.receiver.try_recv() {
            Ok(result) => {
                self.job = None;
                Some(result)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.job = None;
                Some(Err("the reader stopped unexpectedly".to_owned()))
            }
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
        .default_width(460.0)
        .default_pos([320.0, 120.0])
        .show(ctx, |ui| {
        let combo = egui::ComboBox::from_id_salt("import-format").selected_text(window.format.name()).show_ui(ui, |ui| {
            for f in ImportFormat::ALL {
                ui.selectable_value(&mut window.format, f, f.name());
            }
        });
        combo.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Import format"));
        ui.label(match window.format {
            ImportFormat::Conll => "Tokens and their tags (IOB2, IOB1, BIOES): each document's tokens are looked for, in order, in the corpus text.",
            ImportFormat::WebAnno => "WebAnno TSV 3.3 (INCEpTION): a file or a folder of them; named entities, UTF-16 offsets.",
            _ => "Records are matched to documents by path or file name, else by identical text; offsets and quoted text are checked.",
        });
        if let Some(default) = window.format.default_offsets() {
            ui.horizontal(|ui| {
                ui.label("Offsets count:");
                let current = window.offsets.unwrap_or(default);
                for unit in OffsetUnit::ALL {
                    let label = if unit == default {
                        format!("{} (what the tool uses)", unit.name())
                    } else {
                        unit.name().to_owned()
                    };
                    if ui.radio(current == unit, label).clicked() {
                        window.offsets = Some(unit);
                    }
                }
            });
        }
        ui.checkbox(&mut window.as_suggestions, "Import mentions as suggestions to review");
        ui.horizontal(|ui| {
            ui.label("Rename types:");
            let field = ui.add(egui::TextEdit::singleline(&mut window.map).hint_text("Person=PER,Organization=ORG").desired_width(260.0));
            field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Type map"));
        });
        ui.checkbox(&mut window.add_types, "Add types the schema lacks (else their mentions are left out and listed)");
        ui.horizontal(|ui| {
            ui.label(if window.format.reads_folder() { "Folder:" } else { "File:" });
            if ui.add_enabled(!window.browsing, egui::Button::new("Browse…")).on_hover_text("Use the system's file dialog").clicked() {
                window.browsing = true;
                action = ImportAction::Browse;
            }
            if window.browsing {
                ui.spinner();
            }
        });
        let field = ui.add(egui::TextEdit::singleline(&mut window.path).desired_width(420.0));
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Import path"));
        if let Some(message) = &window.message {
            ui.colored_label(ui.visuals().warn_fg_color, message);
        }
        if window.job.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Reading…");
                if ui.button("Cancel").on_hover_text("Stop waiting; nothing is added").clicked() {
                    window.job = None;
                    window.message = Some("Import cancelled; nothing was added.".to_owned());
                }
            });
        } else if ui.add_enabled(!window.path.trim().is_empty(), egui::Button::new("Import now")).on_hover_text("Read the file and add its annotations as one undo step").clicked() {
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
