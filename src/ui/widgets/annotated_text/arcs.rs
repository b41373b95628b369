//! Relations drawn as arcs over the text, brat-style: from the top of the
//! source mention to the top of the target, with an arrowhead for a
//! directed type and the type's name at the top. Shorter arcs sit lower,
//! and an arc over a stretch that already has one rises a step higher, so
//! several relations in one paragraph do not tangle. A relation being made
//! by keyboard is drawn dashed. Only relations with both ends drawn this
//! frame are painted; the side panel lists all of them.

use egui::epaint::CubicBezierShape;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2};

use super::ArticleInput;
use super::ArticleView;
use super::CHIP_FONT_SIZE;
use super::paint::{rgb, text_boxes};
use crate::model::{CharSpan, MentionId};

/// Lowest arc's height above its mentions, and the rise of each level.
const BASE_HEIGHT: f32 = 9.0;
const LEVEL_STEP: f32 = 6.0;
/// Size of the type names on arcs.
const LABEL_FONT_SIZE: f32 = 9.0;

/// One arc to draw.
struct Arc {
    from: Pos2,
    to: Pos2,
    color: Color32,
    directed: bool,
    label: String,
    hover: String,
    dashed: bool,
    strong: bool,
}

impl ArticleView {
    /// The text box of the first drawn line of `span`, if drawn this frame.
    fn first_rect(&self, span: CharSpan) -> Option<Rect> {
        let vp = self
            .visible
            .iter()
            .find(|v| v.chars.start <= span.start && span.start < v.chars.end)?;
        let a = span.start - vp.chars.start;
        let b = span.end.min(vp.chars.end) - vp.chars.start;
        text_boxes(&vp.galley, vp.pos, a, b).into_iter().next()
    }

    /// Paints the shown document's relations (and the one being made).
    pub(super) fn paint_relations(&self, ui: &Ui, input: &ArticleInput<'_>) {
        let entry = input.annotations;
        // Arcs start above the type chips, when they are drawn.
        let above = if input.type_labels {
            CHIP_FONT_SIZE + 4.0
        } else {
            1.0
        };
        let top = |id: MentionId| {
            let m = entry.mention(id)?;
            let r = self.first_rect(m.span)?;
            Some(Pos2::new(r.center().x, r.top() - above))
        };
        let mut arcs: Vec<Arc> = Vec::new();
        for r in &entry.relations {
            let (Some(from), Some(to)) = (top(r.source), top(r.target)) else {
                continue;
            };
            let kind = input.schema.relation_type(&r.label);
            let text = |id| entry.mention(id).map_or("?", |m| m.quote.exact.as_str());
            let mut hover = format!(
                "{} {}: {} ➡ {}",
                r.id,
                r.label,
                text(r.source),
                text(r.target)
            );
            if let Some(k) = kind.filter(|k| !k.description.is_empty()) {
                hover.push_str(&format!("\n{}", k.description));
            }
            if !r.note.is_empty() {
                hover.push_str(&format!("\n📝 {}", r.note));
            }
            arcs.push(Arc {
                from,
                to,
                color: kind.map_or(Color32::GRAY, |k| rgb(k.color)),
                directed: !kind.is_some_and(|k| k.symmetric),
                label: r.label.clone(),
                hover,
                dashed: false,
                strong: input.selected.is_some_and(|s| r.uses(s)),
            });
        }
        if let Some((source, Some(target))) = input.relating
            && let (Some(from), Some(to)) = (top(source), top(target))
        {
            arcs.push(Arc {
                from,
                to,
                color: ui.visuals().warn_fg_color,
                directed: true,
                label: "relate?".to_owned(),
                hover: "Press a relation type's key, or Esc".to_owned(),
                dashed: true,
                strong: true,
            });
        }
        // Shorter arcs first; each takes the lowest level free over its
        // stretch of its line.
        arcs.sort_by(|a, b| {
            (a.to.x - a.from.x)
                .abs()
                .total_cmp(&(b.to.x - b.from.x).abs())
        });
        let mut placed: Vec<(f32, f32, f32, usize)> = Vec::new();
        let mut labels: Vec<Rect> = Vec::new();
        for (i, arc) in arcs.iter().enumerate() {
            let (lo, hi) = (arc.from.x.min(arc.to.x), arc.from.x.max(arc.to.x));
            let row = arc.from.y.min(arc.to.y);
            let level = placed
                .iter()
                .filter(|(l, h, y, _)| (*y - row).abs() < 1.0 && *l <= hi + 4.0 && lo - 4.0 <= *h)
                .map(|(_, _, _, level)| level + 1)
                .max()
                .unwrap_or(0);
            placed.push((lo, hi, row, level));
            self.paint_arc(ui, arc, level, i, &mut labels);
        }
    }

    fn paint_arc(&self, ui: &Ui, arc: &Arc, level: usize, n: usize, labels: &mut Vec<Rect>) {
        let painter = ui.painter();
        #[expect(clippy::cast_precision_loss, reason = "a handful of levels")]
        let height = BASE_HEIGHT + LEVEL_STEP * level as f32;
        let apex = arc.from.y.min(arc.to.y) - height;
        // A relation of a mention to one at the same place still shows.
        let to = if (arc.to.x - arc.from.x).abs() < 2.0 {
            arc.to + Vec2::new(6.0, 0.0)
        } else {
            arc.to
        };
        let control = [
            arc.from,
            Pos2::new(arc.from.x, apex),
            Pos2::new(to.x, apex),
            to,
        ];
        let stroke = Stroke::new(if arc.strong { 2.2 } else { 1.3 }, arc.color);
        let curve =
            CubicBezierShape::from_points_stroke(control, false, Color32::TRANSPARENT, stroke);
        if arc.dashed {
            let points = curve.flatten(Some(0.5));
            painter.extend(Shape::dashed_line(&points, stroke, 4.0, 3.0));
        } else {
            painter.add(curve);
        }
        if arc.directed {
            let tip = to;
            let head = [tip, tip + Vec2::new(-3.5, -6.0), tip + Vec2::new(3.5, -6.0)];
            painter.add(Shape::convex_polygon(
                head.to_vec(),
                arc.color,
                Stroke::NONE,
            ));
        }
        // The type's name on the arc, where it is highest, or a little to
        // either side when another name is there already; with no room, the
        // arc's top still answers to hovering.
        let galley = painter.layout_no_wrap(
            arc.label.clone(),
            FontId::proportional(LABEL_FONT_SIZE),
            arc.color,
        );
        let size = galley.size() + Vec2::new(4.0, 0.0);
        let point = |t: f32| {
            let u = 1.0 - t;
            let p = control;
            Pos2::new(
                u * u * u * p[0].x
                    + 3.0 * u * u * t * p[1].x
                    + 3.0 * u * t * t * p[2].x
                    + t * t * t * p[3].x,
                u * u * u * p[0].y
                    + 3.0 * u * u * t * p[1].y
                    + 3.0 * u * t * t * p[2].y
                    + t * t * t * p[3].y,
            )
        };
        let spot = [0.5, 0.3, 0.7]
            .into_iter()
            .map(|t| Align2::CENTER_CENTER.anchor_size(point(t), size))
            .find(|r| labels.iter().all(|l| !l.intersects(*r)));
        let hover_rect = match spot {
            Some(rect) => {
                labels.push(rect);
                painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color.gamma_multiply(0.9));
                painter.galley(rect.min + Vec2::new(2.0, 0.0), galley, arc.color);
                rect
            }
            None => Rect::from_center_size(point(0.5), Vec2::splat(8.0)),
        };
        let response = ui.interact(
            hover_rect,
            ui.scope_id().with(("relation-arc", n)),
            Sense::hover(),
        );
        response.on_hover_text(&arc.hover);
    }
}
