//! Project › Run a model…: the model hook from the app. The command (see
//! [`crate::io::model_hook`]) runs on a worker thread over the shown
//! document or the whole corpus, with a progress bar and Cancel; what it
//! finds is added as suggestions to review, in one undo step. A failure
//! changes nothing and says why.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use egui::{Context, Ui};

use crate::io::model_hook::{ModelAnswer, ModelError, run_model};
use crate::model::Document;
use crate::ui::command::Command;
use crate::ui::session::Session;

/// A model running on a worker thread.
pub struct ModelJob {
    receiver: Receiver<Result<Vec<ModelAnswer>, ModelError>>,
    cancel: Arc<AtomicBool>,
    answered: Arc<AtomicUsize>,
    /// Documents sent.
    pub sent: usize,
}

/// State of the window.
pub struct ModelWindow {
    /// The command line.
    pub command: String,
    /// Every document instead of the shown one.
    pub whole_corpus: bool,
    /// Seconds before the command is stopped.
    pub timeout: u64,
    /// Spans scoring below this are not added.
    pub min_score: f64,
    /// Types the schema lacks join it (else their spans are listed as left out).
    pub add_types: bool,
    /// The running model, if any.
    pub job: Option<ModelJob>,
    /// What the last run said.
    pub message: Option<String>,
}

impl ModelWindow {
    /// A window with `command` filled in.
    #[must_use]
    pub fn new(command: String) -> Self {
        Self {
            command,
            whole_corpus: false,
            timeout: 300,
            min_score: 0.0,
            add_types: false,
            job: None,
            message: None,
        }
    }

    /// Starts the command over the chosen documents of `session`.
    pub fn start(&mut self, ctx: &Context, session: &Session) {
        let docs: Vec<Document> = if self.whole_corpus {
            session.corpus.documents.clone()
        } else {
            session.document().cloned().into_iter().collect()
        };
        let types: Vec<String> = session
            .project
            .schema
            .entity_types
            .iter()
            .map(|t| t.name.clone())
            .collect();
        let (tx, rx) = std::sync::mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let answered = Arc::new(AtomicUsize::new(0));
        let (command, timeout) = (self.command.clone(), Duration::from_secs(self.timeout));
        let (flag, count, ctx) = (Arc::clone(&cancel), Arc::clone(&answered), ctx.clone());
        self.job = Some(ModelJob {
            receiver: rx,
            cancel,
            answered,
            sent: docs.len(),
        });
        self.message = None;
        std::thread::spawn(move || {
            let refs: Vec<&Document> = docs.iter().collect();
            let result = run_model(&command, &refs, &types, timeout, &flag, &|n| {
                count.store(n, Ordering::Relaxed);
                ctx.request_repaint();
            });
            // A closed window has no receiver left: the result is dropped.
            let _ = tx.send(result);
            ctx.request_repaint();
        });
    }

    /// The run's result, once it has come.
    pub fn poll(&mut self) -> Option<Result<Vec<ModelAnswer>, ModelError>> {
        let job = self.job.as_ref()?;
        match job.receiver.try_recv() {
            Ok(result) => {
                self.job = None;
                Some(result)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.job = None;
                None
            }
        }
    }
}

fn form_ui(ui: &mut Ui, window: &mut ModelWindow, out: &mut Vec<Command>) {
    ui.label("A command that reads one JSON line per document and answers one per document (the protocol is in the user guide, docs/src/suggestions.md).");
    let field = ui.add(
        egui::TextEdit::singleline(&mut window.command)
            .hint_text("python3 examples/spacy_suggest.py en_core_web_sm")
            .desired_width(520.0),
    );
    field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Model command"));
    ui.horizontal(|ui| {
        ui.radio_value(&mut window.whole_corpus, false, "This document");
        ui.radio_value(&mut window.whole_corpus, true, "Every document");
    });
    ui.horizontal(|ui| {
        ui.label("Stop after");
        let timeout = ui.add(
            egui::DragValue::new(&mut window.timeout)
                .range(1..=86_400)
                .suffix(" s"),
        );
        timeout.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::SpinButton, true, "Timeout in seconds")
        });
        ui.label("Keep spans scoring at least");
        let score = ui.add(
            egui::DragValue::new(&mut window.min_score)
                .range(0.0..=1.0)
                .speed(0.01),
        );
        score.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::SpinButton, true, "Lowest score kept")
        });
    });
    ui.checkbox(&mut window.add_types, "Add types the schema lacks")
        .on_hover_text("Off: spans of a type the schema lacks are listed as left out");
    let ready = !window.command.trim().is_empty();
    if ui
        .add_enabled(ready, egui::Button::new("Run"))
        .on_disabled_hover_text("Type the command first")
        .clicked()
    {
        out.push(Command::RunModel);
    }
}

/// Draws the window; returns false when closed (a running model is then
/// stopped).
pub fn model_window_ui(ctx: &Context, window: &mut ModelWindow, out: &mut Vec<Command>) -> bool {
    let mut open = true;
    egui::Window::new("Run a model")
        .open(&mut open)
        .default_pos([260.0, 90.0])
        .show(ctx, |ui| match &window.job {
            Some(job) => {
                let n = job.answered.load(Ordering::Relaxed);
                #[allow(clippy::cast_precision_loss)]
                let fraction = n as f32 / job.sent.max(1) as f32;
                ui.label(format!("Running: {}", window.command));
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .text(format!("{n} of {} document(s) answered", job.sent)),
                );
                if ui
                    .button("Cancel")
                    .on_hover_text("Stop the command; nothing is added")
                    .clicked()
                {
                    job.cancel.store(true, Ordering::Relaxed);
                }
            }
            None => {
                form_ui(ui, window, out);
                if let Some(m) = &window.message {
                    ui.colored_label(ui.visuals().warn_fg_color, m);
                }
            }
        });
    if !open && let Some(job) = &window.job {
        job.cancel.store(true, Ordering::Relaxed);
    }
    open
}

impl crate::ui::windows::AppWindow for ModelWindow {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Model
    }

    fn show(
        &mut self,
        ctx: &Context,
        _cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        model_window_ui(ctx, self, out)
    }
}
