//! Writing a large JSON array item by item, each pretty-printed and
//! dropped at once, so an export never holds the whole document as one
//! tree (issue 26). The bytes are exactly what `to_string_pretty` gives
//! for the whole document.

use serde_json::Value;

/// Appends `item` to `piece` as the next element of a pretty-printed array
/// nested `depth` levels deep (`first`: no comma before it).
pub(crate) fn push_item(piece: &mut String, item: &Value, depth: usize, first: bool) {
    piece.push_str(if first { "\n" } else { ",\n" });
    let text = serde_json::to_string_pretty(item).unwrap_or_default();
    for (k, line) in text.lines().enumerate() {
        if k > 0 {
            piece.push('\n');
        }
        for _ in 0..depth {
            piece.push_str("  ");
        }
        piece.push_str(line);
    }
}

/// What closes an array nested `depth - 1` levels deep (its items at
/// `depth`) after `count` items: `]` right after `[` when empty.
pub(crate) fn close_array(depth: usize, count: usize) -> String {
    if count == 0 {
        return "]".to_owned();
    }
    format!("\n{}]", "  ".repeat(depth.saturating_sub(1)))
}
