//! The claims panel: the project-wide list of claims, how many stances in the
//! corpus take each position on them, and add / edit / merge / delete.

use std::collections::BTreeMap;

use egui::{Color32, RichText, Ui};

use crate::model::{Claim, ClaimId, Edit};
use crate::ui::command::Command;
use crate::ui::session::Session;

/// State of the panel.
#[derive(Default)]
pub struct ClaimsPanel {
    /// Text of a claim to add.
    pub new_text: String,
    /// The selected claim.
    pub selected: Option<ClaimId>,
    draft: Option<Claim>,
    merge_into: Option<ClaimId>,
}

/// Draws the panel.
pub fn claims_panel_ui(
    ui: &mut Ui,
    session: &Session,
    panel: &mut ClaimsPanel,
    out: &mut Vec<Command>,
) {
    let project = &session.project;
    ui.heading(format!("Claims ({})", project.claims.len()));
    ui.horizontal(|ui| {
        let field = ui.add(
            egui::TextEdit::singleline(&mut panel.new_text)
                .hint_text("a short proposition")
                .desired_width(220.0),
        );
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "New claim"));
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let ready = !panel.new_text.trim().is_empty();
        if (ui
            .add_enabled(ready, egui::Button::new("Add claim"))
            .clicked()
            || enter)
            && ready
        {
            out.push(Command::NewClaim(panel.new_text.trim().to_owned()));
            panel.new_text.clear();
        }
    });
    if project.claims.is_empty() {
        ui.weak("No claims yet. Claims are propositions that stances support or oppose, shared by every article, so outlets can be compared on them.");
    }
    let mut counts: BTreeMap<ClaimId, BTreeMap<&str, usize>> = BTreeMap::new();
    for (_, s) in project.stances() {
        if let crate::model::Target::Claim(c) = s.target {
            *counts
                .entry(c)
                .or_default()
                .entry(s.polarity.as_str())
                .or_default() += 1;
        }
    }
    egui::ScrollArea::vertical()
        .id_salt("claims")
        .max_height(260.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for claim in project.claims.values() {
                let selected = panel.selected == Some(claim.id);
                let response = ui.add(
                    egui::Button::selectable(selected, format!("“{}”", claim.text)).truncate(),
                );
                if response.clicked() {
                    panel.selected = if selected { None } else { Some(claim.id) };
                }
                ui.horizontal_wrapped(|ui| {
                    let c = counts.get(&claim.id);
                    if c.is_none() {
                        ui.weak("no stances yet");
                    }
                    for p in &project.schema.polarities {
                        let n = c.and_then(|c| c.get(p.name.as_str())).copied().unwrap_or(0);
                        if n > 0 {
                            let color = Color32::from_rgb(p.color.0, p.color.1, p.color.2);
                            ui.label(RichText::new(format!("{} {n}", p.name)).color(color));
                        }
                    }
                });
            }
        });
    let Some(claim) = panel.selected.and_then(|id| project.claims.get(&id)) else {
        panel.draft = None;
        return;
    };
    ui.separator();
    if panel.draft.as_ref().is_none_or(|d| d.id != claim.id) {
        panel.draft = Some(claim.clone());
        panel.merge_into = None;
    }
    let Some(draft) = panel.draft.as_mut() else {
        return;
    };
    let text = ui.add(egui::TextEdit::multiline(&mut draft.text).desired_rows(2));
    text.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Claim text"));
    let note = ui.add(
        egui::TextEdit::multiline(&mut draft.note)
            .hint_text("note")
            .desired_rows(1),
    );
    note.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Claim note"));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                draft != claim && !draft.text.trim().is_empty(),
                egui::Button::new("Apply"),
            )
            .clicked()
        {
            out.push(Command::Edit(Edit::UpdateClaim {
                claim: draft.clone(),
            }));
        }
        let used = project.stances_on_claim(claim.id).len();
        let delete = ui
            .add_enabled(used == 0, egui::Button::new("Delete claim"))
            .on_disabled_hover_text(format!(
                "{used} stance(s) target this claim; merge it into another or change them first"
            ));
        if delete.clicked() {
            out.push(Command::Edit(Edit::RemoveClaim { id: claim.id }));
            panel.selected = None;
        }
    });
    ui.horizontal(|ui| {
        let others: Vec<&Claim> = project
            .claims
            .values()
            .filter(|c| c.id != claim.id)
            .collect();
        let chosen = panel
            .merge_into
            .and_then(|id| project.claims.get(&id))
            .map_or("choose a claim", |c| c.text.as_str());
        let combo = egui::ComboBox::from_id_salt("merge-claim")
            .selected_text(chosen)
            .width(160.0)
            .show_ui(ui, |ui| {
                for c in others {
                    ui.selectable_value(&mut panel.merge_into, Some(c.id), &c.text);
                }
            });
        combo.response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Merge into claim")
        });
        if let Some(kept) = panel.merge_into
            && ui
                .button("Merge into it")
                .on_hover_text("Its stances move to the chosen claim; this one is removed")
                .clicked()
        {
            out.push(Command::MergeClaims {
                kept,
                absorbed: claim.id,
            });
            panel.selected = Some(kept);
        }
    });
}
