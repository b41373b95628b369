//! The side panel: the selected mention, the document's facts, and its mentions.

use egui::{RichText, Ui};

use crate::model::{DocStatus, Edit};
use crate::ui::command::{Command, SideTab};
use crate::ui::session::Session;
use crate::ui::widgets::note_field::{note_commands, note_field_ui};

use super::claims_panel::{ClaimsPanel, claims_panel_ui};
use super::entities_panel::{EntitiesPanel, entities_panel_ui};

/// The panels of the side panel's other tabs.
pub struct SidePanels<'a> {
    /// The entities tab.
    pub entities: &'a mut EntitiesPanel,
    /// The claims tab.
    pub claims: &'a mut ClaimsPanel,
    /// The text direction set for the shown document (true: right to
    /// left), if the user set one.
    pub direction: Option<bool>,
}
use super::mention_details::mention_details_ui;
use super::quotations_panel::quotations_panel_ui;
use super::relations_panel::{relate_picker_ui, relations_list_ui};
use super::stance_details::{stance_details_ui, stance_list_ui};

/// Draft of the outlet field, committed on Enter or when focus leaves.
#[derive(Default)]
pub struct OutletDraft {
    /// Document the draft belongs to.
    pub doc: String,
    /// The text being typed.
    pub text: String,
}

/// Tallest the mention list grows before it scrolls on its own.
const MENTION_LIST_HEIGHT: f32 = 360.0;

/// Draws the side panel: tabs for the document and for the entities.
pub fn side_panel_ui(
    ui: &mut Ui,
    session: &Session,
    tab: SideTab,
    outlet: &mut OutletDraft,
    panels: SidePanels<'_>,
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        for (t, label) in [
            (SideTab::Document, "This document"),
            (SideTab::Entities, "All entities"),
            (SideTab::Claims, "Claims"),
        ] {
            if ui.selectable_label(tab == t, label).clicked() && tab != t {
                out.push(Command::ShowSideTab(t));
            }
        }
    });
    ui.separator();
    match tab {
        // The whole tab scrolls in a short window; the mention list inside
        // keeps its own (virtualised) scrolling.
        SideTab::Document => {
            egui::ScrollArea::vertical()
                .id_salt("document-tab")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    document_tab_ui(ui, session, outlet, panels.direction, out);
                });
        }
        SideTab::Entities => entities_panel_ui(ui, session, panels.entities, out),
        SideTab::Claims => claims_panel_ui(ui, session, panels.claims, out),
    }
}

/// The selected mention, the document's facts and its mentions.
fn document_tab_ui(
    ui: &mut Ui,
    session: &Session,
    outlet: &mut OutletDraft,
    direction: Option<bool>,
    out: &mut Vec<Command>,
) {
    let Some(doc) = session.document() else {
        return;
    };
    let Some(entry) = session.project.documents.get(&doc.path) else {
        return;
    };
    let read_only = session.is_read_only(&doc.path);

    if let Some(stance) = session.selected_stance() {
        ui.heading("Selected stance");
        stance_details_ui(ui, session, stance, out);
        ui.separator();
    }
    ui.heading("Selected mention");
    match session.selected() {
        Some(m) => {
            let last = session
                .last_entity
                .and_then(|e| session.project.entities.get(&e))
                .map(|e| e.name.as_str());
            mention_details_ui(ui, &session.project, &doc.path, m, last, read_only, out);
            relate_picker_ui(ui, session, entry, m, read_only, out);
        }
        None => {
            ui.weak(
                "None. Drag over text, then press a type key (1–9) or pick a type in the popup.",
            );
        }
    }
    ui.separator();

    ui.heading("Document");
    egui::Grid::new("doc-facts").num_columns(2).show(ui, |ui| {
        ui.label("Path");
        ui.label(&doc.path);
        ui.end_row();
        ui.label("Date");
        ui.label(doc.date.as_deref().unwrap_or("—"));
        ui.end_row();
        // Encoding and hash share a row, leaving room for the direction.
        ui.label("Encoding");
        ui.label(format!(
            "{} · hash {}",
            doc.encoding,
            doc.hash.get(..16).unwrap_or(&doc.hash)
        ))
        .on_hover_text(format!("BLAKE3 of the text: {}", doc.hash));
        ui.end_row();
        ui.label("Direction");
        text_direction_ui(ui, direction, out);
        ui.end_row();
        ui.label("Outlet");
        if outlet.doc != doc.path {
            outlet.doc.clone_from(&doc.path);
            outlet.text = entry
                .outlet
                .clone()
                .unwrap_or_else(|| doc.default_outlet.clone());
        }
        let response =
            ui.add(egui::TextEdit::singleline(&mut outlet.text).hint_text("outlet or source"));
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Outlet"));
        if response.lost_focus() {
            let current = entry
                .outlet
                .clone()
                .unwrap_or_else(|| doc.default_outlet.clone());
            if outlet.text != current {
                let value = (outlet.text != doc.default_outlet).then(|| outlet.text.clone());
                out.push(Command::Edit(Edit::SetOutlet {
                    doc: doc.path.clone(),
                    outlet: value,
                }));
            }
        }
        ui.end_row();
        ui.label("Status");
        ui.horizontal(|ui| {
            for status in DocStatus::ALL {
                if ui
                    .selectable_label(entry.status == status, status.label())
                    .clicked()
                    && entry.status != status
                {
                    // Done goes through the same check as D (required
                    // codebook variables).
                    out.push(if status == DocStatus::Done {
                        Command::ToggleDone
                    } else {
                        Command::Edit(Edit::SetStatus {
                            doc: doc.path.clone(),
                            status,
                        })
                    });
                }
            }
        });
        ui.end_row();
    });
    if !read_only
        && let Some(change) = note_field_ui(
            ui,
            egui::Id::unique(("document-note", &doc.path)),
            "Document note",
            &entry.note,
        )
    {
        let edit = |note| Edit::SetDocumentNote {
            doc: doc.path.clone(),
            note,
        };
        note_commands(change, edit, out);
    }
    if read_only {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "⚠ This document's text changed since the project was saved. Its mentions are kept exactly as saved and the document is read-only, so nothing is shifted or lost. See Project › Problems.",
        );
    }
    ui.separator();

    if !entry.orphans.is_empty() {
        orphans_ui(ui, entry, session.selection.is_some() && !read_only, out);
        ui.separator();
    }
    stance_list_ui(ui, session, out);
    ui.separator();
    quotations_panel_ui(ui, session, &doc.path, entry, read_only, out);
    ui.separator();
    relations_list_ui(ui, session, &doc.path, entry, read_only, out);
    ui.separator();
    ui.heading(format!("Mentions ({})", entry.mentions.len()));
    if entry.mentions.is_empty() {
        ui.weak("No mentions yet in this document.");
    }
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("mentions")
        .max_height(MENTION_LIST_HEIGHT)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, entry.mentions.len(), |ui, rows| {
            for m in &entry.mentions[rows] {
                let selected = session.selected_mention == Some(m.id);
                // On a changed document, say which mentions no longer match the text.
                let stale = read_only && !m.matches(doc);
                let mark = if stale { "⚠ " } else { "" };
                let suggestion = if m.suggested { "  (suggestion)" } else { "" };
                let noted = if m.note.is_empty() { "" } else { " 📝" };
                let text = format!("{mark}{:<5} {}{suggestion}{noted}", m.label, m.quote.exact);
                let mut hover = if stale {
                    format!(
                        "{}: the text here changed since this mention was made",
                        m.span
                    )
                } else {
                    m.span.to_string()
                };
                if !m.note.is_empty() {
                    hover.push_str(&format!("\n📝 {}", m.note));
                }
                let row =
                    egui::Button::selectable(selected, RichText::new(text).monospace()).truncate();
                let response = ui.add(row).on_hover_text(hover);
                if response.clicked() {
                    out.push(Command::SelectMention {
                        id: Some(m.id),
                        reveal: true,
                    });
                }
            }
        });
    ui.separator();
    super::suggestions_panel::suggestions_panel_ui(ui, session, out);
    if !session.project.schema.variables.is_empty() {
        ui.separator();
        super::codebook_panel::codebook_panel_ui(
            ui,
            &session.project.schema,
            &doc.path,
            entry,
            read_only,
            out,
        );
    }
}

/// The shown document's orphans (annotations whose text was lost when the
/// document changed), each placeable again at the selection.
fn orphans_ui(
    ui: &mut Ui,
    entry: &crate::model::DocAnnotations,
    can_place: bool,
    out: &mut Vec<Command>,
) {
    use crate::model::OrphanKind;
    egui::CollapsingHeader::new(format!("Orphans ({})", entry.orphans.len()))
        .id_salt("orphans")
        .default_open(true)
        .show(ui, |ui| {
            ui.weak("Lost their place when the text changed. Select where one belongs now, then place it.");
            for (i, orphan) in entry.orphans.iter().enumerate() {
                let what = match &orphan.kind {
                    OrphanKind::Mention(m) => m.label.clone(),
                    OrphanKind::Evidence { .. } => "evidence".to_owned(),
                    OrphanKind::Stance(s) => format!("stance ({})", s.polarity),
                    OrphanKind::Relation(_) => "relation".to_owned(),
                    OrphanKind::Quotation(_) => "quotation".to_owned(),
                };
                // A relation comes back with its mentions, not by itself.
                let can_place = can_place && !matches!(orphan.kind, OrphanKind::Relation(_));
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("{what} “{}”", orphan.old_text()))
                        .on_hover_text(&orphan.reason);
                    let place = ui
                        .add_enabled(can_place, egui::Button::new("Place at selection"))
                        .on_hover_text("Put it back on the selected text (one undo step)")
                        .on_disabled_hover_text("Select the text where it belongs first");
                    place.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            can_place,
                            format!("Place “{}” at selection", orphan.old_text()),
                        )
                    });
                    if place.clicked() {
                        out.push(Command::PlaceOrphan(i));
                    }
                });
            }
        });
}

/// Names of the text direction choices.
const DIRECTIONS: [(Option<bool>, &str); 3] = [
    (None, "Automatic"),
    (Some(false), "Left to right"),
    (Some(true), "Right to left"),
];

/// The document's text direction: automatic (each paragraph's first
/// strong character decides) or set by the user.
fn text_direction_ui(ui: &mut Ui, direction: Option<bool>, out: &mut Vec<Command>) {
    let current = DIRECTIONS
        .iter()
        .find(|(d, _)| *d == direction)
        .map_or("Automatic", |(_, name)| *name);
    let response = egui::ComboBox::from_id_salt("text-direction")
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (d, name) in DIRECTIONS {
                if ui.selectable_label(d == direction, name).clicked() && d != direction {
                    out.push(Command::SetTextDirection(d));
                }
            }
        })
        .response;
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::ComboBox,
            true,
            format!("Text direction: {current}"),
        )
    });
    response.on_hover_text(
        "Automatic: each paragraph reads in the direction of its first letter \
             (Unicode Bidirectional Algorithm). Set one when a document's paragraphs \
             start with a word in another script.",
    );
}
