//! Adding imported annotations to a project: records are matched to corpus
//! documents, checked against the text, and become one undoable edit; every
//! record or annotation left out is reported with where it came from.

use std::collections::BTreeMap;

use super::annotation::{Entity, EntityId, Mention, MentionId, is_valid_qid};
use super::document::Document;
use super::edit::Edit;
use super::project::Project;
use super::span::CharSpan;
use super::stance::{
    Claim, ClaimId, Evidence, Holder, Intensity, Level, ReportedAs, Stance, StanceId, Target,
};

/// An entity as an import describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportedEntity {
    /// Name, if given.
    pub name: Option<String>,
    /// Wikidata QID, if given.
    pub kb_id: Option<String>,
    /// A key that groups mentions of one entity within the import (e.g. an id).
    pub key: Option<String>,
    /// Its type, if the format says (mentions use their own type).
    pub label: Option<String>,
}

/// A mention as an import describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedMention {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Entity type.
    pub label: String,
    /// The text it claims to cover, if the format carries it.
    pub text: Option<String>,
    /// Its entity, if linked.
    pub entity: Option<ImportedEntity>,
    /// The annotator's note (brat `AnnotatorNotes`), empty if none.
    pub note: String,
}

/// A stance holder as imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportedHolder {
    /// The author/outlet.
    Author,
    /// An entity.
    Entity(ImportedEntity),
}

/// A stance target as imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportedTarget {
    /// An entity.
    Entity(ImportedEntity),
    /// A claim, by its text.
    Claim(String),
    /// A topic.
    Topic(String),
}

/// A stance as imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedStance {
    /// Holder.
    pub holder: ImportedHolder,
    /// Target.
    pub target: ImportedTarget,
    /// Polarity name.
    pub polarity: String,
    /// Level.
    pub level: Level,
    /// Intensity.
    pub intensity: Option<Intensity>,
    /// Reported as.
    pub reported_as: Option<ReportedAs>,
    /// Evidence: start, end and the text it claims to cover.
    pub evidence: Vec<(usize, usize, Option<String>)>,
    /// Note.
    pub note: String,
}

/// One imported record (usually a document).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportRecord {
    /// Where it came from, for messages (`file:line`).
    pub origin: String,
    /// The document path it names, if any.
    pub path: Option<String>,
    /// The document text it carries, if any.
    pub text: Option<String>,
    /// Its mentions.
    pub mentions: Vec<ImportedMention>,
    /// Its stances.
    pub stances: Vec<ImportedStance>,
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
    /// Stances added.
    pub stances: usize,
    /// Entities created.
    pub entities: usize,
    /// Claims created.
    pub claims: usize,
    /// Annotations skipped because the project already had them.
    pub duplicates: usize,
    /// Everything left out, with where it came from and why.
    pub problems: Vec<String>,
}

impl ImportReport {
    /// One line for the user: what matched, what was added, what was skipped.
    #[must_use]
    pub fn summary(&self) -> String {
        format!(
            "{} of {} record(s) matched; added {} mention(s), {} stance(s), {} entit(y/ies), {} claim(s); {} duplicate(s) skipped",
            self.matched,
            self.records,
            self.mentions,
            self.stances,
            self.entities,
            self.claims,
            self.duplicates
        )
    }
}

struct Resolver<'p> {
    project: &'p Project,
    next_entity: u64,
    next_claim: u64,
    new_entities: Vec<Entity>,
    new_claims: Vec<Claim>,
    by_key: BTreeMap<String, EntityId>,
}

impl Resolver<'_> {
    fn entity(
        &mut self,
        e: &ImportedEntity,
        label: &str,
        fallback_name: &str,
    ) -> Result<EntityId, String> {
        let label = e.label.as_deref().unwrap_or(label);
        if self.project.schema.entity_type(label).is_none() {
            return Err(format!("entity type {label:?} is not in the schema"));
        }
        if let Some(qid) = e.kb_id.as_deref().filter(|q| !is_valid_qid(q)) {
            return Err(format!("{qid:?} is not a Wikidata id"));
        }
        if let Some(id) = e.key.as_ref().and_then(|k| self.by_key.get(k)) {
            return Ok(*id);
        }
        let all = self.project.entities.values().chain(&self.new_entities);
        let found = match (&e.kb_id, &e.name) {
            (Some(qid), _) => all
                .clone()
                .find(|x| x.kb_id.as_ref() == Some(qid))
                .map(|x| x.id),
            _ => None,
        }
        .or_else(|| {
            let name = e.name.as_deref()?;
            self.project
                .entities
                .values()
                .chain(&self.new_entities)
                .find(|x| x.name == name && x.label == label)
                .map(|x| x.id)
        });
        let id = match found {
            Some(id) => id,
            None => {
                let id = EntityId(self.next_entity);
                let name = e.name.as_deref().unwrap_or(fallback_name).trim();
                let mut entity = Entity::new(id, name, label);
                entity.kb_id.clone_from(&e.kb_id);
                // Checked as the edit will be, so one bad record is reported
                // here instead of failing the whole import.
                super::edit::check_entity(self.project, &entity).map_err(|e| e.to_string())?;
                self.next_entity += 1;
                self.new_entities.push(entity);
                id
            }
        };
        if let Some(k) = &e.key {
            self.by_key.insert(k.clone(), id);
        }
        Ok(id)
    }

    fn claim(&mut self, text: &str) -> ClaimId {
        let found = self
            .project
            .claims
            .values()
            .chain(&self.new_claims)
            .find(|c| c.text == text);
        if let Some(c) = found {
            return c.id;
        }
        let id = ClaimId(self.next_claim);
        self.next_claim += 1;
        self.new_claims.push(Claim {
            id,
            text: text.to_owned(),
            note: String::new(),
        });
        id
    }
}

/// The corpus document a record belongs to: by path (or, failing that, a
/// unique file name); when the record carries its text and that document's
/// text differs, the document with exactly that text (an export may have
/// had to rename a file), else the path's document (reported as differing).
fn find_doc<'a>(docs: &'a [Document], record: &ImportRecord) -> Option<&'a Document> {
    let by_path = record.path.as_ref().and_then(|path| {
        if let Ok(at) = docs.binary_search_by(|d| d.path.as_str().cmp(path)) {
            return Some(&docs[at]);
        }
        let name = path.rsplit('/').next().unwrap_or(path);
        let mut same_name = docs
            .iter()
            .filter(|d| d.path.rsplit('/').next() == Some(name));
        match (same_name.next(), same_name.next()) {
            (Some(d), None) => Some(d),
            _ => None,
        }
    });
    let Some(text) = record.text.as_deref() else {
        return by_path;
    };
    if by_path.is_some_and(|d| d.text == text) {
        return by_path;
    }
    docs.iter().find(|d| d.text == text).or(by_path)
}

/// The edit adding `records` to `project` (documents `docs`, sorted by path),
/// and what was added or left out. With `as_suggestions`, mentions become
/// suggestions.
#[must_use]
pub fn merge_records(
    project: &Project,
    docs: &[Document],
    records: &[ImportRecord],
    as_suggestions: bool,
) -> (Edit, ImportReport) {
    let mut report = ImportReport {
        records: records.len(),
        ..ImportReport::default()
    };
    let mut resolver = Resolver {
        project,
        next_entity: project.next_entity_id().0,
        next_claim: project.next_claim_id().0,
        new_entities: Vec::new(),
        new_claims: Vec::new(),
        by_key: BTreeMap::new(),
    };
    let mut doc_edits: Vec<Edit> = Vec::new();
    let mut next_mention: BTreeMap<String, u64> = BTreeMap::new();
    let mut next_stance: BTreeMap<String, u64> = BTreeMap::new();
    let mut added_mentions: BTreeMap<String, Vec<(CharSpan, String)>> = BTreeMap::new();
    for record in records {
        let Some(doc) = find_doc(docs, record) else {
            let what = record
                .path
                .as_deref()
                .map_or_else(|| "its text".to_owned(), |p| format!("{p:?} or its text"));
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
        report.matched += 1;
        let path = doc.path.clone();
        for (n, m) in record.mentions.iter().enumerate() {
            let at = format!("{} mention {}", record.origin, n + 1);
            let span = CharSpan::new(m.start, m.end);
            if m.end <= m.start || m.end > doc.char_len() {
                report.problems.push(format!(
                    "{at}: offsets [{}, {}) do not fit the text of {path} ({} code points)",
                    m.start,
                    m.end,
                    doc.char_len()
                ));
                continue;
            }
            let found = doc.slice(span).unwrap_or_default();
            if let Some(t) = m.text.as_deref().filter(|t| *t != found) {
                report.problems.push(format!(
                    "{at}: says {t:?} but the text at [{}, {}) is {found:?}",
                    m.start, m.end
                ));
                continue;
            }
            if project.schema.entity_type(&m.label).is_none() {
                report
                    .problems
                    .push(format!("{at}: type {:?} is not in the schema", m.label));
                continue;
            }
            let added = added_mentions.entry(path.clone()).or_default();
            if entry
                .mentions
                .iter()
                .any(|x| x.span == span && x.label == m.label)
                || added.contains(&(span, m.label.clone()))
            {
                report.duplicates += 1;
                continue;
            }
            let entity = match &m.entity {
                Some(e) => match resolver.entity(e, &m.label, found) {
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
            let mut mention = Mention::new(doc, MentionId(*next), span, m.label.clone());
            *next += 1;
            mention.entity = entity;
            mention.suggested = as_suggestions;
            mention.note.clone_from(&m.note);
            added.push((span, m.label.clone()));
            doc_edits.push(Edit::AddMention {
                doc: path.clone(),
                mention,
            });
            report.mentions += 1;
        }
        for (n, s) in record.stances.iter().enumerate() {
            let at = format!("{} stance {}", record.origin, n + 1);
            match stance_from(&mut resolver, project, doc, s) {
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
    let mut edits: Vec<Edit> = resolver
        .new_entities
        .into_iter()
        .map(|entity| Edit::AddEntity { entity })
        .collect();
    edits.extend(
        resolver
            .new_claims
            .into_iter()
            .map(|claim| Edit::AddClaim { claim }),
    );
    edits.extend(doc_edits);
    (Edit::Batch(edits), report)
}

fn stance_from(
    resolver: &mut Resolver<'_>,
    project: &Project,
    doc: &Document,
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
        let span = CharSpan::new(*start, *end);
        if end <= start || *end > doc.char_len() {
            return Err(format!(
                "evidence [{start}, {end}) does not fit the text ({} code points)",
                doc.char_len()
            ));
        }
        let found = doc.slice(span).unwrap_or_default();
        if let Some(t) = text.as_deref().filter(|t| *t != found) {
            return Err(format!(
                "evidence says {t:?} but the text at [{start}, {end}) is {found:?}"
            ));
        }
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
