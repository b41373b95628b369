//! The eframe application: owns the session, collects commands each frame and
//! applies them in one place after drawing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Context, Ui};

use crate::io::schema_file::default_schema;
use crate::model::Project;

use super::command::StanceFormMode;
use super::command::{Command, PickerPurpose, PropagateFrom, SideTab};
use super::file_dialog::{DialogKind, DialogOutcome, FileDialogJob, NO_DIALOG};
use super::input::{dropped_file_commands, keyboard_commands};
use super::loader::{LoadJob, OpenRequest, Opened};
use super::session::{SaveKind, Session, default_project_path};
use super::views::annotator_prompt::annotator_prompt_ui;
use super::views::claims_panel::ClaimsPanel;
use super::views::document_list::document_list_ui;
use super::views::entities_panel::EntitiesPanel;
use super::views::entity_picker::{EntityPicker, entity_picker_ui};
use super::views::export_window::{ExportAction, ExportWindow, export_window_ui};
use super::views::import_window::{ImportAction, ImportWindow, import_window_ui};
use super::views::label_popup::label_popup_ui;
use super::views::menu_bar::{MenuState, menu_bar_ui};
use super::views::overview_window::{OverviewWindow, overview_window_ui};
use super::views::path_dialog::{PathDialog, PathPurpose, path_dialog_ui};
use super::views::propagation_window::{PropagationWindow, propagation_window_ui};
use super::views::report_window::report_window_ui;
use super::views::review_window::{ReviewPicker, ReviewState, review_picker_ui, review_window_ui};
use super::views::schema_dialog::{SchemaDrafts, schema_dialog_ui};
use super::views::side_panel::SidePanels;
use super::views::side_panel::{OutletDraft, side_panel_ui};
use super::views::stance_details::stance_line;
use super::views::stance_form::{StanceForm, stance_form_ui};
use super::views::status_bar::status_bar_ui;
use super::widgets::annotated_text::{ArticleInput, ArticleView};
use crate::io::gazetteer::read_gazetteer;
use crate::model::entity_ops::merge_claims;
use crate::model::holder::suggest_holder;
use crate::model::propagate::PropagationSource;
use crate::model::{Claim, Edit, Evidence, Holder};

/// Autosave this long after the first unsaved change.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(30);

/// Storage key of the annotator's name.
const ANNOTATOR_KEY: &str = "annotator";

/// How the app starts.
#[derive(Clone, Debug)]
pub struct StartOptions {
    /// Corpus folder to open (default: the bundled sample corpus).
    pub corpus: Option<PathBuf>,
    /// Project file to open.
    pub project: Option<PathBuf>,
    /// Annotator name (default: the stored one, else asked).
    pub annotator: Option<String>,
    /// Folder for default saves (`saves/`).
    pub saves_dir: PathBuf,
    /// Autosave this long after the first unsaved change.
    pub autosave_after: Duration,
}

impl Default for StartOptions {
    fn default() -> Self {
        Self {
            corpus: None,
            project: None,
            annotator: None,
            saves_dir: PathBuf::from("saves"),
            autosave_after: AUTOSAVE_AFTER,
        }
    }
}

/// Windows that may be open.
#[derive(Default)]
struct Windows {
    path: Option<PathDialog>,
    schema: bool,
    skipped: bool,
    problems: bool,
    picker: Option<EntityPicker>,
    propagation: Option<PropagationWindow>,
    stance_form: Option<StanceForm>,
    overview: Option<OverviewWindow>,
    export: Option<ExportWindow>,
    import: Option<ImportWindow>,
    review_picker: Option<ReviewPicker>,
    /// A report to show: title, introduction, lines.
    report: Option<(String, String, Vec<String>)>,
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
    job: Option<LoadJob>,
    pending: Option<OpenRequest>,
    browse: Option<FileDialogJob>,
    windows: Windows,
    schema_drafts: SchemaDrafts,
    outlet: OutletDraft,
    side_tab: SideTab,
    entities_panel: EntitiesPanel,
    claims_panel: ClaimsPanel,
    /// Saves opened for review, if any.
    pub review: Option<ReviewState>,
    annotator_draft: String,
    error: Option<String>,
    notice: Option<(String, Instant)>,
    selection_anchor_pos: Option<egui::Pos2>,
}

impl StancemarkApp {
    /// Creates the app and starts opening the corpus (on a worker thread).
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        super::fonts::install_fonts(&cc.egui_ctx);
        let stored = cc
            .storage
            .and_then(|s| s.get_string(ANNOTATOR_KEY))
            .filter(|s| !s.trim().is_empty());
        let annotator = options.annotator.clone().or(stored);
        let corpus = match (&options.corpus, &options.project) {
            (Some(c), _) => Some(c.clone()),
            (None, Some(_)) => None,
            (None, None) => Some(sample_corpus_path()),
        };
        let request = OpenRequest {
            corpus,
            project: options.project.clone(),
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
            job: None,
            pending: None,
            browse: None,
            windows: Windows::default(),
            schema_drafts: SchemaDrafts::default(),
            outlet: OutletDraft::default(),
            side_tab: SideTab::default(),
            entities_panel: EntitiesPanel::default(),
            claims_panel: ClaimsPanel::default(),
            review: None,
            error: None,
            notice: None,
            selection_anchor_pos: None,
        };
        app.request_open(&cc.egui_ctx, request);
        app
    }

    /// True while a corpus is being loaded.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.job.is_some()
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
                self.autosave(SaveKind::Auto);
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
        let annotator = self.annotator.clone().unwrap_or_default();
        let (project, path) = match opened.project {
            Some((p, path)) => (p, Some(path)),
            None => (Project::new(annotator, default_schema()), None),
        };
        let mut session = Session::new(opened.corpus, project);
        session.project_path = path;
        if let Some((path, reason)) = opened.failed_project {
            self.error = Some(format!(
                "The project file could not be loaded and will not be overwritten. Starting with an empty project; saves go to a new file.\n{reason}"
            ));
            session.protected_path = Some(path);
        }
        if !session.problems.is_empty() {
            self.windows.problems = true;
        }
        self.article = ArticleView::default();
        self.session = Some(session);
    }

    /// Where Save writes: the project file, else a new file in `saves/` that
    /// neither exists nor is a file that failed to load.
    fn save_target(&self, session: &Session) -> PathBuf {
        if let Some(p) = &session.project_path {
            return p.clone();
        }
        let annotator = session.project.annotator.as_str();
        let base = default_project_path(&self.saves_dir, &session.corpus, annotator);
        let free = |p: &Path| !p.exists() && session.protected_path.as_deref() != Some(p);
        if free(&base) {
            return base;
        }
        let stem = base
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        (2..)
            .map(|n| base.with_file_name(format!("{stem}-{n}.ron")))
            .find(|p| free(p))
            .unwrap_or(base)
    }

    /// Saves the project; on failure shows the error and keeps the work in memory.
    fn save(&mut self, kind: SaveKind, to: Option<PathBuf>) {
        let Some(session) = &self.session else { return };
        let path = to.unwrap_or_else(|| self.save_target(session));
        let Some(session) = &mut self.session else {
            return;
        };
        match session.save_to(&path, kind) {
            Ok(()) => {
                self.notice = Some((format!("Saved to {}", path.display()), Instant::now()));
            }
            Err(e) => {
                self.error = Some(format!(
                    "Could not save. Your work is still here, unsaved; try File › Save As….\n{e}"
                ));
            }
        }
    }

    /// Autosaves when there are unsaved changes.
    fn autosave(&mut self, kind: SaveKind) {
        if self.session.as_ref().is_some_and(Session::is_dirty) {
            self.save(kind, None);
        }
    }

    /// Applies one command. Public so tests and scripts drive the same path as the UI.
    pub fn run_command(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::ShowOpenCorpus => {
                let text = self
                    .session
                    .as_ref()
                    .map(|s| s.corpus.root.display().to_string())
                    .unwrap_or_default();
                self.windows.path = Some(PathDialog::new(PathPurpose::OpenCorpus, text));
            }
            Command::ShowOpenProject => {
                self.windows.path = Some(PathDialog::new(
                    PathPurpose::OpenProject,
                    self.saves_dir.display().to_string(),
                ));
            }
            Command::ShowSaveAs => {
                let text = self
                    .session
                    .as_ref()
                    .map(|s| self.save_target(s).display().to_string())
                    .unwrap_or_default();
                self.windows.path = Some(PathDialog::new(PathPurpose::SaveAs, text));
            }
            Command::BrowseForCorpus | Command::BrowseForProject => self.browse(&command),
            Command::OpenCorpus(path) => {
                let request = OpenRequest {
                    corpus: Some(path),
                    project: None,
                    annotator: String::new(),
                    saves_dir: self.saves_dir.clone(),
                };
                self.request_open(ctx, request);
            }
            Command::OpenProject(path) => {
                let request = OpenRequest {
                    corpus: None,
                    project: Some(path),
                    annotator: String::new(),
                    saves_dir: self.saves_dir.clone(),
                };
                self.request_open(ctx, request);
            }
            Command::Save => self.save(SaveKind::Manual, None),
            Command::SaveAs(path) => self.save(SaveKind::Manual, Some(path)),
            Command::SetAnnotator(name) => {
                self.annotator = Some(name);
                if let Some(request) = self.pending.take() {
                    self.request_open(ctx, request);
                }
            }
            Command::Quit => {
                self.autosave(SaveKind::Auto);
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::ShowSchema => self.windows.schema = true,
            Command::ShowSideTab(tab) => self.side_tab = tab,
            Command::ShowEntityPicker(purpose) => {
                let text = self
                    .session
                    .as_ref()
                    .and_then(Session::selected)
                    .map(|m| m.quote.exact.clone());
                if purpose == PickerPurpose::LinkSelected && text.is_none() {
                    self.notice = Some(("select a mention first".to_owned(), Instant::now()));
                } else {
                    self.windows.picker =
                        Some(EntityPicker::new(purpose, text.unwrap_or_default()));
                }
            }
            Command::ShowPropagation(from) => {
                let Some(session) = &self.session else { return };
                let source = match from {
                    PropagateFrom::SelectedMention => session
                        .selected()
                        .map(|m| PropagationSource::mention(&session.project, m)),
                    PropagateFrom::Entity(id) => PropagationSource::entity(&session.project, id),
                };
                match source {
                    Some(source) => self.windows.propagation = Some(PropagationWindow::new(source)),
                    None => {
                        self.notice = Some(("select a mention first".to_owned(), Instant::now()))
                    }
                }
            }
            Command::ShowImportGazetteer => {
                self.windows.path =
                    Some(PathDialog::new(PathPurpose::ImportGazetteer, String::new()));
            }
            Command::ImportGazetteer(path) => self.import_gazetteer(&path),
            Command::ShowStanceForm(mode) => self.show_stance_form(mode),
            Command::ShowOverview => self.windows.overview = Some(OverviewWindow::default()),
            Command::ShowExport => {
                if self.windows.export.is_none() {
                    let folder = self.saves_dir.join("exports");
                    self.windows.export = Some(ExportWindow::new(&folder));
                }
            }
            Command::ShowImport => self.windows.import = Some(ImportWindow::default()),
            Command::ShowReviewPicker => self.windows.review_picker = Some(ReviewPicker::default()),
            Command::OpenReview(paths) => self.open_review(&paths),
            Command::RejectReviewItem(item) => {
                if let (Some(review), Some(doc)) = (
                    &mut self.review,
                    self.session.as_ref().and_then(Session::document_path),
                ) {
                    review
                        .rejected
                        .insert((doc.to_owned(), item.span, item.label));
                }
            }
            Command::RevealOffset(offset) => self.article.scroll_to = Some(offset),
            Command::JumpToStance { doc, id } => {
                let index = self.session.as_ref().and_then(|s| s.corpus.position(&doc));
                if let Some(index) = index {
                    self.run_command(ctx, Command::ShowDocument(index));
                    self.run_command(
                        ctx,
                        Command::SelectStance {
                            id: Some(id),
                            reveal: true,
                        },
                    );
                }
            }
            Command::JumpToMention { doc, id } => {
                let index = self.session.as_ref().and_then(|s| s.corpus.position(&doc));
                if let Some(index) = index {
                    self.run_command(ctx, Command::ShowDocument(index));
                    self.run_command(
                        ctx,
                        Command::SelectMention {
                            id: Some(id),
                            reveal: true,
                        },
                    );
                }
            }
            Command::ShowSkipped => self.windows.skipped = true,
            Command::ShowProblems => self.windows.problems = true,
            Command::ShowDocument(index) => {
                if self.session.as_ref().is_some_and(|s| s.current != index) {
                    self.autosave(SaveKind::Auto);
                    if let Some(s) = &mut self.session {
                        s.show_document(index);
                    }
                }
            }
            other => self.run_session_command(other),
        }
    }

    fn run_session_command(&mut self, command: Command) {
        let Some(session) = &mut self.session else {
            return;
        };
        let result: Result<(), String> = match command {
            Command::Select(span) => {
                session.selection = span;
                if span.is_some() {
                    session.selected_mention = None;
                }
                Ok(())
            }
            Command::SelectMention { id, reveal } => {
                session.selected_mention = id;
                if reveal
                    && let Some(m) = id.and_then(|id| {
                        session
                            .document_path()
                            .and_then(|p| session.project.documents.get(p))
                            .and_then(|d| d.mention(id))
                    })
                {
                    self.article.scroll_to = Some(m.span.start);
                }
                Ok(())
            }
            Command::TypeKey(key) => {
                let label = session
                    .project
                    .schema
                    .type_for_key(key)
                    .map(|t| t.name.clone());
                match label {
                    Some(label) if session.selection.is_some() => session.create_mention(&label),
                    Some(label) if session.selected_mention.is_some() => {
                        session.relabel_selected(label)
                    }
                    Some(_) => Ok(()),
                    None => Err(format!("no entity type is bound to key {key}")),
                }
            }
            Command::CreateMention(label) => session.create_mention(&label),
            Command::RelabelSelected(label) => session.relabel_selected(label),
            Command::DeleteSelected => session.delete_selected(),
            Command::Edit(edit) => session.apply(edit).map_err(|e| e.to_string()),
            Command::LinkSelected(entity) => session.link_selected(entity),
            Command::LinkSelectedToLast => match session.last_entity {
                Some(e) => session.link_selected(Some(e)),
                None => Err("no entity linked yet in this session".to_owned()),
            },
            Command::NewEntityFromSelected(name) => {
                session.new_entity_from_selected(name).map(|_| ())
            }
            Command::FocusEntity(entity) => {
                session.focused_entity = entity;
                Ok(())
            }
            Command::MergeEntities { kept, absorbed } => session.merge_entities(kept, absorbed),
            Command::DeleteEntity(id) => session.delete_entity(id),
            Command::SplitEntity {
                from,
                mentions,
                name,
            } => session.split_entity(from, &mentions, &name).map(|_| ()),
            Command::AcceptCandidates(candidates) => {
                match self.windows.propagation.as_ref().map(|w| w.source.clone()) {
                    Some(source) => session.accept_candidates(&source, &candidates),
                    None => Ok(()),
                }
            }
            Command::SettleSuggestions {
                this_document,
                accept,
            } => session.settle_suggestions(this_document, accept).map(|n| {
                let verb = if accept { "accepted" } else { "rejected" };
                self.notice = Some((format!("{n} suggestion(s) {verb}"), Instant::now()));
            }),
            Command::AcceptSelectedSuggestion => session.accept_selected_suggestion(),
            Command::CreateStance(stance) => session.create_stance(stance).map(|_| ()),
            Command::UpdateStance(stance) => session.update_stance(stance),
            Command::SelectStance { id, reveal } => {
                session.selected_stance = id;
                if id.is_some() {
                    session.selected_mention = None;
                }
                if reveal
                    && let Some(span) = session
                        .selected_stance()
                        .and_then(crate::model::Stance::first_span)
                {
                    self.article.scroll_to = Some(span.start);
                }
                Ok(())
            }
            Command::DeleteStance(id) => match session.document_path().map(str::to_owned) {
                Some(doc) => session
                    .apply(Edit::RemoveStance { doc, id })
                    .map_err(|e| e.to_string()),
                None => Ok(()),
            },
            Command::AddSelectionAsEvidence => session.add_selection_as_evidence(),
            Command::RemoveEvidence { stance, index } => match session
                .document_path()
                .and_then(|p| session.project.documents.get(p))
                .and_then(|d| d.stance(stance))
                .cloned()
            {
                Some(mut s) if index < s.evidence.len() => {
                    s.evidence.remove(index);
                    session.update_stance(s)
                }
                _ => Ok(()),
            },
            Command::NewClaim(text) => {
                let claim = Claim {
                    id: session.project.next_claim_id(),
                    text,
                    note: String::new(),
                };
                session
                    .apply(Edit::AddClaim { claim })
                    .map_err(|e| e.to_string())
            }
            Command::MergeClaims { kept, absorbed } => {
                match merge_claims(&session.project, kept, absorbed) {
                    Some(edit) => session.apply(edit).map_err(|e| e.to_string()),
                    None => Err("pick two different claims".to_owned()),
                }
            }
            Command::AcceptReviewItems(items) => match (&self.review, session.document()) {
                (Some(review), Some(doc)) => {
                    let who = session.project.annotator.clone();
                    let edit = crate::review::adjudicate::accept_items(
                        &session.project,
                        &review.saves,
                        doc,
                        &items,
                        &who,
                    );
                    session.apply(edit).map_err(|e| e.to_string())
                }
                _ => Ok(()),
            },
            Command::AcceptByStrategy {
                majority,
                whole_corpus,
            } => match &self.review {
                Some(review) => {
                    let docs: Vec<&crate::model::Document> = if whole_corpus {
                        crate::review::agreement::comparable_documents(
                            &review.saves,
                            &session.corpus.documents,
                        )
                        .0
                    } else {
                        session.document().into_iter().collect()
                    };
                    let strategy = if majority {
                        crate::review::merge::Strategy::Majority
                    } else {
                        crate::review::merge::Strategy::Agreed
                    };
                    let who = session.project.annotator.clone();
                    let edit = crate::review::adjudicate::accept_by_strategy(
                        &session.project,
                        &review.saves,
                        &docs,
                        strategy,
                        &who,
                    );
                    session.apply(edit).map_err(|e| e.to_string())
                }
                None => Ok(()),
            },
            Command::Undo => session.undo().map(|_| ()).map_err(|e| e.to_string()),
            Command::Redo => session.redo().map(|_| ()).map_err(|e| e.to_string()),
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.notice = Some((e, Instant::now()));
        }
    }

    fn open_review(&mut self, paths: &[PathBuf]) {
        let Some(session) = &self.session else { return };
        let mut saves = Vec::new();
        for p in paths {
            match crate::io::load_project(p) {
                Ok(loaded) => saves.push(crate::review::agreement::ReviewSave {
                    name: loaded.project.annotator.clone(),
                    project: loaded.project,
                }),
                Err(e) => {
                    self.error = Some(format!("Could not open for review: {e}"));
                    return;
                }
            }
        }
        for i in 0..saves.len() {
            if saves.iter().filter(|s| s.name == saves[i].name).count() > 1 {
                let stem = paths[i]
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                saves[i].name = format!("{} ({stem})", saves[i].name);
            }
        }
        let report = crate::review::agreement::agreement(&saves, &session.corpus.documents);
        self.review = Some(ReviewState {
            saves,
            files: paths.to_vec(),
            report,
            tab: super::views::review_window::ReviewTab::Report,
            highlighted: 0,
            rejected: std::collections::BTreeSet::new(),
        });
    }

    fn show_stance_form(&mut self, mode: StanceFormMode) {
        let Some(session) = &self.session else { return };
        let (Some(doc), Some(entry)) = (
            session.document(),
            session
                .document_path()
                .and_then(|p| session.project.documents.get(p)),
        ) else {
            return;
        };
        let outlet = session.outlet_of(&doc.path);
        let form = match mode {
            StanceFormMode::FromSelection => {
                let Some(span) = session.selection else {
                    self.notice = Some((
                        "drag over the evidence text first, then press S".to_owned(),
                        Instant::now(),
                    ));
                    return;
                };
                let holder =
                    suggest_holder(doc, entry, span).map_or(Holder::Author, Holder::Entity);
                StanceForm::new(vec![Evidence::new(doc, span)], holder, outlet)
            }
            StanceFormMode::DocumentLevel => StanceForm::new(Vec::new(), Holder::Author, outlet),
            StanceFormMode::Edit(id) => match entry.stance(id) {
                Some(stance) => StanceForm::edit(stance, outlet),
                None => return,
            },
        };
        self.windows.stance_form = Some(form);
    }

    fn run_import(&mut self) {
        let (Some(window), Some(session)) = (&self.windows.import, &mut self.session) else {
            return;
        };
        let path = PathBuf::from(window.path.trim());
        let read = match crate::io::import::read_records(window.format, &path) {
            Ok(r) => r,
            Err(e) => {
                self.error = Some(format!("Could not import: {e}"));
                return;
            }
        };
        match session.import_records(&read.records, window.as_suggestions) {
            Ok(report) => {
                let intro = format!(
                    "{} of {} record(s) matched; added {} mention(s), {} stance(s), {} entit(y/ies), {} claim(s); {} duplicate(s) skipped. Ctrl+Z undoes the whole import. Left out:",
                    report.matched,
                    report.records,
                    report.mentions,
                    report.stances,
                    report.entities,
                    report.claims,
                    report.duplicates
                );
                let lines = read.problems.into_iter().chain(report.problems).collect();
                self.windows.report = Some(("Import report".to_owned(), intro, lines));
                self.windows.import = None;
            }
            Err(e) => self.error = Some(format!("Could not import: {e}")),
        }
    }

    fn import_gazetteer(&mut self, path: &Path) {
        let Some(session) = &mut self.session else {
            return;
        };
        let gazetteer = match read_gazetteer(path) {
            Ok(g) => g,
            Err(e) => {
                self.error = Some(format!("Could not read the gazetteer: {e}"));
                return;
            }
        };
        match session.preannotate(&gazetteer.rows) {
            Ok(report) => {
                let intro = format!(
                    "{} suggestion(s) added and {} entit(y/ies) created from {} row(s) of {}; {} place(s) already annotated were left alone. Suggestions are drawn with a dashed outline: select one and press Enter to accept or Delete to reject, or use Project › Accept/Reject suggestions. Ctrl+Z undoes the whole import.",
                    report.suggestions,
                    report.entities_created,
                    gazetteer.rows.len(),
                    path.display(),
                    report.already_annotated
                );
                let lines = gazetteer
                    .problems
                    .into_iter()
                    .chain(report.skipped_rows)
                    .collect();
                self.windows.report = Some(("Gazetteer import".to_owned(), intro, lines));
            }
            Err(e) => self.error = Some(format!("Could not pre-annotate: {e}")),
        }
    }

    fn browse(&mut self, command: &Command) {
        let kind = match (command, self.windows.path.as_ref().map(|d| d.purpose)) {
            (Command::BrowseForCorpus, _) => DialogKind::PickFolder,
            (_, Some(PathPurpose::SaveAs)) => DialogKind::SaveProject,
            (_, Some(PathPurpose::ImportGazetteer)) => DialogKind::PickGazetteer,
            _ => DialogKind::PickProject,
        };
        match FileDialogJob::start(kind, &self.saves_dir) {
            Ok(job) => self.browse = Some(job),
            Err(message) => {
                if let Some(d) = &mut self.windows.path {
                    d.browsing = false;
                    d.message = Some(message.to_owned());
                }
            }
        }
    }

    fn poll_browse(&mut self, out: &mut Vec<Command>) {
        let Some(outcome) = self.browse.as_ref().and_then(FileDialogJob::poll) else {
            return;
        };
        self.browse = None;
        let Some(dialog) = &mut self.windows.path else {
            return;
        };
        dialog.browsing = false;
        match outcome {
            DialogOutcome::Picked(path) => {
                out.push(match dialog.purpose {
                    PathPurpose::OpenCorpus => Command::OpenCorpus(path),
                    PathPurpose::OpenProject => Command::OpenProject(path),
                    PathPurpose::SaveAs => Command::SaveAs(path),
                    PathPurpose::ImportGazetteer => Command::ImportGazetteer(path),
                });
                self.windows.path = None;
            }
            DialogOutcome::Unavailable => dialog.message = Some(NO_DIALOG.to_owned()),
            DialogOutcome::Cancelled => {}
        }
    }
}

/// The bundled sample corpus: `assets/sample-corpus` in the working folder,
/// else in the source tree the program was built from.
#[must_use]
pub fn sample_corpus_path() -> PathBuf {
    let local = PathBuf::from("assets/sample-corpus");
    if local.is_dir() {
        local
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-corpus")
    }
}

impl StancemarkApp {
    fn central_ui(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        if let Some(job) = &self.job {
            let (done, total) = job.progress();
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 3.0);
                ui.heading("Loading corpus…");
                #[allow(clippy::cast_precision_loss)]
                let fraction = if total == 0 {
                    0.0
                } else {
                    done as f32 / total as f32
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .text(format!("{done} / {total} files"))
                        .desired_width(320.0),
                );
            });
            return;
        }
        let Some(session) = &self.session else {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 3.0);
                ui.heading("No corpus open");
                ui.label("Open a folder of .txt articles with File › Open corpus… (Ctrl+O), or drop a folder onto this window.");
                if ui.button("Open corpus…").clicked() {
                    out.push(Command::ShowOpenCorpus);
                }
            });
            return;
        };
        let Some(doc) = session.document() else {
            return;
        };
        let Some(entry) = session.project.documents.get(&doc.path) else {
            return;
        };
        let outlet = session.outlet_of(&doc.path);
        let stance_label = |st: &crate::model::Stance| stance_line(&session.project, st, &outlet);
        let input = ArticleInput {
            doc,
            annotations: entry,
            schema: &session.project.schema,
            selection: session.selection,
            selected: session.selected_mention,
            version: session.version,
            stale: session.is_read_only(&doc.path),
            entities: &session.project.entities,
            focus_entity: session.focused_entity,
            selected_stance: session.selected_stance,
            stance_label: &stance_label,
        };
        self.article.ui(ui, &input, out);
        self.selection_anchor_pos = session
            .selection
            .and_then(|s| self.article.char_rect(s.end.saturating_sub(1)))
            .map(|r| r.left_bottom() + egui::vec2(0.0, 8.0));
    }

    fn windows_ui(&mut self, ctx: &Context, out: &mut Vec<Command>) {
        if let Some(dialog) = &mut self.windows.path
            && !path_dialog_ui(ctx, dialog, out)
        {
            self.windows.path = None;
        }
        let Some(session) = &self.session else { return };
        if self.windows.schema {
            let project = &session.project;
            let usage = |name: &str| project.label_use_count(name);
            self.windows.schema =
                schema_dialog_ui(ctx, &project.schema, &usage, &mut self.schema_drafts, out);
        }
        if self.windows.skipped {
            let lines: Vec<String> = session
                .corpus
                .skipped
                .iter()
                .map(|s| format!("{}: {}", s.path, s.reason))
                .collect();
            let intro = format!(
                "{} document(s) loaded from {}; {} .txt file(s) skipped; {} other file(s) ignored.",
                session.corpus.documents.len(),
                session.corpus.root.display(),
                lines.len(),
                session.corpus.ignored
            );
            self.windows.skipped = report_window_ui(ctx, "Skipped files", &intro, &lines);
        }
        if self.windows.problems {
            let lines: Vec<String> = session.problems.iter().map(ToString::to_string).collect();
            let intro = "Differences between the project and the corpus found when it was opened. Nothing was moved or dropped: mentions are kept exactly as saved, and documents whose text changed are read-only.";
            self.windows.problems = report_window_ui(ctx, "Problems", intro, &lines);
        }
        if let Some(picker) = &mut self.windows.picker
            && !entity_picker_ui(ctx, picker, &session.project, out)
        {
            self.windows.picker = None;
        }
        if let Some(window) = &mut self.windows.propagation
            && !propagation_window_ui(ctx, window, session, out)
        {
            self.windows.propagation = None;
        }
        if let Some(form) = &mut self.windows.stance_form
            && !stance_form_ui(ctx, form, &session.project, out)
        {
            self.windows.stance_form = None;
        }
        if let Some(window) = &mut self.windows.overview
            && !overview_window_ui(ctx, window, session, out)
        {
            self.windows.overview = None;
        }
        if let Some(window) = &mut self.windows.export {
            match export_window_ui(ctx, window) {
                ExportAction::Start => window.start(
                    ctx,
                    session.project.clone(),
                    session.corpus.documents.clone(),
                ),
                ExportAction::Close => self.windows.export = None,
                ExportAction::None => {}
            }
        }
        let mut run_import = false;
        if let Some(window) = &mut self.windows.import {
            match import_window_ui(ctx, window) {
                ImportAction::Run => run_import = true,
                ImportAction::Close => self.windows.import = None,
                ImportAction::None => {}
            }
        }
        if run_import {
            self.run_import();
        }
        let Some(session) = &self.session else { return };
        if let Some(picker) = &mut self.windows.review_picker
            && !review_picker_ui(ctx, picker, out)
        {
            self.windows.review_picker = None;
        }
        if let Some(review) = &mut self.review
            && !review_window_ui(ctx, review, session, out)
        {
            self.review = None;
        }
        if let Some((title, intro, lines)) = &self.windows.report
            && !report_window_ui(ctx, title, intro, lines)
        {
            self.windows.report = None;
        }
        if let Some(at) = self.selection_anchor_pos
            && !self.article.is_dragging()
        {
            label_popup_ui(ctx, at, &session.project.schema, out);
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
        self.poll_browse(&mut out);
        let tool_window_open = self.windows.picker.is_some()
            || self.windows.propagation.is_some()
            || self.windows.stance_form.is_some();
        keyboard_commands(&ctx, self.session.is_some(), tool_window_open, &mut out);
        dropped_file_commands(&ctx, &mut out);
        if ctx.input(|i| i.viewport().close_requested()) {
            self.autosave(SaveKind::Auto);
        }
        if let Some(since) = self.session.as_ref().and_then(|s| s.dirty_since) {
            let elapsed = since.elapsed();
            if elapsed >= self.autosave_after {
                self.autosave(SaveKind::Auto);
            } else {
                ctx.request_repaint_after(self.autosave_after - elapsed);
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
        };
        egui::Panel::top("menu").show(ui, |ui| menu_bar_ui(ui, &menu_state, &mut out));
        if let Some(error) = self.error.clone() {
            egui::Panel::top("error").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.colored_label(ui.visuals().error_fg_color, format!("⚠ {error}"));
                    if ui.button("Dismiss").clicked() {
                        self.error = None;
                    }
                });
            });
        }
        if let Some(session) = &self.session {
            let notice = self.notice.as_ref().map(|(n, _)| n.as_str());
            egui::Panel::bottom("status").show(ui, |ui| status_bar_ui(ui, session, notice));
            egui::Panel::left("documents")
                .default_size(260.0)
                .size_range(180.0..=420.0)
                .show(ui, |ui| document_list_ui(ui, session, &mut out));
            egui::Panel::right("details")
                .default_size(320.0)
                .size_range(240.0..=520.0)
                .show(ui, |ui| {
                    side_panel_ui(
                        ui,
                        session,
                        self.side_tab,
                        &mut self.outlet,
                        SidePanels {
                            entities: &mut self.entities_panel,
                            claims: &mut self.claims_panel,
                        },
                        &mut out,
                    )
                });
        }
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui, &mut out));
        self.windows_ui(&ctx, &mut out);
        if self.annotator.is_none() {
            annotator_prompt_ui(&ctx, &mut self.annotator_draft, &mut out);
        }
        for command in out {
            self.run_command(&ctx, command);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Some(name) = &self.annotator {
            storage.set_string(ANNOTATOR_KEY, name.clone());
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.autosave(SaveKind::Auto);
    }
}
