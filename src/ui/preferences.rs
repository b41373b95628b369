//! What the app remembers between sessions (through eframe's storage):
//! recent projects, whether type chips are drawn, whether the welcome was
//! seen, the text direction set for a document. Window size, zoom and theme are kept by eframe and egui themselves.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Storage key of the preferences (RON).
const KEY: &str = "preferences";

/// Most recent projects remembered.
pub const MAX_RECENT: usize = 8;

/// Remembered settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Project files opened or saved, most recent first.
    pub recent: Vec<PathBuf>,
    /// Draw each mention's type name in a chip above it.
    pub type_labels: bool,
    /// The welcome window was closed once.
    pub welcomed: bool,
    /// The saves last chosen for review.
    pub review_saves: Vec<PathBuf>,
    /// The gold project last chosen for review.
    pub review_gold: Option<PathBuf>,
    /// The lead marks double-coded documents in the list.
    pub show_overlap: bool,
    /// Learned suggestions are switched off.
    pub suggestions_off: bool,
    /// The suggestion threshold last set.
    pub suggestion_threshold: Option<f64>,
    /// Text directions the user set, by document hash (true: right to
    /// left); a document not listed takes each paragraph's direction from
    /// its first strong character.
    pub directions: std::collections::BTreeMap<String, bool>,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            type_labels: true,
            welcomed: false,
            review_saves: Vec::new(),
            review_gold: None,
            show_overlap: false,
            suggestions_off: false,
            suggestion_threshold: None,
            directions: std::collections::BTreeMap::new(),
        }
    }
}

impl Preferences {
    /// The stored preferences; defaults when there are none or they do not
    /// parse (preferences are never worth refusing to start over).
    #[must_use]
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| s.get_string(KEY))
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Stores them.
    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        if let Ok(text) = ron::to_string(self) {
            storage.set_string(KEY, text);
        }
    }

    /// Puts `path` first in the recent projects (once), keeping at most
    /// [`MAX_RECENT`]. Returns whether anything changed.
    pub fn remember(&mut self, path: &Path) -> bool {
        if self.recent.first().is_some_and(|p| p == path) {
            return false;
        }
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
        true
    }

    /// The most recent project that still exists.
    #[must_use]
    pub fn last_project(&self) -> Option<&Path> {
        self.recent
            .iter()
            .map(PathBuf::as_path)
            .find(|p| p.is_file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_projects_move_to_the_front_without_duplicates() {
        let mut p = Preferences::default();
        for name in ["a", "b", "c", "b"] {
            p.remember(Path::new(name));
        }
        assert_eq!(p.recent, [PathBuf::from("b"), "c".into(), "a".into()]);
        assert!(!p.remember(Path::new("b")));
        for i in 0..20 {
            p.remember(Path::new(&format!("f{i}")));
        }
        assert_eq!(p.recent.len(), MAX_RECENT);
        assert_eq!(p.recent[0], PathBuf::from("f19"));
    }

    #[test]
    fn unreadable_preferences_give_the_defaults() {
        struct Bad;
        impl eframe::Storage for Bad {
            fn get_string(&self, _key: &str) -> Option<String> {
                Some("(recent: 12, garbage".to_owned())
            }
            fn set_string(&mut self, _key: &str, _value: String) {}
            fn remove_string(&mut self, _key: &str) {}
            fn flush(&mut self) {}
        }
        assert_eq!(Preferences::load(Some(&Bad)), Preferences::default());
        let text = ron::to_string(&Preferences::default()).expect("ron");
        let back: Preferences = ron::from_str(&text).expect("parse");
        assert_eq!(back, Preferences::default());
    }
}
