//! The user guide's chapters (`docs/src/`, an mdBook), linked from the
//! README and from the app's help. A test checks that this list, the
//! book's `SUMMARY.md` and the files agree.

/// Each chapter: its title and its file under `docs/src/`.
pub const CHAPTERS: [(&str, &str); 20] = [
    ("Opening a corpus", "opening.md"),
    ("Comfort and accessibility", "comfort.md"),
    ("Annotating", "annotating.md"),
    ("Entities across the corpus", "entities.md"),
    ("Stances", "stances.md"),
    ("Quotations and relations", "quotations-relations.md"),
    ("Suggestions and repeated passages", "suggestions.md"),
    ("Export and import", "export-import.md"),
    ("Reviewing colleagues' saves", "review.md"),
    ("Working as a team", "team.md"),
    ("Document codebook", "codebook.md"),
    ("Finding and searching", "search.md"),
    ("Keyboard reference", "keyboard.md"),
    ("The schema", "schema.md"),
    ("Saving: where your work goes", "saving.md"),
    ("Your work is safe", "safety.md"),
    ("Command line", "command-line.md"),
    ("Offsets and text", "offsets.md"),
    ("Performance", "performance.md"),
    ("For developers", "developers.md"),
];

/// Where the guide's files are: the checkout Stancemark was built from.
#[must_use]
pub fn chapter_path(file: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/src")
        .join(file)
}
