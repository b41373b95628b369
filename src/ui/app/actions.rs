//! Actions behind some commands: opening reviews, the stance form, imports, file dialogs.

use super::*;

impl StancemarkApp {
    pub(super) fn open_review(&mut self, paths: &[PathBuf]) {
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
        crate::review::agreement::disambiguate_names(&mut saves, paths);
        crate::review::entity_identity::align_entities(&mut saves);
        let report = crate::review::agreement::agreement(&saves, &session.corpus.documents);
        self.windows.open(ReviewState {
            saves,
            files: paths.to_vec(),
            report,
            tab: crate::ui::views::review_window::ReviewTab::Report,
            highlighted: 0,
            rejected: std::collections::BTreeSet::new(),
            adjudicator: self
                .annotator
                .clone()
                .unwrap_or_else(|| session.project.annotator.clone()),
            scope: crate::review::agreement::Scope::default(),
        });
    }

    /// Opens `gold` (made, empty, if it does not exist) in place of the
    /// open project, then `saves` for review into it; the choice is
    /// remembered. The open project is saved first, so the annotator's own
    /// save takes part as it stands.
    pub(super) fn open_review_with_gold(
        &mut self,
        ctx: &egui::Context,
        saves: Vec<PathBuf>,
        gold: PathBuf,
    ) {
        self.preferences.review_saves.clone_from(&saves);
        self.preferences.review_gold = Some(gold.clone());
        let Some(session) = &self.session else { return };
        if session.project_path.as_deref() == Some(gold.as_path()) {
            self.open_review(&saves);
            return;
        }
        if !gold.exists() {
            let mut project = crate::model::Project::new("gold", session.project.schema.clone());
            project.attach(&session.corpus.documents);
            if let Err(e) = crate::io::save_project(&gold, &project, &session.corpus.root) {
                self.error = Some(format!("Could not make the gold project: {e}"));
                return;
            }
        }
        self.pending_review = Some(saves);
        self.run_command(ctx, Command::OpenProject(gold));
    }

    pub(super) fn show_stance_form(&mut self, mode: StanceFormMode) {
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
            StanceFormMode::FromSelection
                if session.selection.is_none() && session.selected_quotation.is_some() =>
            {
                let Some(q) = session.selected_quotation() else {
                    return;
                };
                from_quotation(entry, q, outlet)
            }
            StanceFormMode::FromQuotation(id) => {
                let Some(q) = entry.quotation(id) else { return };
                from_quotation(entry, q, outlet)
            }
            StanceFormMode::FromSelection => {
                let Some(span) = session.selection else {
                    self.notice = Some((
                        "drag over the evidence text (or select a quotation) first, then press S"
                            .to_owned(),
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
        self.windows.open(form);
    }

    /// Starts reading the import window's file on a worker thread.
    pub(super) fn run_import(&mut self, ctx: &egui::Context) {
        if self.session.is_none() {
            return;
        }
        let Some(window) = self.windows.get_mut::<ImportWindow>() else {
            return;
        };
        if let Err(e) = window.options() {
            window.message = Some(e);
            return;
        }
        self.import_choices = window.choices();
        window.start(ctx);
    }

    /// Adds the import window's records once they are read.
    pub(super) fn poll_import(&mut self) {
        let Some(window) = self.windows.get_mut::<ImportWindow>() else {
            return;
        };
        let Some(result) = window.poll() else {
            return;
        };
        let options = match window.options() {
            Ok(o) => o,
            Err(e) => {
                window.message = Some(e);
                return;
            }
        };
        let read = match result {
            Ok(r) => r,
            Err(e) => {
                self.error = Some(format!("Could not import: {e}"));
                return;
            }
        };
        let Some(session) = &mut self.session else {
            return;
        };
        match session.import_records(&read.records, &options) {
            Ok(report) => {
                let intro = format!(
                    "{}. Ctrl+Z undoes the whole import. Left out:",
                    report.summary()
                );
                let lines = read.problems.into_iter().chain(report.problems).collect();
                self.windows.close(WindowKind::Import);
                self.windows.open(ReportWindow {
                    kind: WindowKind::Report,
                    title: "Import report".to_owned(),
                    intro,
                    lines,
                });
            }
            Err(e) => self.error = Some(format!("Could not import: {e}")),
        }
    }

    /// Adds what the model window's command found, once it has answered.
    pub(super) fn poll_model(&mut self) {
        use crate::ui::views::model_window::ModelWindow;
        let Some(window) = self.windows.get_mut::<ModelWindow>() else {
            return;
        };
        let (min_score, add_types) = (window.min_score, window.add_types);
        let Some(result) = window.poll() else {
            return;
        };
        let answers = match result {
            Ok(a) => a,
            Err(e) => {
                window.message = Some(format!("Nothing was added: {e}"));
                return;
            }
        };
        let source = window.command.clone();
        let Some(session) = &mut self.session else {
            return;
        };
        let (edit, report) = crate::io::model_hook::proposals_edit(
            &session.project,
            &session.corpus.documents,
            answers,
            &source,
            &crate::io::model_hook::AnswerOptions {
                min_score,
                type_map: std::collections::BTreeMap::new(),
                add_types,
            },
        );
        match session.apply(edit) {
            Ok(()) => {
                let intro = format!(
                    "{} suggestion(s) added ({} below the score asked, {} already there, {} entit(y/ies) created). They are ghost mentions with the model's score: A accepts the next, X rejects it, Shift+A accepts all in a document; hovering says which model proposed it. Ctrl+Z undoes them all.",
                    report.added, report.below, report.already, report.entities_created
                );
                self.windows.close(WindowKind::Model);
                self.windows.open(ReportWindow {
                    kind: WindowKind::Report,
                    title: "Model suggestions".to_owned(),
                    intro,
                    lines: report.problems,
                });
            }
            Err(e) => window_message(self, format!("Nothing was added: {e}")),
        }
    }

    pub(super) fn import_gazetteer(&mut self, path: &Path) {
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
        match session.teach_gazetteer(&gazetteer.rows) {
            Ok(report) => {
                let waiting: usize = (0..session.corpus.documents.len())
                    .map(|i| session.suggestion_count(i))
                    .sum();
                let intro = format!(
                    "{} name(s) learned and {} entit(y/ies) created from {} row(s) of {}: {waiting} suggestion(s) now wait across the corpus, drawn as ghost mentions with a dashed outline (A accepts the next, X rejects it, Shift+A accepts all in a document; the Suggestions panel has the rest). A gazetteer name counts like one mention made by hand. Ctrl+Z undoes the whole import.",
                    report.names,
                    report.entities_created,
                    gazetteer.rows.len(),
                    path.display(),
                );
                let lines = gazetteer
                    .problems
                    .into_iter()
                    .chain(report.skipped_rows)
                    .collect();
                self.windows.open(ReportWindow {
                    kind: WindowKind::Report,
                    title: "Gazetteer import".to_owned(),
                    intro,
                    lines,
                });
            }
            Err(e) => self.error = Some(format!("Could not import the gazetteer: {e}")),
        }
    }

    pub(super) fn browse(&mut self, command: &Command) {
        if *command == Command::BrowseForImport {
            let brat = self
                .windows
                .get::<ImportWindow>()
                .is_some_and(|w| w.format.reads_folder());
            let kind = if brat {
                DialogKind::PickFolder
            } else {
                DialogKind::PickAnnotations
            };
            match FileDialogJob::start(kind, &self.saves_dir) {
                Ok(job) => self.browse = Some((job, BrowseFor::Import)),
                Err(message) => {
                    if let Some(w) = self.windows.get_mut::<ImportWindow>() {
                        w.browsing = false;
                        w.message = Some(message.to_owned());
                    }
                }
            }
            return;
        }
        let purpose = self.windows.get::<PathDialog>().map(|d| d.purpose);
        let kind = match (command, purpose) {
            (Command::BrowseForCorpus, _) => DialogKind::PickFolder,
            (_, Some(PathPurpose::SaveAs)) => DialogKind::SaveProject,
            (_, Some(PathPurpose::ImportGazetteer)) => DialogKind::PickGazetteer,
            _ => DialogKind::PickProject,
        };
        match FileDialogJob::start(kind, &self.saves_dir) {
            Ok(job) => self.browse = Some((job, BrowseFor::Path)),
            Err(message) => {
                if let Some(d) = self.windows.get_mut::<PathDialog>() {
                    d.browsing = false;
                    d.message = Some(message.to_owned());
                }
            }
        }
    }

    pub(super) fn poll_browse(&mut self, out: &mut Vec<Command>) {
        let Some((outcome, target)) = self
            .browse
            .as_ref()
            .and_then(|(job, target)| job.poll().map(|o| (o, *target)))
        else {
            return;
        };
        self.browse = None;
        if target == BrowseFor::Import {
            if let Some(w) = self.windows.get_mut::<ImportWindow>() {
                w.browsing = false;
                match outcome {
                    DialogOutcome::Picked(path) => w.path = path.display().to_string(),
                    DialogOutcome::Unavailable => w.message = Some(NO_DIALOG.to_owned()),
                    DialogOutcome::Cancelled => {}
                }
            }
            return;
        }
        let Some(dialog) = self.windows.get_mut::<PathDialog>() else {
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
                self.windows.close(WindowKind::Path);
            }
            DialogOutcome::Unavailable => dialog.message = Some(NO_DIALOG.to_owned()),
            DialogOutcome::Cancelled => {}
        }
    }
}

/// Which window a system file dialog answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BrowseFor {
    /// The path window (open, save as, gazetteer).
    Path,
    /// The import window.
    Import,
}

/// A stance form resting on quotation `q`: its words as evidence, its
/// speaker's entity as holder (the author when nobody is named), reported
/// as a direct quote or a paraphrase after its kind.
fn from_quotation(
    entry: &crate::model::DocAnnotations,
    q: &crate::model::Quotation,
    outlet: String,
) -> StanceForm {
    let holder = q
        .speaker
        .and_then(|m| crate::model::attribution::speaker_entity(entry, m))
        .map_or(Holder::Author, Holder::Entity);
    let mut form = StanceForm::new(q.contents.clone(), holder, outlet);
    form.quotation = Some(q.id);
    form.reported_as = match q.kind {
        crate::model::QuoteKind::Direct => Some(crate::model::ReportedAs::DirectQuote),
        crate::model::QuoteKind::Indirect => Some(crate::model::ReportedAs::Paraphrase),
        crate::model::QuoteKind::Mixed => None,
    };
    form
}

/// Shows `text` in the model window, if it is open.
fn window_message(app: &mut StancemarkApp, text: String) {
    if let Some(w) = app
        .windows
        .get_mut::<crate::ui::views::model_window::ModelWindow>()
    {
        w.message = Some(text);
    }
}
