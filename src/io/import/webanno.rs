//! WebAnno TSV 3.x (INCEpTION's exchange format): the named-entity layer
//! (`…NamedEntity`, features `value` and `identifier`) becomes mentions, a
//! Wikidata identifier an entity link; other layers are reported. Offsets
//! are UTF-16 units; every token is checked against the document's text (a
//! file is matched to its document by name, else by its tokens).

use std::collections::BTreeMap;
use std::path::Path;

use crate::model::import_merge::{ImportRecord, ImportedEntity, ImportedMention};
use crate::model::units::OffsetUnit;

use super::{ReadOptions, ReadRecords};

/// One annotation layer declared in the header.
struct Layer {
    name: String,
    /// Column names, in order (a relation layer adds its `BT_…` column).
    columns: Vec<String>,
}

/// Reads every `.tsv` file below `root`.
pub(super) fn read_folder(root: &Path, options: ReadOptions) -> Result<ReadRecords, String> {
    let mut out = ReadRecords::default();
    let mut files: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "tsv"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    for file in files {
        let rel = crate::io::corpus::relative(root, &file);
        match crate::io::safe_file::read_text(&file, crate::io::safe_file::MAX_IMPORT_BYTES) {
            Ok(text) => {
                let read = parse(&rel, &document_path(&rel), &text, options);
                out.records.extend(read.records);
                out.problems.extend(read.problems);
            }
            Err(e) => out.problems.push(format!("{rel}: {e}; left out")),
        }
    }
    Ok(out)
}

/// The document a TSV file annotates: `a.txt.tsv` → `a.txt`; INCEpTION's
/// export `annotation/a.txt/user.tsv` → `a.txt`.
fn document_path(rel: &str) -> String {
    let stem = rel.strip_suffix(".tsv").unwrap_or(rel);
    match stem.rsplit_once('/') {
        Some((folder, _)) if folder.ends_with(".txt") => folder
            .rsplit_once("annotation/")
            .map_or(folder, |(_, doc)| doc)
            .to_owned(),
        _ => stem.to_owned(),
    }
}

/// Undoes WebAnno's escaping of reserved characters.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a cell at unescaped `|` (stacked annotations).
fn split_stack(cell: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in cell.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                out.push(&cell[start..i]);
                start = i + 1;
            }
            _ => escaped = false,
        }
    }
    out.push(&cell[start..]);
    out
}

/// An entry `VALUE[ID]`, `VALUE`, `*[ID]` or `*`: its value (unescaped, or
/// `None` for `*`) and id.
fn entry(raw: &str) -> (Option<String>, Option<u64>) {
    let (value, id) = match raw.strip_suffix(']').and_then(|r| r.rsplit_once('[')) {
        Some((v, id)) if !v.ends_with('\\') && id.chars().all(|c| c.is_ascii_digit()) => {
            (v, id.parse().ok())
        }
        _ => (raw, None),
    };
    ((value != "*").then(|| unescape(value)), id)
}

/// Parses one TSV file (`name` for messages, `path` the document it names).
pub(super) fn parse(name: &str, path: &str, text: &str, options: ReadOptions) -> ReadRecords {
    let mut out = ReadRecords::default();
    let mut layers: Vec<Layer> = Vec::new();
    let mut anchors = Vec::new();
    // Multi-token annotations by id: (start, end, value, identifier).
    let mut by_id: BTreeMap<u64, (usize, usize, Option<String>, Option<String>)> = BTreeMap::new();
    let mut singles: Vec<(usize, usize, Option<String>, Option<String>)> = Vec::new();
    let mut other_layers: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let mut format_seen = false;
    for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let at = format!("{name}:{}", i + 1);
        if let Some(version) = line.strip_prefix("#FORMAT=") {
            format_seen = true;
            if !version.starts_with("WebAnno TSV 3") {
                out.problems.push(format!(
                    "{at}: {version:?}: only WebAnno TSV 3.x is read; nothing imported"
                ));
                return out;
            }
            continue;
        }
        if let Some(decl) = line
            .strip_prefix("#T_SP=")
            .or_else(|| line.strip_prefix("#T_CH="))
            .or_else(|| line.strip_prefix("#T_RL="))
        {
            let mut parts = decl.split('|');
            let name = parts.next().unwrap_or_default().to_owned();
            let mut columns: Vec<String> = parts.map(str::to_owned).collect();
            if line.starts_with("#T_CH=") {
                columns = vec!["referenceType".to_owned(), "referenceRelation".to_owned()];
            }
            layers.push(Layer { name, columns });
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let (Some(offsets), Some(token)) = (cells.get(1), cells.get(2)) else {
            out.problems
                .push(format!("{at}: not a token line of WebAnno TSV; left out"));
            continue;
        };
        let Some((begin, end)) = offsets
            .split_once('-')
            .and_then(|(b, e)| Some((b.parse::<usize>().ok()?, e.parse::<usize>().ok()?)))
        else {
            out.problems
                .push(format!("{at}: bad offsets {offsets:?}; line left out"));
            continue;
        };
        anchors.push((begin, end, unescape(token)));
        let mut column = 3;
        for layer in &layers {
            let is_ne = layer.name.ends_with(".NamedEntity");
            let mut values: Vec<&str> = Vec::new();
            let mut identifiers: Vec<&str> = Vec::new();
            for feature in &layer.columns {
                let cell = cells.get(column).copied().unwrap_or("_");
                column += 1;
                if cell == "_" || cell.is_empty() {
                    continue;
                }
                match (is_ne, feature.as_str()) {
                    (true, "value") => values = split_stack(cell),
                    (true, "identifier") => identifiers = split_stack(cell),
                    _ => {
                        let entry = other_layers
                            .entry(format!("{} ({feature})", layer.name))
                            .or_insert_with(|| (0, at.clone()));
                        entry.0 += 1;
                    }
                }
            }
            if !is_ne {
                continue;
            }
            let n = values.len().max(identifiers.len());
            for k in 0..n {
                let (value, vid) = values.get(k).map_or((None, None), |v| entry(v));
                let (ident, iid) = identifiers.get(k).map_or((None, None), |v| entry(v));
                match vid.or(iid) {
                    Some(id) => {
                        let slot = by_id.entry(id).or_insert((begin, end, None, None));
                        slot.0 = slot.0.min(begin);
                        slot.1 = slot.1.max(end);
                        if value.is_some() {
                            slot.2.clone_from(&value);
                        }
                        if ident.is_some() {
                            slot.3.clone_from(&ident);
                        }
                    }
                    None => singles.push((begin, end, value, ident)),
                }
            }
        }
    }
    if !format_seen {
        out.problems.push(format!(
            "{name}: no #FORMAT=WebAnno TSV 3.x header; nothing imported"
        ));
        return out;
    }
    for (layer, (n, first)) in other_layers {
        out.problems.push(format!(
            "{first}: layer {layer}: {n} annotation cell(s), this one first, are not imported: Stancemark reads the named-entity layer"
        ));
    }
    let mut mentions = Vec::new();
    for (start, end, value, identifier) in by_id.into_values().chain(singles) {
        let Some(label) = value else {
            out.problems.push(format!(
                "{name}: a named entity at [{start}, {end}) (UTF-16) without a value (type); left out"
            ));
            continue;
        };
        let qid = identifier.as_deref().and_then(|iri| {
            let q = iri.rsplit('/').next().unwrap_or(iri);
            crate::model::annotation::is_valid_qid(q).then(|| q.to_owned())
        });
        if let (Some(iri), None) = (&identifier, &qid) {
            out.problems.push(format!(
                "{name}: identifier {iri:?} of the {label} at [{start}, {end}) (UTF-16): only Wikidata ids link entities; the mention is kept without it"
            ));
        }
        mentions.push(ImportedMention {
            start,
            end,
            label,
            entity: qid.map(|q| ImportedEntity {
                kb_id: Some(q),
                ..ImportedEntity::default()
            }),
            ..ImportedMention::default()
        });
    }
    out.records.push(ImportRecord {
        origin: name.to_owned(),
        path: Some(path.to_owned()),
        mentions,
        unit: options.offsets.unwrap_or(OffsetUnit::Utf16),
        unit_known: true,
        anchors,
        ..ImportRecord::default()
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_stacks_and_paths() {
        assert_eq!(entry("PER[3]"), (Some("PER".to_owned()), Some(3)));
        assert_eq!(entry("*[3]"), (None, Some(3)));
        assert_eq!(entry("ORG"), (Some("ORG".to_owned()), None));
        assert_eq!(entry("a\\[1\\]"), (Some("a[1]".to_owned()), None));
        assert_eq!(split_stack("PER[1]|ORG"), ["PER[1]", "ORG"]);
        assert_eq!(split_stack("a\\|b|c"), ["a\\|b", "c"]);
        assert_eq!(document_path("out/a.txt.tsv"), "out/a.txt");
        assert_eq!(document_path("annotation/a.txt/admin.tsv"), "a.txt");
    }
}
