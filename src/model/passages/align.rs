//! Two renderings of a passage aligned word by word: the differences to
//! show side by side, and where a span of one lands in the other.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::words;
use crate::model::span::CharSpan;

/// A word of one side of a diff, and whether the other side has it there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordChange {
    /// The word as written.
    pub text: String,
    /// False where the two sides differ.
    pub same: bool,
}

fn ops(a: &[(String, CharSpan)], b: &[(String, CharSpan)]) -> Vec<DiffOp> {
    let left: Vec<&str> = a.iter().map(|(w, _)| w.as_str()).collect();
    let right: Vec<&str> = b.iter().map(|(w, _)| w.as_str()).collect();
    capture_diff_slices(Algorithm::Patience, &left, &right)
}

/// The words of `a` and of `b`, each marked same or changed, for a
/// side-by-side view (case and punctuation are not differences).
#[must_use]
pub fn word_diff(a: &str, b: &str) -> (Vec<WordChange>, Vec<WordChange>) {
    let (wa, wb) = (words(a), words(b));
    let mut left = Vec::with_capacity(wa.len());
    let mut right = Vec::with_capacity(wb.len());
    let as_text = |text: &str, s: CharSpan| {
        crate::model::span::slice(text, s)
            .unwrap_or_default()
            .to_owned()
    };
    for op in ops(&wa, &wb) {
        let (same, old, new) = match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => (true, old_index..old_index + len, new_index..new_index + len),
            DiffOp::Delete {
                old_index, old_len, ..
            } => (false, old_index..old_index + old_len, 0..0),
            DiffOp::Insert {
                new_index, new_len, ..
            } => (false, 0..0, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                false,
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        left.extend(old.map(|i| WordChange {
            text: as_text(a, wa[i].1),
            same,
        }));
        right.extend(new.map(|i| WordChange {
            text: as_text(b, wb[i].1),
            same,
        }));
    }
    (left, right)
}

/// Where `span` (relative to passage text `a`) lands in passage text `b`:
/// every word of it must be aligned to an equal word of `b`, in order and
/// without gaps; `None` when the words differ there (the place is listed,
/// never guessed).
#[must_use]
pub fn carry_span(a: &str, span: CharSpan, b: &str) -> Option<CharSpan> {
    let (wa, wb) = (words(a), words(b));
    let inside: Vec<usize> = (0..wa.len())
        .filter(|&i| span.start <= wa[i].1.start && wa[i].1.end <= span.end)
        .collect();
    let (&first, &last) = (inside.first()?, inside.last()?);
    let mut map = vec![None; wa.len()];
    for op in ops(&wa, &wb) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                map[old_index + k] = Some(new_index + k);
            }
        }
    }
    let targets: Vec<usize> = inside.iter().map(|&i| map[i]).collect::<Option<_>>()?;
    if targets.windows(2).any(|w| w[1] != w[0] + 1) {
        return None;
    }
    // The span's edges beyond its first and last word (quotes, a full
    // stop) are kept as they were.
    let lead = wa[first].1.start - span.start;
    let trail = span.end - wa[last].1.end;
    let (s, e) = (wb[targets[0]].1.start, wb[*targets.last()?].1.end);
    let start = s.checked_sub(lead)?;
    Some(CharSpan::new(start, e + trail))
}
