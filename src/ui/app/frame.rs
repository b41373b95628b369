//! Drawing the central panel and the floating windows of a frame.

use super::*;
use crate::model::DocAnnotations;
use crate::ui::loader::Preview;

impl StancemarkApp {
    pub(super) fn central_ui(&mut self, ui: &mut Ui, out: &mut Vec<Command>) {
        if let Some(job) = &self.job {
            let (done, total) = job.progress();
            if let Some(preview) = job.preview() {
                self.preview_ui(ui, &preview, done, total);
                return;
            }
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
            ui.add_space(ui.available_height() / 4.0);
            ui.vertical_centered(|ui| {
                ui.set_max_width(520.0);
                ui.heading("No corpus open");
                ui.label("Open a folder of .txt articles, a project file, or the sample corpus; or drop a folder onto this window.");
                ui.separator();
                welcome_ui(ui, false, self.annotator.as_deref(), out);
            });
            return;
        };
        let Some(doc) = session.document() else {
            return;
        };
        let Some(entry) = session.project.documents.get(&doc.path) else {
            return;
        };
        if let Some(bar) = &mut self.find {
            if !find_bar_ui(ui, bar, doc, session.current, out) {
                self.find = None;
            }
            ui.separator();
        }
        let highlights = self.find.as_ref().map_or(&[][..], |b| &b.hits[..]);
        let outlet = session.outlet_of(&doc.path);
        let stance_label = |st: &crate::model::Stance| stance_line(&session.project, st, &outlet);
        let ghosts = session.suggestions();
        let ghost_why = |form: &str| session.suggester.why(&session.project, form).text;
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
            highlights,
            type_labels: self.preferences.type_labels,
            relating: session.relating.map(|r| (r.source, r.target)),
            selected_quotation: session.selected_quotation,
            ghosts: &ghosts,
            current_ghost: session.current_suggestion().map(|g| g.span),
            ghost_why: &ghost_why,
            direction: self.preferences.directions.get(&doc.hash).copied(),
        };
        self.article.ui(ui, &input, out);
        self.selection_anchor_pos = session
            .selection
            .and_then(|s| self.article.char_rect(s.end.saturating_sub(1)))
            .map(|r| r.left_bottom() + egui::vec2(0.0, 8.0));
    }

    pub(super) fn windows_ui(&mut self, ctx: &Context, out: &mut Vec<Command>) {
        let cx = WindowCx {
            session: self.session.as_ref(),
        };
        self.windows.show(ctx, &cx, out);
        // The type popup belongs to a fresh selection: it never covers a
        // modal window, and closes once another window opens.
        let Some(session) = &self.session else { return };
        if let Some(at) = self.selection_anchor_pos
            && !self.article.is_dragging()
            && self.windows.modal().is_none()
            && session.selection != self.popup_dismissed
        {
            label_popup_ui(ctx, at, &session.project.schema, out);
        }
    }

    /// True while a modal window (recovery, quit) waits for the user.
    #[must_use]
    pub fn blocked_by_modal(&self) -> bool {
        self.windows.modal().is_some()
    }

    pub(super) fn windows_opened(&self) -> u64 {
        self.windows.opened_count()
    }
}

/// The Problems window for what was found when `session` was opened.
pub(super) fn problems_window(session: &Session) -> ReportWindow {
    ReportWindow {
        kind: WindowKind::Problems,
        title: "Problems".to_owned(),
        intro: "Merge conflicts first (settled in Project › Merge conflicts…), then the differences between the project and the corpus found when it was opened. Where a document's text changed, every annotation was looked for again from its quoted text and context: those found moved with their text; the others are kept as orphans, listed here with their old text and saved with the project; the side panel's Orphans list places one again on the text you select. Nothing was dropped.".to_owned(),
        lines: session.problem_lines.clone(),
    }
}

/// The Skipped files window for `session`'s corpus.
pub(super) fn skipped_window(session: &Session) -> ReportWindow {
    let lines: Vec<String> = session
        .corpus
        .skipped
        .iter()
        .map(|s| format!("{}: {}", s.path, s.reason))
        .collect();
    let intro = format!(
        "{} loaded from {}; {} skipped; {} ignored.",
        crate::ui::plural(session.corpus.documents.len(), "document"),
        session.corpus.root.display(),
        crate::ui::plural(lines.len(), ".txt file"),
        crate::ui::plural(session.corpus.ignored, "other file"),
    );
    ReportWindow {
        kind: WindowKind::Skipped,
        title: "Skipped files".to_owned(),
        intro,
        lines,
    }
}

impl StancemarkApp {
    /// While the corpus is read: a progress bar over the first article
    /// (read ahead of the others), shown as it will be but not yet editable.
    fn preview_ui(&mut self, ui: &mut Ui, preview: &Preview, done: usize, total: usize) {
        #[allow(clippy::cast_precision_loss)]
        let fraction = if total == 0 {
            0.0
        } else {
            done as f32 / total as f32
        };
        ui.horizontal(|ui| {
            ui.add(
                egui::ProgressBar::new(fraction)
                    .text(format!("reading the corpus: {done} / {total} files"))
                    .desired_width(360.0),
            );
            ui.weak("Annotating starts when every file is read.");
        });
        ui.separator();
        let first = preview.first.as_ref();
        let chosen_other = self
            .open_at
            .as_deref()
            .is_some_and(|p| first.is_none_or(|d| d.path != p));
        let (Some(doc), false) = (first, chosen_other) else {
            if let Some(path) = &self.open_at {
                ui.label(format!("{path} opens when reading is done."));
            }
            return;
        };
        ui.heading(&doc.title);
        let annotations = DocAnnotations::for_document(doc);
        let schema = crate::model::Schema::builtin();
        let entities = std::collections::BTreeMap::new();
        let no_label = |_: &crate::model::Stance| String::new();
        let input = ArticleInput {
            doc,
            annotations: &annotations,
            schema: &schema,
            selection: None,
            selected: None,
            version: 0,
            stale: false,
            entities: &entities,
            focus_entity: None,
            selected_stance: None,
            stance_label: &no_label,
            highlights: &[],
            type_labels: false,
            relating: None,
            selected_quotation: None,
            ghosts: &[],
            current_ghost: None,
            ghost_why: &|_: &str| String::new(),
            direction: None,
        };
        // Nothing can be changed yet: what the view asks for is dropped.
        let mut ignored = Vec::new();
        self.article.ui(ui, &input, &mut ignored);
    }
}
