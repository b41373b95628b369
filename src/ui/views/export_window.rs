//! File › Export…: format, options and target, written on a worker thread
//! with a progress bar.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::Receiver;

use egui::Context;

use crate::io::corpus::Progress;
use crate::io::export::{ExportFormat, ExportOptions, ExportReport, export};
use crate::model::{Document, Project};

struct Counter {
    done: AtomicUsize,
    total: AtomicUsize,
    cancel: AtomicBool,
    ctx: Context,
}

impl Progress for Counter {
    fn report(&self, done: usize, total: usize) {
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.ctx.request_repaint();
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// An export running on a worker thread.
pub struct ExportJob {
    counter: Arc<Counter>,
    receiver: Receiver<Result<ExportReport, String>>,
}

/// State of the export window.
pub struct ExportWindow {
    /// Format.
    pub format: ExportFormat,
    /// Options.
    pub options: ExportOptions,
    /// Target path.
    pub path: String,
    /// Replace an existing target.
    pub force: bool,
    /// The running export.
    pub job: Option<ExportJob>,
    /// Result of the last export.
    pub message: Option<String>,
}

impl ExportWindow {
    /// A window proposing `folder/<format file name>`.
    #[must_use]
    pub fn new(folder: &std::path::Path) -> Self {
        let format = ExportFormat::Spacy;
        Self {
            format,
            options: ExportOptions::default(),
            path: folder
                .join(format.default_file_name())
                .display()
                .to_string(),
            force: false,
            job: None,
            message: None,
        }
    }

    /// Starts exporting a snapshot of `project` on a worker thread.
    pub fn start(&mut self, ctx: &Context, project: Project, corpus: Vec<Document>) {
        let counter = Arc::new(Counter {
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(corpus.len()),
            cancel: AtomicBool::new(false),
            ctx: ctx.clone(),
        });
        let (sender, receiver) = std::sync::mpsc::channel();
        let (format, options, force) = (self.format, self.options, self.force);
        let out = PathBuf::from(self.path.trim());
        let worker = Arc::clone(&counter);
        std::thread::spawn(move || {
            let result = export(
                format,
                &project,
                &corpus,
                options,
                &out,
                force,
                worker.as_ref(),
            )
            .map_err(|e| e.to_string());
            let _ = sender.send(result);
            worker.ctx.request_repaint();
        });
        self.message = None;
        self.job = Some(ExportJob { counter, receiver });
    }
}

/// What the window asks the app to do.
pub enum ExportAction {
    /// Nothing.
    None,
    /// Start the export.
    Start,
    /// Close the window.
    Close,
}

/// The report of a finished export, for the window: what was written, what
/// the format could not carry (counts by reason, then the first items), and
/// the notes.
#[must_use]
pub fn report_text(r: &ExportReport, path: &str, format: ExportFormat) -> String {
    let mut text = format!(
        "Written: {} document(s), {} mention(s), {} quotation(s), {} stance(s) to {path}.",
        r.documents, r.mentions, r.quotations, r.stances
    );
    if !r.left_out.is_empty() {
        text.push_str(&format!(
            "\n⚠ Left out, as {} cannot carry them: {} item(s)",
            format.name(),
            r.left_out.len()
        ));
        for (reason, n) in r.left_out_by_reason() {
            text.push_str(&format!("\n  {n} × {reason}"));
        }
        for w in r.left_out.iter().take(20) {
            text.push_str("\n• ");
            text.push_str(w);
        }
        if r.left_out.len() > 20 {
            text.push_str(&format!(
                "\n… and {} more (stancemark export on the command line lists every one)",
                r.left_out.len() - 20
            ));
        }
    }
    for w in r.notes.iter().take(10) {
        text.push_str("\nnote: ");
        text.push_str(w);
    }
    if r.notes.len() > 10 {
        text.push_str(&format!("\n… and {} more notes", r.notes.len() - 10));
    }
    text
}

/// Draws the window.
pub fn export_window_ui(ctx: &Context, window: &mut ExportWindow) -> ExportAction {
    if let Some(job) = &window.job
        && let Ok(result) = job.receiver.try_recv()
    {
        let cancelled = job.counter.cancel.load(Ordering::Relaxed);
        window.message = Some(match result {
            Ok(r) => report_text(&r, &window.path, window.format),
            Err(_) if cancelled => "Export cancelled: nothing was written.".to_owned(),
            Err(e) => format!("Export failed, nothing was written: {e}"),
        });
        window.job = None;
    }
    let mut action = ExportAction::None;
    let mut open = true;
    // Never taller than the screen: what does not fit scrolls.
    let room = (ctx.content_rect().height() - 160.0).max(240.0);
    egui::Window::new("Export")
        .open(&mut open)
        .default_width(460.0)
        .default_pos([320.0, 120.0])
        .max_height(room)
        .vscroll(true)
        .show(ctx, |ui| {
        let before = window.format;
        let combo = egui::ComboBox::from_id_salt("export-format").selected_text(window.format.name()).show_ui(ui, |ui| {
            for f in ExportFormat::ALL {
                ui.selectable_value(&mut window.format, f, f.name());
            }
        });
        combo.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Export format"));
        if window.format != before {
            let path = PathBuf::from(window.path.trim());
            let folder = path.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
            window.path = folder.join(window.format.default_file_name()).display().to_string();
        }
        ui.label(match window.format {
            ExportFormat::Conll | ExportFormat::Hf => "Token-based: every mention boundary is a token boundary and no sentence ends inside a mention; what IOB cannot hold (a nested mention) is reported.",
            ExportFormat::WebAnno => "WebAnno TSV 3.3 for INCEpTION: one file per document, UTF-16 offsets, nested mentions stacked.",
            ExportFormat::Doccano | ExportFormat::LabelStudio | ExportFormat::LabelStudioMin => "Offsets in the unit chosen below (the file says which).",
            // Per-document tables carry no offsets: no offset help.
            ExportFormat::DocumentsCsv | ExportFormat::DocumentsJsonl => "One row per document: its codebook values and its counts of mentions and stances; no offsets.",
            _ => "Offsets in Unicode code points, half-open [start, end).",
        });
        if matches!(window.format, ExportFormat::Conll | ExportFormat::Hf | ExportFormat::WebAnno) {
            ui.horizontal(|ui| {
                ui.label("Tokens:");
                for mode in crate::model::tokens::TokenMode::ALL {
                    ui.radio_value(&mut window.options.tokens, mode, mode.name());
                }
            });
        }
        if let Some(default) = window.format.default_offsets() {
            ui.horizontal(|ui| {
                ui.label("Offsets:");
                let current = window.options.offsets.unwrap_or(default);
                for unit in crate::model::units::OffsetUnit::ALL {
                    let label = if unit == default {
                        format!("{} (what the tool uses)", unit.name())
                    } else {
                        unit.name().to_owned()
                    };
                    if ui.radio(current == unit, label).clicked() {
                        window.options.offsets = Some(unit);
                    }
                }
            });
        }
        ui.checkbox(&mut window.options.only_done, "Only documents marked done");
        ui.checkbox(&mut window.options.include_suggestions, "Include suggestions not yet accepted");
        ui.checkbox(&mut window.force, "Replace the target if it exists");
        let label = if window.format.writes_folder() { "Target folder" } else { "Target file" };
        ui.label(format!("{label}:"));
        let field = ui.add(egui::TextEdit::singleline(&mut window.path).desired_width(420.0));
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Export path"));
        match &window.job {
            Some(job) => {
                let done = job.counter.done.load(Ordering::Relaxed);
                let total = job.counter.total.load(Ordering::Relaxed).max(1);
                #[allow(clippy::cast_precision_loss)]
                let fraction = done as f32 / total as f32;
                ui.add(egui::ProgressBar::new(fraction).animate(true).text("exporting…"));
                if ui
                    .button("Cancel")
                    .on_hover_text("Stop: nothing is written")
                    .clicked()
                {
                    job.counter.cancel.store(true, Ordering::Relaxed);
                }
            }
            None => {
                if ui.add_enabled(!window.path.trim().is_empty(), egui::Button::new("Export now")).on_hover_text("Write the export on a worker thread; the window shows its progress").clicked() {
                    action = ExportAction::Start;
                }
            }
        }
        if let Some(m) = &window.message {
            ui.separator();
            ui.label(m);
        }
    });
    if !open {
        return ExportAction::Close;
    }
    action
}

impl crate::ui::windows::AppWindow for ExportWindow {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Export
    }

    fn show(
        &mut self,
        ctx: &Context,
        _cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<crate::ui::command::Command>,
    ) -> bool {
        match export_window_ui(ctx, self) {
            ExportAction::Start => out.push(crate::ui::command::Command::StartExport),
            ExportAction::Close => return false,
            ExportAction::None => {}
        }
        true
    }
}
