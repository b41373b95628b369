//! Spreadsheet safety for every CSV Stancemark writes: a cell that starts
//! with `=`, `+`, `-` or `@` (or a tab or carriage return) would be read as
//! a formula by Excel, LibreOffice or Google Sheets ("CSV injection"), so
//! unless it is a plain number ("-5", "+1.5", "-1e3": no formula, and it
//! must stay a number for pandas and R) it is written with a leading apostrophe, which spreadsheets show as text and
//! `pandas.read_csv` / R's `read.csv` keep as the first character.

use std::borrow::Cow;

/// `cell`, neutralised when a spreadsheet would take it for a formula.
#[must_use]
pub fn csv_cell(cell: &str) -> Cow<'_, str> {
    // A number is no formula: "-5" stays a number for pandas and R.
    let number = cell.parse::<f64>().is_ok_and(f64::is_finite)
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'));
    if !number && cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
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
            ("+1", "+1"),
            ("-5", "-5"),
            ("-0.25", "-0.25"),
            ("-1e3", "-1e3"),
            ("-2+3", "'-2+3"),
            ("-inf", "'-inf"),
            ("-NaN", "'-NaN"),
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
