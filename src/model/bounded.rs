//! A list that keeps its first items and only counts the rest, so reporting
//! the problems of a hostile file (millions of them) takes bounded memory.

/// Problems kept in full by default; the rest are counted.
pub const KEPT_PROBLEMS: usize = 20;

/// The first `limit` items pushed, and how many more there were.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bounded<T> {
    kept: Vec<T>,
    more: usize,
    limit: usize,
}

impl<T> Bounded<T> {
    /// An empty list keeping up to `limit` items.
    #[must_use]
    pub fn new(limit: usize) -> Self {
        Self {
            kept: Vec::new(),
            more: 0,
            limit,
        }
    }

    /// Adds an item (kept while there is room, else counted).
    pub fn push(&mut self, item: T) {
        if self.kept.len() < self.limit {
            self.kept.push(item);
        } else {
            self.more += 1;
        }
    }

    /// The items kept, in the order pushed.
    #[must_use]
    pub fn kept(&self) -> &[T] {
        &self.kept
    }

    /// How many items were pushed beyond those kept.
    #[must_use]
    pub fn more(&self) -> usize {
        self.more
    }

    /// How many items were pushed in all.
    #[must_use]
    pub fn total(&self) -> usize {
        self.kept.len() + self.more
    }

    /// True when nothing was pushed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The kept items and the count of the others.
    #[must_use]
    pub fn into_parts(self) -> (Vec<T>, usize) {
        (self.kept, self.more)
    }
}

impl<T> Extend<T> for Bounded<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, items: I) {
        for item in items {
            self.push(item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_and_counts_the_rest() {
        let mut list = Bounded::new(3);
        list.extend(0..1_000_000);
        assert_eq!(list.kept(), [0, 1, 2]);
        assert_eq!(list.more(), 999_997);
        assert_eq!(list.total(), 1_000_000);
        assert!(Bounded::<u8>::new(3).is_empty());
    }
}
