//! Reading a brat folder: each `NAME.ann` with its `NAME.txt`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::model::import_merge::{ImportRecord, ImportedEntity, ImportedMention};

use super::ReadRecords;

pub(super) fn read(root: &Path) -> Result<ReadRecords, String> {
    if !root.is_dir() {
        return Err(format!(
            "{}: a brat import needs a folder of .txt and .ann files",
            root.display()
        ));
    }
    let mut out = ReadRecords::default();
    let mut anns: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "ann"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    anns.sort();
    for ann_path in anns {
        let rel = crate::io::corpus::relative(root, &ann_path);
        let txt_path = ann_path.with_extension("txt");
        let read =
            |p: &Path| crate::io::safe_file::read_text(p, crate::io::safe_file::MAX_IMPORT_BYTES);
        let text = match read(&txt_path) {
            Ok(t) => t,
            Err(e) => {
                out.problems.push(format!(
                    "{rel}: its text {} cannot be read ({e}); left out",
                    txt_path.display()
                ));
                continue;
            }
        };
        let ann = match read(&ann_path) {
            Ok(t) => t,
            Err(e) => {
                out.problems.push(format!("{rel}: {e}"));
                continue;
            }
        };
        let path = format!("{}.txt", rel.strip_suffix(".ann").unwrap_or(&rel));
        out.records
            .push(parse_ann(&rel, &path, text, &ann, &mut out.problems));
    }
    Ok(out)
}

/// Parses one `.ann` file.
pub(super) fn parse_ann(
    name: &str,
    path: &str,
    text: String,
    ann: &str,
    problems: &mut Vec<String>,
) -> ImportRecord {
    let mut mentions: Vec<(String, ImportedMention)> = Vec::new();
    let mut kb: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut notes: BTreeMap<String, String> = BTreeMap::new();
    for (i, line) in ann.lines().enumerate() {
        let at = format!("{name}:{}", i + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        // `#1<TAB>AnnotatorNotes T1<TAB>text`: a note on a text-bound annotation.
        if line.starts_with('#') {
            if let (Some(head), Some(text)) = (fields.get(1), fields.get(2))
                && let Some(t) = head.strip_prefix("AnnotatorNotes ")
            {
                notes.insert(t.trim().to_owned(), (*text).to_owned());
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        match line.chars().next() {
            Some('T') if fields.len() == 3 => {
                let mut head = fields[1].split(' ');
                let label = head.next().unwrap_or_default().to_owned();
                let rest: Vec<&str> = head.collect();
                let offsets: Result<Vec<(usize, usize)>, String> = rest
                    .join(" ")
                    .split(';')
                    .map(|pair| {
                        let mut it = pair.split_whitespace().map(str::parse::<usize>);
                        match (it.next(), it.next(), it.next()) {
                            (Some(Ok(s)), Some(Ok(e)), None) => Ok((s, e)),
                            _ => Err(format!("bad offsets {pair:?}")),
                        }
                    })
                    .collect();
                match offsets {
                    Ok(parts) if !parts.is_empty() => {
                        let start = parts.iter().map(|p| p.0).min().unwrap_or(0);
                        let end = parts.iter().map(|p| p.1).max().unwrap_or(0);
                        // A single fragment must quote its text; joined fragments are checked by offsets only.
                        let quoted = (parts.len() == 1).then(|| fields[2].to_owned());
                        mentions.push((
                            fields[0].to_owned(),
                            ImportedMention {
                                start,
                                end,
                                label,
                                text: quoted,
                                entity: None,
                                note: String::new(),
                            },
                        ));
                    }
                    Ok(_) => problems.push(format!("{at}: no offsets")),
                    Err(e) => problems.push(format!("{at}: {e}")),
                }
            }
            Some('N') if fields.len() >= 2 => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                match parts.as_slice() {
                    ["Reference", t, reference] => {
                        let qid = reference
                            .strip_prefix("Wikidata:")
                            .unwrap_or(reference)
                            .to_owned();
                        kb.insert(
                            (*t).to_owned(),
                            (qid, fields.get(2).copied().unwrap_or_default().to_owned()),
                        );
                    }
                    _ => problems.push(format!("{at}: expected \"Reference T… DB:ID\"")),
                }
            }
            Some('*') if fields.len() >= 2 => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                if parts.first() == Some(&"Equiv") {
                    groups.push(parts[1..].iter().map(|s| (*s).to_owned()).collect());
                }
            }
            Some('R' | 'E' | 'A' | 'M') => {}
            _ => problems.push(format!("{at}: not a brat annotation line")),
        }
    }
    let group_of = |t: &str| groups.iter().position(|g| g.iter().any(|x| x == t));
    let out = mentions
        .into_iter()
        .map(|(t, mut m)| {
            if let Some(note) = notes.get(&t) {
                m.note.clone_from(note);
            }
            let linked = kb.get(&t);
            let group = group_of(&t);
            if linked.is_some() || group.is_some() {
                m.entity = Some(ImportedEntity {
                    name: linked.map(|(_, n)| n.clone()).filter(|n| !n.is_empty()),
                    kb_id: linked.map(|(q, _)| q.clone()),
                    key: group.map(|g| format!("{path}#equiv{g}")),
                    label: None,
                });
            }
            m
        })
        .collect();
    ImportRecord {
        origin: name.to_owned(),
        path: Some(path.to_owned()),
        text: Some(text),
        mentions: out,
        stances: Vec::new(),
    }
}
