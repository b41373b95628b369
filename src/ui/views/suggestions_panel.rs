//! The Suggestions section of the side panel: the switch and the threshold,
//! how the suggester has done on this project so far (precision: accepted of those
//! decided; recall: of the mentions made by hand, how many it had offered
//! there beforehand), what waits in this document, and why nothing is
//! offered when nothing is.

use egui::Ui;

use crate::ui::command::Command;
use crate::ui::session::Session;

/// "3 of 4 (75 %)".
fn share(part: u64, whole: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let pct = part as f64 * 100.0 / whole as f64;
    format!("{part} of {whole} ({pct:.0} %)")
}

/// Why the shown document has no suggestions.
fn why_none(session: &Session) -> String {
    if !session.suggestions_on {
        return "Suggestions are switched off.".to_owned();
    }
    let (learned, shown) = session.learned_forms();
    if learned == 0 {
        return "Nothing learned yet: every mention you make or accept teaches its words' type (and entity) to every document.".to_owned();
    }
    if shown == 0 {
        return format!(
            "{learned} form(s) learned, none scoring {:.0} % or more: lower the threshold, or annotate more.",
            session.suggester.threshold * 100.0
        );
    }
    format!(
        "{shown} form(s) are suggested, but none stands here as a whole word where no mention or rejection already is."
    )
}

/// Draws the section.
pub fn suggestions_panel_ui(ui: &mut Ui, session: &Session, out: &mut Vec<Command>) {
    egui::CollapsingHeader::new("Suggestions")
        .id_salt("suggestions-panel")
        .default_open(true)
        .show(ui, |ui| {
            let mut on = session.suggestions_on;
            let mut threshold = session.suggester.threshold;
            let switch = ui
                .checkbox(&mut on, "Suggest from what I annotate")
                .on_hover_text("Ghost mentions wherever words you annotated occur again");
            let slider = ui.add(
                egui::Slider::new(&mut threshold, 0.0..=1.0)
                    .text("threshold")
                    .custom_formatter(|v, _| format!("{:.0} %", v * 100.0)),
            );
            slider.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Slider, true, "Suggestion threshold")
            });
            if switch.changed() || slider.changed() {
                out.push(Command::SetSuggestions { on, threshold });
            }
            let t = session.project.suggestion_tally;
            ui.label(if t.accepted + t.rejected == 0 {
                "Precision so far: no suggestion decided yet".to_owned()
            } else {
                format!(
                    "Precision so far: {} accepted",
                    share(t.accepted, t.accepted + t.rejected)
                )
            });
            ui.label(if t.hand_made == 0 {
                "Recall so far: no mention made by hand yet".to_owned()
            } else {
                format!(
                    "Recall so far: {} hand-made mentions had been suggested",
                    share(t.recalled, t.hand_made)
                )
            });
            let here = session.suggestions();
            if here.is_empty() {
                ui.weak(why_none(session));
            } else {
                ui.label(format!(
                    "{} suggestion(s) here: A accepts the next, X rejects it, Shift+A accepts all.",
                    here.len()
                ));
                if ui.button("Accept all here").clicked() {
                    out.push(Command::AcceptAllSuggestions);
                }
            }
        });
}
