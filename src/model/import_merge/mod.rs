//! Adding imported annotations to a project: records are matched to corpus
//! documents, checked against the text, and become one undoable edit; every
//! record or annotation left out is reported with where it came from.

pub mod model_answers;
mod placing;
mod quotations;
mod records;
mod resolver;

pub use quotations::ImportedQuotation;
pub use records::{
    ImportRecord, ImportedEntity, ImportedHolder, ImportedMention, ImportedRelation,
    ImportedStance, ImportedTarget,
};

use std::collections::BTreeMap;

use super::annotation::{Mention, MentionId};
use super::document::Document;
use super::edit::Edit;
use super::project::{Project, Proposal};
use super::quotation::QuotationId;
use super::relation::{Relation, RelationId};
use super::span::CharSpan;
use super::stance::{Evidence, Holder, Level, Stance, StanceId, Target};
use super::units::OffsetUnit;

use placing::{Placer, anchors_fit, find_doc};
use resolver::Resolver;

/// The text a token file's sentences make: tokens joined by spaces,
/// sentences by line breaks (what CoNLL imports write as new documents).
#[must_use]
pub fn token_text(sentences: &[Vec<(String, String)>]) -> String {
    let mut text = String::new();
    for s in sentences {
        let words: Vec<&str> = s.iter().map(|(t, _)| t.as_str()).collect();
        text.push_str(&words.join(" "));
        text.push('\n');
    }
    text
}

/// How records are added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Mentions become suggestions to review (proposals offered by the
    /// suggester, not mentions).
    pub as_suggestions: bool,
    /// Where suggestions came from, shown when hovering one (e.g.
    /// `import predictions.json`); empty: `import`.
    pub source: String,
    /// Type names in the file and the schema types they become
    /// (`--map Person=PER`).
    pub type_map: BTreeMap<String, String>,
    /// Types in neither the schema nor the map join the schema (with a
    /// generated colour) instead of being refused.
    pub add_types: bool,
}

impl ImportOptions {
    /// Parses `--map` text: `Person=PER,Organization=ORG`.
    ///
    /// # Errors
    /// When a pair has no `=` or an empty side.
    pub fn parse_map(text: &str) -> Result<BTreeMap<String, String>, String> {
        let mut out = BTreeMap::new();
        for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some((from, to)) if !from.trim().is_empty() && !to.trim().is_empty() => {
                    out.insert(from.trim().to_owned(), to.trim().to_owned());
                }
                _ => return Err(format!("{pair:?}: expected FROM=TO, e.g. Person=PER")),
            }
        }
        Ok(out)
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Records read.
    pub records: usize,
    /// Records matched to a corpus document.
    pub matched: usize,
    /// Mentions added.
    pub mentions: usize,
    /// Suggestions added (offered by the suggester until accepted or
    /// rejected).
    pub suggestions: usize,
    /// Stances added.
    pub stances: usize,
    /// Relations added.
    pub relations: usize,
    /// Quotations added.
    pub quotations: usize,
    /// Entities created.
    pub entities: usize,
    /// Claims created.
    pub claims: usize,
    /// Annotations skipped because the project already had them.
    pub duplicates: usize,
    /// Entity types added to the schema (`--add-types`).
    pub types_added: Vec<String>,
    /// Everything left out, with where it came from and why.
    pub problems: Vec<String>,
}

impl ImportReport {
    /// One line for the user: what matched, what was added, what was skipped.
    #[must_use]
    pub fn summary(&self) -> String {
        format!(
            "{} of {} record(s) matched; added {} mention(s), {} suggestion(s), {} relation(s), {} quotation(s), {} stance(s), {} entit(y/ies), {} claim(s){}; {} duplicate(s) skipped",
            self.matched,
            self.records,
            self.mentions,
            self.suggestions,
            self.relations,
            self.quotations,
            self.stances,
            self.entities,
            self.claims,
            if self.types_added.is_empty() {
                String::new()
            } else {
                format!(", entity type(s) {}", self.types_added.join(", "))
            },
            self.duplicates
        )
    }
}

/// The edit adding `records` to `project` (documents `docs`, sorted by path),
/// and what was added or left out.
#[must_use]
pub fn merge_records(
    project: &Project,
    docs: &[Document],
    records: &[ImportRecord],
    options: &ImportOptions,
) -> (Edit, ImportReport) {
    let mut report = ImportReport {
        records: records.len(),
        ..ImportReport::default()
    };
    let mut resolver = Resolver::new(project, options);
    let mut doc_edits: Vec<Edit> = Vec::new();
    let mut next_mention: BTreeMap<String, u64> = BTreeMap::new();
    let mut next_stance: BTreeMap<String, u64> = BTreeMap::new();
    let mut added_mentions: BTreeMap<String, Vec<(CharSpan, String, MentionId)>> = BTreeMap::new();
    let mut next_relation: BTreeMap<String, u64> = BTreeMap::new();
    // Relations added by this import, per document, so a repeat is one.
    let mut added_relations: Vec<(String, Relation)> = Vec::new();
    let mut next_quotation: BTreeMap<String, u64> = BTreeMap::new();
    // Every proposal of this import shares its one source text.
    let import_source: std::sync::Arc<str> = if options.source.is_empty() {
        "import".into()
    } else {
        options.source.as_str().into()
    };
    for record in records {
        let Some(doc) = find_doc(docs, record) else {
            let what = match (&record.path, &record.text) {
                (Some(p), _) => format!("{p:?}, its text or its tokens"),
                (None, Some(_)) => "its text".to_owned(),
                (None, None) => "its tokens".to_owned(),
            };
            report.problems.push(format!(
                "{}: no corpus document matches {what}; record left out",
                record.origin
            ));
            continue;
        };
        let Some(entry) = project.documents.get(&doc.path) else {
            report.problems.push(format!(
                "{}: {} is not in the project; record left out",
                record.origin, doc.path
            ));
            continue;
        };
        if entry.hash != doc.hash {
            report.problems.push(format!(
                "{}: {} changed since it was annotated; record left out",
                record.origin, doc.path
            ));
            continue;
        }
        if record.text.as_deref().is_some_and(|t| t != doc.text) {
            report.problems.push(format!(
                "{}: its text differs from the corpus document {}; record left out (offsets would not fit)",
                record.origin, doc.path
            ));
            continue;
        }
        if !anchors_fit(doc, record) {
            report.problems.push(format!(
                "{}: its tokens are not where it says in the text of {}; record left out (offsets would not fit)",
                record.origin, doc.path
            ));
            continue;
        }
        report.matched += 1;
        let placer = Placer::new(doc, record);
        let path = doc.path.clone();
        let from_tokens;
        let record = if record.token_sentences.is_empty() {
            record
        } else {
            from_tokens = tokens_to_mentions(doc, record);
            if from_tokens.mentions.is_empty()
                && record
                    .token_sentences
                    .iter()
                    .flatten()
                    .any(|(_, t)| t != "O")
            {
                report.problems.push(format!(
                    "{}: its tokens are not in the text of {}; record left out",
                    record.origin, doc.path
                ));
                continue;
            }
            let lines = token_text(&record.token_sentences) == doc.text;
            if lines != entry.token_lines {
                doc_edits.push(Edit::SetTokenLines {
                    doc: path.clone(),
                    on: lines,
                });
            }
            &from_tokens
        };
        if let Some(note) = record.note.as_ref().filter(|n| !n.trim().is_empty()) {
            if entry.note.is_empty() {
                doc_edits.push(Edit::SetDocumentNote {
                    doc: path.clone(),
                    note: note.trim().to_owned(),
                });
            } else if entry.note != note.trim() {
                report.problems.push(format!(
                    "{}: the document note {note:?} was not imported: {} already has a note",
                    record.origin, doc.path
                ));
            }
        }
        // The project mention each record mention became (or already was).
        let mut placed: Vec<Option<MentionId>> = vec![None; record.mentions.len()];
        // Which record mentions became suggestions (no mention to relate).
        let mut proposed = vec![false; record.mentions.len()];
        let mut proposals: Vec<Proposal> = Vec::new();
        // What is already offered or marked here (span, type): one look-up
        // per record mention, so an import is linear in its size.
        let mut offered: std::collections::HashSet<(CharSpan, String)> = entry
            .mentions
            .iter()
            .map(|x| (x.span, x.label.clone()))
            .chain(entry.proposals.iter().map(|x| (x.span, x.label.clone())))
            .collect();
        for (n, m) in record.mentions.iter().enumerate() {
            let at = format!("{} mention {}", record.origin, n + 1);
            let span = match placer.span(m.start, m.end, m.text.as_deref()) {
                Ok(span) => span,
                Err(why) => {
                    report.problems.push(format!("{at}: {why}; left out"));
                    continue;
                }
            };
            let found = doc.slice(span).unwrap_or_default();
            let label = match resolver.label(&m.label) {
                Ok(label) => label,
                Err(why) => {
                    report.problems.push(format!("{at}: {why}; left out"));
                    continue;
                }
            };
            if options.as_suggestions || m.suggested {
                proposed[n] = true;
                let proposal = Proposal {
                    span,
                    label: label.clone(),
                    text: found.to_owned(),
                    entity: None,
                    score: m.score.map(|t| t.min(1000)),
                    source: m
                        .run
                        .as_deref()
                        .map_or_else(|| import_source.clone(), |run| run.into()),
                };
                if !offered.insert((span, label.clone())) {
                    report.duplicates += 1;
                    continue;
                }
                let entity = match &m.entity {
                    Some(e) => match resolver.entity(e, &label, found) {
                        Ok(id) => Some(id),
                        Err(why) => {
                            report
                                .problems
                                .push(format!("{at}: {why}; suggested without its entity"));
                            None
                        }
                    },
                    None => None,
                };
                if !m.note.is_empty() {
                    report.problems.push(format!(
                        "{at}: its note {:?} was not imported: a suggestion holds no note (accept it, then add the note)",
                        m.note
                    ));
                }
                proposals.push(Proposal { entity, ..proposal });
                report.suggestions += 1;
                continue;
            }
            let added = added_mentions.entry(path.clone()).or_default();
            let existing = entry
                .mentions
                .iter()
                .find(|x| x.span == span && x.label == label)
                .map(|x| x.id)
                .or_else(|| {
                    added
                        .iter()
                        .find(|(s, l, _)| *s == span && *l == label)
                        .map(|(_, _, id)| *id)
                });
            if let Some(id) = existing {
                placed[n] = Some(id);
                report.duplicates += 1;
                continue;
            }
            let entity = match &m.entity {
                Some(e) => match resolver.entity(e, &label, found) {
                    Ok(id) => Some(id),
                    Err(why) => {
                        report
                            .problems
                            .push(format!("{at}: {why}; added without its entity"));
                        None
                    }
                },
                None => None,
            };
            let next = next_mention
                .entry(path.clone())
                .or_insert_with(|| entry.next_mention_id().0);
            let mut mention = Mention::new(doc, MentionId(*next), span, label.clone());
            *next += 1;
            mention.entity = entity;
            mention.note.clone_from(&m.note);
            placed[n] = Some(mention.id);
            added.push((span, label, mention.id));
            doc_edits.push(Edit::AddMention {
                doc: path.clone(),
                mention,
            });
            report.mentions += 1;
        }
        if !proposals.is_empty() {
            doc_edits.push(Edit::AddProposals {
                doc: path.clone(),
                proposals,
            });
        }
        let as_suggestion = |indexes: &[usize]| {
            indexes
                .iter()
                .any(|&i| proposed.get(i).copied().unwrap_or(false))
        };
        const NEEDS_MENTIONS: &str = "a mention it needs was imported as a suggestion, and suggestions cannot be related or quoted (accept the suggestion, then import again); left out";
        let labels: BTreeMap<MentionId, &str> = entry
            .mentions
            .iter()
            .map(|m| (m.id, m.label.as_str()))
            .chain(
                added_mentions
                    .get(&path)
                    .into_iter()
                    .flatten()
                    .map(|(_, l, id)| (*id, l.as_str())),
            )
            .collect();
        for r in &record.relations {
            if as_suggestion(&[r.source, r.target]) {
                report.problems.push(format!(
                    "{}: relation {:?}: {NEEDS_MENTIONS}",
                    r.origin, r.label
                ));
                continue;
            }
            match relation_from(&mut resolver, entry, &placed, &labels, r) {
                Ok(None) => report.duplicates += 1,
                // The very same relation twice in one import (two identical
                // brat R lines) is added once; two that differ, if only by
                // their note, are both kept.
                Ok(Some(relation))
                    if added_relations.iter().any(|(p, x): &(String, Relation)| {
                        *p == path
                            && x.label == relation.label
                            && (x.source, x.target) == (relation.source, relation.target)
                            && x.note == relation.note
                    }) =>
                {
                    report.duplicates += 1;
                }
                Ok(Some(mut relation)) => {
                    let next = next_relation
                        .entry(path.clone())
                        .or_insert_with(|| entry.next_relation_id().0);
                    relation.id = RelationId(*next);
                    *next += 1;
                    added_relations.push((path.clone(), relation.clone()));
                    doc_edits.push(Edit::AddRelation {
                        doc: path.clone(),
                        relation,
                    });
                    report.relations += 1;
                }
                Err(why) => report
                    .problems
                    .push(format!("{}: {why}; left out", r.origin)),
            }
        }
        for q in &record.quotations {
            if as_suggestion(
                &q.speaker
                    .into_iter()
                    .chain(q.sources.iter().copied())
                    .collect::<Vec<_>>(),
            ) {
                report
                    .problems
                    .push(format!("{}: quotation: {NEEDS_MENTIONS}", q.origin));
                continue;
            }
            match quotations::quotation_from(doc, entry, &placer, &placed, q) {
                Ok(None) => report.duplicates += 1,
                Ok(Some(mut quotation)) => {
                    let next = next_quotation
                        .entry(path.clone())
                        .or_insert_with(|| entry.next_quotation_id().0);
                    quotation.id = QuotationId(*next);
                    *next += 1;
                    doc_edits.push(Edit::AddQuotation {
                        doc: path.clone(),
                        quotation,
                    });
                    report.quotations += 1;
                }
                Err(why) => report
                    .problems
                    .push(format!("{}: quotation: {why}; left out", q.origin)),
            }
        }
        for (n, s) in record.stances.iter().enumerate() {
            let at = format!("{} stance {}", record.origin, n + 1);
            match stance_from(&mut resolver, project, doc, &placer, s) {
                Ok(mut stance) => {
                    let same = |x: &Stance| {
                        x.holder == stance.holder
                            && x.target == stance.target
                            && x.polarity == stance.polarity
                            && x.evidence
                                .iter()
                                .map(|e| e.span)
                                .eq(stance.evidence.iter().map(|e| e.span))
                    };
                    if entry.stances.iter().any(same) {
                        report.duplicates += 1;
                        continue;
                    }
                    let next = next_stance
                        .entry(path.clone())
                        .or_insert_with(|| entry.next_stance_id().0);
                    stance.id = StanceId(*next);
                    *next += 1;
                    doc_edits.push(Edit::AddStance {
                        doc: path.clone(),
                        stance,
                    });
                    report.stances += 1;
                }
                Err(why) => report.problems.push(format!("{at}: {why}; left out")),
            }
        }
    }
    report.entities = resolver.new_entities.len();
    report.claims = resolver.new_claims.len();
    report.types_added = resolver.new_types.iter().map(|t| t.name.clone()).collect();
    let mut edits = resolver.take_entity_type_edits();
    report.problems.append(&mut resolver.role_conflicts);
    if !resolver.new_relation_types.is_empty() || !resolver.role_updates.is_empty() {
        report.types_added.extend(
            resolver
                .new_relation_types
                .iter()
                .map(|t| format!("{} (relation)", t.name)),
        );
        let mut types = project.schema.relation_types.clone();
        types.extend(resolver.new_relation_types.iter().cloned());
        for t in &mut types {
            if let Some(roles) = resolver.role_updates.get(&t.name) {
                t.roles = Some(roles.clone());
            }
        }
        edits.push(Edit::SetRelationTypes { types });
    }
    edits.extend(
        resolver
            .new_entities
            .into_iter()
            .map(|entity| Edit::AddEntity { entity }),
    );
    edits.extend(
        resolver
            .new_claims
            .into_iter()
            .map(|claim| Edit::AddClaim { claim }),
    );
    edits.extend(doc_edits);
    // Documents the import adds work to are no longer "todo".
    (
        super::edit::with_progress(project, Edit::Batch(edits)),
        report,
    )
}

/// A token record's mentions, read from its tags over the tokens found in
/// `doc`'s text (code points).
fn tokens_to_mentions(doc: &Document, record: &ImportRecord) -> ImportRecord {
    let tokens: Vec<&str> = record
        .token_sentences
        .iter()
        .flatten()
        .map(|(t, _)| t.as_str())
        .collect();
    let Some(spans) = placing::align(&doc.text, &tokens) else {
        return ImportRecord::default();
    };
    let mut mentions = Vec::new();
    let mut k = 0;
    for sentence in &record.token_sentences {
        let here = &spans[k..k + sentence.len()];
        let tags: Vec<&str> = sentence.iter().map(|(_, t)| t.as_str()).collect();
        for (span, label) in super::iob::decode_tags(here, &tags) {
            mentions.push(ImportedMention {
                start: span.start,
                end: span.end,
                label,
                ..ImportedMention::default()
            });
        }
        k += sentence.len();
    }
    ImportRecord {
        origin: record.origin.clone(),
        mentions,
        unit: OffsetUnit::CodePoints,
        unit_known: true,
        ..ImportRecord::default()
    }
}

/// The relation `r` makes between the mentions its record's mentions
/// became (`placed`; `labels` gives every mention's type), or `None` when
/// the document has it already. `Err` says why it cannot be made.
fn relation_from(
    resolver: &mut Resolver<'_>,
    entry: &super::project::DocAnnotations,
    placed: &[Option<MentionId>],
    labels: &BTreeMap<MentionId, &str>,
    r: &ImportedRelation,
) -> Result<Option<Relation>, String> {
    let end = |i: usize, role: &str| {
        placed.get(i).copied().flatten().ok_or_else(|| {
            format!(
                "relation {:?}: its {role} (mention {}) was not imported",
                r.label,
                i + 1
            )
        })
    };
    let (source, target) = (end(r.source, "source")?, end(r.target, "target")?);
    if source == target {
        return Err(format!(
            "relation {:?} relates a mention to itself",
            r.label
        ));
    }
    let kind = resolver.relation_label(&r.label)?;
    resolver.relation_roles(&kind, r.roles.as_ref(), &r.origin);
    let type_of = |id| labels.get(&id).copied().unwrap_or_default();
    if let Some(why) = kind.refuses(type_of(source), type_of(target)) {
        return Err(why);
    }
    let same = |x: &Relation| {
        x.label == kind.name
            && ((x.source, x.target) == (source, target)
                || (kind.symmetric && (x.source, x.target) == (target, source)))
    };
    if entry.relations.iter().any(same) {
        return Ok(None);
    }
    let mut relation = Relation::new(RelationId(0), kind.name, source, target);
    relation.note.clone_from(&r.note);
    Ok(Some(relation))
}

fn stance_from(
    resolver: &mut Resolver<'_>,
    project: &Project,
    doc: &Document,
    placer: &Placer<'_>,
    s: &ImportedStance,
) -> Result<Stance, String> {
    if project.schema.polarity(&s.polarity).is_none() {
        return Err(format!(
            "polarity {:?} is not on the stance scale",
            s.polarity
        ));
    }
    let mut evidence = Vec::new();
    for (start, end, text) in &s.evidence {
        let span = placer
            .span(*start, *end, text.as_deref())
            .map_err(|e| format!("evidence {e}"))?;
        evidence.push(Evidence::new(doc, span));
    }
    let holder = match &s.holder {
        ImportedHolder::Author => Holder::Author,
        ImportedHolder::Entity(e) => Holder::Entity(resolver.entity(e, "PER", "unnamed holder")?),
    };
    let target = match &s.target {
        ImportedTarget::Entity(e) => Target::Entity(resolver.entity(e, "ORG", "unnamed target")?),
        ImportedTarget::Claim(text) if !text.trim().is_empty() => {
            Target::Claim(resolver.claim(text.trim()))
        }
        ImportedTarget::Topic(t) if !t.trim().is_empty() => Target::Topic(t.trim().to_owned()),
        _ => return Err("the target has no text".to_owned()),
    };
    let mut stance = Stance::new(StanceId(0), holder, target, s.polarity.clone(), evidence);
    if s.level == Level::Span && stance.evidence.is_empty() {
        return Err("a span-level stance without evidence".to_owned());
    }
    stance.level = s.level;
    stance.intensity = s.intensity;
    stance.reported_as = s.reported_as;
    stance.note.clone_from(&s.note);
    Ok(stance)
}
