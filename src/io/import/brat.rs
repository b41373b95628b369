//! Reading a brat folder: each `NAME.ann` with its `NAME.txt`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::model::import_merge::{
    ImportRecord, ImportedEntity, ImportedMention, ImportedQuotation,
};

use super::ReadRecords;
use super::brat_events::{Attribute, Event, parse_attribute, parse_event, quotation_events};

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

/// Parses one `.ann` file (`name` for messages; `path` the document it
/// annotates; `text` its `.txt`). Every line that is not taken is reported
/// with its number and why: relations whose arguments are not kept spans,
/// events that are no quotations (see `brat_events.rs`), attributes other
/// than a quotation's `Kind` and `NoCue`,
/// aliases other than `Equiv`, normalisations to other databases than
/// Wikidata, notes on anything but a text span, and discontinuous spans whose
/// gap holds more than line breaks (the gap is never filled in).
pub(super) fn parse_ann(
    name: &str,
    path: &str,
    text: String,
    ann: &str,
    problems: &mut Vec<String>,
) -> ImportRecord {
    let mut mentions: Vec<(String, ImportedMention)> = Vec::new();
    let mut kb: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut equiv: Vec<(String, String)> = Vec::new();
    let mut notes: BTreeMap<String, (String, String)> = BTreeMap::new();
    // (id, type, source T id, target T id, where)
    // id, type, source, target, where, argument names (when not Arg1/Arg2).
    #[allow(clippy::type_complexity)]
    let mut relations: Vec<(
        String,
        String,
        String,
        String,
        String,
        Option<(String, String)>,
    )> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut attributes: Vec<Attribute> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, line) in ann.lines().enumerate() {
        let at = format!("{name}:{}", i + 1);
        let fields: Vec<&str> = line.split('\t').collect();
        if line.trim().is_empty() {
            continue;
        }
        let id = fields[0];
        let left = |why: &str| {
            format!(
                "{at}: {id} {:?}: {why}; left out",
                fields.get(1).copied().unwrap_or_default()
            )
        };
        match id.chars().next() {
            Some('#') => match (fields.get(1), fields.get(2)) {
                (Some(head), Some(note)) if head.starts_with("AnnotatorNotes ") => {
                    let target = head.trim_start_matches("AnnotatorNotes ").trim();
                    notes.insert(target.to_owned(), ((*note).to_owned(), at.clone()));
                }
                _ => problems.push(left("a note of a kind Stancemark does not keep")),
            },
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
                            (Some(Ok(s)), Some(Ok(e)), None) if s < e => Ok((s, e)),
                            _ => Err(format!("bad offsets {pair:?}")),
                        }
                    })
                    .collect();
                match offsets {
                    Ok(parts) if !parts.is_empty() => {
                        let start = parts.iter().map(|p| p.0).min().unwrap_or(0);
                        let end = parts.iter().map(|p| p.1).max().unwrap_or(0);
                        // Fragments may only be split by line breaks (as
                        // brat must split a mention over lines); a real gap
                        // would be filled in, so such a mention is refused.
                        let mut sorted = parts.clone();
                        sorted.sort_unstable();
                        let gaps_only_breaks = sorted.windows(2).all(|w| {
                            w[0].1 <= w[1].0
                                && chars
                                    .get(w[0].1..w[1].0)
                                    .is_some_and(|gap| gap.iter().all(|c| *c == '\n' || *c == '\r'))
                        });
                        if !gaps_only_breaks {
                            problems.push(left(
                                "a discontinuous span with words in its gap: Stancemark's mentions are continuous, and filling the gap would change what was marked",
                            ));
                            continue;
                        }
                        // A single fragment must quote its text; joined
                        // fragments are checked by offsets only.
                        let quoted = (parts.len() == 1).then(|| fields[2].to_owned());
                        mentions.push((
                            id.to_owned(),
                            ImportedMention {
                                start,
                                end,
                                label,
                                text: quoted,
                                ..ImportedMention::default()
                            },
                        ));
                    }
                    Ok(_) => problems.push(format!("{at}: {id}: no offsets; left out")),
                    Err(e) => problems.push(format!("{at}: {id}: {e}; left out")),
                }
            }
            Some('N') if fields.len() >= 2 => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                match parts.as_slice() {
                    ["Reference", t, reference] => match reference.split_once(':') {
                        Some((db, qid)) if db.eq_ignore_ascii_case("wikidata") => {
                            kb.insert(
                                (*t).to_owned(),
                                (qid.to_owned(), fields.get(2).copied().unwrap_or_default().to_owned()),
                            );
                        }
                        _ => problems.push(left(
                            "a normalisation to another database than Wikidata: entities link to Wikidata ids only",
                        )),
                    },
                    _ => problems.push(left("expected \"Reference T… DB:ID\"")),
                }
            }
            Some('*') if fields.len() >= 2 => {
                let parts: Vec<&str> = fields[1].split(' ').collect();
                if parts.first() == Some(&"Equiv") {
                    for pair in parts[1..].windows(2) {
                        equiv.push((pair[0].to_owned(), pair[1].to_owned()));
                    }
                } else {
                    problems.push(left("an alias relation of another kind than Equiv"));
                }
            }
            Some('R') => {
                // `R1<TAB>TYPE ROLE1:T1 ROLE2:T2`: the first argument is the
                // source, the second the target; role names other than
                // Arg1/Arg2 are kept with the relation type.
                let parts: Vec<&str> = fields.get(1).map_or(Vec::new(), |f| f.split(' ').collect());
                let args: Vec<(&str, &str)> = parts
                    .iter()
                    .skip(1)
                    .filter_map(|a| a.split_once(':'))
                    .collect();
                match (parts.first(), args.as_slice()) {
                    (Some(label), [(ra, a), (rb, b)]) if !label.is_empty() && parts.len() == 3 => {
                        let roles = ((*ra, *rb) != ("Arg1", "Arg2"))
                            .then(|| ((*ra).to_owned(), (*rb).to_owned()));
                        relations.push((
                            id.to_owned(),
                            (*label).to_owned(),
                            (*a).to_owned(),
                            (*b).to_owned(),
                            at.clone(),
                            roles,
                        ));
                    }
                    _ => problems.push(left("expected \"TYPE Arg1:T… Arg2:T…\"")),
                }
            }
            Some('E') => match parse_event(id, fields.get(1).copied().unwrap_or_default(), &at) {
                Ok(e) => events.push(e),
                Err(why) => problems.push(left(&why)),
            },
            Some('A' | 'M') => {
                match parse_attribute(id, fields.get(1).copied().unwrap_or_default(), &at) {
                    Some(a) => attributes.push(a),
                    None => problems.push(left("expected \"NAME ID [VALUE]\"")),
                }
            }
            _ => problems.push(format!("{at}: not a brat annotation line; left out")),
        }
    }
    // Quotation events take their trigger and contents as their own spans:
    // those text spans are no mentions.
    let (quotation_events, own_spans) = quotation_events(&events, &attributes, problems);
    let spans: BTreeMap<String, ImportedMention> = mentions
        .iter()
        .filter(|(t, _)| own_spans.contains(t))
        .cloned()
        .collect();
    mentions.retain(|(t, _)| !own_spans.contains(t));
    // Equiv classes are transitive: T1=T2 and T2=T4 make one class.
    let groups = equivalence_classes(&equiv);
    let known: std::collections::BTreeSet<&str> = mentions
        .iter()
        .map(|(t, _)| t.as_str())
        .chain(relations.iter().map(|r| r.0.as_str()))
        .chain(quotation_events.iter().map(|q| q.id.as_str()))
        .collect();
    let index_of = |t: &str| mentions.iter().position(|(id, _)| id == t);
    let mut imported_relations = Vec::new();
    for (id, label, a, b, at, roles) in &relations {
        match (index_of(a), index_of(b)) {
            (Some(source), Some(target)) => {
                imported_relations.push(crate::model::import_merge::ImportedRelation {
                    label: label.clone(),
                    source,
                    target,
                    note: notes.get(id).map(|(n, _)| n.clone()).unwrap_or_default(),
                    origin: format!("{at}: {id}"),
                    roles: roles.clone(),
                });
            }
            _ => problems.push(format!(
                "{at}: {id} {label:?}: one of its arguments ({a}, {b}) is not a text span Stancemark kept; left out"
            )),
        }
    }
    let mut imported_quotations = Vec::new();
    for q in &quotation_events {
        let span = |t: &String| {
            spans
                .get(t)
                .map(|m| (m.start, m.end, m.text.clone()))
                .ok_or_else(|| format!("its span {t} is not a text span Stancemark kept"))
        };
        let mention = |t: &String| {
            index_of(t).ok_or_else(|| format!("its mention {t} is not a text span Stancemark kept"))
        };
        let read = || -> Result<ImportedQuotation, String> {
            Ok(ImportedQuotation {
                speaker: q.speaker.as_ref().map(mention).transpose()?,
                cue: q.cue.as_ref().map(span).transpose()?,
                contents: q.contents.iter().map(span).collect::<Result<_, _>>()?,
                kind: q.kind,
                sources: q.sources.iter().map(mention).collect::<Result<_, _>>()?,
                note: notes.get(&q.id).map(|(n, _)| n.clone()).unwrap_or_default(),
                origin: format!("{}: {}", q.at, q.id),
            })
        };
        match read() {
            Ok(imported) => imported_quotations.push(imported),
            Err(why) => problems.push(format!("{}: {} quotation: {why}; left out", q.at, q.id)),
        }
    }
    for (target, (_, at)) in &notes {
        if !known.contains(target.as_str()) {
            problems.push(format!(
                "{at}: a note on {target}, which is not a text span Stancemark kept; left out"
            ));
        }
    }
    let out = mentions
        .into_iter()
        .map(|(t, mut m)| {
            if let Some((note, _)) = notes.get(&t) {
                m.note.clone_from(note);
            }
            let linked = kb.get(&t);
            let group = groups.get(&t);
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
        relations: imported_relations,
        quotations: imported_quotations,
        unit_known: true,
        ..ImportRecord::default()
    }
}

/// The class of each id joined by `pairs`, as the smallest id in the class
/// (a union–find).
fn equivalence_classes(pairs: &[(String, String)]) -> BTreeMap<String, String> {
    let mut parent: BTreeMap<String, String> = BTreeMap::new();
    fn root(parent: &mut BTreeMap<String, String>, x: &str) -> String {
        let mut r = x.to_owned();
        while let Some(p) = parent.get(&r).filter(|p| **p != r) {
            r = p.clone();
        }
        r
    }
    for (a, b) in pairs {
        parent.entry(a.clone()).or_insert_with(|| a.clone());
        parent.entry(b.clone()).or_insert_with(|| b.clone());
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
            parent.insert(high, low);
        }
    }
    let ids: Vec<String> = parent.keys().cloned().collect();
    ids.into_iter()
        .map(|id| {
            let r = root(&mut parent, &id);
            (id, r)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equiv_classes_are_transitive() {
        let pairs = [
            ("T1".to_owned(), "T2".to_owned()),
            ("T2".to_owned(), "T4".to_owned()),
            ("T7".to_owned(), "T8".to_owned()),
        ];
        let classes = equivalence_classes(&pairs);
        assert_eq!(classes["T4"], classes["T1"]);
        assert_eq!(classes["T2"], classes["T1"]);
        assert_ne!(classes["T7"], classes["T1"]);
        assert_eq!(classes["T8"], classes["T7"]);
    }
}
