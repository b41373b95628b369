//! Every format Stancemark both writes and reads gives back what the README
//! says it keeps: random projects (emoji with modifiers and ZWJ, flags, CJK,
//! combining marks, nested and overlapping mentions, mentions across
//! sentence ends, notes, entities with and without Wikidata ids, stances)
//! are exported, imported into a fresh project over the same corpus and
//! compared. An export that reports nothing left out must give back
//! everything; what a format cannot carry must be listed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use proptest::prelude::*;
use stancemark::io::export::{ExportFormat, ExportOptions, ExportReport};
use stancemark::io::import::{ImportFormat, ReadOptions, read_records};
use stancemark::io::{Corpus, load_corpus};
use stancemark::model::import_merge::{ImportOptions, merge_records};
use stancemark::model::{
    CharSpan, Claim, ClaimId, Edit, Entity, EntityId, Evidence, Holder, Intensity, Mention,
    MentionId, Project, Proposal, Quotation, QuotationId, QuoteKind, Relation, RelationId,
    ReportedAs, Schema, Stance, StanceId, Target, apply,
};

/// Words the documents are made of.
const WORDS: [&str; 24] = [
    "Putin",
    "Mr.",
    "U.S.",
    "officials",
    "佐藤美咲",
    "東京都",
    "Rene\u{301}e",
    "Ibáñez",
    "👍🏽",
    "🇫🇷",
    "👩‍🚒",
    "Norvik",
    "said",
    "Putin's",
    "(",
    ")",
    ",",
    "—",
    "Lyon",
    "B.",
    "Dr.",
    "e\u{301}te\u{301}",
    "𝔘𝔫𝔦",
    // Combining marks inside words (a lone mark after a space would belong
    // to the space's character, where no annotation may begin).
    "na\u{308}i\u{308}ve",
];

const NOTES: [&str; 5] = [
    "",
    "check 👍🏽",
    "東京 source",
    "Rene\u{301}e's title",
    "two\nlines",
];

const LABELS: [&str; 5] = ["PER", "ORG", "GPE", "LOC", "MISC"];

/// Corpus-wide entities: name, type, Wikidata id.
const ENTITIES: [(&str, &str, Option<&str>); 4] = [
    ("Vladimir Putin", "PER", Some("Q7747")),
    ("Norvik Chemicals", "ORG", None),
    ("佐藤美咲 👍", "PER", Some("Q42")),
    ("Lyon", "GPE", None),
];

#[derive(Clone, Debug)]
struct GenMention {
    first_word: usize,
    words: usize,
    label: usize,
    note: usize,
    entity: Option<usize>,
}

#[derive(Clone, Debug)]
struct GenStance {
    holder: Option<usize>,
    target: usize,
    polarity: usize,
    evidence: Option<(usize, usize)>,
    intensity: Option<usize>,
    reported_as: Option<usize>,
    note: usize,
}

#[derive(Clone, Debug)]
struct GenDoc {
    /// Sentences of word indices; `true` ends the sentence with a line break.
    sentences: Vec<(Vec<usize>, bool)>,
    mentions: Vec<GenMention>,
    stances: Vec<GenStance>,
    /// Source and target (indices into the document's mentions), type, note.
    relations: Vec<(usize, usize, usize, usize)>,
    quotations: Vec<GenQuotation>,
    proposals: Vec<GenProposal>,
    note: usize,
}

/// A model's proposal: first word, words, type, score (‰), entity.
type GenProposal = (usize, usize, usize, Option<u16>, Option<usize>);

#[derive(Clone, Debug)]
struct GenQuotation {
    /// Index into the document's mentions.
    speaker: Option<usize>,
    cue: Option<(usize, usize)>,
    contents: Vec<(usize, usize)>,
    kind: usize,
    /// Indices into the document's mentions.
    sources: Vec<usize>,
    note: usize,
}

fn gen_doc() -> impl Strategy<Value = GenDoc> {
    let sentences = prop::collection::vec(
        (prop::collection::vec(0..WORDS.len(), 1..8), any::<bool>()),
        1..5,
    );
    let mention = (
        0..40usize,
        1..4usize,
        0..LABELS.len(),
        0..NOTES.len(),
        prop::option::of(0..ENTITIES.len()),
    )
        .prop_map(|(first_word, words, label, note, entity)| GenMention {
            first_word,
            words,
            label,
            note,
            entity,
        });
    let stance = (
        prop::option::of(0..ENTITIES.len()),
        0..ENTITIES.len() + 2,
        0..3usize,
        prop::option::of((0..40usize, 1..4usize)),
        prop::option::of(0..3usize),
        prop::option::of(0..3usize),
        0..NOTES.len(),
    )
        .prop_map(
            |(holder, target, polarity, evidence, intensity, reported_as, note)| GenStance {
                holder,
                target,
                polarity,
                evidence,
                intensity,
                reported_as,
                note,
            },
        );
    let quotation = (
        prop::option::of(0..8usize),
        prop::option::of((0..40usize, 1..3usize)),
        prop::collection::vec((0..40usize, 1..5usize), 1..3),
        0..3usize,
        prop::collection::vec(0..8usize, 0..2),
        0..NOTES.len(),
    )
        .prop_map(
            |(speaker, cue, contents, kind, sources, note)| GenQuotation {
                speaker,
                cue,
                contents,
                kind,
                sources,
                note,
            },
        );
    (
        sentences,
        prop::collection::vec(mention, 0..8),
        prop::collection::vec(stance, 0..3),
        prop::collection::vec((0..8usize, 0..8usize, 0..4usize, 0..NOTES.len()), 0..4),
        prop::collection::vec(quotation, 0..3),
        prop::collection::vec(
            (
                0..40usize,
                1..3usize,
                0..LABELS.len(),
                prop::option::of(0..=1000u16),
                prop::option::of(0..ENTITIES.len()),
            ),
            0..3,
        ),
        0..NOTES.len(),
    )
        .prop_map(
            |(sentences, mentions, stances, relations, quotations, proposals, note)| GenDoc {
                sentences,
                mentions,
                stances,
                relations,
                quotations,
                proposals,
                note,
            },
        )
}

/// A document's text and the code-point span of each word.
fn text_of(n: usize, doc: &GenDoc) -> (String, Vec<CharSpan>) {
    // A first sentence of its own keeps documents with the same words apart.
    let mut text = format!("Report {n}.");
    let mut words = Vec::new();
    let mut at = text.chars().count();
    for (sentence, line_break) in &doc.sentences {
        for (k, &w) in sentence.iter().enumerate() {
            let sep = if k == 0 && *line_break { "\n" } else { " " };
            text.push_str(sep);
            at += 1;
            let word = WORDS[w];
            let n = word.chars().count();
            words.push(CharSpan::new(at, at + n));
            text.push_str(word);
            at += n;
        }
        text.push('.');
        at += 1;
    }
    text.push('\n');
    (text, words)
}

fn build(dir: &Path, docs: &[GenDoc]) -> (Corpus, Project) {
    for (n, d) in docs.iter().enumerate() {
        std::fs::write(dir.join(format!("doc{n}.txt")), text_of(n, d).0).expect("write");
    }
    let corpus = load_corpus(dir, u64::MAX, &()).expect("corpus");
    let mut p = Project::new("tester", Schema::builtin());
    p.attach(&corpus.documents);
    for (k, (name, label, qid)) in ENTITIES.iter().enumerate() {
        let mut e = Entity::new(EntityId(k as u64 + 1), *name, *label);
        e.kb_id = qid.map(str::to_owned);
        apply(&mut p, Edit::AddEntity { entity: e }).expect("entity");
    }
    apply(
        &mut p,
        Edit::AddClaim {
            claim: Claim {
                id: ClaimId(1),
                text: "Norvik is to blame 🏭".to_owned(),
                note: String::new(),
            },
        },
    )
    .expect("claim");
    let polarities: Vec<String> = p.schema.polarities.iter().map(|x| x.name.clone()).collect();
    for (n, g) in docs.iter().enumerate() {
        let doc = corpus
            .documents
            .iter()
            .find(|d| d.path == format!("doc{n}.txt"))
            .expect("doc");
        let (_, words) = text_of(n, g);
        let span = |first: usize, len: usize| {
            let first = first % words.len();
            let last = (first + len - 1).min(words.len() - 1);
            CharSpan::new(words[first].start, words[last].end)
        };
        if !NOTES[g.note].is_empty() {
            apply(
                &mut p,
                Edit::SetDocumentNote {
                    doc: doc.path.clone(),
                    note: NOTES[g.note].to_owned(),
                },
            )
            .expect("note");
        }
        let mut seen = BTreeSet::new();
        for (i, m) in g.mentions.iter().enumerate() {
            let s = span(m.first_word, m.words);
            let label = LABELS[m.label];
            // A mention never begins or ends inside a character: a lone
            // combining mark after a space belongs to the space's cluster
            // (imports refuse such spans, and say so; tested elsewhere).
            if !doc.is_cluster_edge(s.start) || !doc.is_cluster_edge(s.end) {
                continue;
            }
            if !seen.insert((s, label)) {
                continue;
            }
            let mut mention = Mention::new(doc, MentionId(i as u64 + 1), s, label);
            mention.note = NOTES[m.note].to_owned();
            mention.entity = m
                .entity
                .filter(|&e| ENTITIES[e].1 == label)
                .map(|e| EntityId(e as u64 + 1));
            apply(
                &mut p,
                Edit::AddMention {
                    doc: doc.path.clone(),
                    mention,
                },
            )
            .expect("mention");
        }
        let mut proposals: Vec<Proposal> = Vec::new();
        for &(first, len, label, score, entity) in &g.proposals {
            let (span, label) = (span(first, len), LABELS[label]);
            if !doc.is_cluster_edge(span.start) || !doc.is_cluster_edge(span.end) {
                continue;
            }
            let taken = p.documents[&doc.path]
                .mentions
                .iter()
                .any(|m| m.span == span && m.label == label)
                || proposals.iter().any(|x| x.span == span && x.label == label);
            if taken {
                continue;
            }
            proposals.push(Proposal {
                span,
                label: label.to_owned(),
                text: doc.slice(span).expect("span").to_owned(),
                entity: entity
                    .filter(|&e| ENTITIES[e].1 == label)
                    .map(|e| EntityId(e as u64 + 1)),
                score,
                source: "a test model 🤖".into(),
            });
        }
        if !proposals.is_empty() {
            apply(
                &mut p,
                Edit::AddProposals {
                    doc: doc.path.clone(),
                    proposals,
                },
            )
            .expect("proposals");
        }
        let relation_types: Vec<String> = p
            .schema
            .relation_types
            .iter()
            .map(|t| t.name.clone())
            .collect();
        for (i, &(a, b, kind, note)) in g.relations.iter().enumerate() {
            let ids: Vec<MentionId> = p.documents[&doc.path]
                .mentions
                .iter()
                .map(|m| m.id)
                .collect();
            if ids.is_empty() {
                break;
            }
            let mut relation = Relation::new(
                RelationId(i as u64 + 1),
                relation_types[kind % relation_types.len()].clone(),
                ids[a % ids.len()],
                ids[b % ids.len()],
            );
            relation.note = NOTES[note].to_owned();
            // One the types refuse (or a mention related to itself) is not made.
            let _ = apply(
                &mut p,
                Edit::AddRelation {
                    doc: doc.path.clone(),
                    relation,
                },
            );
        }
        let ids: Vec<MentionId> = p.documents[&doc.path]
            .mentions
            .iter()
            .map(|m| m.id)
            .collect();
        for (i, q) in g.quotations.iter().enumerate() {
            let pick = |k: usize| (!ids.is_empty()).then(|| ids[k % ids.len()]);
            let contents = q
                .contents
                .iter()
                .map(|&(a, b)| Evidence::new(doc, span(a, b)))
                .collect();
            let mut quotation = Quotation::new(
                QuotationId(i as u64 + 1),
                q.speaker.and_then(pick),
                contents,
                QuoteKind::ALL[q.kind],
            );
            quotation.cue = q.cue.map(|(a, b)| Evidence::new(doc, span(a, b)));
            quotation.sources = q.sources.iter().filter_map(|&k| pick(k)).collect();
            quotation.note = NOTES[q.note].to_owned();
            apply(
                &mut p,
                Edit::AddQuotation {
                    doc: doc.path.clone(),
                    quotation,
                },
            )
            .expect("quotation");
        }
        for (i, s) in g.stances.iter().enumerate() {
            let holder = s
                .holder
                .map_or(Holder::Author, |e| Holder::Entity(EntityId(e as u64 + 1)));
            let target = match s.target {
                t if t < ENTITIES.len() => Target::Entity(EntityId(t as u64 + 1)),
                t if t == ENTITIES.len() => Target::Claim(ClaimId(1)),
                _ => Target::Topic("energy 🔋 政策".to_owned()),
            };
            let evidence: Vec<Evidence> = s
                .evidence
                .map(|(a, b)| Evidence::new(doc, span(a, b)))
                .into_iter()
                .collect();
            let mut stance = Stance::new(
                StanceId(i as u64 + 1),
                holder,
                target,
                polarities[s.polarity % polarities.len()].clone(),
                evidence,
            );
            stance.intensity = s.intensity.map(|k| Intensity::ALL[k]);
            stance.reported_as = s.reported_as.map(|k| ReportedAs::ALL[k]);
            stance.note = NOTES[s.note].to_owned();
            if p.documents[&doc.path]
                .stances
                .iter()
                .any(|x| x.holder == stance.holder && x.target == stance.target)
            {
                continue;
            }
            apply(
                &mut p,
                Edit::AddStance {
                    doc: doc.path.clone(),
                    stance,
                },
            )
            .expect("stance");
        }
    }
    (corpus, p)
}

/// A mention: document, span, type.
type Key = (String, usize, usize, String);

fn key(path: &str, m: &Mention) -> Key {
    (path.to_owned(), m.span.start, m.span.end, m.label.clone())
}

/// What may be compared of a project.
#[derive(Clone, Copy)]
struct Keeps {
    notes: bool,
    /// A brat note is one line: line breaks become spaces.
    one_line_notes: bool,
    document_notes: bool,
    /// Entity name and Wikidata id of every link.
    full_links: bool,
    /// Wikidata ids only.
    qid_links: bool,
    /// Wikidata ids, and which mentions of a document share an entity.
    group_links: bool,
    stances: bool,
    /// Relations: type, source and target mention.
    relations: bool,
    /// Relations' notes (with `notes`).
    relation_notes: bool,
    /// Quotations: speaker and source mentions, cue, contents, kind, note.
    quotations: bool,
    /// Suggestions (a model's proposals): span, type, score, and their
    /// entity as links are kept (exported with suggestions).
    suggestions: bool,
}

const ALL: Keeps = Keeps {
    notes: true,
    one_line_notes: false,
    document_notes: true,
    full_links: true,
    qid_links: false,
    group_links: false,
    stances: true,
    relations: true,
    relation_notes: true,
    quotations: true,
    suggestions: true,
};

fn keeps(format: ExportFormat) -> Keeps {
    let none = Keeps {
        notes: false,
        one_line_notes: false,
        document_notes: false,
        full_links: false,
        qid_links: false,
        group_links: false,
        stances: false,
        relations: false,
        relation_notes: false,
        quotations: false,
        suggestions: false,
    };
    match format {
        ExportFormat::Spacy => Keeps {
            stances: false,
            quotations: false,
            ..ALL
        },
        ExportFormat::Doccano => Keeps {
            notes: true,
            document_notes: true,
            ..none
        },
        ExportFormat::LabelStudio => Keeps {
            notes: true,
            document_notes: true,
            relations: true,
            suggestions: true,
            ..none
        },
        ExportFormat::Brat => Keeps {
            notes: true,
            one_line_notes: true,
            group_links: true,
            relations: true,
            relation_notes: true,
            quotations: true,
            ..none
        },
        ExportFormat::WebAnno => Keeps {
            qid_links: true,
            ..none
        },
        ExportFormat::StancesJsonl => Keeps {
            stances: true,
            ..none
        },
        ExportFormat::QuotationsJsonl => Keeps {
            quotations: true,
            ..none
        },
        _ => none,
    }
}

/// Everything `keeps` covers, as comparable text.
fn view(p: &Project, keeps: Keeps, stances_only: bool) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (path, d) in &p.documents {
        if keeps.document_notes && !d.note.is_empty() {
            out.insert(format!("{path} note {:?}", d.note));
        }
        for m in d.mentions.iter().filter(|_| !stances_only) {
            let mut line = format!("{:?}", key(path, m));
            if keeps.notes {
                let note = if keeps.one_line_notes {
                    m.note.trim().replace(['\t', '\n', '\r'], " ")
                } else {
                    m.note.clone()
                };
                line.push_str(&format!(" note {note:?}"));
            }
            let entity = m.entity.and_then(|e| p.entities.get(&e));
            if keeps.full_links {
                line.push_str(&format!(
                    " entity {:?}",
                    entity.map(|e| (&e.name, &e.kb_id))
                ));
            } else if keeps.qid_links {
                line.push_str(&format!(" qid {:?}", entity.and_then(|e| e.kb_id.as_ref())));
            } else if keeps.group_links {
                // The first mention of the same entity in the document names
                // its group; a Wikidata id names it outright; a lone mention
                // of an entity without one has no group (brat has no name).
                let group = entity.and_then(|e| match &e.kb_id {
                    Some(q) => Some(format!("{q} {}", e.name)),
                    None => {
                        let same: Vec<String> = d
                            .mentions
                            .iter()
                            .filter(|x| x.entity == m.entity)
                            .map(|x| format!("{:?}", key(path, x)))
                            .collect();
                        (same.len() > 1).then(|| same.into_iter().min().unwrap_or_default())
                    }
                });
                line.push_str(&format!(" group {group:?}"));
            }
            out.insert(line);
        }
        if keeps.relations && !stances_only {
            for r in &d.relations {
                let end = |id| d.mention(id).map(|m| key(path, m));
                let note = if !keeps.notes || !keeps.relation_notes {
                    String::new()
                } else if keeps.one_line_notes {
                    r.note.trim().replace(['\t', '\n', '\r'], " ")
                } else {
                    r.note.clone()
                };
                out.insert(format!(
                    "{path} relation {} {:?} {:?} note {note:?}",
                    r.label,
                    end(r.source),
                    end(r.target)
                ));
            }
        }
        if keeps.suggestions && !stances_only {
            for s in &d.proposals {
                let entity = s.entity.and_then(|e| p.entities.get(&e));
                let link = if keeps.full_links {
                    format!("{:?}", entity.map(|e| (&e.name, &e.kb_id)))
                } else {
                    String::new()
                };
                out.insert(format!(
                    "{path} suggestion {} {} {} {:?} {link}",
                    s.span.start, s.span.end, s.label, s.score
                ));
            }
        }
        if keeps.quotations {
            for q in &d.quotations {
                let key_of = |id| d.mention(id).map(|m| key(path, m));
                out.insert(format!(
                    "{path} quotation {:?} cue {:?} contents {:?} {:?} sources {:?} note {:?}",
                    q.speaker.map(key_of),
                    q.cue.as_ref().map(|c| c.span),
                    q.contents.iter().map(|e| e.span).collect::<Vec<_>>(),
                    q.kind,
                    q.sources.iter().map(|&m| key_of(m)).collect::<Vec<_>>(),
                    if keeps.one_line_notes {
                        q.note.trim().replace(['\t', '\n', '\r'], " ")
                    } else {
                        q.note.clone()
                    }
                ));
            }
        }
        if keeps.stances {
            for s in &d.stances {
                let outlet = d.outlet.clone().unwrap_or_default();
                out.insert(format!(
                    "{path} stance {} | {} | {} | {:?} | {:?} | {:?} | {:?} | {:?}",
                    p.holder_name(&s.holder, &outlet),
                    p.target_name(&s.target),
                    s.polarity,
                    s.level,
                    s.intensity,
                    s.reported_as,
                    s.evidence.iter().map(|e| e.span).collect::<Vec<_>>(),
                    s.note
                ));
            }
        }
    }
    out
}

fn import_format(format: ExportFormat) -> ImportFormat {
    match format {
        ExportFormat::Spacy => ImportFormat::Spacy,
        ExportFormat::Doccano => ImportFormat::Doccano,
        ExportFormat::Brat => ImportFormat::Brat,
        ExportFormat::Conll => ImportFormat::Conll,
        ExportFormat::LabelStudio | ExportFormat::LabelStudioMin => ImportFormat::LabelStudio,
        ExportFormat::WebAnno => ImportFormat::WebAnno,
        ExportFormat::StancesJsonl => ImportFormat::StancesJsonl,
        ExportFormat::QuotationsJsonl => ImportFormat::QuotationsJsonl,
        other => panic!("{} is not read", other.name()),
    }
}

/// The formats Stancemark both writes and reads.
const BOTH_WAYS: [ExportFormat; 9] = [
    ExportFormat::Spacy,
    ExportFormat::Doccano,
    ExportFormat::Brat,
    ExportFormat::Conll,
    ExportFormat::LabelStudio,
    ExportFormat::LabelStudioMin,
    ExportFormat::WebAnno,
    ExportFormat::StancesJsonl,
    ExportFormat::QuotationsJsonl,
];

fn round_trip(
    format: ExportFormat,
    corpus: &Corpus,
    p: &Project,
    dir: &Path,
) -> (Project, ExportReport) {
    let out = dir.join(format!("out-{}", format.name()));
    // Formats that mark suggestions as such are written with them.
    let options = ExportOptions {
        include_suggestions: keeps(format).suggestions,
        ..ExportOptions::default()
    };
    let report =
        stancemark::io::export::export(format, p, &corpus.documents, options, &out, false, &())
            .expect("export");
    let read = read_records(import_format(format), &out, ReadOptions::default()).expect("read");
    assert!(
        read.problems.is_empty(),
        "{}: {:?}",
        format.name(),
        read.problems
    );
    let mut fresh = Project::new("tester", Schema::builtin());
    fresh.attach(&corpus.documents);
    let (edit, merged) = merge_records(
        &fresh,
        &corpus.documents,
        &read.records,
        &ImportOptions::default(),
    );
    assert!(
        merged.problems.is_empty(),
        "{}: {:?}",
        format.name(),
        merged.problems
    );
    apply(&mut fresh, edit).expect("apply");
    (fresh, report)
}

/// The mention ids an IOB export reports as left out, by document.
fn reported_mentions(report: &ExportReport) -> BTreeSet<(String, String)> {
    report
        .left_out
        .iter()
        .filter(|l| l.contains("IOB tags hold one layer"))
        .filter_map(|l| {
            let (path, rest) = l.split_once(": mention ")?;
            let id = rest.split(' ').next()?;
            Some((path.to_owned(), id.to_owned()))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn every_format_gives_back_what_it_keeps(docs in prop::collection::vec(gen_doc(), 1..4)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus_dir = dir.path().join("corpus");
        std::fs::create_dir_all(&corpus_dir).expect("mkdir");
        let (corpus, p) = build(&corpus_dir, &docs);
        for format in BOTH_WAYS {
            let (back, report) = round_trip(format, &corpus, &p, dir.path());
            // These formats carry mentions only as a stance's or a
            // quotation's parts.
            let stances_only = matches!(
                format,
                ExportFormat::StancesJsonl | ExportFormat::QuotationsJsonl
            );
            if format == ExportFormat::Conll {
                // What IOB cannot hold is listed, mention by mention; the
                // rest comes back exactly.
                let reported = reported_mentions(&report);
                let mut expected = BTreeSet::new();
                for (path, d) in &p.documents {
                    for m in &d.mentions {
                        if !reported.contains(&(path.clone(), m.id.to_string())) {
                            expected.insert(format!("{:?}", key(path, m)));
                        }
                    }
                }
                prop_assert_eq!(view(&back, keeps(format), false), expected, "conll");
            } else {
                prop_assert_eq!(
                    view(&back, keeps(format), stances_only),
                    view(&p, keeps(format), stances_only),
                    "{}", format.name()
                );
            }
            if report.left_out.is_empty() {
                // Nothing reported lost: nothing may be (suggestions go out
                // only when asked for, which formats that cannot mark them
                // are not).
                let all = Keeps { suggestions: keeps(format).suggestions, ..ALL };
                prop_assert_eq!(
                    view(&back, all, false),
                    view(&p, all, false),
                    "{} reported no loss", format.name()
                );
            }
        }
    }
}

/// Mentions in several documents with the same entity: brat's `Equiv`
/// groups within a document, the Wikidata id across documents.
#[test]
fn entity_groups_survive_brat_by_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus_dir = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus_dir).expect("mkdir");
    let doc = GenDoc {
        sentences: vec![(vec![11, 12, 0, 11], false)],
        mentions: vec![
            GenMention {
                first_word: 0,
                words: 1,
                label: 1,
                note: 0,
                entity: Some(1),
            },
            GenMention {
                first_word: 3,
                words: 1,
                label: 1,
                note: 1,
                entity: Some(1),
            },
            GenMention {
                first_word: 2,
                words: 1,
                label: 0,
                note: 4,
                entity: Some(0),
            },
        ],
        relations: vec![(0, 1, 2, 1)],
        quotations: Vec::new(),
        proposals: Vec::new(),
        stances: Vec::new(),
        note: 0,
    };
    let (corpus, p) = build(&corpus_dir, &[doc.clone(), doc]);
    let (back, report) = round_trip(ExportFormat::Brat, &corpus, &p, dir.path());
    assert_eq!(
        view(&back, keeps(ExportFormat::Brat), false),
        view(&p, keeps(ExportFormat::Brat), false)
    );
    let lines: BTreeMap<bool, usize> = report.left_out.iter().fold(BTreeMap::new(), |mut m, l| {
        *m.entry(l.contains("a brat note is one line")).or_default() += 1;
        m
    });
    assert_eq!(lines.get(&true), Some(&2), "{:?}", report.left_out);
    assert!(
        report.left_out.iter().any(|l| l
            .contains("entity \"Norvik Chemicals\": brat keeps which mentions belong together")),
        "{:?}",
        report.left_out
    );
}
