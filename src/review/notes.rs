//! Notes in a gold save: what several annotators wrote on one annotation
//! (or document) becomes one note, so merging and adjudicating never drop a
//! note.

/// One note from the non-empty `notes` (annotator, note): the note itself
/// when all who wrote one wrote the same, else each as `annotator: note` on
/// a line of its own, in the order given.
#[must_use]
pub fn merged_note<'a>(notes: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let written: Vec<(&str, &str)> = notes
        .into_iter()
        .map(|(who, note)| (who, note.trim()))
        .filter(|(_, note)| !note.is_empty())
        .collect();
    match written.first() {
        None => String::new(),
        Some((_, first)) if written.iter().all(|(_, n)| n == first) => (*first).to_owned(),
        Some(_) => written
            .iter()
            .map(|(who, note)| format!("{who}: {note}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_kept_once_or_side_by_side() {
        let cases: [(&[(&str, &str)], &str); 5] = [
            (&[], ""),
            (&[("ana", ""), ("bo", "  ")], ""),
            (&[("ana", "check 🐟"), ("bo", "")], "check 🐟"),
            (&[("ana", "same"), ("bo", " same ")], "same"),
            (
                &[("ana", "CEO?"), ("bo", ""), ("佐藤", "not CEO")],
                "ana: CEO?\n佐藤: not CEO",
            ),
        ];
        for (notes, expected) in cases {
            assert_eq!(merged_note(notes.iter().copied()), expected, "{notes:?}");
        }
    }
}
