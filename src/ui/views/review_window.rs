//! Reviewing colleagues' saves: the agreement report (figures, per type with a
//! bar chart, per document), the shown document's items side by side, and
//! adjudication into the gold project (the open project).

use std::collections::BTreeSet;
use std::path::PathBuf;

use egui::{Color32, Context, Key, Modifiers, RichText, Ui};

use crate::model::CharSpan;
use crate::review::adjudicate::{Item, document_items, in_gold};
use crate::review::agreement::{AgreementReport, Figure, ReviewSave};
use crate::ui::command::Command;
use crate::ui::session::Session;
use crate::ui::widgets::score_chart::score_chart_ui;

/// Tabs of the review window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReviewTab {
    /// Agreement figures.
    #[default]
    Report,
    /// The shown document's items side by side.
    Diff,
}

/// Saves opened for review (read-only) and their report.
pub struct ReviewState {
    /// The saves.
    pub saves: Vec<ReviewSave>,
    /// Their files.
    pub files: Vec<PathBuf>,
    /// The report.
    pub report: AgreementReport,
    /// Shown tab.
    pub tab: ReviewTab,
    /// Highlighted disagreement (index into the open list).
    pub highlighted: usize,
    /// Items rejected in adjudication: (document, span, type).
    pub rejected: BTreeSet<(String, CharSpan, String)>,
    /// Who adjudicates (recorded on every gold item): the app's annotator.
    pub adjudicator: String,
    /// Which documents the report compares (documents a coder has not
    /// started are left out unless asked).
    pub scope: crate::review::agreement::Scope,
}

/// Window asking which saves to review, and which file is gold.
#[derive(Default)]
pub struct ReviewPicker {
    /// The saves folder's project files, each ticked to be reviewed.
    pub found: Vec<(PathBuf, bool)>,
    /// Other project files, one per line.
    pub text: String,
    /// The gold project: adjudication goes there (made if it does not
    /// exist). Never one of the reviewed saves.
    pub gold: String,
}

impl ReviewPicker {
    /// The picker over `saves_dir`'s project files (not the team file),
    /// ticked as `remembered` says (every one when nothing is), with `gold`.
    #[must_use]
    pub fn new(saves_dir: &std::path::Path, remembered: &[PathBuf], gold: PathBuf) -> Self {
        let files =
            crate::io::team_saves::project_files(saves_dir, &[gold.as_path()]).unwrap_or_default();
        let found = files
            .into_iter()
            .map(|p| {
                let tick = remembered.is_empty() || remembered.contains(&p);
                (p, tick)
            })
            .collect();
        let extra: Vec<String> = remembered
            .iter()
            .filter(|p| p.parent() != Some(saves_dir))
            .map(|p| p.display().to_string())
            .collect();
        Self {
            found,
            text: extra.join("\n"),
            gold: gold.display().to_string(),
        }
    }

    /// The saves chosen.
    #[must_use]
    pub fn chosen(&self) -> Vec<PathBuf> {
        self.found
            .iter()
            .filter(|(_, t)| *t)
            .map(|(p, _)| p.clone())
            .chain(
                self.text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(PathBuf::from),
            )
            .collect()
    }
}

/// Draws the picker; returns false when closed.
pub fn review_picker_ui(ctx: &Context, picker: &mut ReviewPicker, out: &mut Vec<Command>) -> bool {
    let mut open = true;
    let mut done = false;
    egui::Window::new("Review saves").open(&mut open).default_pos([320.0, 120.0]).show(ctx, |ui| {
        ui.label("The saves to compare (each is opened read-only; your own save takes part like any other):");
        for (path, tick) in &mut picker.found {
            let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            ui.checkbox(tick, name).on_hover_text(path.display().to_string());
        }
        ui.label("Other project files of this corpus, one per line (you can also drop .ron files onto the window):");
        let field = ui.add(egui::TextEdit::multiline(&mut picker.text).desired_rows(2).desired_width(460.0));
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Project files to review"));
        ui.separator();
        ui.label("Gold project: adjudication goes here, and it opens in place of your project (made if it does not exist):");
        let gold = ui.add(egui::TextEdit::singleline(&mut picker.gold).desired_width(460.0));
        gold.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Gold project file"));
        let paths = picker.chosen();
        let gold = PathBuf::from(picker.gold.trim());
        let problem = if paths.is_empty() {
            Some("Choose at least one save.")
        } else if picker.gold.trim().is_empty() {
            Some("Name the gold project file.")
        } else if paths.contains(&gold) {
            Some("The gold project cannot also be a reviewed save.")
        } else {
            None
        };
        if let Some(p) = problem {
            ui.weak(p);
        }
        if ui.add_enabled(problem.is_none(), egui::Button::new("Open for review")).on_hover_text("Open the gold project, and the chosen saves read-only with agreement figures and a diff").clicked() {
            out.push(Command::OpenReviewWithGold { saves: paths, gold });
            done = true;
        }
    });
    open && !done
}

fn figure_row(ui: &mut Ui, name: &str, f: &Figure) {
    ui.label(name);
    ui.label(RichText::new(f.display()).strong())
        .on_hover_text(f.note.clone().unwrap_or_default());
    ui.label(format!("{} items", f.items));
    ui.end_row();
}

/// Open disagreements of the shown document (not agreed, not in gold, not rejected).
#[must_use]
pub fn open_items(review: &ReviewState, session: &Session) -> Vec<Item> {
    let Some(doc) = session.document() else {
        return Vec::new();
    };
    document_items(&review.saves, doc)
        .into_iter()
        .filter(|i| {
            !i.agreed()
                && !in_gold(&session.project, &doc.path, i)
                && !review
                    .rejected
                    .contains(&(doc.path.clone(), i.span, i.label.clone()))
        })
        .collect()
}

/// Draws the review window; returns false when closed.
pub fn review_window_ui(
    ctx: &Context,
    review: &mut ReviewState,
    session: &Session,
    out: &mut Vec<Command>,
) -> bool {
    let mut open = true;
    if review.tab == ReviewTab::Diff && !ctx.egui_wants_keyboard_input() {
        let items = open_items(review, session);
        let [down, up, a, r] = ctx.input_mut(|i| {
            [Key::ArrowDown, Key::ArrowUp, Key::A, Key::R]
                .map(|k| i.consume_key(Modifiers::NONE, k))
        });
        if down {
            review.highlighted = (review.highlighted + 1).min(items.len().saturating_sub(1));
        }
        if up {
            review.highlighted = review.highlighted.saturating_sub(1);
        }
        if let Some(item) = items.get(review.highlighted) {
            if a {
                out.push(Command::AcceptReviewItems(vec![item.clone()]));
            }
            if r {
                out.push(Command::RejectReviewItem(item.clone()));
            }
        }
    }
    egui::Window::new("Review")
        .open(&mut open)
        .default_size([640.0, 520.0])
        .default_pos([300.0, 60.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut review.tab, ReviewTab::Report, "Agreement report");
                ui.selectable_value(&mut review.tab, ReviewTab::Diff, "Diff and adjudication");
            });
            ui.separator();
            match review.tab {
                ReviewTab::Report => {
                    let mut all = review.scope.include_unstarted;
                    if ui
                        .checkbox(&mut all, "Include documents a coder has not started")
                        .on_hover_text("Off: only documents every coder has started are compared; the others are listed as left out")
                        .changed()
                    {
                        review.scope.include_unstarted = all;
                        review.report = crate::review::agreement::agreement_in(
                            &review.saves,
                            &session.corpus.documents,
                            review.scope,
                        );
                    }
                    report_ui(ui, review, session, out);
                }
                ReviewTab::Diff => diff_ui(ui, review, session, out),
            }
        });
    open
}

fn report_ui(ui: &mut Ui, review: &ReviewState, session: &Session, out: &mut Vec<Command>) {
    let r = &review.report;
    ui.label(format!(
        "Annotators: {} · {} document(s) compared",
        r.annotators.join(", "),
        r.compared.len()
    ));
    for l in &r.left_out {
        ui.colored_label(ui.visuals().warn_fg_color, format!("left out: {l}"));
    }
    egui::ScrollArea::vertical()
        .id_salt("review-report")
        .show(ui, |ui| {
            ui.strong("Mentions");
            egui::Grid::new("mention-figures")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    let m = &r.mentions;
                    figure_row(ui, "F1, exact match", &m.f1_exact);
                    figure_row(ui, "F1, partial match", &m.f1_partial);
                    figure_row(ui, "Cohen's kappa (tokens)", &m.cohen_kappa);
                    figure_row(ui, "Fleiss' kappa (tokens)", &m.fleiss_kappa);
                    figure_row(ui, "Krippendorff's alpha (tokens)", &m.alpha_nominal);
                    figure_row(ui, "Unitizing alpha (characters)", &m.alpha_unitizing);
                    figure_row(ui, "Entity linking", &m.linking);
                });
            ui.strong(format!("Stances ({} units)", r.stances.units));
            egui::Grid::new("stance-figures")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    let s = &r.stances;
                    figure_row(ui, "Krippendorff's alpha (polarity)", &s.alpha_nominal);
                    figure_row(ui, "Cohen's kappa", &s.cohen_kappa);
                    figure_row(ui, "Fleiss' kappa", &s.fleiss_kappa);
                    figure_row(ui, "Evidence overlap", &s.evidence_overlap);
                });
            ui.strong(format!("Relations ({} in all)", r.relations.relations));
            egui::Grid::new("relation-figures")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    figure_row(ui, "Relation F1, exact match", &r.relations.f1_exact);
                    figure_row(ui, "Relation F1, partial match", &r.relations.f1_partial);
                });
            ui.strong(format!("Quotations ({} in all)", r.quotations.quotations));
            egui::Grid::new("quotation-figures")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    let q = &r.quotations;
                    figure_row(ui, "Quotation F1 (paired by shared words)", &q.f1);
                    figure_row(ui, "Content overlap (Jaccard)", &q.content_overlap);
                    figure_row(ui, "Same speaker", &q.speaker);
                    figure_row(ui, "Same kind", &q.kind);
                });
            if !r.codebook.is_empty() {
                ui.strong("Codebook, per variable");
                egui::Grid::new("codebook-figures")
                    .num_columns(3)
                    .striped(true)
                    .show(ui, |ui| {
                        for v in &r.codebook {
                            figure_row(
                                ui,
                                &format!("{}: alpha ({})", v.variable, v.metric),
                                &v.alpha,
                            );
                            if let Some(j) = &v.alpha_jaccard {
                                figure_row(ui, &format!("{}: alpha (Jaccard)", v.variable), j);
                            }
                            figure_row(
                                ui,
                                &format!("{}: percent agreement", v.variable),
                                &v.percent,
                            );
                        }
                    });
            }
            ui.strong("Per entity type");
            egui::Grid::new("type-figures")
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    ui.label("type");
                    ui.label("F1 exact");
                    ui.label("F1 partial");
                    ui.label("unitizing alpha");
                    ui.end_row();
                    for (t, f) in &r.per_type {
                        ui.label(t);
                        ui.label(f.f1_exact.display());
                        ui.label(f.f1_partial.display());
                        ui.label(f.alpha_unitizing.display());
                        ui.end_row();
                    }
                });
            let scores: Vec<(String, Option<f64>)> = r
                .per_type
                .iter()
                .map(|(t, f)| (t.clone(), f.f1_exact.value))
                .collect();
            score_chart_ui(
                ui,
                "F1 exact per type",
                &scores,
                Color32::from_rgb(0, 114, 178),
            );
            ui.strong("Per document, most disagreement first");
            egui::Grid::new("doc-figures")
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    ui.label("disagreements");
                    ui.label("F1 exact");
                    ui.label("unitizing alpha");
                    ui.label("document");
                    ui.end_row();
                    for d in &r.per_document {
                        ui.label(d.disagreements.to_string());
                        ui.label(d.f1_exact.display());
                        ui.label(d.alpha_unitizing.display());
                        if ui.link(&d.path).clicked()
                            && let Some(i) = session.corpus.position(&d.path)
                        {
                            out.push(Command::ShowDocument(i));
                        }
                        ui.end_row();
                    }
                });
        });
}

fn stance_diff_ui(
    ui: &mut Ui,
    review: &ReviewState,
    items: &[crate::review::adjudicate::StanceItem],
    gold: &crate::model::Project,
    doc: &crate::model::Document,
    out: &mut Vec<Command>,
) {
    if items.is_empty() {
        return;
    }
    ui.strong(
        "Stances (holder ➡ target: each annotator's polarity; click one to accept that version)",
    );
    egui::Grid::new("stance-diff").striped(true).show(ui, |ui| {
        ui.strong("unit");
        for name in &review.report.annotators {
            ui.strong(name);
        }
        ui.end_row();
        for item in items {
            let in_gold = crate::review::adjudicate::stance_in_gold(gold, &doc.path, item);
            let color = if item.agreed() || in_gold.is_some() {
                Color32::from_rgb(0, 158, 115)
            } else {
                Color32::from_rgb(213, 94, 0)
            };
            let row = ui.add(egui::Button::selectable(
                false,
                RichText::new({
                    let line = format!("{} ➡ {}", item.holder, item.target);
                    let mut short: String = line.chars().take(60).collect();
                    if line.chars().count() > 60 {
                        short.push('…');
                    }
                    short
                })
                .color(color),
            ));
            if row.clicked()
                && let Some(span) = item.evidence
            {
                out.push(Command::Select(Some(span)));
                out.push(Command::RevealOffset(span.start));
            }
            for (k, p) in item.polarities.iter().enumerate() {
                match p {
                    Some(polarity) => {
                        let name = review.report.annotators.get(k).cloned().unwrap_or_default();
                        let accept = ui
                            .small_button(polarity)
                            .on_hover_text(format!("Accept {name}'s stance into the gold project"));
                        accept.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Button,
                                true,
                                format!("Accept {name}'s stance {} {polarity}", item.holder),
                            )
                        });
                        if accept.clicked() {
                            out.push(Command::AcceptReviewStance {
                                item: item.clone(),
                                annotator: k,
                            });
                        }
                    }
                    None => {
                        ui.label("–");
                    }
                }
            }
            if let Some(polarity) = &in_gold {
                let text = format!("in gold: {polarity}");
                ui.label(RichText::new(&text).color(Color32::from_rgb(0, 158, 115)))
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Label,
                            true,
                            format!("Stance {} {text}", item.holder),
                        )
                    });
            }
            ui.end_row();
        }
    });
}

fn diff_ui(ui: &mut Ui, review: &mut ReviewState, session: &Session, out: &mut Vec<Command>) {
    let Some(doc) = session.document() else {
        return;
    };
    let items = document_items(&review.saves, doc);
    let open = open_items(review, session);
    review.highlighted = review.highlighted.min(open.len().saturating_sub(1));
    // Every layer's versions, built once a frame and shared with the rows
    // below; open disagreements are those not agreed and not in gold.
    let gold = &session.project;
    let stance_items = crate::review::adjudicate::document_stance_items(&review.saves, doc);
    let relation_items =
        crate::review::adjudicate_layers::document_relation_items(&review.saves, doc);
    let quotation_items =
        crate::review::adjudicate_layers::document_quotation_items(&review.saves, doc);
    let stances = stance_items
        .iter()
        .filter(|i| {
            !i.agreed() && crate::review::adjudicate::stance_in_gold(gold, &doc.path, i).is_none()
        })
        .count();
    let relations = relation_items
        .iter()
        .filter(|i| {
            !i.agreed() && !crate::review::adjudicate_layers::relation_in_gold(gold, &doc.path, i)
        })
        .count();
    let quotations = quotation_items
        .iter()
        .filter(|i| {
            !i.agreed() && !crate::review::adjudicate_layers::quotation_in_gold(gold, &doc.path, i)
        })
        .count();
    ui.label(format!(
        "{}: {} open disagreement(s): {} mention(s), {stances} stance(s), {relations} relation(s), {quotations} quotation(s). Adjudication adds to the open project (the gold save) and can be undone.",
        doc.path,
        open.len() + stances + relations + quotations,
        open.len(),
    ));
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Accept all agreed (this document)")
            .on_hover_text(
                "Copy into gold every item all reviewed saves agree on, in this document",
            )
            .clicked()
        {
            out.push(Command::AcceptByStrategy {
                majority: false,
                whole_corpus: false,
            });
        }
        if ui
            .button("Accept all agreed (corpus)")
            .on_hover_text(
                "Copy into gold every item all reviewed saves agree on, in every document",
            )
            .clicked()
        {
            out.push(Command::AcceptByStrategy {
                majority: false,
                whole_corpus: true,
            });
        }
        if ui
            .button("Majority vote (corpus)")
            .on_hover_text("Copy into gold every item most reviewed saves have, in every document")
            .clicked()
        {
            out.push(Command::AcceptByStrategy {
                majority: true,
                whole_corpus: true,
            });
        }
        if ui
            .button("Save gold as…")
            .on_hover_text("Write the adjudicated (gold) project to a file of its own")
            .clicked()
        {
            out.push(Command::ShowSaveAs);
        }
    });
    ui.weak("Up and Down keys move · A accepts · R rejects");
    ui.separator();
    let green = Color32::from_rgb(0, 158, 115);
    let orange = Color32::from_rgb(213, 94, 0);
    egui::ScrollArea::vertical()
        .id_salt("review-diff")
        .show(ui, |ui| {
            stance_diff_ui(ui, review, &stance_items, gold, doc, out);
            super::review_layers::layers_diff_ui(
                ui,
                gold,
                &relation_items,
                &quotation_items,
                &review.report.annotators,
                doc,
                out,
            );
            if let Some(gold) = session.project.documents.get(&doc.path) {
                super::review_codes::codes_diff_ui(
                    ui,
                    &session.project.schema.variables,
                    &review.saves,
                    gold,
                    doc,
                    out,
                );
            }
            ui.strong("Mentions (green: all agree; orange: a disagreement)");
            egui::Grid::new("diff-grid").striped(true).show(ui, |ui| {
                ui.strong("item");
                for name in &review.report.annotators {
                    ui.strong(name);
                }
                ui.strong("");
                ui.end_row();
                for item in &items {
                    let gold = in_gold(&session.project, &doc.path, item);
                    let rejected = review.rejected.contains(&(
                        doc.path.clone(),
                        item.span,
                        item.label.clone(),
                    ));
                    let color = if item.agreed() { green } else { orange };
                    let open_index = open.iter().position(|o| o == item);
                    let text = format!("{:<5} {} {}", item.label, item.text, item.span);
                    let row = ui.add(egui::Button::selectable(
                        open_index.is_some_and(|i| i == review.highlighted),
                        RichText::new(text).color(color).monospace(),
                    ));
                    if row.clicked() {
                        out.push(Command::Select(Some(item.span)));
                        out.push(Command::RevealOffset(item.span.start));
                    }
                    for had in &item.had_by {
                        ui.label(if *had { "✔" } else { "" });
                    }
                    ui.horizontal(|ui| {
                        if gold {
                            ui.label(RichText::new("in gold").color(green));
                        } else if rejected {
                            ui.weak("rejected");
                        } else {
                            let accept = ui.small_button("Accept");
                            accept.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::Button,
                                    true,
                                    format!("Accept {} {}", item.label, item.text),
                                )
                            });
                            if accept.clicked() {
                                out.push(Command::AcceptReviewItems(vec![item.clone()]));
                            }
                            let reject = ui.small_button("Reject");
                            reject.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::Button,
                                    true,
                                    format!("Reject {} {}", item.label, item.text),
                                )
                            });
                            if reject.clicked() {
                                out.push(Command::RejectReviewItem(item.clone()));
                            }
                        }
                    });
                    ui.end_row();
                }
            });
        });
}

impl crate::ui::windows::AppWindow for ReviewPicker {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::ReviewPicker
    }

    fn show(
        &mut self,
        ctx: &Context,
        _cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        review_picker_ui(ctx, self, out)
    }
}

impl crate::ui::windows::AppWindow for ReviewState {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Review
    }

    fn show(
        &mut self,
        ctx: &Context,
        cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        let Some(session) = cx.session else {
            return true;
        };
        review_window_ui(ctx, self, session, out)
    }
}
