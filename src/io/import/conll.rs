//! CoNLL-2003 / IOB files: one token per line, its tag in the last column
//! (IOB2, IOB1, BIOES or BILOU), a blank line between sentences,
//! `-DOCSTART-` between documents. Files whose lines start with a token
//! index (GermEval-2014: index, token, outer tag, inner tag; `#` comment
//! lines) are recognised, and their token and outer tag read; CoNLL-U,
//! which has no entity tag column, is refused with a message. The records carry their tokens: they go
//! to the corpus documents whose text holds those tokens in order, or, for a
//! new corpus, become documents of their own ([`write_token_corpus`]) whose
//! tokens and sentences a CoNLL export gives back unchanged.

use std::path::Path;

use crate::model::import_merge::ImportRecord;

use super::ReadRecords;

/// Where the token and its tag stand on a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    /// CoNLL-2003: the token first, the tag last.
    TokenFirst,
    /// GermEval-2014 and the like: an index first, then the token, the
    /// outer tag and (when present) an inner, nested tag; `#` lines are
    /// comments.
    Indexed,
}

/// True when `s` is a token index as numbered files write it (`7`).
fn is_index(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The file's layout, from its data lines; CoNLL-U is refused, since it
/// has no entity tag column.
fn layout(name: &str, text: &str) -> Result<Layout, String> {
    let data = || {
        text.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("-DOCSTART-"))
    };
    let total = data().count();
    if total == 0 {
        return Ok(Layout::TokenFirst);
    }
    let conllu = data()
        .filter(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            c.len() == 10 && c[0].split(['-', '.']).all(is_index)
        })
        .count();
    if conllu * 10 >= total * 9 {
        return Err(format!(
            "{name}: this is CoNLL-U (ten tab-separated columns: ID, FORM, LEMMA, UPOS, …), which has no entity tag column; Stancemark reads CoNLL-2003 (the token first, its IOB tag last) and GermEval-style files (an index, the token, the tag); nothing was imported"
        ));
    }
    let indexed = data()
        .filter(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            c.len() >= 3 && is_index(c[0])
        })
        .count();
    Ok(if indexed * 10 >= total * 9 {
        Layout::Indexed
    } else {
        Layout::TokenFirst
    })
}

/// Parses a CoNLL file; `name` prefixes messages.
///
/// # Errors
/// A CoNLL-U file, which has no entity tag column.
pub(super) fn parse(name: &str, text: &str) -> Result<ReadRecords, String> {
    let mut out = ReadRecords::default();
    let layout = layout(name, text)?;
    // Inner (nested) tags of an indexed file: not one flat layer.
    let mut inner: Option<(usize, String)> = None;
    let mut document: Vec<Vec<(String, String)>> = Vec::new();
    let mut sentence: Vec<(String, String)> = Vec::new();
    let mut started_at = 1;
    let mut middle_columns: Option<(usize, usize, String)> = None;
    let finish = |document: &mut Vec<Vec<(String, String)>>,
                  sentence: &mut Vec<(String, String)>,
                  out: &mut ReadRecords,
                  started_at: usize| {
        if !sentence.is_empty() {
            document.push(std::mem::take(sentence));
        }
        if !document.is_empty() {
            out.records.push(ImportRecord {
                origin: format!("{name}:{started_at}"),
                token_sentences: std::mem::take(document),
                unit_known: true,
                ..ImportRecord::default()
            });
        }
    };
    for (i, line) in text.lines().enumerate() {
        let at = format!("{name}:{}", i + 1);
        if layout == Layout::Indexed && line.starts_with('#') {
            continue;
        }
        let mut columns: Vec<&str> = line.split_whitespace().collect();
        if layout == Layout::Indexed && columns.len() >= 3 && is_index(columns[0]) {
            // index, token, outer tag [, inner tag]
            if let Some(tag) = columns.get(3).filter(|t| **t != "O") {
                let entry = inner.get_or_insert_with(|| (0, format!("{at} ({tag})")));
                entry.0 += 1;
            }
            columns = vec![columns[1], columns[2]];
        }
        match columns.as_slice() {
            [] => {
                if !sentence.is_empty() {
                    document.push(std::mem::take(&mut sentence));
                }
            }
            [first, ..] if *first == "-DOCSTART-" => {
                finish(&mut document, &mut sentence, &mut out, started_at);
                started_at = i + 1;
            }
            [token] => {
                out.problems.push(format!(
                    "{at}: token {token:?} has no tag column; taken as outside every mention"
                ));
                sentence.push(((*token).to_owned(), "O".to_owned()));
            }
            [token, rest @ ..] => {
                if rest.len() > 1 {
                    let entry =
                        middle_columns.get_or_insert_with(|| (0, columns.len(), at.clone()));
                    entry.0 += 1;
                }
                let tag = rest.last().copied().unwrap_or("O");
                sentence.push(((*token).to_owned(), tag.to_owned()));
            }
        }
    }
    finish(&mut document, &mut sentence, &mut out, started_at);
    if let Some((n, first)) = inner {
        out.problems.push(format!(
            "{first}: {n} inner (nested) tag(s) in the fourth column, this one first, are not imported: the outer tags (third column) are; import the inner ones as a file of their own to keep both"
        ));
    }
    if let Some((lines, columns, first)) = middle_columns {
        out.problems.push(format!(
            "{first}: columns 2 to {} of {columns} (between the token and its entity tag, such as part-of-speech and chunk tags) on {lines} line(s), this one first, are not kept: Stancemark keeps tokens and entity tags",
            columns - 1
        ));
    }
    Ok(out)
}

/// Makes a corpus of the token records in `records` (a CoNLL file) in the
/// folder `dir`, which must not hold any `.txt` file yet: one document per
/// record, its tokens joined by spaces and its sentences by line breaks,
/// named `NAME-0001.txt` after the file. Each record then names its document.
///
/// # Errors
/// When the folder holds `.txt` files already or cannot be written.
pub fn write_token_corpus(
    dir: &Path,
    source_name: &str,
    records: &mut [ImportRecord],
) -> Result<usize, String> {
    let has_txt = dir.is_dir()
        && walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .any(|e| {
                e.path()
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("txt"))
            });
    if has_txt {
        return Err(format!(
            "{} already holds documents; a token file is imported into them (its tokens are looked for in their text), not written as new ones",
            dir.display()
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let stem = Path::new(source_name)
        .file_stem()
        .map_or_else(|| "conll".to_owned(), |s| s.to_string_lossy().into_owned());
    let mut written = 0;
    for (n, record) in records
        .iter_mut()
        .filter(|r| !r.token_sentences.is_empty())
        .enumerate()
    {
        let text = crate::model::import_merge::token_text(&record.token_sentences);
        let path = format!("{stem}-{:04}.txt", n + 1);
        let file = dir.join(&path);
        crate::io::atomic::write_atomic(&file, text.as_bytes())
            .map_err(|e| format!("{}: {e}", file.display()))?;
        record.path = Some(path);
        written += 1;
    }
    Ok(written)
}
