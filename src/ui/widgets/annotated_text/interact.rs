//! Pointer input on the article: dragging a selection (snapped to words),
//! clicking mentions, stances and quotations, hover details.

use super::*;

impl ArticleView {
    pub(super) fn interact(
        &mut self,
        ui: &Ui,
        response: &Response,
        input: &ArticleInput<'_>,
        out: &mut Vec<Command>,
    ) {
        let alt = ui.input(|i| i.modifiers.alt);
        if self.edge_drag_ui(ui, response, input, alt, out) {
            return;
        }
        if self.chip_drag_ui(ui, response, input, out) {
            return;
        }
        if response.drag_started()
            && let Some(origin) = ui.input(|i| i.pointer.press_origin())
        {
            self.drag_anchor = self.boundary_at(origin);
            self.drag_anchor_char = self.char_under(origin);
        }
        if (response.dragged() || response.drag_stopped())
            && let (Some(anchor), Some(pos)) = (self.drag_anchor, response.interact_pointer_pos())
            && let Some(here) = self.boundary_at(pos)
        {
            let raw = CharSpan::new(anchor, here);
            let span = if response.drag_stopped() && !alt {
                // Every character the drag touched counts, even if only its
                // edge was crossed (each CJK ideograph is a word of its own).
                let touched = [self.drag_anchor_char, self.char_under(pos)]
                    .into_iter()
                    .flatten()
                    .fold(raw, |span, c| {
                        CharSpan::new(span.start.min(c), span.end.max(c + 1))
                    });
                input.doc.snap_to_words(touched)
            } else {
                // Alt: exactly where the pointer is, but whole characters.
                Some(input.doc.widen_to_clusters(raw)).filter(|s| !s.is_empty())
            };
            out.push(Command::Select(span));
            if response.drag_stopped() {
                self.drag_anchor = None;
            }
        }
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            // Every mention (innermost first), then every stance whose
            // evidence and every quotation whose words or cue are under the
            // pointer; each click takes the next one.
            let c = self.char_under(pos);
            let mut hits: Vec<Hit> = c
                .map(|c| mentions_at(input, c))
                .unwrap_or_default()
                .into_iter()
                .map(|m| Hit::Mention(m.id))
                .collect();
            hits.extend(
                c.map(|c| stances_at(input, c))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|s| Hit::Stance(s.id)),
            );
            hits.extend(
                c.map(|c| quotations_at(input, c))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|q| Hit::Quotation(q.id)),
            );
            let current = match (
                input.selected,
                input.selected_stance,
                input.selected_quotation,
            ) {
                (Some(m), _, _) => Some(Hit::Mention(m)),
                (None, Some(s), _) => Some(Hit::Stance(s)),
                (None, None, Some(q)) => Some(Hit::Quotation(q)),
                _ => None,
            };
            let next = match current.and_then(|cur| hits.iter().position(|h| *h == cur)) {
                Some(i) => hits.get(i + 1).or_else(|| hits.first()),
                None => hits.first(),
            };
            out.push(Command::Select(None));
            let (mention, stance, quotation) = match next {
                Some(Hit::Mention(id)) => (Some(*id), None, None),
                Some(Hit::Stance(id)) => (None, Some(*id), None),
                Some(Hit::Quotation(id)) => (None, None, Some(*id)),
                None => (None, None, None),
            };
            // Deselect first, then select, so the side panel shows one thing.
            for command in [
                Command::SelectQuotation {
                    id: quotation,
                    reveal: false,
                },
                Command::SelectStance {
                    id: stance,
                    reveal: false,
                },
                Command::SelectMention {
                    id: mention,
                    reveal: false,
                },
            ] {
                out.push(command);
            }
            // The part clicked is the one Alt+arrows then resize.
            if let (Some(id), Some(c)) = (quotation, c)
                && let Some(part) = input
                    .annotations
                    .quotations
                    .iter()
                    .find(|q| q.id == id)
                    .and_then(|q| q.contents.iter().position(|e| e.span.contains(c)))
            {
                out.push(Command::FocusQuotationPart(part));
            }
        }
        if let Some(pos) = response.hover_pos()
            && let Some(c) = self.char_under(pos)
        {
            self.ghost_hover(response, input, c);
            let hits = mentions_at(input, c);
            let stances = stances_at(input, c);
            let quotations = quotations_at(input, c);
            if !hits.is_empty() || !stances.is_empty() || !quotations.is_empty() {
                response.clone().on_hover_ui_at_pointer(|ui| {
                    for q in &quotations {
                        let speaker = q
                            .speaker
                            .and_then(|m| input.annotations.mention(m))
                            .map_or("unattributed", |m| m.quote.exact.as_str());
                        let cue = q
                            .cue
                            .as_ref()
                            .map(|c| format!(" · cue “{}”", c.quote.exact))
                            .unwrap_or_default();
                        ui.label(format!(
                            "Quotation {}: {speaker} · {}{cue}",
                            q.id,
                            q.kind.label()
                        ));
                    }
                    for s in &stances {
                        ui.label(format!("Stance: {}", (input.stance_label)(s)));
                        if !s.note.is_empty() {
                            ui.label(egui::RichText::new(format!("📝 {}", s.note)).italics());
                        }
                    }
                    for m in hits {
                        let ty = input.schema.entity_type(&m.label);
                        let desc = ty.map_or("unknown type", |t| t.description.as_str());
                        let entity = match m.entity.and_then(|e| input.entities.get(&e)) {
                            Some(e) => {
                                let kb = e
                                    .kb_id
                                    .as_deref()
                                    .map(|q| format!(" ({q})"))
                                    .unwrap_or_default();
                                format!(" · entity: {}{kb}", e.name)
                            }
                            None => " · not linked".to_owned(),
                        };
                        let suggestion = if m.suggested { " · suggestion" } else { "" };
                        ui.label(format!(
                            "{} ({desc}) · “{}” · {}{entity}{suggestion}",
                            m.label, m.quote.exact, m.span
                        ));
                        if !m.note.is_empty() {
                            ui.label(egui::RichText::new(format!("📝 {}", m.note)).italics());
                        }
                    }
                });
            }
        }
    }
}

impl ArticleView {
    /// Dragging from one mention's type chip onto another mention (its chip
    /// or its words) starts a relation between the two: the side panel
    /// then offers the types that fit, and a type key makes it. A dashed
    /// line follows the pointer meanwhile. Returns true while such a drag
    /// takes the pointer.
    fn chip_drag_ui(
        &mut self,
        ui: &Ui,
        response: &Response,
        input: &ArticleInput<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        let chip_at = |pos: Pos2| {
            self.chip_rects
                .iter()
                .rev()
                .find(|(r, _)| r.contains(pos))
                .map(|(_, id)| *id)
        };
        if response.drag_started()
            && let Some(origin) = ui.input(|i| i.pointer.press_origin())
            && !input.stale
        {
            self.chip_drag = chip_at(origin);
        }
        let Some(source) = self.chip_drag else {
            return false;
        };
        let pointer = response.interact_pointer_pos();
        if let (Some(from), Some(to)) = (
            self.chip_rects
                .iter()
                .find(|(_, id)| *id == source)
                .map(|(r, _)| r.center()),
            pointer,
        ) {
            let color = ui.visuals().strong_text_color();
            ui.painter().extend(egui::Shape::dashed_line(
                &[from, to],
                egui::Stroke::new(1.5, color),
                5.0,
                3.0,
            ));
        }
        if response.drag_stopped() {
            self.chip_drag = None;
            let target = pointer.and_then(|pos| {
                chip_at(pos).or_else(|| {
                    self.char_under(pos)
                        .and_then(|c| mentions_at(input, c).first().map(|m| m.id))
                })
            });
            if let Some(target) = target.filter(|t| *t != source) {
                out.push(Command::RelateByDrag { source, target });
            }
        }
        true
    }

    /// Dragging an edge of the selected mention, or of a part of the
    /// selected quotation's words, moves that boundary (snapped to words,
    /// exact with Alt); the pointer shows a resize arrow over an edge. Returns true while such a drag takes the pointer.
    fn edge_drag_ui(
        &mut self,
        ui: &Ui,
        response: &Response,
        input: &ArticleInput<'_>,
        alt: bool,
        out: &mut Vec<Command>,
    ) -> bool {
        use crate::model::caret::Edge;
        // What can be resized: the selected mention, else each part of the
        // selected quotation's words.
        let resizable: Vec<(Resized, CharSpan)> = if input.stale {
            Vec::new()
        } else if let Some(m) = input
            .selected
            .and_then(|id| input.annotations.mentions.iter().find(|m| m.id == id))
        {
            vec![(Resized::Mention(m.id), m.span)]
        } else {
            input
                .selected_quotation
                .and_then(|id| input.annotations.quotations.iter().find(|q| q.id == id))
                .map(|q| {
                    q.contents
                        .iter()
                        .enumerate()
                        .map(|(i, e)| (Resized::QuotationPart(q.id, i), e.span))
                        .collect()
                })
                .unwrap_or_default()
        };
        let edge_at = |pos: Pos2| {
            resizable
                .iter()
                .find_map(|&(what, span)| self.edge_near(span, pos).map(|e| (what, span, e)))
        };
        if let Some(pos) = response.hover_pos()
            && self.edge_drag.is_none()
            && edge_at(pos).is_some()
        {
            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
        }
        if response.drag_started()
            && let Some(origin) = ui.input(|i| i.pointer.press_origin())
            && let Some((what, span, edge)) = edge_at(origin)
        {
            self.edge_drag = Some(EdgeDrag {
                what,
                original: span,
                edge,
                preview: span,
            });
        }
        let Some(mut drag) = self.edge_drag else {
            return false;
        };
        ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
        if let Some(here) = response
            .interact_pointer_pos()
            .and_then(|pos| self.boundary_at(pos))
        {
            let (start, end) = match drag.edge {
                Edge::Start => (here.min(drag.original.end - 1), drag.original.end),
                Edge::End => (drag.original.start, here.max(drag.original.start + 1)),
            };
            drag.preview = input.doc.widen_to_clusters(CharSpan::new(start, end));
            self.edge_drag = Some(drag);
        }
        if response.drag_stopped() {
            self.edge_drag = None;
            // The moved boundary snaps to a word boundary unless Alt is held.
            let snapped = if alt {
                Some(drag.preview)
            } else {
                input
                    .doc
                    .snap_to_words(drag.preview)
                    .map(|s| match drag.edge {
                        Edge::Start => CharSpan::new(s.start, drag.original.end),
                        Edge::End => CharSpan::new(drag.original.start, s.end),
                    })
            };
            if let Some(span) = snapped.filter(|s| !s.is_empty() && *s != drag.original) {
                out.push(match drag.what {
                    Resized::Mention(id) => Command::ResizeMentionTo { id, span },
                    Resized::QuotationPart(id, part) => {
                        Command::ResizeQuotationPart { id, part, span }
                    }
                });
            }
        }
        true
    }
}

/// Stances with evidence at code point `c`, shortest evidence first.
fn stances_at<'a>(input: &ArticleInput<'a>, c: usize) -> Vec<&'a Stance> {
    let mut hits: Vec<(usize, &Stance)> = input
        .annotations
        .stances
        .iter()
        .filter_map(|st| {
            let e = st
                .evidence
                .iter()
                .filter(|e| e.span.contains(c) && (!input.stale || e.matches(input.doc)))
                .min_by_key(|e| e.span.len())?;
            Some((e.span.len(), st))
        })
        .collect();
    hits.sort_by_key(|(len, st)| (*len, st.id));
    hits.into_iter().map(|(_, st)| st).collect()
}

/// Quotations whose words or cue hold code point `c`, shortest first.
fn quotations_at<'a>(input: &ArticleInput<'a>, c: usize) -> Vec<&'a crate::model::Quotation> {
    let mut hits: Vec<(usize, &crate::model::Quotation)> = input
        .annotations
        .quotations
        .iter()
        .filter_map(|q| {
            let e = q
                .spans()
                .filter(|e| e.span.contains(c) && (!input.stale || e.matches(input.doc)))
                .min_by_key(|e| e.span.len())?;
            Some((e.span.len(), q))
        })
        .collect();
    hits.sort_by_key(|(len, q)| (*len, q.id));
    hits.into_iter().map(|(_, q)| q).collect()
}

/// Mentions drawn at code point `c`, innermost (shortest) first.
fn mentions_at<'a>(input: &ArticleInput<'a>, c: usize) -> Vec<&'a Mention> {
    let mut hits: Vec<&Mention> = input
        .annotations
        .mentions
        .iter()
        .filter(|m| m.span.contains(c))
        .filter(|m| !input.stale || m.matches(input.doc))
        .collect();
    hits.sort_by_key(|m| (m.span.len(), m.span.start, m.id));
    hits
}
