//! Imported quotations: their spans placed in the document, their speaker
//! and sources the project mentions their record's mentions became.

use super::super::annotation::MentionId;
use super::super::document::Document;
use super::super::project::DocAnnotations;
use super::super::quotation::{Quotation, QuotationId, QuoteKind};
use super::super::stance::Evidence;
use super::placing::Placer;

/// A quotation as an import describes it; its speaker and sources are
/// indexes into its record's mentions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportedQuotation {
    /// Index of the speaker mention; `None`: unattributed.
    pub speaker: Option<usize>,
    /// The cue: start, end and the text it claims to cover.
    pub cue: Option<(usize, usize, Option<String>)>,
    /// The quoted words, each: start, end and the text it claims to cover.
    pub contents: Vec<(usize, usize, Option<String>)>,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// Indexes of the source-chain mentions, outermost first.
    pub sources: Vec<usize>,
    /// Note.
    pub note: String,
    /// Where it is in the file, for messages.
    pub origin: String,
}

/// The quotation `q` makes in `doc` (its mentions placed as `placed`), or
/// `None` when the document has one with the same words already. `Err`
/// says why it cannot be made.
pub(super) fn quotation_from(
    doc: &Document,
    entry: &DocAnnotations,
    placer: &Placer<'_>,
    placed: &[Option<MentionId>],
    q: &ImportedQuotation,
) -> Result<Option<Quotation>, String> {
    let mention = |i: usize, role: &str| {
        placed
            .get(i)
            .copied()
            .flatten()
            .ok_or_else(|| format!("its {role} (mention {}) was not imported", i + 1))
    };
    let speaker = q.speaker.map(|i| mention(i, "speaker")).transpose()?;
    let sources = q
        .sources
        .iter()
        .map(|&i| mention(i, "source"))
        .collect::<Result<Vec<_>, _>>()?;
    let place = |(start, end, text): &(usize, usize, Option<String>), what: &str| {
        placer
            .span(*start, *end, text.as_deref())
            .map(|span| Evidence::new(doc, span))
            .map_err(|why| format!("its {what}: {why}"))
    };
    let contents = q
        .contents
        .iter()
        .map(|c| place(c, "content"))
        .collect::<Result<Vec<_>, _>>()?;
    if contents.is_empty() {
        return Err("it quotes no words".to_owned());
    }
    let cue = q.cue.as_ref().map(|c| place(c, "cue")).transpose()?;
    let mut quotation = Quotation::new(QuotationId(0), speaker, contents, q.kind);
    quotation.cue = cue;
    quotation.sources = sources;
    quotation.note.clone_from(&q.note);
    let spans = |x: &Quotation| {
        (
            x.cue.as_ref().map(|c| c.span),
            x.contents.iter().map(|e| e.span).collect::<Vec<_>>(),
        )
    };
    let same = |x: &Quotation| {
        x.speaker == quotation.speaker
            && x.sources == quotation.sources
            && x.kind == quotation.kind
            && x.note == quotation.note
            && spans(x) == spans(&quotation)
    };
    if entry.quotations.iter().any(same) {
        return Ok(None);
    }
    Ok(Some(quotation))
}
