//! The assignment part of the Team window: make the team file (annotators,
//! the project's schema as the team's, guidelines), and share the documents
//! out with overlap, or move a leaver's unfinished documents, as `stancemark
//! team init|assign` do. The file is written on a worker thread.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use egui::{Context, Ui};

use crate::model::team::{AssignOptions, Team};
use crate::ui::command::Command;
use crate::ui::session::Session;

/// What a worker sends back: the team file and its content, and a message.
type Written = Result<(PathBuf, Team, String), String>;

/// The form's state.
pub struct AssignmentForm {
    /// Annotators, comma-separated.
    pub annotators: String,
    /// Guidelines (path or URL), for a new team file.
    pub guidelines: String,
    /// Share of documents coded by several.
    pub overlap: f64,
    /// Annotators per overlap document.
    pub per_doc: usize,
    /// Seed.
    pub seed: u64,
    /// Make a new split even though there is one.
    pub fresh: bool,
    /// What the last action said.
    pub message: Option<String>,
    job: Option<Receiver<Written>>,
}

impl AssignmentForm {
    /// The form for `session`'s team (or for making one).
    #[must_use]
    pub fn new(session: &Session) -> Self {
        let team = session.team.as_ref().map(|t| &t.team);
        Self {
            annotators: team.map_or_else(String::new, |t| t.annotators.join(", ")),
            guidelines: team.and_then(|t| t.guidelines.clone()).unwrap_or_default(),
            overlap: team.map_or(0.2, |t| {
                if t.assignment.is_empty() {
                    0.2
                } else {
                    t.overlap
                }
            }),
            per_doc: team.map_or(2, |t| t.per_doc),
            seed: team.map_or(1, |t| t.seed),
            fresh: false,
            message: None,
            job: None,
        }
    }

    fn names(&self) -> Vec<String> {
        self.annotators
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// Draws the form; pushes [`Command::SetTeam`] when a team file was
/// written.
pub fn assignment_ui(
    ui: &mut Ui,
    ctx: &Context,
    form: &mut AssignmentForm,
    session: &Session,
    saves_dir: &std::path::Path,
    out: &mut Vec<Command>,
) {
    if let Some(rx) = &form.job
        && let Ok(result) = rx.try_recv()
    {
        form.job = None;
        match result {
            Ok((path, team, message)) => {
                form.message = Some(message);
                out.push(Command::SetTeam {
                    path,
                    team: Box::new(team),
                });
            }
            Err(e) => form.message = Some(e),
        }
    }
    ui.horizontal(|ui| {
        ui.label("Annotators:");
        let field =
            ui.add(egui::TextEdit::singleline(&mut form.annotators).hint_text("ana, ben, cleo"));
        field.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Team annotators")
        });
    });
    let busy = form.job.is_some();
    match &session.team {
        None => {
            ui.horizontal(|ui| {
                ui.label("Guidelines (path or URL):");
                ui.text_edit_singleline(&mut form.guidelines)
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Team guidelines")
                    });
            });
            let path = saves_dir.join(crate::io::team_file::TEAM_FILE_NAME);
            if ui
                .add_enabled(
                    !busy && !form.names().is_empty(),
                    egui::Button::new("Create the team file"),
                )
                .on_hover_text(format!(
                    "Write {} with these annotators and this project's schema as the team's",
                    path.display()
                ))
                .clicked()
            {
                let team = Team {
                    annotators: form.names(),
                    schema: Some(session.project.schema.clone()),
                    guidelines: Some(form.guidelines.trim().to_owned()).filter(|g| !g.is_empty()),
                    ..Team::default()
                };
                let (tx, rx) = std::sync::mpsc::channel();
                let ctx = ctx.clone();
                std::thread::spawn(move || {
                    let written = crate::io::team_file::write_team(&path, &team)
                        .map(|()| {
                            let message =
                                format!("Wrote {}; now share the documents out.", path.display());
                            (path, team, message)
                        })
                        .map_err(|e| e.to_string());
                    let _ = tx.send(written);
                    ctx.request_repaint();
                });
                form.job = Some(rx);
            }
        }
        Some(view) => {
            let named = |r: egui::Response, role: egui::Role, name: &'static str| {
                r.widget_info(|| egui::WidgetInfo::labeled(role, true, name));
            };
            ui.horizontal(|ui| {
                ui.label("Overlap share:");
                named(
                    ui.add(
                        egui::DragValue::new(&mut form.overlap)
                            .range(0.0..=1.0)
                            .speed(0.01)
                            .fixed_decimals(2),
                    ),
                    egui::Role::SpinButton,
                    "Overlap share",
                );
                ui.label("coders per overlap document:");
                named(
                    ui.add(egui::DragValue::new(&mut form.per_doc).range(2..=9)),
                    egui::Role::SpinButton,
                    "Coders per overlap document",
                );
                ui.label("seed:");
                named(
                    ui.add(egui::DragValue::new(&mut form.seed)),
                    egui::Role::SpinButton,
                    "Seed",
                );
            });
            let has = !view.team.assignment.is_empty();
            if has {
                ui.checkbox(
                    &mut form.fresh,
                    "Make a new split (finished documents may move to someone else)",
                );
            }
            let label = if has && !form.fresh {
                "Re-assign (someone left)"
            } else {
                "Assign"
            };
            if ui
                .add_enabled(!busy && !form.names().is_empty(), egui::Button::new(label))
                .on_hover_text("Balanced per annotator and per outlet, reproducible from the seed; leaving someone out of the list moves only their unfinished documents")
                .clicked()
            {
                let options = AssignOptions {
                    annotators: form.names(),
                    overlap: form.overlap,
                    per_doc: form.per_doc,
                    seed: form.seed,
                };
                let docs = crate::io::team_assign::team_docs(&session.corpus.documents);
                let (path, saves, fresh) = (view.path.clone(), saves_dir.to_path_buf(), form.fresh);
                let (tx, rx) = std::sync::mpsc::channel();
                let ctx = ctx.clone();
                std::thread::spawn(move || {
                    let written = crate::io::team_assign::assign_and_write(&path, &docs, &options, &saves, fresh)
                        .map(|done| {
                            let message = if done.fresh {
                                format!(
                                    "Assigned {} document(s), {} of them to {} coders; wrote {}",
                                    done.team.assignment.len(),
                                    done.team.overlap_documents().len(),
                                    done.team.per_doc,
                                    path.display()
                                )
                            } else {
                                let mut m = format!("Moved {} document(s): {}", done.moved.len(), done.moved.join("; "));
                                for u in &done.unreadable {
                                    m.push_str(&format!("; could not read {u}"));
                                }
                                m
                            };
                            (path, done.team, message)
                        });
                    let _ = tx.send(written);
                    ctx.request_repaint();
                });
                form.job = Some(rx);
            }
        }
    }
    if busy {
        ui.spinner();
    }
    if let Some(m) = &form.message {
        ui.label(m);
    }
}
