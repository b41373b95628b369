//! Spreadsheet safety for every CSV Stancemark writes: a cell that starts
//! with `=`, `+`, `-` or `@` (or a tab or carriage return) would be read as
//! a formula by Excel, LibreOffice or Google Sheets ("CSV injection"), so it
//! is written with a leading apostrophe, which spreadsheets show as text and
//! `pandas.read_csv` / R's `read.csv` keep as the first character.

use std::borrow::Cow;

/// `cell`, neutralised when a spreadsheet would take it for a formula.
#[must_use]
pub fn csv_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn formulas_are_neutralised_and_the_rest_kept() {
        for (cell, out) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("Putin said", "Putin said"),
            ("佐藤 = 1", "佐藤 = 1"),
            ("", ""),
            ("12-20", "12-20"),
        ] {
            assert_eq!(csv_cell(cell), out, "{cell:?}");
        }
    }
}
