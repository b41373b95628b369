//! Rendering documents on every core: each document is rendered on its own
//! (with its own report), and the results are put back in document order,
//! so the output is the same as a one-by-one render.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{ExportDoc, ExportReport};
use crate::io::corpus::Progress;

/// `render` applied to every document of `docs`, in order, on all cores.
/// The per-document reports are merged into `report` in document order, and
/// `progress` hears of each document done.
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
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(docs.len().max(1));
    let mut results: Vec<(T, ExportReport)> = if workers <= 1 {
        docs.iter()
            .enumerate()
            // Cancelled: stop; the export then writes nothing.
            .take_while(|_| !progress.cancelled())
            .map(|(i, d)| {
                let mut part = ExportReport::default();
                let out = render(d, &mut part);
                progress.report(i + 1, docs.len());
                (out, part)
            })
            .collect()
    } else {
        render_in_parallel(docs, workers, progress, &render)
    };
    let mut out = Vec::with_capacity(results.len());
    for (value, part) in results.drain(..) {
        merge(report, part);
        out.push(value);
    }
    out
}

/// A chunk of rendered documents: where it starts, and each document's
/// output and report.
type Chunk<T> = (usize, Vec<(T, ExportReport)>);

/// Workers take chunks of documents in turn; the chunks are sorted back.
fn render_in_parallel<'a, T, F>(
    docs: &[ExportDoc<'a>],
    workers: usize,
    progress: &dyn Progress,
    render: &F,
) -> Vec<(T, ExportReport)>
where
    T: Send,
    F: Fn(&ExportDoc<'a>, &mut ExportReport) -> T + Sync,
{
    let chunk = (docs.len() / (workers * 16)).max(1);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let finished: Mutex<Vec<Chunk<T>>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let start = next.fetch_add(chunk, Ordering::Relaxed);
                    if start >= docs.len() || progress.cancelled() {
                        break;
                    }
                    let end = (start + chunk).min(docs.len());
                    let part: Vec<(T, ExportReport)> = docs[start..end]
                        .iter()
                        .map(|d| {
                            let mut report = ExportReport::default();
                            let out = render(d, &mut report);
                            (out, report)
                        })
                        .collect();
                    let total = done.fetch_add(end - start, Ordering::Relaxed) + end - start;
                    progress.report(total, docs.len());
                    if let Ok(mut list) = finished.lock() {
                        list.push((start, part));
                    }
                }
            });
        }
    });
    let mut chunks = finished.into_inner().unwrap_or_else(|e| e.into_inner());
    chunks.sort_by_key(|(start, _)| *start);
    chunks.into_iter().flat_map(|(_, part)| part).collect()
}

/// Adds `part` to `report`.
fn merge(report: &mut ExportReport, part: ExportReport) {
    report.documents += part.documents;
    report.mentions += part.mentions;
    report.stances += part.stances;
    report.left_out.extend(part.left_out);
    report.notes.extend(part.notes);
}
