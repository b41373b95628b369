//! The quotation form that Q (or **Quote…** in the popup beside a
//! selection) opens: the quoted words, the suggested speaker and cue, the
//! kind and a note. **Enter** accepts; **Tab** steps through the fields;
//! **Up**/**Down** choose the speaker; **D**, **I**, **M** the kind;
//! **C** keeps or drops the suggested cue; **Esc** cancels.

use egui::{Context, Key, Modifiers, RichText, Ui};

use crate::model::{DocAnnotations, Evidence, MentionId, Quotation, QuotationId, QuoteKind};
use crate::ui::command::Command;

/// State of an open quotation form.
pub struct QuotationForm {
    /// The quotation to make (its id is given when it is made).
    pub draft: Quotation,
    /// The speaker choices: the document's PER and ORG mentions, the
    /// suggested one first, then by distance to the words; "unattributed"
    /// last.
    pub speakers: Vec<(Option<MentionId>, String)>,
    /// The highlighted speaker choice.
    pub speaker_row: usize,
    /// The suggested cue (kept in `draft.cue` unless dropped).
    pub suggested_cue: Option<Evidence>,
    focus_pending: bool,
}

impl QuotationForm {
    /// A form for `draft` (its speaker and cue the suggested ones) over the
    /// mentions of `entry`.
    #[must_use]
    pub fn new(draft: Quotation, entry: &DocAnnotations) -> Self {
        let at = draft.contents.first().map_or(0, |e| e.span.start);
        let mut mentions: Vec<_> = entry
            .mentions
            .iter()
            .filter(|m| matches!(m.label.as_str(), "PER" | "ORG"))
            .filter(|m| !draft.contents.iter().any(|c| c.span.overlaps(m.span)))
            .collect();
        mentions.sort_by_key(|m| (Some(m.id) != draft.speaker, m.span.start.abs_diff(at)));
        let mut speakers: Vec<(Option<MentionId>, String)> = mentions
            .into_iter()
            .map(|m| (Some(m.id), format!("{} “{}”", m.label, m.quote.exact)))
            .collect();
        speakers.push((None, "unattributed".to_owned()));
        let speaker_row = speakers
            .iter()
            .position(|(id, _)| *id == draft.speaker)
            .unwrap_or(0);
        Self {
            suggested_cue: draft.cue.clone(),
            draft,
            speakers,
            speaker_row,
            focus_pending: true,
        }
    }
}

/// The keys the form takes when no text field has the keyboard.
fn keys_ui(ctx: &Context, form: &mut QuotationForm) {
    let pressed = |k: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k));
    let rows = form.speakers.len();
    if pressed(Key::ArrowDown) {
        form.speaker_row = (form.speaker_row + 1) % rows;
    }
    if pressed(Key::ArrowUp) {
        form.speaker_row = (form.speaker_row + rows - 1) % rows;
    }
    for (key, kind) in [
        (Key::D, QuoteKind::Direct),
        (Key::I, QuoteKind::Indirect),
        (Key::M, QuoteKind::Mixed),
    ] {
        if pressed(key) {
            form.draft.kind = kind;
        }
    }
    if pressed(Key::C) && form.suggested_cue.is_some() {
        form.draft.cue = match form.draft.cue {
            Some(_) => None,
            None => form.suggested_cue.clone(),
        };
    }
}

fn words_ui(ui: &mut Ui, q: &Quotation) {
    ui.label("Words:");
    for e in &q.contents {
        let text: String = e.quote.exact.chars().take(200).collect();
        ui.add(egui::Label::new(RichText::new(format!("“{text}”")).italics()).wrap());
    }
}

fn speaker_ui(ui: &mut Ui, form: &mut QuotationForm) {
    ui.label("Speaker (Up/Down):");
    for (row, (_, label)) in form.speakers.iter().enumerate() {
        let chosen = row == form.speaker_row;
        let response = ui.selectable_label(chosen, label);
        if chosen && form.focus_pending {
            response.request_focus();
            form.focus_pending = false;
        }
        if response.clicked() {
            form.speaker_row = row;
        }
    }
}

fn kind_and_cue_ui(ui: &mut Ui, form: &mut QuotationForm) {
    ui.horizontal(|ui| {
        ui.label("Kind:");
        for (kind, key) in [
            (QuoteKind::Direct, "D"),
            (QuoteKind::Indirect, "I"),
            (QuoteKind::Mixed, "M"),
        ] {
            ui.selectable_value(&mut form.draft.kind, kind, kind.label())
                .on_hover_text(key);
        }
    });
    ui.horizontal_wrapped(|ui| match &form.suggested_cue {
        Some(cue) => {
            let mut keep = form.draft.cue.is_some();
            let text = format!("Cue “{}” (C)", cue.quote.exact);
            if ui.checkbox(&mut keep, text).changed() {
                form.draft.cue = keep.then(|| cue.clone());
            }
        }
        None => {
            ui.weak("No cue found near the words; set one later from the Quotations list.");
        }
    });
}

/// Draws the form; returns false when it should close.
pub fn quotation_form_ui(ctx: &Context, form: &mut QuotationForm, out: &mut Vec<Command>) -> bool {
    // Only the note takes typed letters; a focused choice does not.
    let note_id = egui::Id::unique("quotation-form-note");
    let typing = ctx.memory(|m| m.has_focus(note_id));
    let (enter, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::Enter),
            i.consume_key(Modifiers::NONE, Key::Escape),
        )
    });
    if !typing {
        keys_ui(ctx, form);
    }
    let mut open = !escape;
    let mut submit = enter;
    let mut cancel = false;
    egui::Window::new("New quotation")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .default_pos([320.0, 90.0])
        .show(ctx, |ui| {
            ui.set_max_width(420.0);
            words_ui(ui, &form.draft);
            ui.separator();
            speaker_ui(ui, form);
            ui.separator();
            kind_and_cue_ui(ui, form);
            let note = ui.add(
                egui::TextEdit::singleline(&mut form.draft.note)
                    .id(note_id)
                    .hint_text("note (optional)")
                    .desired_width(400.0),
            );
            note.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, "New quotation note")
            });
            ui.horizontal(|ui| {
                if ui
                    .button("Create quotation")
                    .on_hover_text("Enter")
                    .clicked()
                {
                    submit = true;
                }
                if ui.button("Cancel").on_hover_text("Esc").clicked() {
                    cancel = true;
                }
            });
        });
    if cancel {
        return false;
    }
    if submit {
        let mut q = form.draft.clone();
        q.speaker = form.speakers.get(form.speaker_row).and_then(|(id, _)| *id);
        q.note = q.note.trim().to_owned();
        q.id = QuotationId(0);
        out.push(Command::CreateQuotation(q));
        return false;
    }
    open
}

impl crate::ui::windows::AppWindow for QuotationForm {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::QuotationForm
    }

    fn takes_keys(&self) -> bool {
        true
    }

    fn show(
        &mut self,
        ctx: &Context,
        _cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        quotation_form_ui(ctx, self, out)
    }
}
