//! Reading gazetteers: TSV or CSV lists of names to pre-annotate.
//!
//! Columns: surface form, type, then optionally entity name and Wikidata
//! QID. A first row whose second column is `type` is a header. Lines starting
//! with `#` are comments. `.csv` files are comma-separated; anything else is
//! tab-separated.

use std::path::Path;

use crate::model::preannotate::GazetteerRow;

/// A parsed gazetteer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gazetteer {
    /// Usable rows.
    pub rows: Vec<GazetteerRow>,
    /// Lines that could not be read, as `file:line: problem`.
    pub problems: Vec<String>,
}

/// Reads a gazetteer file.
///
/// # Errors
/// When the file cannot be read or is not UTF-8 (naming the file).
pub fn read_gazetteer(path: &Path) -> Result<Gazetteer, String> {
    let text = super::safe_file::read_text(path, super::safe_file::MAX_IMPORT_BYTES)
        .map_err(|e| e.to_string())?;
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(parse_gazetteer(
        &name,
        &text,
        if csv { b',' } else { b'\t' },
    ))
}

/// Parses gazetteer text; `name` prefixes messages. One entry per line
/// (a quoted CSV field cannot span lines).
#[must_use]
pub fn parse_gazetteer(name: &str, text: &str, delimiter: u8) -> Gazetteer {
    let mut out = Gazetteer::default();
    for (index, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let line_no = index + 1;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let fields = match split_line(line, delimiter) {
            Ok(f) => f,
            Err(e) => {
                out.problems.push(format!("{name}:{line_no}: {e}"));
                continue;
            }
        };
        let field = |i: usize| {
            fields
                .get(i)
                .map(|f| f.trim())
                .filter(|f| !f.is_empty())
                .map(str::to_owned)
        };
        if out.rows.is_empty()
            && out.problems.is_empty()
            && field(1).is_some_and(|f| f.eq_ignore_ascii_case("type"))
        {
            continue; // header
        }
        if fields.len() < 2 || fields.len() > 4 {
            out.problems.push(format!(
                "{name}:{line_no}: expected 2 to 4 columns (surface, type, entity, QID), found {}",
                fields.len()
            ));
            continue;
        }
        let (Some(surface), Some(label)) = (field(0), field(1)) else {
            out.problems.push(format!(
                "{name}:{line_no}: the surface form and the type must not be empty"
            ));
            continue;
        };
        out.rows.push(GazetteerRow {
            origin: format!("{name}:{line_no}"),
            surface,
            label,
            entity: field(2),
            kb_id: field(3),
        });
    }
    out
}

/// The fields of one line (CSV quoting when the delimiter is a comma).
fn split_line(line: &str, delimiter: u8) -> Result<Vec<String>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(delimiter == b',')
        .from_reader(line.as_bytes());
    match reader.records().next() {
        Some(Ok(record)) => Ok(record.iter().map(str::to_owned).collect()),
        Some(Err(e)) => Err(e.to_string()),
        None => Ok(Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_with_header_comments_and_bad_lines() {
        let text = "surface\ttype\tentity\tqid\n# people\nPutin\tPER\tVladimir Putin\tQ7747\nMoscow\tGPE\n\nlonely\nA\tB\tC\tD\tE\n\tPER\n";
        let g = parse_gazetteer("g.tsv", text, b'\t');
        type Row<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>);
        let rows: Vec<Row<'_>> = g
            .rows
            .iter()
            .map(|r| {
                (
                    r.origin.as_str(),
                    r.surface.as_str(),
                    r.label.as_str(),
                    r.entity.as_deref(),
                    r.kb_id.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "g.tsv:3",
                    "Putin",
                    "PER",
                    Some("Vladimir Putin"),
                    Some("Q7747")
                ),
                ("g.tsv:4", "Moscow", "GPE", None, None),
            ]
        );
        assert_eq!(
            g.problems,
            [
                "g.tsv:6: expected 2 to 4 columns (surface, type, entity, QID), found 1",
                "g.tsv:7: expected 2 to 4 columns (surface, type, entity, QID), found 5",
                "g.tsv:8: the surface form and the type must not be empty",
            ]
        );
    }

    #[test]
    fn csv_with_quotes() {
        let g = parse_gazetteer(
            "g.csv",
            "\"Norvik Chemicals, Inc.\",ORG,Norvik Chemicals\n佐藤美咲,PER\n",
            b',',
        );
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[0].surface, "Norvik Chemicals, Inc.");
        assert_eq!(g.rows[1].surface, "佐藤美咲");
        assert!(g.problems.is_empty());
    }
}
