//! The command palette (Ctrl+Shift+P): type part of an action's name, press
//! Enter to run the best match, or click any. Built from `ui::actions`.

use egui::{Context, Key, RichText};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::ui::actions::{Action, actions, keys_of};
use crate::ui::command::Command;

/// Accessible name of the palette's field.
pub const PALETTE_LABEL: &str = "Command";

/// State of the open palette.
pub struct Palette {
    /// What is typed.
    pub query: String,
    focus: bool,
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            query: String::new(),
            focus: true,
        }
    }
}

/// Actions matching `query`, best first (all, in menu order, when empty).
#[must_use]
pub fn rank_actions(query: &str) -> Vec<Action> {
    let all = actions();
    if query.trim().is_empty() {
        return all.to_vec();
    }
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize, Action)> = all
        .iter()
        .cloned()
        .enumerate()
        .filter_map(|(i, a)| {
            let score = pattern.score(Utf32Str::new(a.name, &mut buf), &mut matcher)?;
            Some((score, i, a))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, a)| a).collect()
}

/// Draws the palette; returns `false` when it closes (an action ran, or
/// Escape).
pub fn palette_ui(ctx: &Context, palette: &mut Palette, out: &mut Vec<Command>) -> bool {
    let mut open = true;
    egui::Window::new("Command palette")
        .collapsible(false)
        .title_bar(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .default_width(420.0)
        .show(ctx, |ui| {
            let field = ui.add(
                egui::TextEdit::singleline(&mut palette.query)
                    .hint_text("type a command")
                    .desired_width(f32::INFINITY),
            );
            field.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::SearchInput, true, PALETTE_LABEL)
            });
            if std::mem::take(&mut palette.focus) {
                field.request_focus();
            }
            let (enter, escape) =
                ui.input(|i| (i.key_pressed(Key::Enter), i.key_pressed(Key::Escape)));
            let ranked = rank_actions(&palette.query);
            if field.lost_focus() && escape {
                open = false;
                return;
            }
            if field.lost_focus() && enter {
                if let Some(best) = ranked.first() {
                    out.push(best.command.clone());
                }
                open = false;
                return;
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    if ranked.is_empty() {
                        ui.weak("No command matches.");
                    }
                    for (i, action) in ranked.iter().enumerate() {
                        let keys = keys_of(ctx, action).unwrap_or_default();
                        let mut button = egui::Button::new(action.name)
                            .shortcut_text(RichText::new(keys).weak());
                        if i == 0 {
                            button = button.selected(true);
                        }
                        if ui.add_sized([ui.available_width(), 0.0], button).clicked() {
                            out.push(action.command.clone());
                            open = false;
                        }
                    }
                });
        });
    open
}

impl crate::ui::windows::AppWindow for Palette {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Palette
    }

    fn show(
        &mut self,
        ctx: &Context,
        _cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        palette_ui(ctx, self, out)
    }
}
