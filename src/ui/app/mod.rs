//! The eframe application: owns the session, collects commands each frame and
//! applies them in one place after drawing (`commands.rs`).

mod actions;
mod commands;
mod frame;
mod quit;
mod recovery;
mod saving;
mod start;

pub use start::{StartOptions, sample_corpus_path};

use frame::{problems_window, skipped_window};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Context, Ui};

use crate::io::schema_file::default_schema;
use crate::model::Project;

use super::command::StanceFormMode;
use super::command::{Command, PickerPurpose, PropagateFrom, SideTab, ZoomStep};
use super::file_dialog::{DialogKind, DialogOutcome, FileDialogJob, NO_DIALOG};
use super::input::{dropped_file_commands, keyboard_commands};
use super::loader::{LoadJob, OpenRequest, Opened};
use super::preferences::Preferences;
use super::session::{FileStamp, SaveKind, Session};
use super::views::annotator_prompt::annotator_prompt_ui;
use super::views::claims_panel::ClaimsPanel;
use super::views::document_list::{DocumentFilter, document_list_ui};
use super::views::entities_panel::EntitiesPanel;
use super::views::entity_picker::EntityPicker;
use super::views::export_window::ExportWindow;
use super::views::find_bar::{FindBar, find_bar_ui};
use super::views::help_window::HelpWindow;
use super::views::import_window::ImportWindow;
use super::views::label_popup::label_popup_ui;
use super::views::loading_list::loading_list_ui;
use super::views::menu_bar::{MenuState, menu_bar_ui};
use super::views::overview_window::OverviewWindow;
use super::views::palette::Palette;
use super::views::path_dialog::{PathDialog, PathPurpose};
use super::views::propagation_window::PropagationWindow;
use super::views::quit_prompt::QuitPrompt;
use super::views::recovery_window::RecoveryWindow;
use super::views::report_window::ReportWindow;
use super::views::review_window::{ReviewPicker, ReviewState};
use super::views::schema_dialog::SchemaWindow;
use super::views::search_window::SearchWindow;
use super::views::side_panel::SidePanels;
use super::views::side_panel::{OutletDraft, side_panel_ui};
use super::views::stance_details::stance_line;
use super::views::stance_form::StanceForm;
use super::views::statistics_window::Statistics;
use super::views::status_bar::status_bar_ui;
use super::views::welcome::{welcome_ui, welcome_window_ui};
use super::widgets::annotated_text::{ArticleInput, ArticleView};
use super::windows::{WindowCx, WindowKind, Windows};
use super::write_job::WriteJob;
use crate::io::gazetteer::read_gazetteer;
use crate::model::entity_ops::merge_claims;
use crate::model::holder::suggest_holder;
use crate::model::propagate::PropagationSource;
use crate::model::{Claim, Edit, Evidence, Holder};

/// Autosave this long after the first unsaved change.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(30);

/// Write the recovery file this often while there are unsaved changes.
pub const RECOVERY_EVERY: Duration = Duration::from_secs(3);

/// Storage key of the annotator's name.
const ANNOTATOR_KEY: &str = "annotator";

/// Whether the side panels are shown: chosen in the View menu, else as the
/// window's width allows (the article keeps at least ~360 points).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PanelChoice {
    /// The document list; `None`: as the width allows.
    pub documents: Option<bool>,
    /// The details panel; `None`: as the width allows.
    pub details: Option<bool>,
}

impl PanelChoice {
    /// Window width below which the details panel is hidden by default.
    pub const DETAILS_FROM: f32 = 960.0;
    /// Window width below which the document list is hidden by default.
    pub const DOCUMENTS_FROM: f32 = 700.0;

    /// (document list, details) shown in a window `width` points wide.
    #[must_use]
    pub fn shown(self, width: f32) -> (bool, bool) {
        (
            self.documents.unwrap_or(width >= Self::DOCUMENTS_FROM),
            self.details.unwrap_or(width >= Self::DETAILS_FROM),
        )
    }
}

/// The Stancemark application.
pub struct StancemarkApp {
    /// The open corpus and project, once loaded.
    pub session: Option<Session>,
    /// The annotator's name, once known.
    pub annotator: Option<String>,
    /// The article view's state (public so tests can find text on screen).
    pub article: ArticleView,
    saves_dir: PathBuf,
    autosave_after: Duration,
    recovery_every: Duration,
    shutdown: super::shutdown::ShutdownSignal,
    job: Option<LoadJob>,
    writer: Option<WriteJob>,
    queued_save: Option<(SaveKind, Option<PathBuf>)>,
    /// A save started over a project file another program had changed.
    external_change: Option<PathBuf>,
    recovery_attempt: Option<Instant>,
    /// The document to show once the corpus being read is open.
    open_at: Option<String>,
    ctx: Context,
    pending: Option<OpenRequest>,
    /// Saves to open for review once the gold project (being opened) is.
    pending_review: Option<Vec<PathBuf>>,
    browse: Option<(FileDialogJob, actions::BrowseFor)>,
    /// The open floating windows and prompts.
    windows: Windows,
    /// The import window's last choices, shown again when it reopens.
    import_choices: crate::ui::views::import_window::ImportChoices,
    /// The last model command run from the app.
    model_command: String,
    /// The Find in article bar, when shown.
    find: Option<FindBar>,
    /// Which side panels are shown (by default, as the window's width allows).
    pub panels: PanelChoice,
    /// The selection for which the type popup was closed (a window opened).
    popup_dismissed: Option<crate::model::CharSpan>,
    outlet: OutletDraft,
    side_tab: SideTab,
    document_filter: DocumentFilter,
    entities_panel: EntitiesPanel,
    claims_panel: ClaimsPanel,
    annotator_draft: String,
    error: Option<String>,
    notice: Option<(String, Instant)>,
    /// Scripts met that no font on this machine covers.
    missing_fonts: super::fonts::MissingFonts,
    selection_anchor_pos: Option<egui::Pos2>,
    /// What is remembered between sessions.
    pub preferences: Preferences,
    /// The first-run welcome window is shown.
    pub welcome: bool,
    /// The project file last put in the recent list (checked every frame).
    remembered: Option<PathBuf>,
    /// The window is closing (everything saved, or the user said so).
    quitting: bool,
    /// A text field had the keyboard at the end of the last frame: keys of
    /// this frame (the Escape that leaves it) still belong to the field.
    typing_last_frame: bool,
}

impl StancemarkApp {
    /// Creates the app and starts opening the corpus (on a worker thread).
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        let preferences = Preferences::load(cc.storage);
        Self::with_preferences(cc, options, preferences)
    }

    /// Creates the app with these remembered settings (tests pass their own).
    #[must_use]
    pub fn with_preferences(
        cc: &eframe::CreationContext<'_>,
        options: StartOptions,
        preferences: Preferences,
    ) -> Self {
        super::fonts::install_fonts(&cc.egui_ctx);
        // Zoom keys are bound as commands (so they are in the menus and help).
        cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let stored = cc
            .storage
            .and_then(|s| s.get_string(ANNOTATOR_KEY))
            .filter(|s| !s.trim().is_empty());
        let annotator = options.annotator.clone().or(stored);
        // With nothing asked for: the last project, else the sample corpus
        // with the welcome over it the first time.
        let first_run = options.corpus.is_none()
            && options.project.is_none()
            && !preferences.welcomed
            && preferences.last_project().is_none();
        let (corpus, project) = match (&options.corpus, &options.project) {
            (Some(c), p) => (Some(c.clone()), p.clone()),
            (None, Some(p)) => (None, Some(p.clone())),
            (None, None) => match preferences.last_project() {
                Some(last) => (None, Some(last.to_path_buf())),
                None => (Some(sample_corpus_path()), None),
            },
        };
        let request = OpenRequest {
            corpus,
            project,
            annotator: annotator.clone().unwrap_or_default(),
            saves_dir: options.saves_dir.clone(),
        };
        let mut app = Self {
            session: None,
            annotator_draft: std::env::var("USER").unwrap_or_default(),
            annotator,
            article: ArticleView::default(),
            saves_dir: options.saves_dir,
            autosave_after: options.autosave_after,
            recovery_every: options.recovery_every,
            shutdown: options.shutdown.clone(),
            job: None,
            writer: None,
            queued_save: None,
            external_change: None,
            recovery_attempt: None,
            open_at: None,
            ctx: cc.egui_ctx.clone(),
            pending: None,
            pending_review: None,
            browse: None,
            windows: Windows::default(),
            import_choices: Default::default(),
            model_command: String::new(),
            find: None,
            panels: PanelChoice::default(),
            popup_dismissed: None,
            outlet: OutletDraft::default(),
            side_tab: SideTab::default(),
            document_filter: DocumentFilter::default(),
            entities_panel: EntitiesPanel::default(),
            claims_panel: ClaimsPanel::default(),
            error: None,
            notice: None,
            missing_fonts: super::fonts::MissingFonts::install(&cc.egui_ctx),
            selection_anchor_pos: None,
            typing_last_frame: false,
            preferences,
            welcome: first_run,
            quitting: false,
            remembered: None,
        };
        app.request_open(&cc.egui_ctx, request);
        app
    }

    /// True while a corpus is being loaded.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.job.is_some()
    }

    /// The open stance form, if any (tests read what it holds).
    #[must_use]
    pub fn stance_form(&self) -> Option<&StanceForm> {
        self.windows.get::<StanceForm>()
    }

    /// The error shown to the user, if any.
    #[must_use]
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    fn request_open(&mut self, ctx: &Context, mut request: OpenRequest) {
        match &self.annotator {
            Some(name) => {
                request.annotator.clone_from(name);
                self.flush_writes();
                self.open_at = None;
                self.job = Some(LoadJob::start(request, ctx));
            }
            None => self.pending = Some(request),
        }
    }

    fn finish_open(&mut self, result: Result<Opened, String>) {
        let opened = match result {
            Ok(o) => o,
            Err(e) => {
                self.error = Some(format!("Could not open: {e}"));
                return;
            }
        };
        // A successful open replaces what an earlier failure said, and the
        // windows about the previous corpus close.
        self.error = None;
        self.windows = Windows::default();
        self.find = None;
        let annotator = self.annotator.clone().unwrap_or_default();
        let (project, path) = match opened.project {
            Some((p, path)) => (p, Some(path)),
            None => {
                // A new project takes the corpus's codebook, if it has one.
                let mut schema = default_schema();
                match opened.codebook {
                    Some(Ok(variables)) => schema.variables = variables,
                    Some(Err(e)) => {
                        self.error = Some(format!(
                            "The corpus's codebook could not be read, so the project starts without one: {e}"
                        ));
                    }
                    None => {}
                }
                (Project::new(annotator, schema), None)
            }
        };
        let recoveries = opened.recoveries;
        let mut session =
            Session::with_prebuilt(opened.corpus, project, opened.suggester, opened.passages);
        session.file_stamp = path.as_deref().and_then(FileStamp::of);
        session.project_path = path;
        if let Some((path, reason)) = opened.failed_project {
            self.error = Some(format!(
                "The project file could not be loaded and will not be overwritten. Starting with an empty project; saves go to a new file.\n{reason}"
            ));
            session.protected_path = Some(path);
        }
        // The lock of the file this session saves to, taken now (also for a
        // project not saved yet), so a second Stancemark on it knows before
        // its first edit that it is read-only.
        let target = self.save_target(&session);
        if let Some(holder) = session.bind_project_file(&target) {
            self.error = Some(format!(
                "{} is open in another Stancemark ({holder}). It is read-only here: your changes are kept in memory and in a recovery file of their own; use File › Save As to save them elsewhere.",
                target.display()
            ));
        }
        if let Some(message) = session
            .project_path
            .as_deref()
            .and_then(conflicted_copies_message)
        {
            self.error = Some(match self.error.take() {
                Some(e) => format!("{e}\n\n{message}"),
                None => message,
            });
        }
        session.suggestions_on = !self.preferences.suggestions_off;
        if let Some(t) = self.preferences.suggestion_threshold {
            session.suggester.threshold = t.clamp(0.0, 1.0);
        }
        match opened.team {
            Some((path, Ok(team))) => {
                let mut view = crate::ui::session::TeamView::new(path, team, &session);
                view.show_overlap = self.preferences.show_overlap;
                session.set_team(Some(view));
            }
            Some((path, Err(e))) => {
                self.error = Some(format!(
                    "The team file {} could not be read, so the app works as if there were none: {e}",
                    path.display()
                ));
            }
            None => {}
        }
        if !session.problems.is_empty() {
            self.windows.open(problems_window(&session));
        }
        if !session.project.conflicts.is_empty() {
            self.windows
                .open(crate::ui::views::conflicts_window::ConflictsWindow);
        }
        self.offer_recoveries(recoveries, &session);
        self.article = ArticleView::default();
        self.document_filter = DocumentFilter::default();
        if let Some(i) = self
            .open_at
            .take()
            .and_then(|path| session.corpus.position(&path))
        {
            session.show_document(i);
        } else if let Some(i) = session.first_mine() {
            // A team member opens on their own work first.
            session.show_document(i);
        }
        self.session = Some(session);
        if let Some(saves) = self.pending_review.take() {
            self.open_review(&saves);
        }
    }
}

impl eframe::App for StancemarkApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut out = Vec::new();

        if let Some(job) = &self.job
            && let Some(result) = job.poll()
        {
            self.job = None;
            self.finish_open(result);
        }
        // The repeated-passage index is built after annotating starts; look
        // for it a few times a second until it is there.
        if let Some(session) = &mut self.session
            && session.poll_passages()
        {
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
        self.poll_browse(&mut out);
        self.poll_import();
        self.poll_model();
        // A modal window (recovery, quit) guards data: no keys, no timers,
        // no writes until the user has chosen.
        let blocked = self.blocked_by_modal();
        // Escape closes the find bar first, keeping the hit selected.
        if !blocked
            && self.find.is_some()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.find = None;
        }
        if !blocked {
            // Keys of the frame in which a field loses the keyboard (its
            // Escape) belong to the field, like those of a tool window.
            keyboard_commands(
                &ctx,
                self.session.is_some(),
                self.windows.takes_keys() || self.typing_last_frame,
                &mut out,
            );
            dropped_file_commands(&ctx, &mut out);
        }
        if self.shutdown.requested() && !self.quitting {
            self.quit_on_signal();
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.try_quit() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
        self.poll_writer();
        if !blocked {
            self.keep_recovery(&ctx);
            if let Some(since) = self.session.as_ref().and_then(|s| s.dirty_since) {
                let elapsed = since.elapsed();
                if elapsed >= self.autosave_after {
                    self.autosave(SaveKind::Auto);
                } else {
                    ctx.request_repaint_after(self.autosave_after - elapsed);
                }
            }
        }
        if self
            .notice
            .as_ref()
            .is_some_and(|(_, at)| at.elapsed() > Duration::from_secs(8))
        {
            self.notice = None;
        }

        let session = self.session.as_ref();
        let menu_state = MenuState {
            has_session: session.is_some(),
            can_undo: session.is_some_and(|s| s.history.undo_len() > 0),
            can_redo: session.is_some_and(|s| s.history.redo_len() > 0),
            has_selected_mention: session.is_some_and(|s| s.selected_mention.is_some()),
            recent: &self.preferences.recent,
            type_labels: self.preferences.type_labels,
            theme: ctx.options(|o| o.theme_preference),
            panels: self.panels.shown(ctx.content_rect().width()),
        };
        egui::Panel::top("menu").show(ui, |ui| menu_bar_ui(ui, &menu_state, &mut out));
        if let Some(error) = self.error.clone() {
            egui::Panel::top("error").show(ui, |ui| {
                // The message wraps (it may be long) beside its button.
                ui.horizontal_top(|ui| {
                    if ui
                        .button("Dismiss")
                        .on_hover_text("Hide this message")
                        .clicked()
                    {
                        self.error = None;
                    }
                    let text = egui::RichText::new(format!("⚠ {error}"))
                        .color(ui.visuals().error_fg_color);
                    ui.add(egui::Label::new(text).wrap());
                });
            });
        }
        let preview = self.job.as_ref().and_then(LoadJob::preview);
        if let Some(preview) = &preview {
            egui::Panel::left("documents")
                .default_size(260.0)
                .size_range(180.0..=420.0)
                .show(ui, |ui| {
                    loading_list_ui(ui, preview, self.open_at.as_deref(), &mut out);
                });
        } else if let Some(session) = &self.session {
            let (show_documents, show_details) = self.panels.shown(ctx.content_rect().width());
            let notice = self.notice.as_ref().map(|(n, _)| n.as_str());
            egui::Panel::bottom("status").show(ui, |ui| {
                status_bar_ui(
                    ui,
                    session,
                    self.annotator.as_deref(),
                    notice,
                    self.writer.as_ref(),
                );
                if !(show_documents && show_details) {
                    ui.weak("Some panels are hidden to leave room for the article: View › Documents panel, Details panel.");
                }
                if let Some(hint) = self.missing_fonts.hint() {
                    ui.colored_label(ui.visuals().warn_fg_color, &*hint);
                }
            });
            // A collapsed panel keeps a grab handle to drag it open again.
            let (mut documents_open, mut details_open) = (show_documents, show_details);
            egui::Panel::left("documents")
                .default_size(260.0)
                .size_range(180.0..=420.0)
                .show_collapsible(ui, &mut documents_open, |ui| {
                    document_list_ui(ui, session, &mut self.document_filter, &mut out);
                });
            if documents_open != show_documents {
                self.panels.documents = Some(documents_open);
            }
            let direction = session
                .document()
                .and_then(|d| self.preferences.directions.get(&d.hash).copied());
            egui::Panel::right("details")
                .default_size(320.0)
                .size_range(240.0..=520.0)
                .show_collapsible(ui, &mut details_open, |ui| {
                    side_panel_ui(
                        ui,
                        session,
                        self.side_tab,
                        &mut self.outlet,
                        SidePanels {
                            entities: &mut self.entities_panel,
                            claims: &mut self.claims_panel,
                            direction,
                        },
                        &mut out,
                    )
                });
            if details_open != show_details {
                self.panels.details = Some(details_open);
            }
        }
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui, &mut out));
        self.windows_ui(&ctx, &mut out);
        if self.annotator.is_none() {
            annotator_prompt_ui(&ctx, &mut self.annotator_draft, &mut out);
        } else if self.welcome
            && self.session.is_some()
            && !welcome_window_ui(&ctx, self.annotator.as_deref(), &mut out)
        {
            self.welcome = false;
            self.preferences.welcomed = true;
        }
        // What was asked while a modal window opened this frame is dropped
        // with the rest: only the modal window's own commands run.
        let blocked = self.blocked_by_modal();
        let before = self.windows_opened();
        for command in out {
            if blocked && !command.answers_modal() {
                continue;
            }
            self.run_command(&ctx, command);
        }
        if self.windows_opened() != before
            && let Some(s) = &self.session
        {
            // A window opened: the type popup of this selection closes.
            self.popup_dismissed = s.selection;
        }
        self.typing_last_frame = ctx.egui_wants_keyboard_input();
        if let Some(path) = self.session.as_ref().and_then(|s| s.project_path.as_ref())
            && self.remembered.as_ref() != Some(path)
        {
            // Absolute, so the list works from any working folder.
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            self.preferences.remember(&absolute);
            self.remembered = Some(path.clone());
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Some(name) = &self.annotator {
            storage.set_string(ANNOTATOR_KEY, name.clone());
        }
        self.preferences.store(storage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.flush_writes();
    }
}

/// What to tell the user when a sync tool left conflicted copies of the
/// project beside it: which, and the command that merges each one.
fn conflicted_copies_message(project: &std::path::Path) -> Option<String> {
    let copies = crate::io::lineage::conflicted_copies(project);
    let first = copies.first()?;
    let names: Vec<String> = copies.iter().map(|c| c.display().to_string()).collect();
    Some(format!(
        "A sync tool left {} beside this project: work saved on another machine at the same time, not in this file. Close Stancemark and merge it with\n  stancemark merge-file --find-base \"{}\" \"{}\"\n(see the guide, Working as a team); the copy is never deleted for you.",
        names.join(", "),
        project.display(),
        first.display()
    ))
}
