//! Edit › Find in article (Ctrl+F): a bar over the article that highlights
//! every hit of the typed text (any case) and steps through them with Enter
//! (Shift+Enter goes back), selecting each so a type key can label it.

use egui::{Key, Ui};

use crate::model::search::{SearchQuery, Searcher};
use crate::model::{CharSpan, Document};
use crate::ui::command::Command;

/// Accessible name of the find field.
pub const FIND_LABEL: &str = "Find in article";

/// State of the open find bar.
#[derive(Default)]
pub struct FindBar {
    /// The text looked for.
    pub text: String,
    /// Hits in the shown document, in reading order.
    pub hits: Vec<CharSpan>,
    /// The hit stepped to last, if any.
    pub current: Option<usize>,
    computed_for: Option<(String, String)>,
    focus: bool,
}

impl FindBar {
    /// A bar whose field takes the keyboard.
    #[must_use]
    pub fn new() -> Self {
        Self {
            focus: true,
            ..Self::default()
        }
    }

    /// Puts the keyboard in the field on the next frame.
    pub fn focus(&mut self) {
        self.focus = true;
    }

    /// Finds the hits again when the text or the document changed.
    pub fn refresh(&mut self, doc: &Document) {
        // Compared in place: this runs every frame the bar is open.
        if self
            .computed_for
            .as_ref()
            .is_some_and(|(path, text)| *path == doc.path && *text == self.text)
        {
            return;
        }
        self.computed_for = Some((doc.path.clone(), self.text.clone()));
        self.current = None;
        let query = SearchQuery {
            pattern: self.text.clone(),
            ..SearchQuery::default()
        };
        self.hits = Searcher::new(&query)
            .map(|s| s.hits_in(doc))
            .unwrap_or_default();
    }

    /// The hit after (or, going back, before) the current one, wrapping.
    fn step(&mut self, back: bool) -> Option<CharSpan> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        let next = match (self.current, back) {
            (None, false) => 0,
            (None, true) => n - 1,
            (Some(i), false) => (i + 1) % n,
            (Some(i), true) => (i + n - 1) % n,
        };
        self.current = Some(next);
        self.hits.get(next).copied()
    }
}

/// Draws the bar for document `doc_index`; returns `false` when it is closed.
pub fn find_bar_ui(
    ui: &mut Ui,
    bar: &mut FindBar,
    doc: &Document,
    doc_index: usize,
    out: &mut Vec<Command>,
) -> bool {
    bar.refresh(doc);
    let mut open = true;
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut bar.text)
                .hint_text("find in this article")
                .desired_width(240.0),
        );
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::SearchInput, true, FIND_LABEL));
        if std::mem::take(&mut bar.focus) {
            field.request_focus();
        }
        let (enter, back) = ui.input(|i| (i.key_pressed(Key::Enter), i.modifiers.shift));
        let mut step = None;
        if field.lost_focus() && enter {
            step = Some(back);
            // Keep typing after Enter: the field keeps the keyboard.
            field.request_focus();
        }
        if ui
            .button("Previous")
            .on_hover_text("Previous hit (Shift+Enter)")
            .clicked()
        {
            step = Some(true);
        }
        if ui
            .button("Next")
            .on_hover_text("Next hit (Enter)")
            .clicked()
        {
            step = Some(false);
        }
        // Escape is handled by the app, which closes the bar before the
        // annotation keys see it (so the selected hit stays selected).
        if ui.button("Close").on_hover_text("Close (Escape)").clicked() {
            open = false;
        }
        if let Some(back) = step
            && let Some(span) = bar.step(back)
        {
            out.push(Command::RevealSpan {
                doc: doc_index,
                span,
            });
        }
        let status = match (bar.text.is_empty(), bar.hits.len(), bar.current) {
            (true, _, _) => "type to find".to_owned(),
            (false, 0, _) => "no hits".to_owned(),
            (false, n, None) => format!("{n} hit(s)"),
            (false, n, Some(i)) => format!("{} of {n}", i + 1),
        };
        ui.label(status);
    });
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_wrap_both_ways_and_follow_the_text() {
        let doc = Document::new("a.txt", "🐟 Putin, putin; PUTIN", "UTF-8");
        let mut bar = FindBar::new();
        bar.text = "putin".into();
        bar.refresh(&doc);
        assert_eq!(
            bar.hits,
            [
                CharSpan::new(2, 7),
                CharSpan::new(9, 14),
                CharSpan::new(16, 21)
            ]
        );
        let steps: Vec<usize> = [false, false, false, false, true, true]
            .iter()
            .map(|&back| bar.step(back).map_or(99, |s| s.start))
            .collect();
        assert_eq!(steps, [2, 9, 16, 2, 16, 9]);
        bar.text = "nowhere".into();
        bar.refresh(&doc);
        assert!(bar.hits.is_empty());
        assert_eq!(bar.step(false), None);
    }
}
