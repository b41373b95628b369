//! Every user action is a [`Command`]: menus, shortcuts and tests all enqueue
//! commands, and the app applies them in one place after drawing.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::propagate::Candidate;
use crate::model::{CharSpan, ClaimId, Edit, EntityId, MentionId, Stance, StanceId};

/// A user action.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show the Open corpus window (folder dialog and path field).
    ShowOpenCorpus,
    /// Ask the system folder dialog for a corpus folder.
    BrowseForCorpus,
    /// Open the corpus at this folder.
    OpenCorpus(PathBuf),
    /// While a corpus is read: show this document (relative path) first.
    ChooseWhileLoading(String),
    /// Show the corpus search window.
    ShowSearch,
    /// Show the Find in article bar.
    ShowFind,
    /// Show the statistics window.
    ShowStatistics,
    /// Show the command palette.
    ShowPalette,
    /// Show the keyboard help.
    ShowHelp,
    /// Show the next document in the list.
    NextDocument,
    /// Show the previous document in the list.
    PreviousDocument,
    /// Show the next document (wrapping round) not marked done.
    NextUnfinished,
    /// Mark the shown document done, or back to in progress if it is done.
    ToggleDone,
    /// Show document `doc` (corpus index) with `span` selected and in view.
    RevealSpan {
        /// Index of the document in the corpus.
        doc: usize,
        /// The code points to select.
        span: CharSpan,
    },
    /// Add a mention of type `label` at each place (document path, span),
    /// as one undo step.
    AnnotateHits {
        /// The entity type.
        label: String,
        /// Where.
        hits: Vec<(String, CharSpan)>,
    },
    /// Show the Open project window.
    ShowOpenProject,
    /// Ask the system file dialog for a project file.
    BrowseForProject,
    /// Open this project file (and its corpus).
    OpenProject(PathBuf),
    /// Save to the project file (or the default save on first use).
    Save,
    /// Show the Save As window.
    ShowSaveAs,
    /// Save to this file and make it the project file.
    SaveAs(PathBuf),
    /// Show another document.
    ShowDocument(usize),
    /// Set the text selection (code points) in the shown document.
    Select(Option<CharSpan>),
    /// Select a mention (and scroll to it when `reveal`).
    SelectMention {
        /// Which mention; `None` clears.
        id: Option<MentionId>,
        /// Scroll it into view.
        reveal: bool,
    },
    /// Move the selection by a word or sentence; `extend` grows or shrinks
    /// it instead (Shift).
    MoveSelection {
        /// Which way and how far.
        step: crate::model::caret::Step,
        /// Keep the start, move the end.
        extend: bool,
    },
    /// Place orphan `n` of the shown document at the text selection.
    PlaceOrphan(usize),
    /// Clear the text selection and the selected mention.
    ClearSelection,
    /// Zoom the whole interface (remembered between sessions).
    Zoom(ZoomStep),
    /// Draw or hide the type chips above mentions (remembered).
    ToggleTypeLabels,
    /// A left or right arrow key's command: run as it is in left-to-right
    /// text, and with its direction turned round where the text at the
    /// selection reads right to left (the arrows move visually).
    Arrow(Box<Command>),
    /// Set the shown document's text direction (true: right to left) or
    /// let each paragraph's first strong character decide (`None`);
    /// remembered per document.
    SetTextDirection(Option<bool>),
    /// Show or hide the document list (on a narrow window it starts hidden).
    ToggleDocumentsPanel,
    /// Show or hide the details panel (on a narrow window it starts hidden).
    ToggleDetailsPanel,
    /// Follow the system's light or dark theme, or fix one (remembered).
    SetTheme(egui::ThemePreference),
    /// Select the next (or previous) mention of the shown document.
    StepMention {
        /// Next rather than previous.
        forward: bool,
    },
    /// Press of a type key 1–9: label the selection, or relabel the mention.
    TypeKey(char),
    /// Turn the selection into a mention of this type.
    CreateMention(String),
    /// Change the selected mention's type.
    RelabelSelected(String),
    /// Delete the selected mention.
    DeleteSelected,
    /// Open the quotation form on the selection, with the suggested speaker
    /// and cue.
    QuoteSelection,
    /// Add this quotation to the shown document (a fresh id is given).
    CreateQuotation(crate::model::Quotation),
    /// Accept the learned suggestion at or after the caret (A).
    AcceptSuggestionHere,
    /// Reject the learned suggestion at or after the caret (X).
    RejectSuggestionHere,
    /// Accept every learned suggestion of the shown document (Shift+A).
    AcceptAllSuggestions,
    /// Show or hide learned suggestions, and set their threshold.
    SetSuggestions {
        /// Shown.
        on: bool,
        /// Forms scoring below this are not suggested.
        threshold: f64,
    },
    /// Add the selection to the selected quotation as further content.
    AddSelectionToQuotation,
    /// Make the selection the selected quotation's cue.
    SetSelectionAsCue,
    /// Select a quotation (and scroll to it when `reveal`).
    SelectQuotation {
        /// Which quotation; `None` clears.
        id: Option<crate::model::QuotationId>,
        /// Scroll it into view.
        reveal: bool,
    },
    /// Replace a quotation of the shown document.
    UpdateQuotation(crate::model::Quotation),
    /// Make part `part` of the selected quotation's words the one
    /// Alt+arrows resize (a click on it).
    FocusQuotationPart(usize),
    /// Give part `part` of quotation `id`'s words a new span (an edge
    /// dragged); parts it then overlaps merge into it.
    ResizeQuotationPart {
        /// The quotation.
        id: crate::model::QuotationId,
        /// Which part of its words (in reading order).
        part: usize,
        /// Its new span.
        span: CharSpan,
    },
    /// Start a relation from the selected mention: Tab moves to the target,
    /// a relation type's key makes it, Escape gives up.
    StartRelation,
    /// A drag from one mention's chip onto another: relate the two once a
    /// type is chosen (a type key, or a type in the side panel).
    RelateByDrag {
        /// The mention the drag started on.
        source: MentionId,
        /// The mention it ended on.
        target: MentionId,
    },
    /// Add a relation of type `label` between two mentions of the shown
    /// document.
    Relate {
        /// The source mention.
        source: MentionId,
        /// The target mention.
        target: MentionId,
        /// The relation type.
        label: String,
    },
    /// Move one boundary of the selected mention by a character or a word.
    ResizeSelected {
        /// Which boundary.
        edge: crate::model::caret::Edge,
        /// How far.
        reach: crate::model::caret::Reach,
        /// Later in the text (else earlier).
        later: bool,
    },
    /// Give a mention of the shown document a new span (an edge dragged).
    ResizeMentionTo {
        /// The mention.
        id: MentionId,
        /// Its new span.
        span: CharSpan,
    },
    /// Scroll the article (keys: PageUp/PageDown, Space, Home/End).
    ScrollArticle(ArticleScroll),
    /// Apply a model edit as one undo step.
    Edit(Edit),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Show the schema editor.
    ShowSchema,
    /// Show the skipped files report.
    ShowSkipped,
    /// Show the problems found when the project was opened.
    ShowProblems,
    /// Set the annotator's name.
    SetAnnotator(String),
    /// Close the window (autosaving first).
    Quit,
    /// Close the window without saving (the user chose it in the quit prompt).
    QuitWithoutSaving,
    /// Take the work in this recovery file into the project (unsaved).
    RecoverWork(PathBuf),
    /// Set this recovery file aside as `.discarded`.
    DiscardRecovery(PathBuf),
    /// Leave this recovery file where it is, untouched, and go on.
    LeaveRecovery(PathBuf),
    /// The note being typed, as the edit that would keep it (`None`: no
    /// note is being typed): it goes into the recovery file.
    NoteDraft(Option<Edit>),
    /// Start the export set up in the export window.
    StartExport,
    /// Run the import set up in the import window.
    RunImport,
    /// Ask the system dialog for the file (or brat folder) to import.
    BrowseForImport,
    /// Show a tab of the side panel.
    ShowSideTab(SideTab),
    /// Open the entity picker.
    ShowEntityPicker(PickerPurpose),
    /// Link the selected mention to an entity (`None` unlinks).
    LinkSelected(Option<EntityId>),
    /// Link the selected mention to the entity linked last.
    LinkSelectedToLast,
    /// Create an entity named `name` (or after the mention's text) and link
    /// the selected mention to it.
    NewEntityFromSelected(Option<String>),
    /// Show an entity's mentions (highlighted in the article, listed in the panel).
    FocusEntity(Option<EntityId>),
    /// Merge `absorbed` into `kept`.
    MergeEntities {
        /// The entity that stays.
        kept: EntityId,
        /// The entity whose mentions move and which disappears.
        absorbed: EntityId,
    },
    /// Delete an entity; its mentions stay, unlinked.
    DeleteEntity(EntityId),
    /// Move some mentions of an entity to a new entity.
    SplitEntity {
        /// The entity they leave.
        from: EntityId,
        /// The mentions, by document path and id.
        mentions: Vec<(String, MentionId)>,
        /// Name of the new entity.
        name: String,
    },
    /// Open the "annotate all occurrences" window.
    ShowPropagation(PropagateFrom),
    /// Accept propagation candidates (one undo step).
    AcceptCandidates(Vec<Candidate>),
    /// Show a document and select one of its mentions.
    JumpToMention {
        /// Document path.
        doc: String,
        /// The mention.
        id: MentionId,
    },
    /// Show the gazetteer import window.
    ShowImportGazetteer,
    /// Pre-annotate the corpus from a gazetteer file.
    ImportGazetteer(PathBuf),
    /// Accept or reject suggestions in the shown document or everywhere.
    SettleSuggestions {
        /// Only the shown document.
        this_document: bool,
        /// Accept (else delete).
        accept: bool,
    },
    /// Accept the selected suggestion.
    AcceptSelectedSuggestion,
    /// Open the stance form.
    ShowStanceForm(StanceFormMode),
    /// Add a stance to the shown document (its id is assigned on adding).
    CreateStance(Stance),
    /// Replace a stance of the shown document.
    UpdateStance(Stance),
    /// Select a stance of the shown document (and scroll to its evidence when `reveal`).
    SelectStance {
        /// Which stance; `None` clears.
        id: Option<StanceId>,
        /// Scroll its first evidence into view.
        reveal: bool,
    },
    /// Delete a stance of the shown document.
    DeleteStance(StanceId),
    /// Add the text selection as evidence to the selected stance.
    AddSelectionAsEvidence,
    /// Remove one evidence span of a stance.
    RemoveEvidence {
        /// The stance.
        stance: StanceId,
        /// Index in its evidence list.
        index: usize,
    },
    /// Show a document and select one of its stances.
    JumpToStance {
        /// Document path.
        doc: String,
        /// The stance.
        id: StanceId,
    },
    /// Show the document and select the quotation.
    JumpToQuotation {
        /// Document path.
        doc: String,
        /// The quotation.
        id: crate::model::QuotationId,
    },
    /// Open the "Who is quoted" window.
    ShowQuoted,
    /// Open "Same passage elsewhere" on the asked passage.
    ShowSamePassage,
    /// Open the "Run a model" window.
    ShowModel,
    /// Run the model window's command.
    RunModel,
    /// Carry the annotations of one rendering of a passage to another, as
    /// suggestions (mentions) and items to review (stances, quotations).
    CarryPassage {
        /// Document index and span of the passage the annotations are in.
        from: (usize, crate::model::CharSpan),
        /// Document index and span of the rendering they go to.
        to: (usize, crate::model::CharSpan),
    },
    /// Replace the project's schema with the team's.
    PullTeamSchema,
    /// Open the team dashboard.
    ShowTeamDashboard,
    /// Code the shown document's codebook by keyboard.
    ShowCodebookForm,
    /// Open the codebook overview (a variable by outlet).
    ShowCodebookOverview,
    /// Set (or clear) a document's value of a codebook variable.
    SetCode {
        /// Document path.
        doc: String,
        /// Variable.
        variable: String,
        /// The value; `None` clears it.
        value: Option<crate::model::codebook::Code>,
    },
    /// The team file was written: use it.
    SetTeam {
        /// The team file.
        path: PathBuf,
        /// Its content.
        team: Box<crate::model::team::Team>,
    },
    /// Mark (or stop marking) double-coded documents in the list.
    ToggleOverlapShown,
    /// Open the list of merge conflicts.
    ShowConflicts,
    /// Settle merge conflict `index`: keep the project's version, or take
    /// the other side's.
    SettleConflict {
        /// Which conflict.
        index: usize,
        /// Take the other side's version.
        take_other: bool,
    },
    /// Accept the carried stance or quotation at this index.
    AcceptCarried(usize),
    /// Drop the carried stance or quotation at this index.
    RejectCarried(usize),
    /// Add a claim with this text.
    NewClaim(String),
    /// Merge claim `absorbed` into `kept`.
    MergeClaims {
        /// The claim that stays.
        kept: ClaimId,
        /// The claim whose stances move.
        absorbed: ClaimId,
    },
    /// Show the corpus stance overview.
    ShowOverview,
    /// Show the export window.
    ShowExport,
    /// Show the import window.
    ShowImport,
    /// Show the window asking which saves to review.
    ShowReviewPicker,
    /// Open these project files read-only for review.
    OpenReview(Vec<PathBuf>),
    /// Open `gold` (made if missing) as the project, then review `saves`
    /// into it.
    OpenReviewWithGold {
        /// The saves to compare.
        saves: Vec<PathBuf>,
        /// The gold project file.
        gold: PathBuf,
    },
    /// Accept review items of the shown document into the gold project.
    AcceptReviewItems(Vec<crate::review::adjudicate::Item>),
    /// Reject a review item of the shown document.
    RejectReviewItem(crate::review::adjudicate::Item),
    /// Accept every item all annotators agree on (or a majority has).
    AcceptByStrategy {
        /// Majority instead of unanimity.
        majority: bool,
        /// All compared documents instead of the shown one.
        whole_corpus: bool,
    },
    /// Scroll a code-point offset of the shown document into view.
    RevealOffset(usize),
    /// Accept a relation version of the shown document into the gold
    /// project.
    AcceptReviewRelation(crate::review::adjudicate_layers::RelationItem),
    /// Accept a quotation version of the shown document into the gold
    /// project.
    AcceptReviewQuotation(crate::review::adjudicate_layers::QuotationItem),
    /// Accept one annotator's stance on a unit of the shown document into gold.
    AcceptReviewStance {
        /// The unit.
        item: crate::review::adjudicate::StanceItem,
        /// Whose version (index among the reviewed saves).
        annotator: usize,
    },
}

impl Command {
    /// True for the commands a modal window (recovery, quit) gives: the only
    /// ones run while such a window is open.
    #[must_use]
    pub fn answers_modal(&self) -> bool {
        matches!(
            self,
            Self::RecoverWork(_)
                | Self::DiscardRecovery(_)
                | Self::LeaveRecovery(_)
                | Self::QuitWithoutSaving
                | Self::ShowSaveAs
        )
    }
}

/// How the article scrolls by keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleScroll {
    /// A screen down.
    PageDown,
    /// A screen up.
    PageUp,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
}

/// A zoom change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoomStep {
    /// Larger.
    In,
    /// Smaller.
    Out,
    /// Back to 100 %.
    Reset,
}

/// How the stance form opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StanceFormMode {
    /// A span-level stance with the text selection as evidence.
    FromSelection,
    /// A document-level stance (holder: the article's author/outlet).
    DocumentLevel,
    /// A stance resting on a quotation of the shown document: its words
    /// as evidence, its speaker's entity as holder.
    FromQuotation(crate::model::QuotationId),
    /// Edit an existing stance of the shown document.
    Edit(StanceId),
}

/// Tabs of the side panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SideTab {
    /// The selected mention and the document.
    #[default]
    Document,
    /// The entity registry.
    Entities,
    /// The claims list.
    Claims,
}

/// What the entity picker is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerPurpose {
    /// Link the selected mention.
    LinkSelected,
    /// Merge this entity into the one picked.
    MergeInto(EntityId),
}

/// Where propagation starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PropagateFrom {
    /// The selected mention (its entity, or its text and type).
    SelectedMention,
    /// An entity.
    Entity(EntityId),
}

/// Where a key binding works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere (Ctrl shortcuts and function keys).
    Global,
    /// In the article: only with a corpus open, no text field focused and
    /// no tool window (entity picker, propagation, stance form) taking keys.
    Article,
}

/// A keyboard shortcut bound to a command, for menus and key handling.
pub struct Shortcut {
    /// The keys.
    pub keys: KeyboardShortcut,
    /// The command it runs.
    pub command: Command,
    /// Where it works.
    pub scope: Scope,
}

/// Every key binding but the type keys (see [`TYPE_KEYS`]), most specific
/// first (Ctrl+Shift+Z before Ctrl+Z). Menus, the palette, the help and the
/// user guide's keyboard reference (docs/src/keyboard.md) all read the keys from here.
#[must_use]
pub fn shortcuts() -> &'static [Shortcut] {
    static SHORTCUTS: std::sync::LazyLock<Vec<Shortcut>> = std::sync::LazyLock::new(bindings);
    &SHORTCUTS
}

/// The shortcuts that work everywhere.
pub fn global_shortcuts() -> impl Iterator<Item = &'static Shortcut> {
    shortcuts().iter().filter(|s| s.scope == Scope::Global)
}

/// The shortcuts that work in the article.
pub fn article_shortcuts() -> impl Iterator<Item = &'static Shortcut> {
    shortcuts().iter().filter(|s| s.scope == Scope::Article)
}

/// `keys` as shown to the user: egui's names ("Ctrl+Shift+S"), with the
/// arrow keys spelt out ("Shift+Right").
#[must_use]
pub fn shortcut_text(ctx: &egui::Context, keys: &KeyboardShortcut) -> String {
    let text = ctx.format_shortcut(keys);
    let text = match keys.logical_key {
        Key::Questionmark => text.replace("Questionmark", "?"),
        Key::Equals => text.replace("Equals", "="),
        _ => text,
    };
    text.replace('\u{23F4}', "Left")
        .replace('\u{23F5}', "Right")
        .replace('\u{23F6}', "Up")
        .replace('\u{23F7}', "Down")
}

#[allow(clippy::too_many_lines)]
fn bindings() -> Vec<Shortcut> {
    use crate::model::caret::Step;
    let cmd = Modifiers::COMMAND;
    let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
    let none = Modifiers::NONE;
    let shift = Modifiers::SHIFT;
    let g = |modifiers, key, command| Shortcut {
        keys: KeyboardShortcut::new(modifiers, key),
        command,
        scope: Scope::Global,
    };
    let a = |modifiers, key, command| Shortcut {
        keys: KeyboardShortcut::new(modifiers, key),
        command,
        scope: Scope::Article,
    };
    let mv = |step, extend| Command::MoveSelection { step, extend };
    let alt = Modifiers::ALT;
    let alt_shift = Modifiers::ALT | Modifiers::SHIFT;
    use crate::model::caret::{Edge, Reach};
    let rs = |edge, reach, later| Command::ResizeSelected { edge, reach, later };
    vec![
        g(cmd_shift, Key::Z, Command::Redo),
        g(cmd_shift, Key::S, Command::ShowSaveAs),
        g(cmd, Key::Z, Command::Undo),
        g(cmd, Key::Y, Command::Redo),
        g(cmd, Key::S, Command::Save),
        g(cmd, Key::O, Command::ShowOpenCorpus),
        g(cmd_shift, Key::F, Command::ShowSearch),
        g(cmd_shift, Key::P, Command::ShowPalette),
        g(none, Key::F1, Command::ShowHelp),
        g(cmd_shift, Key::PageDown, Command::NextUnfinished),
        g(cmd, Key::PageDown, Command::NextDocument),
        g(cmd, Key::PageUp, Command::PreviousDocument),
        g(cmd, Key::F, Command::ShowFind),
        g(cmd, Key::Q, Command::Quit),
        g(cmd, Key::Plus, Command::Zoom(ZoomStep::In)),
        g(cmd, Key::Equals, Command::Zoom(ZoomStep::In)),
        g(cmd, Key::Minus, Command::Zoom(ZoomStep::Out)),
        g(cmd, Key::Num0, Command::Zoom(ZoomStep::Reset)),
        a(none, Key::ArrowRight, mv(Step::NextWord, false)),
        a(none, Key::ArrowLeft, mv(Step::PreviousWord, false)),
        a(shift, Key::ArrowRight, mv(Step::NextWord, true)),
        a(shift, Key::ArrowLeft, mv(Step::PreviousWord, true)),
        a(none, Key::ArrowDown, mv(Step::NextSentence, false)),
        a(none, Key::ArrowUp, mv(Step::PreviousSentence, false)),
        a(shift, Key::ArrowDown, mv(Step::NextSentence, true)),
        a(shift, Key::ArrowUp, mv(Step::PreviousSentence, true)),
        a(none, Key::Tab, Command::StepMention { forward: true }),
        a(shift, Key::Tab, Command::StepMention { forward: false }),
        a(none, Key::Escape, Command::ClearSelection),
        a(none, Key::R, Command::StartRelation),
        a(none, Key::Q, Command::QuoteSelection),
        a(shift, Key::Q, Command::AddSelectionToQuotation),
        a(none, Key::A, Command::AcceptSuggestionHere),
        a(none, Key::X, Command::RejectSuggestionHere),
        a(shift, Key::A, Command::AcceptAllSuggestions),
        a(
            none,
            Key::E,
            Command::ShowEntityPicker(PickerPurpose::LinkSelected),
        ),
        a(none, Key::N, Command::NewEntityFromSelected(None)),
        a(none, Key::L, Command::LinkSelectedToLast),
        a(none, Key::U, Command::LinkSelected(None)),
        a(
            none,
            Key::P,
            Command::ShowPropagation(PropagateFrom::SelectedMention),
        ),
        a(none, Key::Enter, Command::AcceptSelectedSuggestion),
        a(none, Key::D, Command::ToggleDone),
        a(none, Key::K, Command::ShowCodebookForm),
        a(
            none,
            Key::S,
            Command::ShowStanceForm(StanceFormMode::FromSelection),
        ),
        a(shift, Key::S, Command::AddSelectionAsEvidence),
        a(none, Key::Delete, Command::DeleteSelected),
        a(alt, Key::ArrowRight, rs(Edge::End, Reach::Char, true)),
        a(alt, Key::ArrowLeft, rs(Edge::End, Reach::Char, false)),
        a(alt_shift, Key::ArrowRight, rs(Edge::End, Reach::Word, true)),
        a(alt_shift, Key::ArrowLeft, rs(Edge::End, Reach::Word, false)),
        a(alt, Key::ArrowUp, rs(Edge::Start, Reach::Char, false)),
        a(alt, Key::ArrowDown, rs(Edge::Start, Reach::Char, true)),
        a(alt_shift, Key::ArrowUp, rs(Edge::Start, Reach::Word, false)),
        a(
            alt_shift,
            Key::ArrowDown,
            rs(Edge::Start, Reach::Word, true),
        ),
        a(
            none,
            Key::PageDown,
            Command::ScrollArticle(ArticleScroll::PageDown),
        ),
        a(
            none,
            Key::Space,
            Command::ScrollArticle(ArticleScroll::PageDown),
        ),
        a(
            none,
            Key::PageUp,
            Command::ScrollArticle(ArticleScroll::PageUp),
        ),
        a(
            shift,
            Key::Space,
            Command::ScrollArticle(ArticleScroll::PageUp),
        ),
        a(none, Key::Home, Command::ScrollArticle(ArticleScroll::Top)),
        a(cmd, Key::Home, Command::ScrollArticle(ArticleScroll::Top)),
        a(
            none,
            Key::End,
            Command::ScrollArticle(ArticleScroll::Bottom),
        ),
        a(cmd, Key::End, Command::ScrollArticle(ArticleScroll::Bottom)),
        a(none, Key::Backspace, Command::DeleteSelected),
        a(none, Key::Questionmark, Command::ShowHelp),
    ]
}

/// The type-key digits and their egui keys.
pub const TYPE_KEYS: [(Key, char); 9] = [
    (Key::Num1, '1'),
    (Key::Num2, '2'),
    (Key::Num3, '3'),
    (Key::Num4, '4'),
    (Key::Num5, '5'),
    (Key::Num6, '6'),
    (Key::Num7, '7'),
    (Key::Num8, '8'),
    (Key::Num9, '9'),
];

impl Command {
    /// The same command in the other direction along the text (next ↔
    /// previous, later ↔ earlier); other commands as they are. Arrow keys
    /// in right-to-left text run this.
    #[must_use]
    pub fn turned_round(self) -> Self {
        use crate::model::caret::Step;
        match self {
            Self::MoveSelection { step, extend } => Self::MoveSelection {
                step: match step {
                    Step::NextWord => Step::PreviousWord,
                    Step::PreviousWord => Step::NextWord,
                    Step::NextSentence => Step::PreviousSentence,
                    Step::PreviousSentence => Step::NextSentence,
                },
                extend,
            },
            Self::ResizeSelected { edge, reach, later } => Self::ResizeSelected {
                edge,
                reach,
                later: !later,
            },
            other => other,
        }
    }
}
