//! Applying commands: the one place where state changes.

use super::*;
use crate::ui::views::quotation_form::QuotationForm;

impl StancemarkApp {
    /// Applies one command. Public so tests and scripts drive the same path as the UI.
    pub fn run_command(&mut self, ctx: &Context, command: Command) {
        match command {
            Command::Arrow(inner) => {
                let command = match self.session.as_ref() {
                    Some(session) if self.reads_rtl_at_selection(session, &inner) => {
                        inner.turned_round()
                    }
                    _ => *inner,
                };
                self.run_command(ctx, command);
            }
            Command::ShowOpenCorpus => {
                let text = self
                    .session
                    .as_ref()
                    .map(|s| s.corpus.root.display().to_string())
                    .unwrap_or_default();
                self.windows
                    .open(PathDialog::new(PathPurpose::OpenCorpus, text));
            }
            Command::ShowOpenProject => {
                self.windows.open(PathDialog::new(
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
                self.windows
                    .open(PathDialog::new(PathPurpose::SaveAs, text));
            }
            Command::BrowseForCorpus | Command::BrowseForProject | Command::BrowseForImport => {
                self.browse(&command);
            }
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
                if self.try_quit() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Command::QuitWithoutSaving => {
                self.quit_without_saving();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Command::RecoverWork(path) => self.recover(&path),
            Command::DiscardRecovery(path) => self.discard_recovery(&path),
            Command::LeaveRecovery(path) => self.leave_recovery(&path),
            Command::NoteDraft(draft) => {
                if let Some(session) = &mut self.session {
                    session.set_note_draft(draft);
                }
            }
            Command::ShowSchema => {
                if !self.windows.is_open(WindowKind::Schema) {
                    self.windows.open(SchemaWindow::default());
                }
            }
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
                    self.windows
                        .open(EntityPicker::new(purpose, text.unwrap_or_default()));
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
                    Some(source) => self.windows.open(PropagationWindow::new(source)),
                    None => {
                        self.notice = Some(("select a mention first".to_owned(), Instant::now()))
                    }
                }
            }
            Command::ShowImportGazetteer => {
                self.windows
                    .open(PathDialog::new(PathPurpose::ImportGazetteer, String::new()));
            }
            Command::ImportGazetteer(path) => self.import_gazetteer(&path),
            Command::ShowStanceForm(mode) => self.show_stance_form(mode),
            Command::ShowOverview => self.windows.open(OverviewWindow::default()),
            Command::ShowExport => {
                if !self.windows.is_open(WindowKind::Export) {
                    let folder = self.saves_dir.join("exports");
                    self.windows.open(ExportWindow::new(&folder));
                }
            }
            Command::StartExport => {
                if let (Some(window), Some(session)) =
                    (self.windows.get_mut::<ExportWindow>(), &self.session)
                {
                    window.start(
                        ctx,
                        session.project.clone(),
                        session.corpus.documents.clone(),
                    );
                }
            }
            Command::ShowImport => self
                .windows
                .open(ImportWindow::with_choices(self.import_choices.clone())),
            Command::RunImport => self.run_import(ctx),
            Command::ShowReviewPicker => {
                if let Some(session) = &self.session {
                    let gold = self.preferences.review_gold.clone().unwrap_or_else(|| {
                        crate::ui::session::default_project_path(
                            &self.saves_dir,
                            &session.corpus,
                            "gold",
                        )
                    });
                    self.windows.open(ReviewPicker::new(
                        &self.saves_dir,
                        &self.preferences.review_saves,
                        gold,
                    ));
                }
            }
            Command::OpenReview(paths) => self.open_review(&paths),
            Command::OpenReviewWithGold { saves, gold } => {
                self.open_review_with_gold(ctx, saves, gold)
            }
            Command::RejectReviewItem(item) => {
                if let (Some(review), Some(doc)) = (
                    self.windows.get_mut::<ReviewState>(),
                    self.session.as_ref().and_then(Session::document_path),
                ) {
                    review
                        .rejected
                        .insert((doc.to_owned(), item.span, item.label));
                }
            }
            Command::RevealOffset(offset) => self.article.scroll_to = Some(offset),
            Command::ScrollArticle(step) => self.article.scroll_step = Some(step),
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
            Command::JumpToQuotation { doc, id } => {
                let index = self.session.as_ref().and_then(|s| s.corpus.position(&doc));
                if let Some(index) = index {
                    self.run_command(ctx, Command::ShowDocument(index));
                    self.run_command(
                        ctx,
                        Command::SelectQuotation {
                            id: Some(id),
                            reveal: true,
                        },
                    );
                }
            }
            Command::ShowModel => {
                self.windows
                    .open(crate::ui::views::model_window::ModelWindow::new(
                        self.model_command.clone(),
                    ))
            }
            Command::RunModel => {
                let Some(session) = &self.session else { return };
                if let Some(w) = self
                    .windows
                    .get_mut::<crate::ui::views::model_window::ModelWindow>()
                {
                    self.model_command.clone_from(&w.command);
                    w.start(ctx, session);
                }
            }
            Command::ShowSamePassage => {
                let Some(session) = &self.session else { return };
                match session.asked_passage() {
                    Some(asked) => self.windows.open(
                        crate::ui::views::same_passage_window::SamePassageWindow::new(
                            session, asked,
                        ),
                    ),
                    None if session.passages_building() => {
                        self.notice = Some((
                            "The corpus's sentences are still being indexed (done after opening); select the passage itself, or try again in a moment"
                                .to_owned(),
                            Instant::now(),
                        ));
                    }
                    None => {
                        self.notice = Some((
                            "Select a passage (or a mention, quotation or stance in one) first"
                                .to_owned(),
                            Instant::now(),
                        ));
                    }
                }
            }
            Command::ShowQuoted => self
                .windows
                .open(crate::ui::views::quoted_window::QuotedWindow::default()),
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
            Command::ShowSkipped => {
                if let Some(session) = &self.session {
                    self.windows.open(skipped_window(session));
                }
            }
            Command::ChooseWhileLoading(path) => self.open_at = Some(path),
            Command::ShowCodebookOverview => {
                self.windows
                    .open(crate::ui::views::codebook_overview::CodebookOverview::default());
            }
            Command::ShowCodebookForm => {
                self.windows
                    .open(crate::ui::views::codebook_form::CodebookForm::default());
            }
            Command::ShowConflicts => {
                self.windows
                    .open(crate::ui::views::conflicts_window::ConflictsWindow);
            }
            Command::ShowTeamDashboard => {
                let gold = self.preferences.review_gold.clone();
                let session = self.session.as_ref();
                let saves = crate::io::team_saves::team_saves_dir(
                    session
                        .and_then(|s| s.team.as_ref())
                        .map(|t| t.path.as_path()),
                    session.and_then(|s| s.project_path.as_deref()),
                    &self.saves_dir,
                );
                self.windows
                    .open(crate::ui::views::team_dashboard::TeamDashboard::new(
                        saves, gold,
                    ));
            }
            Command::SetTeam { path, team } => {
                if let Some(session) = self.session.as_mut() {
                    let mut view = crate::ui::session::TeamView::new(path, *team, session);
                    view.show_overlap = self.preferences.show_overlap;
                    session.set_team(Some(view));
                }
                if let Some(d) = self
                    .windows
                    .get_mut::<crate::ui::views::team_dashboard::TeamDashboard>()
                {
                    d.refresh();
                }
            }
            Command::ToggleOverlapShown => {
                if let Some(team) = self.session.as_mut().and_then(|s| s.team.as_mut()) {
                    team.show_overlap = !team.show_overlap;
                    self.preferences.show_overlap = team.show_overlap;
                }
            }
            Command::ShowProblems => {
                if let Some(session) = &self.session {
                    self.windows.open(problems_window(session));
                }
            }
            Command::ShowSearch => {
                if let Some(session) = &self.session {
                    let label = session
                        .project
                        .schema
                        .entity_types
                        .first()
                        .map(|t| t.name.clone())
                        .unwrap_or_default();
                    if !self.windows.is_open(WindowKind::Search) {
                        self.windows.open(SearchWindow::new(label));
                    }
                    if let Some(window) = self.windows.get_mut::<SearchWindow>() {
                        window.focus();
                    }
                }
            }
            Command::NextDocument | Command::PreviousDocument | Command::NextUnfinished => {
                let Some(session) = &self.session else { return };
                match session.neighbour(&command) {
                    Some(i) => self.run_command(ctx, Command::ShowDocument(i)),
                    None if command == Command::NextUnfinished => {
                        self.notice = Some(("Every document is done.".to_owned(), Instant::now()));
                    }
                    None => {}
                }
            }
            Command::ShowPalette => self.windows.open(Palette::default()),
            Command::ShowHelp => {
                if !self.windows.is_open(WindowKind::Help) {
                    self.windows.open(HelpWindow);
                }
            }
            Command::SetTheme(theme) => ctx.set_theme(theme),
            Command::ToggleDocumentsPanel | Command::ToggleDetailsPanel => {
                let (documents, details) = self.panels.shown(ctx.content_rect().width());
                if command == Command::ToggleDocumentsPanel {
                    self.panels.documents = Some(!documents);
                } else {
                    self.panels.details = Some(!details);
                }
            }
            Command::ToggleTypeLabels => {
                self.preferences.type_labels = !self.preferences.type_labels;
            }
            Command::SetTextDirection(direction) => {
                if let Some(hash) = self
                    .session
                    .as_ref()
                    .and_then(|s| s.document())
                    .map(|d| d.hash.clone())
                {
                    match direction {
                        Some(rtl) => self.preferences.directions.insert(hash, rtl),
                        None => self.preferences.directions.remove(&hash),
                    };
                }
            }
            Command::Zoom(step) => match step {
                ZoomStep::In => egui::gui_zoom::zoom_in(ctx),
                ZoomStep::Out => egui::gui_zoom::zoom_out(ctx),
                ZoomStep::Reset => ctx.set_zoom_factor(1.0),
            },
            Command::ShowStatistics => {
                if !self.windows.is_open(WindowKind::Statistics) {
                    self.windows.open(Statistics::default());
                }
            }
            Command::ShowFind => {
                if self.session.is_some() {
                    self.find.get_or_insert_with(FindBar::new).focus();
                }
            }
            Command::RevealSpan { doc, span } => {
                self.run_command(ctx, Command::ShowDocument(doc));
                if let Some(s) = &mut self.session {
                    s.selection = Some(span);
                    s.selected_mention = None;
                    self.article.scroll_to = Some(span.start);
                }
            }
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

    pub(super) fn run_session_command(&mut self, command: Command) {
        let Some(session) = &mut self.session else {
            return;
        };
        // While a relation is being made, Tab, the type keys and Escape
        // serve it.
        if let Some(result) = session.relating_takes(&command) {
            match result {
                Ok(span) => self.article.keep_in_view = span.or(self.article.keep_in_view),
                Err(message) => self.notice = Some((message, Instant::now())),
            }
            return;
        }
        let result: Result<(), String> = match command {
            Command::PlaceOrphan(index) => session.place_orphan(index),
            Command::QuoteSelection => session.quotation_draft().map(|draft| {
                let form = session
                    .document_path()
                    .and_then(|p| session.project.documents.get(p))
                    .map(|entry| QuotationForm::new(draft, entry));
                if let Some(form) = form {
                    self.windows.open(form);
                }
            }),
            Command::CreateQuotation(q) => session.create_quotation(q).map(|_| ()),
            Command::PullTeamSchema => session.pull_team_schema(),
            Command::SetCode {
                doc,
                variable,
                value,
            } => session
                .apply(crate::model::Edit::SetCode {
                    doc,
                    variable,
                    value,
                })
                .map_err(|e| e.to_string()),
            Command::SettleConflict { index, take_other } => {
                crate::model::conflict::settle_conflict(&session.project, index, take_other)
                    .and_then(|edit| {
                        session
                            .apply(edit)
                            .map_err(|e| format!("The conflict was not settled: {e}"))
                    })
            }
            Command::AcceptCarried(i) => session.accept_carried(i),
            Command::RejectCarried(i) => session.reject_carried(i),
            Command::CarryPassage { from, to } => session.carry_passage(from, to).map(|c| {
                let mut text = format!(
                    "Carried {} mention(s) over as suggestions and {} stance(s) or quotation(s) to review; {} already there",
                    c.added, c.to_review, c.already
                );
                if !c.not_carried.is_empty() {
                    text.push_str(&format!(
                        "; not carried: {}",
                        c.not_carried.join("; ")
                    ));
                }
                self.notice = Some((text, Instant::now()));
            }),
            Command::AcceptSuggestionHere => session.accept_suggestion().map(|()| {
                self.article.keep_in_view = session.selected().map(|m| m.span);
            }),
            Command::RejectSuggestionHere => session.reject_suggestion(),
            Command::AcceptAllSuggestions => session.accept_all_suggestions().map(|n| {
                self.notice = Some((format!("Accepted {n} suggestion(s)"), Instant::now()));
            }),
            Command::SetSuggestions { on, threshold } => {
                session.suggestions_on = on;
                session.suggester.threshold = threshold.clamp(0.0, 1.0);
                // Remembered for the next session.
                self.preferences.suggestions_off = !on;
                self.preferences.suggestion_threshold = Some(session.suggester.threshold);
                Ok(())
            }
            Command::AddSelectionToQuotation => session.add_selection_to_quotation(),
            Command::SetSelectionAsCue => session.set_selection_as_cue(),
            Command::UpdateQuotation(q) => session.update_quotation(q),
            Command::FocusQuotationPart(part) => {
                session.quotation_part = Some(part);
                Ok(())
            }
            Command::ResizeQuotationPart { id, part, span } => {
                session.set_quotation_part(id, part, span).map(|_| ())
            }
            Command::SelectQuotation { id, reveal } => {
                if session.selected_quotation != id {
                    session.quotation_part = None;
                }
                session.selected_quotation = id;
                if reveal
                    && let Some(span) = session
                        .selected_quotation()
                        .and_then(|q| q.contents.first())
                        .map(|e| e.span)
                {
                    self.article.scroll_to = Some(span.start);
                }
                Ok(())
            }
            Command::RelateByDrag { source, target } => {
                session.relate_by_drag(source, target).map(|()| {
                    self.side_tab = SideTab::Document;
                    self.notice = Some((
                        "Relating: choose the type in the side panel, or press its key; Esc stops"
                            .to_owned(),
                        Instant::now(),
                    ));
                })
            }
            Command::StartRelation => session.start_relating().map(|span| {
                self.article.keep_in_view = span;
                let keys: Vec<String> = session
                    .project
                    .schema
                    .relation_types
                    .iter()
                    .filter_map(|t| t.key.map(|k| format!("{k} {}", t.name)))
                    .collect();
                self.notice = Some((
                    format!(
                        "Relating: Tab / Shift+Tab picks the target, then a type key ({}); Esc stops",
                        keys.join(", ")
                    ),
                    Instant::now(),
                ));
            }),
            Command::Relate {
                source,
                target,
                label,
            } => session.relate(source, target, &label),
            Command::ClearSelection => {
                session.selection = None;
                session.selected_mention = None;
                Ok(())
            }
            Command::MoveSelection { step, extend } => {
                if let Some(span) = session.move_selection(step, extend) {
                    self.article.keep_in_view = Some(span);
                }
                Ok(())
            }
            Command::StepMention { forward } => {
                if let Some(span) = session.step_mention(forward) {
                    self.article.keep_in_view = Some(span);
                }
                Ok(())
            }
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
            Command::ResizeSelected { edge, reach, later } => session
                .resize_selected(edge, reach, later)
                .map(|span| self.article.keep_in_view = span),
            Command::ResizeMentionTo { id, span } => session.resize_mention(id, span),
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
                match self
                    .windows
                    .get::<PropagationWindow>()
                    .map(|w| w.source.clone())
                {
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
            Command::ToggleDone => session.toggle_done().map(|asked| {
                if let Some((doc, missing)) = asked {
                    self.windows
                        .open(crate::ui::views::done_prompt::DonePrompt { doc, missing });
                }
            }),
            Command::AnnotateHits { label, hits } => {
                session
                    .annotate_places(&label, &hits)
                    .map(|(added, skipped)| {
                        let also = if skipped > 0 {
                            format!("; {skipped} left as they were (already marked, or read-only)")
                        } else {
                            String::new()
                        };
                        self.notice = Some((
                            format!("{added} {label} mention(s) added{also}"),
                            Instant::now(),
                        ));
                    })
            }
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
            Command::AcceptReviewItems(items) => {
                match (self.windows.get::<ReviewState>(), session.document()) {
                    (Some(review), Some(doc)) => {
                        let who = review.adjudicator.clone();
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
                }
            }
            Command::AcceptReviewStance { item, annotator } => {
                adjudicate(self.windows.get::<ReviewState>(), session, |gold, saves, doc, who| {
                    crate::review::adjudicate::accept_stance(
                        gold, saves, doc, &item, annotator, who,
                    )
                    .ok_or_else(|| "that stance is already in the gold project".to_owned())
                })
            }
            Command::AcceptReviewRelation(item) => {
                adjudicate(self.windows.get::<ReviewState>(), session, |gold, saves, doc, who| {
                    crate::review::adjudicate_layers::accept_relation(gold, saves, doc, &item, who)
                })
            }
            Command::AcceptReviewQuotation(item) => {
                adjudicate(self.windows.get::<ReviewState>(), session, |gold, saves, doc, who| {
                    crate::review::adjudicate_layers::accept_quotation(gold, saves, doc, &item, who)
                })
            }
            Command::AcceptByStrategy {
                majority,
                whole_corpus,
            } => match self.windows.get::<ReviewState>() {
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
                    let who = review.adjudicator.clone();
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
}

/// Accepts one version of the review window's shown document into the
/// gold project (the open one), `make` giving the edit from the gold
/// project, the reviewed saves, the document and the adjudicator's name.
/// Nothing happens without a review window or a shown document.
fn adjudicate(
    review: Option<&ReviewState>,
    session: &mut Session,
    make: impl FnOnce(
        &crate::model::Project,
        &[crate::review::agreement::ReviewSave],
        &crate::model::Document,
        &str,
    ) -> Result<crate::model::Edit, String>,
) -> Result<(), String> {
    let (Some(review), Some(doc)) = (review, session.document()) else {
        return Ok(());
    };
    let edit = make(&session.project, &review.saves, doc, &review.adjudicator)?;
    session.apply(edit).map_err(|e| e.to_string())
}

impl StancemarkApp {
    /// True when the text an arrow key's `command` moves from reads right
    /// to left: the selected mention's moving edge, else the selection's
    /// end.
    fn reads_rtl_at_selection(
        &self,
        session: &crate::ui::session::Session,
        command: &Command,
    ) -> bool {
        use crate::model::caret::Edge;
        let Some(doc) = session.document() else {
            return false;
        };
        let direction = self.preferences.directions.get(&doc.hash).copied();
        let at = match command {
            Command::ResizeSelected {
                edge: Edge::Start, ..
            } => session.selected().map(|m| m.span.start),
            Command::ResizeSelected { .. } => {
                session.selected().map(|m| m.span.end.saturating_sub(1))
            }
            _ => session.selection.map(|s| s.end.saturating_sub(1)),
        };
        at.is_some_and(|at| crate::model::visual_line::doc_rtl_at(doc, at, direction))
    }
}
