//! "Annotate all occurrences": candidates as keyword-in-context rows with
//! accept / reject per row, accept all, and keyboard navigation.

use std::collections::HashSet;

use egui::{Context, Key, Modifiers, RichText};

use crate::model::kwic::kwic;
use crate::model::occurrences::MatchOptions;
use crate::model::propagate::{
    Candidate, CandidateAction, PropagationSource, propagation_candidates,
};
use crate::model::{CharSpan, Project};
use crate::ui::command::Command;
use crate::ui::session::Session;

/// State of the open window.
pub struct PropagationWindow {
    /// What is propagated.
    pub source: PropagationSource,
    /// Search the whole corpus (else the shown document).
    pub whole_corpus: bool,
    /// Matching options.
    pub options: MatchOptions,
    /// Places the user rejected (not proposed again while the window is open).
    pub rejected: HashSet<(String, CharSpan)>,
    /// Current candidates.
    pub candidates: Vec<Candidate>,
    /// The highlighted row.
    pub highlighted: usize,
    computed_for: Option<(u64, bool, MatchOptions, usize)>,
}

impl PropagationWindow {
    /// A window for `source`, searching the whole corpus.
    #[must_use]
    pub fn new(source: PropagationSource) -> Self {
        Self {
            source,
            whole_corpus: true,
            options: MatchOptions::default(),
            rejected: HashSet::new(),
            candidates: Vec::new(),
            highlighted: 0,
            computed_for: None,
        }
    }

    /// Recomputes the candidates when the project, the options or the shown
    /// document changed.
    pub fn refresh(&mut self, session: &Session) {
        let key = (
            session.version,
            self.whole_corpus,
            self.options,
            session.current,
        );
        if self.computed_for == Some(key) {
            return;
        }
        self.computed_for = Some(key);
        let scope = if self.whole_corpus {
            None
        } else {
            session.document_path()
        };
        self.candidates = propagation_candidates(
            &session.project,
            &session.corpus.documents,
            &self.source,
            scope,
            self.options,
        )
        .into_iter()
        .filter(|c| !self.rejected.contains(&(c.doc.clone(), c.span)))
        .collect();
        self.highlighted = self
            .highlighted
            .min(self.candidates.len().saturating_sub(1));
    }

    fn reject(&mut self, index: usize) {
        if index < self.candidates.len() {
            let c = self.candidates.remove(index);
            self.rejected.insert((c.doc, c.span));
            self.highlighted = self
                .highlighted
                .min(self.candidates.len().saturating_sub(1));
        }
    }
}

fn describe(project: &Project, source: &PropagationSource) -> String {
    let names = source
        .names
        .iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join(", ");
    match source.entity.and_then(|e| project.entities.get(&e)) {
        Some(e) => format!(
            "Looking for {names}: new {} mentions linked to {}.",
            source.label, e.name
        ),
        None => format!(
            "Looking for {names}: new {} mentions, not linked to an entity.",
            source.label
        ),
    }
}

/// Draws the window; returns false when it should close. Keys (when no text
/// field has focus): Up and Down keys move, Enter or A accepts, R or Delete rejects, Esc closes.
pub fn propagation_window_ui(
    ctx: &Context,
    window: &mut PropagationWindow,
    session: &Session,
    out: &mut Vec<Command>,
) -> bool {
    window.refresh(session);
    let mut open = true;
    if !ctx.egui_wants_keyboard_input() {
        let keys = ctx.input_mut(|i| {
            [
                Key::ArrowDown,
                Key::ArrowUp,
                Key::Enter,
                Key::A,
                Key::R,
                Key::Delete,
                Key::Escape,
            ]
            .map(|k| i.consume_key(Modifiers::NONE, k))
        });
        let [down, up, enter, a, r, delete, escape] = keys;
        if down {
            window.highlighted =
                (window.highlighted + 1).min(window.candidates.len().saturating_sub(1));
        }
        if up {
            window.highlighted = window.highlighted.saturating_sub(1);
        }
        if (enter || a)
            && let Some(c) = window.candidates.get(window.highlighted)
        {
            out.push(Command::AcceptCandidates(vec![c.clone()]));
        }
        if r || delete {
            window.reject(window.highlighted);
        }
        open &= !escape;
    }

    let conflicting = window
        .candidates
        .iter()
        .filter(|c| !c.conflicts.is_empty())
        .count();
    let clean: Vec<Candidate> = window
        .candidates
        .iter()
        .filter(|c| c.conflicts.is_empty())
        .cloned()
        .collect();
    let mut reject = None;
    egui::Window::new("Annotate all occurrences")
        .open(&mut open)
        .default_size([720.0, 480.0])
        .default_pos([300.0, 120.0])
        .show(ctx, |ui| {
            ui.label(describe(&session.project, &window.source));
            ui.horizontal(|ui| {
                ui.radio_value(&mut window.whole_corpus, false, "This document");
                ui.radio_value(&mut window.whole_corpus, true, "Whole corpus");
                ui.separator();
                ui.checkbox(&mut window.options.whole_word, "Whole words");
                ui.checkbox(&mut window.options.case_sensitive, "Match case");
            });
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{} candidate(s); {conflicting} overlap other mentions and are only added if you accept them one by one.",
                    window.candidates.len()
                ));
            });
            let accept_all = ui
                .add_enabled(!clean.is_empty(), egui::Button::new(format!("Accept all ({})", clean.len())))
                .on_hover_text("Accept every candidate that overlaps no other mention, as one undo step");
            if accept_all.clicked() {
                out.push(Command::AcceptCandidates(clean.clone()));
            }
            ui.weak("Up and Down keys move · Enter or A accepts · R or Delete rejects · Esc closes");
            ui.separator();
            if window.candidates.is_empty() {
                ui.weak("Nothing left to annotate: every occurrence found is already a mention of this entity, or was rejected.");
            }
            let row_height = ui.spacing().interact_size.y + 4.0;
            egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(ui, row_height, window.candidates.len(), |ui, rows| {
                for i in rows {
                    let c = &window.candidates[i];
                    let Some(doc) = session.corpus.document(&c.doc) else { continue };
                    let k = kwic(doc, c.span, 40);
                    let highlighted = i == window.highlighted;
                    ui.horizontal(|ui| {
                        let accept_label = if c.conflicts.is_empty() { "✔" } else { "✔ anyway" };
                        let accept = ui.button(accept_label);
                        accept.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{} {} in {} at {}", if c.conflicts.is_empty() { "Accept" } else { "Accept anyway" }, c.text, c.doc, c.span.start)));
                        if accept.clicked() {
                            out.push(Command::AcceptCandidates(vec![c.clone()]));
                        }
                        let no = ui.button("✖").on_hover_text("Leave this place unannotated");
                        no.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Reject {} in {} at {}", c.text, c.doc, c.span.start)));
                        if no.clicked() {
                            reject = Some(i);
                        }
                        let mut line = egui::text::LayoutJob::default();
                        let body = egui::TextStyle::Body.resolve(ui.style());
                        let weak = ui.visuals().weak_text_color();
                        let strong = ui.visuals().strong_text_color();
                        let plain = egui::TextFormat::simple(body.clone(), weak);
                        line.append(&format!("{}  ", short(&c.doc)), 0.0, plain.clone());
                        line.append(&format!("…{}", k.left), 0.0, plain.clone());
                        let mut hit = egui::TextFormat::simple(body, strong);
                        hit.underline = egui::Stroke::new(1.5, strong);
                        line.append(&k.hit, 0.0, hit);
                        line.append(&format!("{}…", k.right), 0.0, plain);
                        let text = ui.selectable_label(highlighted, line);
                        if text.clicked() {
                            window.highlighted = i;
                        }
                        if let CandidateAction::LinkExisting(_) = c.action {
                            ui.label(RichText::new("links an existing mention").italics());
                        }
                        if !c.conflicts.is_empty() {
                            ui.colored_label(ui.visuals().warn_fg_color, "⚠ overlaps a mention");
                        }
                    });
                }
            });
        });
    if let Some(i) = reject {
        window.reject(i);
    }
    open
}

fn short(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

impl crate::ui::windows::AppWindow for PropagationWindow {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Propagation
    }

    fn takes_keys(&self) -> bool {
        true
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
        propagation_window_ui(ctx, self, session, out)
    }
}
