//! Work on every core, with results in input order.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads to use for `items` pieces of work: every core, never
/// more threads than pieces.
#[must_use]
pub fn workers_for(items: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(items.max(1))
}

/// `f` applied to every item, on every core; the results come back in the
/// order of `items`, as a sequential map would give them. Workers take
/// chunks of items in turn, so uneven items even out.
pub fn map_ordered<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let workers = workers_for(items.len());
    if workers <= 1 {
        return items.iter().map(&f).collect();
    }
    let chunk = (items.len() / (workers * 16)).max(1);
    let next = AtomicUsize::new(0);
    let finished: Mutex<Vec<(usize, Vec<R>)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let start = next.fetch_add(chunk, Ordering::Relaxed);
                    if start >= items.len() {
                        break;
                    }
                    let end = (start + chunk).min(items.len());
                    let part: Vec<R> = items[start..end].iter().map(&f).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order() {
        for n in [0, 1, 2, 31, 1_000] {
            let items: Vec<u64> = (0..n).collect();
            let squares = map_ordered(&items, |x| x * x);
            assert_eq!(squares, items.iter().map(|x| x * x).collect::<Vec<_>>());
        }
    }
}
