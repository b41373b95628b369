//! Relations drawn as arcs over the text, brat-style: from the top of the
//! source mention (above its type chip) to the top of the target, with an
//! arrowhead for a directed type and the type's name on the arc's flat top.
//!
//! * Shorter arcs sit lower; an arc over a stretch of its line that already
//!   has one rises a level, as far as the room above the line allows (an
//!   arc never reaches up into the line above).
//! * A relation between two lines is drawn as two halves, brat's way: from
//!   the source along its own line to the column's edge, and from the
//!   opposite edge along the target's line into the target, so no arc
//!   crosses the words between them.
//! * A name is never drawn over a type chip, another name or an arrowhead;
//!   arrowheads are painted last, so every arc shows where it ends.
//!
//! A relation being made by keyboard is drawn dashed. Only relations with
//! both ends drawn this frame are painted; the side panel lists all of
//! them.

use egui::epaint::CubicBezierShape;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2};

use super::ArticleInput;
use super::ArticleView;
use super::paint::rgb;
use crate::model::{CharSpan, MentionId};

/// Lowest arc's height above its ends, and the rise of each level: the
/// lowest leaves room under a name for the arrowhead.
const BASE_HEIGHT: f32 = 12.0;
const LEVEL_STEP: f32 = 7.0;
/// Size of the type names on arcs.
const LABEL_FONT_SIZE: f32 = 9.0;
/// Height of an arrowhead.
const HEAD: f32 = 6.0;

/// Where an arc meets a mention: the point above it, and the top of the
/// room its line has above its words (an arc stays below it).
#[derive(Clone, Copy)]
struct End {
    at: Pos2,
    ceiling: f32,
}

/// One arc, or one half of a relation between two lines, to draw.
struct Segment {
    from: Pos2,
    to: Pos2,
    /// The arc starts (ends) at the column's edge, level with its top.
    open_start: bool,
    open_end: bool,
    ceiling: f32,
    color: Color32,
    /// An arrowhead at `to`.
    head: bool,
    label: Option<String>,
    hover: String,
    dashed: bool,
    strong: bool,
}

impl Segment {
    fn span(&self) -> (f32, f32) {
        (self.from.x.min(self.to.x), self.from.x.max(self.to.x))
    }

    /// The line it is drawn over (the y of its ends).
    fn row(&self) -> f32 {
        if self.open_start {
            self.to.y
        } else {
            self.from.y
        }
    }
}

/// One relation's style and texts, shared by its halves.
struct Style {
    color: Color32,
    directed: bool,
    label: String,
    hover: String,
    dashed: bool,
    strong: bool,
}

impl ArticleView {
    /// The text box of the first drawn line of `span` and the highest an
    /// arc over it may rise (the bottom of the words of the line above),
    /// if drawn this frame.
    fn first_line(&self, span: CharSpan) -> Option<(Rect, f32)> {
        let vp = self
            .visible
            .iter()
            .find(|v| v.chars.start <= span.start && span.start < v.chars.end)?;
        let a = span.start - vp.chars.start;
        let b = span.end.min(vp.chars.end) - vp.chars.start;
        let (r, _) = vp.layout.start_box(vp.pos, a, b)?;
        // A row is its words and the room above them up to the words of
        // the row before (rows are as tall as the line height).
        let pitch = vp
            .layout
            .line_height_at(r.center().y - vp.pos.y)
            .unwrap_or(r.height());
        Some((r, r.top() - (pitch - r.height()).max(0.0)))
    }

    /// The left and right edges of the text column drawn this frame.
    fn column_edges(&self) -> Option<(f32, f32)> {
        let left = self
            .visible
            .iter()
            .map(|v| v.pos.x)
            .fold(f32::MAX, f32::min);
        let right = self
            .visible
            .iter()
            .map(|v| v.pos.x + v.layout.right())
            .fold(f32::MIN, f32::max);
        (left < right).then_some((left - 4.0, right + 4.0))
    }

    /// Paints the shown document's relations (and the one being made);
    /// returns the arcs' boxes and their names' boxes.
    pub(super) fn paint_relations(
        &self,
        ui: &Ui,
        input: &ArticleInput<'_>,
    ) -> (Vec<Rect>, Vec<Rect>) {
        let entry = input.annotations;
        let Some((left, right)) = self.column_edges() else {
            return (Vec::new(), Vec::new());
        };
        // An arc starts above its mention's type chip where one is drawn.
        let end = |id: MentionId| {
            let m = entry.mention(id)?;
            let (r, row_top) = self.first_line(m.span)?;
            let top = self
                .chip_rect(id)
                .filter(|c| c.bottom() <= r.top() + 2.0)
                .map_or(r.top(), |c| c.top())
                - 1.0;
            Some(End {
                at: Pos2::new(r.center().x, top),
                ceiling: row_top + 1.0,
            })
        };
        let mut segments: Vec<Segment> = Vec::new();
        let mut relate = |from: End, to: End, style: Style| {
            let half = |from: Pos2, to: Pos2, ceiling, open_start, open_end, head, label| Segment {
                from,
                to,
                open_start,
                open_end,
                ceiling,
                color: style.color,
                head,
                label,
                hover: style.hover.clone(),
                dashed: style.dashed,
                strong: style.strong,
            };
            if (from.at.y - to.at.y).abs() < 4.0 {
                segments.push(half(
                    from.at,
                    to.at,
                    from.ceiling.max(to.ceiling),
                    false,
                    false,
                    style.directed,
                    Some(style.label.clone()),
                ));
                return;
            }
            // Between lines: out of the source's line toward the target,
            // into the target's line from the other side.
            let later = to.at.y > from.at.y;
            let (out_x, in_x) = if later { (right, left) } else { (left, right) };
            segments.push(half(
                from.at,
                Pos2::new(out_x, from.at.y),
                from.ceiling,
                false,
                true,
                false,
                Some(style.label.clone()),
            ));
            segments.push(half(
                Pos2::new(in_x, to.at.y),
                to.at,
                to.ceiling,
                true,
                false,
                style.directed,
                None,
            ));
        };
        for r in &entry.relations {
            let (Some(from), Some(to)) = (end(r.source), end(r.target)) else {
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
            relate(
                from,
                to,
                Style {
                    color: kind.map_or(Color32::GRAY, |k| rgb(k.color)),
                    directed: !kind.is_some_and(|k| k.symmetric),
                    label: r.label.clone(),
                    hover,
                    dashed: false,
                    strong: input.selected.is_some_and(|s| r.uses(s)),
                },
            );
        }
        if let Some((source, Some(target))) = input.relating
            && let (Some(from), Some(to)) = (end(source), end(target))
        {
            relate(
                from,
                to,
                Style {
                    color: ui.visuals().warn_fg_color,
                    directed: true,
                    label: "relate?".to_owned(),
                    hover: "Press a relation type's key, or Esc".to_owned(),
                    dashed: true,
                    strong: true,
                },
            );
        }
        self.paint_segments(ui, segments)
    }

    /// Places the segments (shorter ones lower, each at the lowest level
    /// free over its stretch of its line, never above the line's room),
    /// then paints arcs, names and arrowheads in that order. Returns the
    /// arcs' boxes and the names' boxes.
    fn paint_segments(&self, ui: &Ui, mut segments: Vec<Segment>) -> (Vec<Rect>, Vec<Rect>) {
        let mut boxes = Vec::with_capacity(segments.len());
        let mut names = Vec::new();
        segments.sort_by(|a, b| {
            let width = |s: &Segment| s.span().1 - s.span().0;
            width(a).total_cmp(&width(b))
        });
        let painter = ui.painter();
        // Names may not cover type chips, other names or arrowheads.
        let mut taken: Vec<Rect> = self.chip_rects.iter().map(|(r, _)| *r).collect();
        taken.extend(segments.iter().filter(|s| s.head).map(|s| head_rect(s.to)));
        let mut placed: Vec<(f32, f32, f32, usize)> = Vec::new();
        let mut heads = Vec::new();
        for (n, s) in segments.iter().enumerate() {
            let (lo, hi) = s.span();
            let row = s.row();
            let galley = s.label.as_ref().map(|label| {
                painter.layout_no_wrap(
                    label.clone(),
                    FontId::proportional(LABEL_FONT_SIZE),
                    s.color,
                )
            });
            let label_size = galley
                .as_ref()
                .map_or(Vec2::splat(8.0), |g| g.size() + Vec2::new(4.0, 0.0));
            // The highest level whose name still stays below the ceiling.
            let room = row - s.ceiling - label_size.y / 2.0 - BASE_HEIGHT;
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a handful of levels, floored at zero"
            )]
            let top_level = (room / LEVEL_STEP).floor().max(0.0) as usize;
            let mut level = placed
                .iter()
                .filter(|(l, h, y, _)| (*y - row).abs() < 1.0 && *l <= hi + 4.0 && lo - 4.0 <= *h)
                .map(|(_, _, _, level)| level + 1)
                .max()
                .unwrap_or(0)
                .min(top_level);
            // The name on the flat top: the middle, else a little to either
            // side; else a level higher, while there is room.
            let mut spot = None;
            while galley.is_some() {
                let apex = row - height(level);
                spot = [0.5, 0.35, 0.65, 0.2, 0.8]
                    .into_iter()
                    .map(|t| {
                        let x = lo + (hi - lo) * t;
                        Align2::CENTER_CENTER.anchor_size(Pos2::new(x, apex), label_size)
                    })
                    .find(|r| taken.iter().all(|t| !t.intersects(*r)));
                if spot.is_some() || level >= top_level {
                    break;
                }
                level += 1;
            }
            placed.push((lo, hi, row, level));
            let apex = row - height(level);
            self.paint_arc(ui, s, apex);
            boxes.push(Rect::from_min_max(
                Pos2::new(lo, apex - 1.0),
                Pos2::new(hi, s.from.y.max(s.to.y)),
            ));
            let hover_rect = match (spot, galley) {
                (Some(rect), Some(galley)) => {
                    taken.push(rect);
                    names.push(rect);
                    painter.rect_filled(
                        rect,
                        2.0,
                        ui.visuals().extreme_bg_color.gamma_multiply(0.9),
                    );
                    painter.galley(rect.min + Vec2::new(2.0, 0.0), galley, s.color);
                    rect
                }
                _ => Rect::from_center_size(Pos2::new((lo + hi) / 2.0, apex), Vec2::splat(8.0)),
            };
            let response = ui.interact(
                hover_rect,
                ui.scope_id().with(("relation-arc", n)),
                Sense::hover(),
            );
            response.on_hover_text(&s.hover);
            if s.head {
                heads.push((s.to, s.color));
            }
        }
        for (tip, color) in heads {
            let head = [
                tip,
                tip + Vec2::new(-3.5, -HEAD),
                tip + Vec2::new(3.5, -HEAD),
            ];
            painter.add(Shape::convex_polygon(head.to_vec(), color, Stroke::NONE));
        }
        (boxes, names)
    }

    fn paint_arc(&self, ui: &Ui, s: &Segment, apex: f32) {
        let painter = ui.painter();
        // A relation of a mention to one at the same place still shows.
        let to = if (s.to.x - s.from.x).abs() < 2.0 {
            s.to + Vec2::new(6.0, 0.0)
        } else {
            s.to
        };
        let from = if s.open_start {
            Pos2::new(s.from.x, apex)
        } else {
            s.from
        };
        let to = if s.open_end {
            Pos2::new(to.x, apex)
        } else {
            to
        };
        let control = [from, Pos2::new(from.x, apex), Pos2::new(to.x, apex), to];
        let stroke = Stroke::new(if s.strong { 2.2 } else { 1.3 }, s.color);
        let curve =
            CubicBezierShape::from_points_stroke(control, false, Color32::TRANSPARENT, stroke);
        if s.dashed {
            let points = curve.flatten(Some(0.5));
            painter.extend(Shape::dashed_line(&points, stroke, 4.0, 3.0));
        } else {
            painter.add(curve);
        }
    }
}

/// How far above its ends an arc of `level` rises.
fn height(level: usize) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "a handful of levels")]
    let level = level as f32;
    BASE_HEIGHT + LEVEL_STEP * level
}

/// The box an arrowhead ending at `tip` covers.
fn head_rect(tip: Pos2) -> Rect {
    Rect::from_min_max(
        tip + Vec2::new(-4.5, -HEAD - 1.0),
        tip + Vec2::new(4.5, 1.0),
    )
}
