//! Rendering documents on every core: each document is rendered on its own
//! (with its own report), and the results are put back in document order,
//! so the output is the same as a one-by-one render.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::{ExportDoc, ExportReport};
use crate::io::corpus::Progress;
use crate::io::parallel::map_ordered;

/// `render` applied to every document of `docs`, in order, on all cores
/// ([`map_ordered`]). The per-document reports are merged into `report` in
/// document order, and `progress` hears of each document done. Once
/// `progress` is cancelled no further document is rendered, and what comes
/// back stops before the first one left out (the export then writes
/// nothing).
pub(crate) fn render_each<'a, T, F>(
    docs: &[ExportDoc<'a>],
    report: &mut ExportReport,
    progress: &dyn Progress,
    render: F,
) -> Vec<T>
where
    T: Send,
    F: Fn(&ExportDoc<'a>, &mut ExportReport) -> T + Sync,
{
    let done = AtomicUsize::new(0);
    let results = map_ordered(docs, |d| {
        if progress.cancelled() {
            return None;
        }
        let mut part = ExportReport::default();
        let out = render(d, &mut part);
        progress.report(done.fetch_add(1, Ordering::Relaxed) + 1, docs.len());
        Some((out, part))
    });
    let mut out = Vec::with_capacity(results.len());
    for (value, part) in results.into_iter().map_while(|r| r) {
        merge(report, part);
        out.push(value);
    }
    out
}

/// Adds `part` to `report`.
fn merge(report: &mut ExportReport, part: ExportReport) {
    report.documents += part.documents;
    report.mentions += part.mentions;
    report.stances += part.stances;
    report.left_out.extend(part.left_out);
    report.notes.extend(part.notes);
}
