//! The document list: title, date, mention count and status of each document.

use egui::text::{LayoutJob, TextWrapping};
use egui::{FontId, Role, Sense, TextStyle, Ui, Vec2, WidgetInfo};

use std::collections::BTreeSet;

use crate::model::DocStatus;
use crate::ui::command::Command;
use crate::ui::session::Session;

/// Which documents the list shows: by status, outlet and text in the title
/// or path (any case).
#[derive(Default)]
pub struct DocumentFilter {
    /// Text the title or path must contain.
    pub text: String,
    /// Only this status, if set.
    pub status: Option<DocStatus>,
    /// Only this outlet, if set.
    pub outlet: Option<String>,
    /// Every document, not only those the team assigned to this annotator
    /// (without an assignment every document is shown anyway).
    pub all: bool,
    /// Only documents whose codebook variable (first) says the value
    /// (second).
    pub code: Option<(String, String)>,
    /// Codebook variables shown in each row, as columns.
    pub columns: Vec<String>,
    /// The indices shown, and what they were computed for.
    shown: Vec<usize>,
    computed_for: Option<FilterKey>,
}

/// What the shown indices were computed for: the filter, the project
/// version and the corpus size.
type FilterKey = (
    String,
    Option<DocStatus>,
    Option<String>,
    bool,
    Option<(String, String)>,
    u64,
    usize,
);

impl DocumentFilter {
    /// True when some document may be hidden by the filter.
    #[must_use]
    pub fn is_active(&self) -> bool {
        !self.text.is_empty()
            || self.status.is_some()
            || self.outlet.is_some()
            || self.code.is_some()
    }

    /// True when only this annotator's documents are shown.
    #[must_use]
    pub fn mine_only(&self, session: &Session) -> bool {
        !self.all && session.has_assignment()
    }

    /// Recomputes the shown indices when the filter or the project changed
    /// (not every frame: a corpus may hold 100,000 documents).
    fn refresh(&mut self, session: &Session) {
        let documents = session.corpus.documents.len();
        // Compared in place: this runs every frame.
        if self
            .computed_for
            .as_ref()
            .is_some_and(|(t, s, o, a, c, v, n)| {
                *t == self.text
                    && *s == self.status
                    && *o == self.outlet
                    && *a == self.all
                    && *c == self.code
                    && *v == session.version
                    && *n == documents
            })
        {
            return;
        }
        let key = (
            self.text.clone(),
            self.status,
            self.outlet.clone(),
            self.all,
            self.code.clone(),
            session.version,
            documents,
        );
        let mine_only = self.mine_only(session);
        let needle = self.text.to_lowercase();
        self.shown = session
            .corpus
            .documents
            .iter()
            .enumerate()
            .filter(|(i, d)| {
                if mine_only && !session.is_mine(*i) {
                    return false;
                }
                let entry = session.project.documents.get(&d.path);
                if let Some((variable, value)) = &self.code
                    && !entry
                        .and_then(|e| e.codes.get(variable))
                        .is_some_and(|c| c.says(value))
                {
                    return false;
                }
                let status = entry.map_or(DocStatus::Todo, |e| e.status);
                self.status.is_none_or(|s| s == status)
                    && self
                        .outlet
                        .as_ref()
                        .is_none_or(|o| &session.outlet_of(&d.path) == o)
                    && (needle.is_empty()
                        || d.title.to_lowercase().contains(&needle)
                        || d.path.to_lowercase().contains(&needle))
            })
            .map(|(i, _)| i)
            .collect();
        self.computed_for = Some(key);
    }
}

/// The filter controls: text, status and outlet.
fn filter_ui(ui: &mut Ui, session: &Session, filter: &mut DocumentFilter) {
    let field = ui.add(
        egui::TextEdit::singleline(&mut filter.text)
            .hint_text("filter by title or path")
            .desired_width(f32::INFINITY),
    );
    field.widget_info(|| WidgetInfo::labeled(Role::SearchInput, true, "Filter documents"));
    if session.has_assignment() {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut filter.all, false, "Mine")
                .on_hover_text("The documents the team assigned to you");
            ui.selectable_value(&mut filter.all, true, "All")
                .on_hover_text("Every document of the corpus");
        });
    }
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt("status-filter")
            .selected_text(filter.status.map_or("any status", DocStatus::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.status, None, "any status");
                for s in DocStatus::ALL {
                    ui.selectable_value(&mut filter.status, Some(s), s.label());
                }
            })
            .response
            .widget_info(|| WidgetInfo::labeled(Role::ComboBox, true, "Status filter"));
        egui::ComboBox::from_id_salt("outlet-filter")
            .selected_text(filter.outlet.as_deref().unwrap_or("any outlet"))
            .show_ui(ui, |ui| {
                // Only while the list is open: it reads every document.
                let outlets: BTreeSet<String> = session
                    .corpus
                    .documents
                    .iter()
                    .map(|d| session.outlet_of(&d.path))
                    .filter(|o| !o.is_empty())
                    .collect();
                ui.selectable_value(&mut filter.outlet, None, "any outlet");
                for o in &outlets {
                    ui.selectable_value(&mut filter.outlet, Some(o.clone()), o);
                }
            })
            .response
            .widget_info(|| WidgetInfo::labeled(Role::ComboBox, true, "Outlet filter"));
    });
    codebook_filter_ui(ui, session, filter);
}

/// Draws the filter and the list (virtualised: only visible rows are laid out).
pub fn document_list_ui(
    ui: &mut Ui,
    session: &Session,
    filter: &mut DocumentFilter,
    out: &mut Vec<Command>,
) {
    ui.heading("Documents");
    let (done, progress, total) = if session.has_assignment() {
        let (done, progress, total) = session.mine_progress();
        ui.label(format!(
            "Mine: {}, {done} done",
            crate::ui::plural(total, "document")
        ));
        (done, progress, total)
    } else {
        let total = session.corpus.documents.len();
        ui.label(format!(
            "{}, {done} done",
            crate::ui::plural(total, "document"),
            done = session.done_count
        ));
        (session.done_count, session.in_progress_count, total)
    };
    team_notes_ui(ui, session, out);
    #[allow(clippy::cast_precision_loss)]
    let fraction = done as f32 / total.max(1) as f32;
    ui.add(egui::ProgressBar::new(fraction).desired_height(6.0))
        .on_hover_text(format!(
            "{done} done · {progress} in progress · {} todo",
            total.saturating_sub(done + progress)
        ));
    filter_ui(ui, session, filter);
    filter.refresh(session);
    if filter.is_active() {
        ui.horizontal(|ui| {
            ui.label(format!("{} shown", filter.shown.len()));
            if ui.small_button("Clear filter").clicked() {
                filter.text.clear();
                filter.status = None;
                filter.outlet = None;
                filter.code = None;
            }
        });
        if filter.shown.is_empty() {
            ui.weak("No document matches; clear the filter to see them all.");
        }
    }
    ui.separator();
    let body = ui.text_style_height(&TextStyle::Body);
    let row_height = body * 2.0 + 10.0;
    egui::ScrollArea::vertical()
        .id_salt("documents")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, filter.shown.len(), |ui, rows| {
            for &i in &filter.shown[rows] {
                let doc = &session.corpus.documents[i];
                let entry = session.project.documents.get(&doc.path);
                let status = entry.map_or(DocStatus::Todo, |e| e.status);
                let count = entry.map_or(0, |e| e.mentions.len());
                let changed = session.is_read_only(&doc.path);
                let selected = i == session.current;
                let (rect, response) = ui.allocate_exact_size(
                    Vec2::new(ui.available_width(), row_height),
                    Sense::click(),
                );
                let title = if doc.title.is_empty() {
                    doc.path.clone()
                } else {
                    doc.title.clone()
                };
                response.widget_info(|| {
                    WidgetInfo::selected(Role::ListBoxOption, true, selected, &title)
                });
                let visuals = ui.style().interact_selectable(&response, selected);
                if selected || response.hovered() {
                    ui.painter().rect_filled(rect, 3.0, visuals.weak_bg_fill);
                }
                let icon = match status {
                    DocStatus::Todo => "○",
                    DocStatus::InProgress => "◑",
                    DocStatus::Done => "✔",
                };
                let mut job = LayoutJob::simple_singleline(
                    format!("{icon} {title}"),
                    FontId::proportional(body),
                    visuals.text_color(),
                );
                job.wrap = TextWrapping::truncate_at_width(rect.width() - 8.0);
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                ui.painter().galley(
                    rect.left_top() + Vec2::new(4.0, 4.0),
                    galley,
                    visuals.text_color(),
                );
                let stances = entry.map_or(0, |e| e.stances.len());
                // Short enough for the list's width: no "0 stances"; the
                // hover holds the whole line.
                let mut second = format!(
                    "{} · {count} mention{}",
                    doc.date.as_deref().unwrap_or("no date"),
                    if count == 1 { "" } else { "s" },
                );
                if stances > 0 {
                    second.push_str(&format!(
                        " · {stances} stance{}",
                        if stances == 1 { "" } else { "s" }
                    ));
                }
                for name in &filter.columns {
                    if let Some(v) = session
                        .project
                        .schema
                        .variables
                        .iter()
                        .find(|v| &v.name == name)
                    {
                        let code = entry.and_then(|e| e.codes.get(name));
                        second.push_str(&format!(
                            " · {name}: {}",
                            super::codebook_form::value_text(v, code)
                        ));
                    }
                }
                let waiting = session.suggestion_count(i);
                if waiting > 0 {
                    second.push_str(&format!(" · {waiting} suggested"));
                }
                if changed {
                    second.push_str(" · ⚠ text changed");
                }
                // Hidden from annotators, as content analysis requires; the
                // lead switches it on in the team dashboard.
                if let Some(t) = session.team.as_ref().filter(|t| t.show_overlap)
                    && t.team.is_overlap(&doc.path)
                {
                    second.push_str(" · double-coded");
                }
                let whole_line = second.clone();
                let color = if changed {
                    ui.visuals().warn_fg_color
                } else {
                    ui.visuals().weak_text_color()
                };
                // Cut with "…" at the row's edge (the hover holds it all),
                // never painted over the panel's border.
                let mut job = egui::text::LayoutJob::single_section(
                    second,
                    egui::TextFormat {
                        font_id: FontId::proportional(body * 0.85),
                        color,
                        ..Default::default()
                    },
                );
                job.wrap = egui::text::TextWrapping::truncate_at_width(rect.width() - 24.0);
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                ui.painter()
                    .galley(rect.left_top() + Vec2::new(20.0, body + 6.0), galley, color);
                if response.clicked() {
                    out.push(Command::ShowDocument(i));
                }
                let note = entry
                    .filter(|e| !e.note.is_empty())
                    .map(|e| format!("\n📝 {}", e.note))
                    .unwrap_or_default();
                response.on_hover_text(format!(
                    "{} · {} · {whole_line}{note}",
                    doc.path,
                    status.label()
                ));
            }
        });
}

/// Under the heading, for a team: the guidelines, and a flag when the
/// project's schema is not the team's, with the button that takes it.
fn team_notes_ui(ui: &mut Ui, session: &Session, out: &mut Vec<Command>) {
    let Some(team) = &session.team else { return };
    if let Some(g) = &team.team.guidelines {
        if g.starts_with("http://") || g.starts_with("https://") {
            ui.hyperlink_to("Guidelines", g).on_hover_text(g);
        } else {
            ui.label(format!("Guidelines: {g}"));
        }
    }
    if session.schema_differs() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "⚠ Your schema differs from the team's",
        )
        .on_hover_text(format!("The team's schema is in {}", team.path.display()));
        if ui
            .small_button("Use the team schema")
            .on_hover_text("Replace this project's schema with the team's (one undo step)")
            .clicked()
        {
            out.push(Command::PullTeamSchema);
        }
    }
}

/// The codebook's part of the filter: a variable and value to filter by,
/// and the variables shown in each row.
fn codebook_filter_ui(ui: &mut Ui, session: &Session, filter: &mut DocumentFilter) {
    let vars = &session.project.schema.variables;
    if vars.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        let shown = filter
            .code
            .as_ref()
            .map_or_else(|| "any code".to_owned(), |(v, x)| format!("{v} = {x}"));
        egui::ComboBox::from_id_salt("code-filter")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.code, None, "any code");
                for v in vars {
                    for value in crate::model::codebook::value_names(v) {
                        let label = format!("{} = {value}", v.name);
                        ui.selectable_value(&mut filter.code, Some((v.name.clone(), value)), label);
                    }
                }
            })
            .response
            .widget_info(|| WidgetInfo::labeled(Role::ComboBox, true, "Codebook filter"));
        ui.menu_button("Columns", |ui| {
            for v in vars {
                let mut on = filter.columns.contains(&v.name);
                if ui.checkbox(&mut on, &v.name).changed() {
                    if on {
                        filter.columns.push(v.name.clone());
                    } else {
                        filter.columns.retain(|c| c != &v.name);
                    }
                }
            }
        })
        .response
        .on_hover_text("Codebook variables to show in each row");
    });
}
