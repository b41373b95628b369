//! The entity picker: type a few letters, move with the arrow keys, Enter.

use egui::{Context, Key, Modifiers, RichText};

use crate::model::{EntityId, Project};
use crate::ui::command::{Command, PickerPurpose};
use crate::ui::fuzzy::rank_entities;

/// Rows shown at most.
const MAX_ROWS: usize = 12;

/// State of an open picker.
pub struct EntityPicker {
    /// What picking does.
    pub purpose: PickerPurpose,
    /// The search text.
    pub query: String,
    /// The highlighted row.
    pub highlighted: usize,
    /// Text of the mention being linked (names a new entity if no query).
    pub mention_text: String,
    focus_pending: bool,
}

impl EntityPicker {
    /// A picker for `purpose`; `mention_text` names a new entity by default.
    #[must_use]
    pub fn new(purpose: PickerPurpose, mention_text: String) -> Self {
        Self {
            purpose,
            query: String::new(),
            highlighted: 0,
            mention_text,
            focus_pending: true,
        }
    }
}

/// One choice in the list.
enum Choice {
    Existing(EntityId),
    New(String),
}

/// Draws the picker; returns false when it should close.
pub fn entity_picker_ui(
    ctx: &Context,
    picker: &mut EntityPicker,
    project: &Project,
    out: &mut Vec<Command>,
) -> bool {
    let excluded = match picker.purpose {
        PickerPurpose::MergeInto(id) => Some(id),
        PickerPurpose::LinkSelected => None,
    };
    // With nothing typed, the mention's own text ranks the entities, so
    // Enter picks a matching entity or, if none matches, a new one.
    let query = if picker.query.trim().is_empty() {
        picker.mention_text.as_str()
    } else {
        picker.query.as_str()
    };
    let mut choices: Vec<(Choice, String)> = rank_entities(project, query)
        .into_iter()
        .filter(|e| Some(e.id) != excluded)
        .take(MAX_ROWS)
        .map(|e| {
            let kb = e
                .kb_id
                .as_deref()
                .map(|q| format!(" · {q}"))
                .unwrap_or_default();
            (
                Choice::Existing(e.id),
                format!("{}  ({}{kb})", e.name, e.label),
            )
        })
        .collect();
    if picker.purpose == PickerPurpose::LinkSelected {
        let name = if picker.query.trim().is_empty() {
            picker.mention_text.trim()
        } else {
            picker.query.trim()
        };
        if !name.is_empty() {
            choices.push((
                Choice::New(name.to_owned()),
                format!("➕ New entity “{name}”"),
            ));
        }
    }
    picker.highlighted = picker.highlighted.min(choices.len().saturating_sub(1));

    let (down, up, enter, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.consume_key(Modifiers::NONE, Key::Enter),
            i.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    if down {
        picker.highlighted = (picker.highlighted + 1).min(choices.len().saturating_sub(1));
    }
    if up {
        picker.highlighted = picker.highlighted.saturating_sub(1);
    }
    let mut picked = enter.then_some(picker.highlighted);

    let title = match picker.purpose {
        PickerPurpose::LinkSelected => "Link to entity",
        PickerPurpose::MergeInto(_) => "Merge into entity",
    };
    let mut open = !escape;
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
        .show(ctx, |ui| {
            let field = ui.add(
                egui::TextEdit::singleline(&mut picker.query)
                    .hint_text("type a few letters")
                    .desired_width(360.0),
            );
            field.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Find entity")
            });
            if picker.focus_pending {
                field.request_focus();
                picker.focus_pending = false;
            }
            if field.changed() {
                picker.highlighted = 0;
            }
            ui.weak("Up and Down keys move, Enter to choose, Esc to cancel");
            ui.separator();
            if choices.is_empty() {
                ui.weak("No entity matches.");
            }
            for (i, (_, label)) in choices.iter().enumerate() {
                let text = if i == picker.highlighted {
                    RichText::new(label).strong()
                } else {
                    RichText::new(label)
                };
                if ui.selectable_label(i == picker.highlighted, text).clicked() {
                    picked = Some(i);
                }
            }
        });
    if let Some((choice, _)) = picked.and_then(|i| choices.get(i)) {
        out.push(match (choice, picker.purpose) {
            (Choice::Existing(id), PickerPurpose::LinkSelected) => Command::LinkSelected(Some(*id)),
            (Choice::Existing(id), PickerPurpose::MergeInto(absorbed)) => Command::MergeEntities {
                kept: *id,
                absorbed,
            },
            (Choice::New(name), _) => Command::NewEntityFromSelected(Some(name.clone())),
        });
        return false;
    }
    open
}

impl crate::ui::windows::AppWindow for EntityPicker {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::EntityPicker
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
        entity_picker_ui(ctx, self, &session.project, out)
    }
}
