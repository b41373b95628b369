//! Project › Team dashboard…: every save in the saves folder read on a
//! worker thread, and per annotator and per outlet what is assigned, done
//! and in progress; agreement so far on the overlap documents both coders
//! finished, with Krippendorff's reading; the documents waiting for
//! adjudication. The lead's switch to mark double-coded documents.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use egui::{Context, RichText, Ui};

use crate::review::team_status::{TeamCorpus, TeamStatus, team_status};
use crate::ui::command::Command;
use crate::ui::session::Session;

/// What the worker sends back: the figures and the saves it could not read.
type Read = (TeamStatus, Vec<String>);

/// State of the window.
pub struct TeamDashboard {
    /// The saves folder read.
    pub saves_dir: PathBuf,
    /// The gold project, left out of the annotators.
    pub gold: Option<PathBuf>,
    job: Option<Receiver<Read>>,
    read: Option<Read>,
    /// The assignment form (made when first shown).
    form: Option<super::team_assignment::AssignmentForm>,
}

impl TeamDashboard {
    /// The dashboard over `saves_dir` (`gold` left out).
    #[must_use]
    pub fn new(saves_dir: PathBuf, gold: Option<PathBuf>) -> Self {
        Self {
            saves_dir,
            gold,
            job: None,
            read: None,
            form: None,
        }
    }

    /// Reads the saves again when next shown (the team changed).
    pub fn refresh(&mut self) {
        self.read = None;
        self.job = None;
    }

    fn start(&mut self, ctx: &Context, session: &Session) {
        let Some(team) = session.team.as_ref().map(|t| t.team.clone()) else {
            return;
        };
        let corpus = TeamCorpus::of(&team, &session.corpus.documents);
        let (tx, rx) = std::sync::mpsc::channel();
        let (dir, gold) = (self.saves_dir.clone(), self.gold.clone());
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let except: Vec<&std::path::Path> = gold.iter().map(PathBuf::as_path).collect();
            let folder = crate::io::team_saves::read_saves(&dir, &except);
            let gold_project = gold
                .as_deref()
                .and_then(|g| crate::io::load_project(g).ok())
                .map(|l| l.project);
            let status = team_status(&team, &folder.saves, &corpus, gold_project.as_ref());
            let _ = tx.send((status, folder.problems));
            ctx.request_repaint();
        });
        self.job = Some(rx);
    }
}

fn tables(ui: &mut Ui, s: &TeamStatus, session: &Session, out: &mut Vec<Command>) {
    ui.label(RichText::new("Per annotator").strong());
    egui::Grid::new("team-annotators")
        .striped(true)
        .show(ui, |ui| {
            for h in [
                "Annotator",
                "Assigned",
                "Done",
                "In progress",
                "Last change",
            ] {
                ui.label(RichText::new(h).weak());
            }
            ui.end_row();
            for a in &s.annotators {
                // The row read aloud as one (screen readers, tests).
                let summary = format!(
                    "{}: {} assigned, {} done, {} in progress",
                    a.annotator, a.assigned, a.done, a.in_progress
                );
                ui.label(&a.annotator)
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &summary));
                ui.label(a.assigned.to_string());
                ui.label(a.done.to_string());
                ui.label(a.in_progress.to_string());
                ui.label(a.last_change.as_deref().unwrap_or("no save yet"));
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.label(RichText::new("Per outlet").strong());
    egui::Grid::new("team-outlets")
        .striped(true)
        .show(ui, |ui| {
            for h in ["Outlet", "Assigned", "Done", "In progress"] {
                ui.label(RichText::new(h).weak());
            }
            ui.end_row();
            for o in &s.outlets {
                let summary = format!(
                    "{}: {} assigned, {} done, {} in progress",
                    o.outlet, o.assigned, o.done, o.in_progress
                );
                ui.label(&o.outlet)
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &summary));
                ui.label(o.assigned.to_string());
                ui.label(o.done.to_string());
                ui.label(o.in_progress.to_string());
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.label(RichText::new("Agreement on finished overlap documents").strong())
        .on_hover_text("Krippendorff's reading of alpha: at least 0.800 good, at least 0.667 tentative, below that poor (Content Analysis, 2004)");
    if s.agreement.is_empty() {
        ui.weak("None yet: no overlap document is finished by both of its coders.");
    }
    for p in &s.agreement {
        ui.label(format!(
            "{} & {}: {} document(s) · mentions α {} ({}) · F1 {} · stances α {}",
            p.annotators[0],
            p.annotators[1],
            p.documents,
            p.mentions_alpha.display(),
            p.reading.unwrap_or("no reading"),
            p.mentions_f1.display(),
            p.stances_alpha.display()
        ));
        for v in &p.codebook {
            ui.label(format!(
                "    {}: α ({}) {}{} · percent {}",
                v.variable,
                v.metric,
                v.alpha.display(),
                v.alpha
                    .value
                    .map(|a| format!(" ({})", crate::review::team_status::reading(a)))
                    .unwrap_or_default(),
                v.percent.display()
            ));
        }
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "Waiting for adjudication: {}",
            s.waiting_for_adjudication.len()
        ))
        .strong(),
    );
    for d in &s.waiting_for_adjudication {
        if ui.link(d).on_hover_text("Show it").clicked()
            && let Some(i) = session.corpus.position(d)
        {
            out.push(Command::ShowDocument(i));
        }
    }
    for n in &s.notes {
        ui.weak(n);
    }
}

impl crate::ui::windows::AppWindow for TeamDashboard {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::TeamDashboard
    }

    fn show(
        &mut self,
        ctx: &Context,
        cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        let Some(session) = cx.session else {
            return false;
        };
        if let Some(rx) = &self.job
            && let Ok(read) = rx.try_recv()
        {
            self.read = Some(read);
            self.job = None;
        }
        let mut open = true;
        let saves_dir = self.saves_dir.clone();
        egui::Window::new("Team dashboard")
            .open(&mut open)
            .default_size([620.0, 520.0])
            .default_pos([260.0, 80.0])
            .show(ctx, |ui| {
                let form = self
                    .form
                    .get_or_insert_with(|| super::team_assignment::AssignmentForm::new(session));
                let Some(team) = &session.team else {
                    ui.label("This corpus has no team file yet. Make one here (or with `stancemark team init`), then share the documents out; see the user guide's \"Working as a team\" (docs/src/team.md).");
                    super::team_assignment::assignment_ui(ui, ctx, form, session, &saves_dir, out);
                    return;
                };
                egui::CollapsingHeader::new("Assignment")
                    .default_open(team.team.assignment.is_empty())
                    .show(ui, |ui| {
                        super::team_assignment::assignment_ui(ui, ctx, form, session, &saves_dir, out);
                    });
                ui.label(format!(
                    "{} · saves in {} (as saved)",
                    team.path.display(),
                    self.saves_dir.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Refresh").clicked() || (self.read.is_none() && self.job.is_none()) {
                        self.start(ctx, session);
                    }
                    let mut shown = team.show_overlap;
                    if ui
                        .checkbox(&mut shown, "Mark double-coded documents in the list")
                        .on_hover_text("Annotators do not see which documents are double-coded; the lead may")
                        .changed()
                    {
                        out.push(Command::ToggleOverlapShown);
                    }
                });
                ui.separator();
                match &self.read {
                    None => {
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label("Reading the saves…");
                        });
                    }
                    Some((status, problems)) => {
                        egui::ScrollArea::vertical().show(ui, |ui| {
                            tables(ui, status, session, out);
                            for p in problems {
                                ui.colored_label(ui.visuals().warn_fg_color, format!("Could not read: {p}"));
                            }
                        });
                    }
                }
            });
        open
    }
}
