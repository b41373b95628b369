//! The on-disk shape of a project file (RON), separate from the in-memory model
//! so that the format can be versioned and migrated explicitly.

use serde::{Deserialize, Serialize};

use crate::model::Provenance;
use crate::model::bounded::{Bounded, KEPT_PROBLEMS};
use crate::model::{
    CharSpan, Claim, DocAnnotations, DocStatus, Entity, EntityId, Holder, Intensity, Level,
    Project, QuoteKind, ReportedAs, Schema, Target, is_valid_qid,
};

pub(crate) use super::save_convert::{
    mention_of, quotation_of, relation_of, saved_mention, saved_quotation, saved_relation,
    saved_stance, stance_of,
};
use super::save_convert::{orphan_of, saved_orphan};

/// Value of the `format` field of every project file.
pub const FORMAT_NAME: &str = "stancemark-project";

/// The newest format version this build reads and the one it writes.
///
/// * 1: documents and mentions.
/// * 2: adds the entity registry, mention links (`entity`) and suggestions
///   (`suggested`).
/// * 3: adds the stance scale (`schema.polarities`), `claims` and per-document
///   `stances`.
/// * 4: adds `from` on mentions and stances of gold (adjudicated) saves.
/// * 5: adds per-document `orphans`: annotations that could not be
///   re-anchored after the document's text changed, kept with their old text.
/// * 6: adds `note` on documents and mentions (stances, entities and claims
///   had one already).
///
/// * 7: adds `token_lines` on documents and `schema.abbreviations`.
/// * 8: adds `schema.relation_types`, `schema.cues` and per-document
///   `relations` and `quotations`.
/// * 9: adds `conflicts`: what a three-way merge (`stancemark merge-file`)
///   could not decide, both versions kept until the user does.
/// * 10: adds `model_runs`, the commands that proposed spans, each written
///   once, which proposals name by number (`run`) instead of repeating the
///   command (`source`, still read).
///
/// Older files load unchanged: what they lack is empty (or, for the stance
/// scale and the relation types, the default ones).
pub const FORMAT_VERSION: u32 = 10;

/// The longest name a project file may hold (annotator, entity, alias,
/// type), in characters.
pub const MAX_NAME_CHARS: usize = 1_000;

/// The largest annotation id a project file may hold (2^48): far beyond
/// any real project, and far enough below 2^64 that fresh ids never wrap.
pub const MAX_ID: u64 = 1 << 48;

/// The longest note or claim a project file may hold, in characters.
pub const MAX_NOTE_CHARS: usize = 100_000;

/// A whole project file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveFile {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// Format version; files newer than [`FORMAT_VERSION`] are refused.
    pub version: u32,
    /// Program that wrote the file, for the curious.
    #[serde(default)]
    pub written_by: String,
    /// The versions this one was saved over, newest first (see
    /// `io::lineage`); absent in a file saved where there was none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lineage: String,
    /// The annotator.
    pub annotator: String,
    /// The corpus folder, relative to the project file's folder where possible.
    pub corpus: String,
    /// The project's schema.
    pub schema: Schema,
    /// Corpus-wide entities sorted by id (version 2).
    #[serde(default)]
    pub entities: Vec<SavedEntity>,
    /// Project-wide claims sorted by id (version 3).
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Documents sorted by path.
    #[serde(default)]
    pub documents: Vec<SavedDocument>,
    /// Decisions on learned suggestions so far (version 8): accepted,
    /// rejected, made by hand, made by hand where suggested.
    #[serde(default, skip_serializing_if = "is_zero_tally")]
    pub suggestions: SavedTally,
    /// Names taught from a list (a gazetteer), in order (version 8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lexicon: Vec<SavedLexiconEntry>,
    /// Conflicts a three-way merge recorded, waiting for a decision
    /// (version 9).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::save_conflicts::SavedConflict>,
    /// The commands (or imports) whose proposals the documents hold, each
    /// once, sorted; a proposal's `run` is its index here (version 10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub model_runs: Vec<String>,
}

/// One document's entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedDocument {
    /// Path relative to the corpus folder, `/`-separated.
    pub path: String,
    /// BLAKE3 hash (hex) of the text the annotations refer to.
    pub hash: String,
    /// Workflow status.
    #[serde(default)]
    pub status: DocStatus,
    /// Title (first non-empty line).
    #[serde(default)]
    pub title: String,
    /// Date from a leading `date YYYY-MM-DD` line.
    #[serde(default)]
    pub date: Option<String>,
    /// Outlet set by the annotator (absent: derived from the path).
    #[serde(default)]
    pub outlet: Option<String>,
    /// Mentions in reading order.
    #[serde(default)]
    pub mentions: Vec<SavedMention>,
    /// Stances sorted by id (version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stances: Vec<SavedStance>,
    /// Annotations lost when the text changed, with their old text (version 5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orphans: Vec<SavedOrphan>,
    /// The annotator's note on the document (version 6).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Made from a token file: tokens between spaces, one sentence per line
    /// (version 7).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub token_lines: bool,
    /// Relations between the document's mentions, sorted by id (version 8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<SavedRelation>,
    /// Quotations, sorted by id (version 8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotations: Vec<SavedQuotation>,
    /// Suggestions rejected in the document, in order (version 8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<SavedRejection>,
    /// Spans a model proposed, in order (version 8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub proposed: Vec<SavedProposal>,
    /// The document codebook's values, by variable (version 9).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub codes: std::collections::BTreeMap<String, crate::model::codebook::Code>,
}

/// A span a model proposed (version 8).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedProposal {
    /// First code point (inclusive).
    pub start: usize,
    /// Last code point (exclusive).
    pub end: usize,
    /// Entity type.
    pub label: String,
    /// The words it covers.
    pub exact: String,
    /// Entity id, if the model named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<u64>,
    /// Score in thousandths, if the model gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u16>,
    /// The command that proposed it (up to version 9; see `run`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Which of the file's `model_runs` proposed it (version 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<usize>,
}

/// A rejected suggestion (version 8): not offered again at its place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedRejection {
    /// First code point (inclusive).
    pub start: usize,
    /// Last code point (exclusive).
    pub end: usize,
    /// The type it offered.
    pub label: String,
    /// The words it covered.
    pub exact: String,
}

/// A name taught from a list (version 8).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedLexiconEntry {
    /// The words.
    pub surface: String,
    /// Entity type.
    pub label: String,
    /// Entity id, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<u64>,
}

/// The suggestion tally (version 8).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedTally {
    /// Suggestions accepted.
    #[serde(default)]
    pub accepted: u64,
    /// Suggestions rejected.
    #[serde(default)]
    pub rejected: u64,
    /// Mentions made by hand.
    #[serde(default)]
    pub hand_made: u64,
    /// Of those, suggested there beforehand.
    #[serde(default)]
    pub recalled: u64,
}

fn is_zero_tally(t: &SavedTally) -> bool {
    *t == SavedTally::default()
}

/// One quotation (version 8).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedQuotation {
    /// Identifier, unique within the document.
    pub id: u64,
    /// The speaker's mention id; absent: unattributed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<u64>,
    /// The cue span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<SavedEvidence>,
    /// The quoted words, one span per line.
    pub contents: Vec<SavedEvidence>,
    /// `Direct`, `Indirect` or `Mixed`.
    #[serde(default)]
    pub kind: QuoteKind,
    /// Mention ids of the source chain, outermost first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<u64>,
    /// Note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Gold provenance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Provenance>,
}

/// One relation, on one line of the file (version 8).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedRelation {
    /// Identifier, unique within the document.
    pub id: u64,
    /// Relation type name.
    pub label: String,
    /// Source mention id.
    pub source: u64,
    /// Target mention id.
    pub target: u64,
    /// Note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Gold provenance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Provenance>,
}

/// An annotation that could not be re-anchored (version 5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SavedOrphan {
    /// A mention.
    Mention {
        /// Why it could not be placed.
        reason: String,
        /// The mention with its old span and quote.
        mention: SavedMention,
    },
    /// One evidence span of a stance that is still there.
    Evidence {
        /// Why it could not be placed.
        reason: String,
        /// The stance's id.
        stance: u64,
        /// The evidence with its old span and quote.
        evidence: SavedEvidence,
    },
    /// A span-level stance whose evidence was all lost.
    Stance {
        /// Why it could not be placed.
        reason: String,
        /// The stance with its old evidence.
        stance: SavedStance,
    },
    /// A relation whose mention lost its place (version 8), naming its
    /// mentions by their old ids.
    Relation {
        /// Why it could not be placed.
        reason: String,
        /// The relation.
        relation: SavedRelation,
    },
    /// A quotation one of whose spans or mentions lost its place (version
    /// 8), naming its mentions by their old ids.
    Quotation {
        /// Why it could not be placed.
        reason: String,
        /// The quotation with its old spans.
        quotation: SavedQuotation,
    },
}

/// One stance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedStance {
    /// Identifier, unique within the document.
    pub id: u64,
    /// `Entity(id)` or `Author`.
    pub holder: Holder,
    /// `Entity(id)`, `Claim(id)` or `Topic("…")`.
    pub target: Target,
    /// Polarity name from the stance scale.
    pub polarity: String,
    /// `Span` or `Document`.
    #[serde(default)]
    pub level: Level,
    /// Evidence spans, one per line.
    #[serde(default)]
    pub evidence: Vec<SavedEvidence>,
    /// `Low`, `Medium` or `High`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intensity: Option<Intensity>,
    /// `DirectQuote`, `Paraphrase` or `AuthorVoice`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_as: Option<ReportedAs>,
    /// Note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Gold provenance (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Provenance>,
    /// The quotation it rests on, by its id in the document (version 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotation: Option<u64>,
}

/// One evidence span, anchored like a mention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedEvidence {
    /// First code point (inclusive).
    pub start: usize,
    /// Last code point (exclusive).
    pub end: usize,
    /// Exactly the covered text.
    pub exact: String,
    /// Up to 24 code points before.
    #[serde(default)]
    pub prefix: String,
    /// Up to 24 code points after.
    #[serde(default)]
    pub suffix: String,
}

/// One corpus-wide entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedEntity {
    /// Identifier, unique within the project.
    pub id: u64,
    /// Canonical name.
    pub name: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub label: String,
    /// Other names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Wikidata QID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kb_id: Option<String>,
    /// Note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One mention, on one line of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedMention {
    /// Identifier, unique within the document.
    pub id: u64,
    /// First code point (inclusive).
    pub start: usize,
    /// Last code point (exclusive).
    pub end: usize,
    /// Entity type.
    pub label: String,
    /// Exactly the covered text.
    pub exact: String,
    /// Up to 24 code points before.
    #[serde(default)]
    pub prefix: String,
    /// Up to 24 code points after.
    #[serde(default)]
    pub suffix: String,
    /// Linked entity id (version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<u64>,
    /// Not yet accepted pre-annotation (version 2).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suggested: bool,
    /// Gold provenance: annotators who had it, and the adjudicator (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Box<Provenance>>,
    /// The annotator's note (version 6).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl SaveFile {
    /// The file for `project`, with `corpus` as the corpus field.
    #[must_use]
    pub fn from_project(project: &Project, corpus: String) -> Self {
        // Each run's command once, sorted; proposals name it by index.
        let model_runs: Vec<String> = project
            .documents
            .values()
            .flat_map(|d| d.proposals.iter().map(|p| &*p.source))
            .collect::<std::collections::BTreeSet<&str>>()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let run_of = |source: &str| model_runs.binary_search_by(|r| r.as_str().cmp(source)).ok();
        let documents = project
            .documents
            .iter()
            .map(|(path, d)| SavedDocument {
                path: path.clone(),
                hash: d.hash.clone(),
                status: d.status,
                title: d.title.clone(),
                date: d.date.clone(),
                outlet: d.outlet.clone(),
                mentions: d.mentions.iter().map(saved_mention).collect(),
                stances: d.stances.iter().map(saved_stance).collect(),
                orphans: d.orphans.iter().map(saved_orphan).collect(),
                note: d.note.clone(),
                token_lines: d.token_lines,
                relations: d.relations.iter().map(saved_relation).collect(),
                quotations: d.quotations.iter().map(saved_quotation).collect(),
                codes: d.codes.clone(),
                proposed: d
                    .proposals
                    .iter()
                    .map(|p| SavedProposal {
                        start: p.span.start,
                        end: p.span.end,
                        label: p.label.clone(),
                        exact: p.text.clone(),
                        entity: p.entity.map(|e| e.0),
                        score: p.score,
                        source: String::new(),
                        run: run_of(&p.source),
                    })
                    .collect(),
                rejected: d
                    .rejections
                    .iter()
                    .map(|r| SavedRejection {
                        start: r.span.start,
                        end: r.span.end,
                        label: r.label.clone(),
                        exact: r.text.clone(),
                    })
                    .collect(),
            })
            .collect();
        Self {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            written_by: format!("stancemark {}", env!("CARGO_PKG_VERSION")),
            lineage: String::new(),
            annotator: project.annotator.clone(),
            corpus,
            schema: project.schema.clone(),
            entities: project
                .entities
                .values()
                .map(|e| SavedEntity {
                    id: e.id.0,
                    name: e.name.clone(),
                    label: e.label.clone(),
                    aliases: e.aliases.clone(),
                    kb_id: e.kb_id.clone(),
                    note: e.note.clone(),
                })
                .collect(),
            claims: project.claims.values().cloned().collect(),
            documents,
            lexicon: project
                .lexicon
                .iter()
                .map(|e| SavedLexiconEntry {
                    surface: e.surface.clone(),
                    label: e.label.clone(),
                    entity: e.entity.map(|x| x.0),
                })
                .collect(),
            conflicts: project
                .conflicts
                .iter()
                .map(super::save_conflicts::saved_conflict)
                .collect(),
            model_runs,
            suggestions: {
                let t = project.suggestion_tally;
                SavedTally {
                    accepted: t.accepted,
                    rejected: t.rejected,
                    hand_made: t.hand_made,
                    recalled: t.recalled,
                }
            },
        }
    }

    /// Structural problems that make the file unusable as a project: bad
    /// spans, duplicate ids or paths, a broken schema. Empty when fine. The
    /// first [`KEPT_PROBLEMS`] are kept, the rest only counted.
    #[must_use]
    pub fn problems(&self) -> Bounded<String> {
        let mut out = Bounded::new(KEPT_PROBLEMS);
        self.length_problems(&mut out);
        self.id_problems(&mut out);
        out.extend(
            self.schema
                .problems()
                .into_iter()
                .map(|p| format!("schema: {p}")),
        );
        let mut entity_ids = std::collections::BTreeSet::new();
        for e in &self.entities {
            if !entity_ids.insert(e.id) {
                out.push(format!("entity id {} is used twice", e.id));
            }
            if e.name.trim().is_empty() {
                out.push(format!("entity {} has no name", e.id));
            }
            if let Some(qid) = e.kb_id.as_deref().filter(|q| !is_valid_qid(q)) {
                out.push(format!(
                    "entity {} has kb_id {qid:?}, which is not a Wikidata id",
                    e.id
                ));
            }
        }
        let mut claim_ids = std::collections::BTreeSet::new();
        for c in &self.claims {
            if !claim_ids.insert(c.id) {
                out.push(format!("claim id {} is used twice", c.id.0));
            }
        }
        let mut paths = std::collections::BTreeSet::new();
        for d in &self.documents {
            if !paths.insert(d.path.as_str()) {
                out.push(format!("document {:?} appears twice", d.path));
            }
            for p in &d.proposed {
                if let Some(run) = p.run.filter(|&r| r >= self.model_runs.len()) {
                    out.push(format!(
                        "document {:?}: a proposal names model run {run}, but the file lists {} run(s)",
                        d.path,
                        self.model_runs.len()
                    ));
                }
            }
            for (name, code) in &d.codes {
                match self.schema.variables.iter().find(|v| &v.name == name) {
                    None => out.push(format!(
                        "document {:?} is coded for {name:?}, which the codebook does not define",
                        d.path
                    )),
                    Some(v) => {
                        if let Some(why) = v.refuses(code) {
                            out.push(format!("document {:?}: {why}", d.path));
                        }
                    }
                }
            }
            if let Some(why) = unsafe_document_path(&d.path) {
                out.push(format!("document {:?}: {why}", d.path));
            }
            let mut ids = std::collections::BTreeSet::new();
            for m in &d.mentions {
                if m.end <= m.start {
                    out.push(format!(
                        "document {:?}: mention {} has an empty or reversed span [{}, {})",
                        d.path, m.id, m.start, m.end
                    ));
                }
                if !ids.insert(m.id) {
                    out.push(format!(
                        "document {:?}: mention id {} is used twice",
                        d.path, m.id
                    ));
                }
                if let Some(e) = m.entity.filter(|e| !entity_ids.contains(e)) {
                    out.push(format!(
                        "document {:?}: mention {} links to entity {e}, which does not exist",
                        d.path, m.id
                    ));
                }
            }
            let mut relation_ids = std::collections::BTreeSet::new();
            for r in &d.relations {
                let at = format!("document {:?}: relation {}", d.path, r.id);
                if !relation_ids.insert(r.id) {
                    out.push(format!("{at}: id used twice"));
                }
                for end in [r.source, r.target] {
                    if !ids.contains(&end) {
                        out.push(format!("{at}: mention {end} does not exist"));
                    }
                }
                if r.source == r.target {
                    out.push(format!("{at}: relates a mention to itself"));
                }
            }
            let mut quotation_ids = std::collections::BTreeSet::new();
            for q in &d.quotations {
                let at = format!("document {:?}: quotation {}", d.path, q.id);
                if !quotation_ids.insert(q.id) {
                    out.push(format!("{at}: id used twice"));
                }
                if q.contents.is_empty() {
                    out.push(format!("{at}: no content span"));
                }
                for m in q.speaker.iter().chain(&q.sources) {
                    if !ids.contains(m) {
                        out.push(format!("{at}: mention {m} does not exist"));
                    }
                }
                for e in q.cue.iter().chain(&q.contents).filter(|e| e.end <= e.start) {
                    out.push(format!(
                        "{at}: empty or reversed span [{}, {})",
                        e.start, e.end
                    ));
                }
            }
            let mut stance_ids = std::collections::BTreeSet::new();
            for st in &d.stances {
                let at = format!("document {:?}: stance {}", d.path, st.id);
                if !stance_ids.insert(st.id) {
                    out.push(format!("{at}: id used twice"));
                }
                if let Holder::Entity(e) = &st.holder
                    && !entity_ids.contains(&e.0)
                {
                    out.push(format!("{at}: holder entity {} does not exist", e.0));
                }
                match &st.target {
                    Target::Entity(e) if !entity_ids.contains(&e.0) => {
                        out.push(format!("{at}: target entity {} does not exist", e.0));
                    }
                    Target::Claim(c) if !claim_ids.contains(c) => {
                        out.push(format!("{at}: target claim {} does not exist", c.0));
                    }
                    Target::Topic(t) if t.trim().is_empty() => {
                        out.push(format!("{at}: empty topic"))
                    }
                    _ => {}
                }
                if st.level == Level::Span && st.evidence.is_empty() {
                    out.push(format!("{at}: a span-level stance without evidence"));
                }
                for e in st.evidence.iter().filter(|e| e.end <= e.start) {
                    out.push(format!(
                        "{at}: empty or reversed evidence span [{}, {})",
                        e.start, e.end
                    ));
                }
            }
        }
        out
    }

    /// Ids far beyond any real project: a merge gives fresh ids above the
    /// highest, which must never wrap around to 0.
    fn id_problems(&self, out: &mut Bounded<String>) {
        let mut id = |what: &dyn Fn() -> String, id: u64| {
            if id > MAX_ID {
                out.push(format!(
                    "{} is {id}, above the largest id allowed ({MAX_ID})",
                    what()
                ));
            }
        };
        for e in &self.entities {
            id(&|| "an entity id".to_owned(), e.id);
        }
        for c in &self.claims {
            id(&|| "a claim id".to_owned(), c.id.0);
        }
        for d in &self.documents {
            for m in &d.mentions {
                id(&|| format!("document {:?}: a mention id", d.path), m.id);
            }
            for s in &d.stances {
                id(&|| format!("document {:?}: a stance id", d.path), s.id);
            }
            for r in &d.relations {
                id(&|| format!("document {:?}: a relation id", d.path), r.id);
            }
            for q in &d.quotations {
                id(&|| format!("document {:?}: a quotation id", d.path), q.id);
            }
        }
    }

    /// Text fields longer than any real one: a hostile file's 200 MB name
    /// would otherwise be laid out on screen (gigabytes) or printed.
    fn length_problems(&self, out: &mut Bounded<String>) {
        let mut check = |what: &dyn Fn() -> String, text: &str, max: usize| {
            // Bytes first: cheap, and a string of fewer bytes has fewer chars.
            if text.len() > max && text.chars().count() > max {
                out.push(format!(
                    "{} is {} characters long, more than the {max} allowed",
                    what(),
                    text.chars().count()
                ));
            }
        };
        check(
            &|| "the annotator's name".to_owned(),
            &self.annotator,
            MAX_NAME_CHARS,
        );
        for e in &self.entities {
            check(
                &|| format!("entity {}'s name", e.id),
                &e.name,
                MAX_NAME_CHARS,
            );
            for a in &e.aliases {
                check(
                    &|| format!("an alias of entity {}", e.id),
                    a,
                    MAX_NAME_CHARS,
                );
            }
            check(
                &|| format!("entity {}'s note", e.id),
                &e.note,
                MAX_NOTE_CHARS,
            );
        }
        for c in &self.claims {
            check(&|| format!("claim {}", c.id.0), &c.text, MAX_NOTE_CHARS);
            check(
                &|| format!("claim {}'s note", c.id.0),
                &c.note,
                MAX_NOTE_CHARS,
            );
        }
        for d in &self.documents {
            check(
                &|| format!("document {:?}'s note", d.path),
                &d.note,
                MAX_NOTE_CHARS,
            );
            for m in &d.mentions {
                check(
                    &|| format!("document {:?}, mention {}'s note", d.path, m.id),
                    &m.note,
                    MAX_NOTE_CHARS,
                );
                check(
                    &|| format!("document {:?}, mention {}'s type", d.path, m.id),
                    &m.label,
                    MAX_NAME_CHARS,
                );
            }
            for s in &d.stances {
                check(
                    &|| format!("document {:?}, stance {}'s note", d.path, s.id),
                    &s.note,
                    MAX_NOTE_CHARS,
                );
            }
        }
    }

    /// The in-memory project (call [`SaveFile::problems`] first).
    #[must_use]
    pub fn into_project(self) -> Project {
        let mut project = Project::new(self.annotator, self.schema);
        let t = self.suggestions;
        project.suggestion_tally = crate::model::SuggestionTally {
            accepted: t.accepted,
            rejected: t.rejected,
            hand_made: t.hand_made,
            recalled: t.recalled,
        };
        project.lexicon = self
            .lexicon
            .into_iter()
            .map(|e| crate::model::LexiconEntry {
                surface: e.surface,
                label: e.label,
                entity: e.entity.map(EntityId),
            })
            .collect();
        project.conflicts = self
            .conflicts
            .into_iter()
            .map(super::save_conflicts::conflict_of)
            .collect();
        for c in self.claims {
            project.claims.insert(c.id, c);
        }
        for e in self.entities {
            let entity = Entity {
                id: EntityId(e.id),
                name: e.name,
                label: e.label,
                aliases: e.aliases,
                kb_id: e.kb_id,
                note: e.note,
            };
            project.entities.insert(entity.id, entity);
        }
        // One shared copy of each run's command.
        let runs: Vec<std::sync::Arc<str>> = self
            .model_runs
            .into_iter()
            .map(std::sync::Arc::from)
            .collect();
        let mut older: std::collections::HashMap<String, std::sync::Arc<str>> =
            std::collections::HashMap::new();
        let mut source_of = |p: &SavedProposal| match p.run.and_then(|r| runs.get(r)) {
            Some(run) => std::sync::Arc::clone(run),
            None => std::sync::Arc::clone(
                older
                    .entry(p.source.clone())
                    .or_insert_with(|| p.source.as_str().into()),
            ),
        };
        for d in self.documents {
            let mut entry = DocAnnotations {
                codes: d.codes,
                hash: d.hash,
                title: d.title,
                date: d.date,
                outlet: d.outlet,
                status: d.status,
                mentions: Vec::with_capacity(d.mentions.len()),
                stances: Vec::with_capacity(d.stances.len()),
                orphans: d.orphans.into_iter().map(orphan_of).collect(),
                note: d.note,
                token_lines: d.token_lines,
                relations: Vec::with_capacity(d.relations.len()),
                quotations: Vec::with_capacity(d.quotations.len()),
                proposals: Vec::new(),
                rejections: d
                    .rejected
                    .into_iter()
                    .map(|r| crate::model::Rejection {
                        span: CharSpan::new(r.start, r.end),
                        label: r.label,
                        text: r.exact,
                    })
                    .collect(),
            };
            entry.rejections.sort();
            entry.rejections.dedup();
            entry.proposals = d
                .proposed
                .into_iter()
                .map(|p| {
                    let source = source_of(&p);
                    crate::model::Proposal {
                        span: CharSpan::new(p.start, p.end),
                        label: p.label,
                        text: p.exact,
                        entity: p.entity.map(EntityId),
                        score: p.score,
                        source,
                    }
                })
                .collect();
            entry.proposals.sort();
            for q in d.quotations {
                entry.insert_quotation(quotation_of(q));
            }
            for r in d.relations {
                entry.insert_relation(relation_of(r));
            }
            for st in d.stances {
                entry.insert_stance(stance_of(st));
            }
            for m in d.mentions {
                entry.insert_sorted(mention_of(m));
            }
            project.documents.insert(d.path, entry.into());
        }
        project
    }
}

/// Why a document path from a project file may not be used: it must be a
/// relative path inside the corpus folder, `/`-separated, each part a plain
/// file or folder name of this platform (no `..`, `.`, root, drive or empty
/// part), so a hostile file cannot make Stancemark read outside the corpus.
/// Any other character a file name may hold on this platform is allowed:
/// `12:30 briefing.txt` and `a\b.txt` are ordinary names on Linux and macOS
/// (on Windows, where `:` and `\` are not, they are refused).
#[must_use]
pub fn unsafe_document_path(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        return Some("an empty path");
    }
    if path.starts_with('/') {
        return Some("an absolute path; document paths are relative to the corpus folder");
    }
    if path.contains('\0') {
        return Some("NUL characters are not allowed in document paths");
    }
    for part in path.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Some(
                "a path that leaves or escapes the corpus folder (\"..\", \".\" or an empty part)",
            );
        }
        // One plain name on this platform: not a drive, root or separator.
        let mut components = std::path::Path::new(part).components();
        let plain = matches!(
            (components.next(), components.next()),
            (Some(std::path::Component::Normal(_)), None)
        );
        if !plain {
            return Some("an absolute path; document paths are relative to the corpus folder");
        }
    }
    None
}

#[cfg(test)]
mod path_tests {
    use super::unsafe_document_path;

    #[test]
    fn only_plain_relative_paths_are_accepted() {
        for ok in [
            "a.txt",
            "outlet/2026/a b.txt",
            "佐藤/🐟.txt",
            "a..b.txt",
            "...txt",
        ] {
            assert_eq!(unsafe_document_path(ok), None, "{ok}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../secret.txt",
            "a/../../b.txt",
            "a//b.txt",
            "./a.txt",
            "a/.",
            "a\0.txt",
        ] {
            assert!(unsafe_document_path(bad).is_some(), "{bad:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn colons_and_backslashes_are_ordinary_on_unix() {
        for ok in [
            "12:30 briefing.txt",
            "C:/x.txt",
            "a\\..\\b.txt",
            "outlet/x\\y.txt",
        ] {
            assert_eq!(unsafe_document_path(ok), None, "{ok}");
        }
    }

    #[cfg(windows)]
    #[test]
    fn drives_and_backslashes_are_refused_on_windows() {
        for bad in ["C:/x.txt", "a\\..\\b.txt", "C:x.txt"] {
            assert!(unsafe_document_path(bad).is_some(), "{bad:?}");
        }
    }
}
