//! Edit › Search corpus… (Ctrl+Shift+F): plain text or a regular expression,
//! whole words or not, case or not, over every document. Hits are listed as
//! keyword-in-context lines grouped by document (only the rows in view are
//! built), each with the quotations and relations it falls in; a scope
//! keeps only hits in quoted words, cues or related mentions; clicking one
//! shows it in its article, and ticked hits can be annotated with a type in
//! one step (one undo).

use std::collections::BTreeSet;

use egui::{Context, RichText};

use crate::model::kwic::kwic;
use crate::model::search::{SearchHit, SearchQuery, Searcher};
use crate::model::search_scope::{SearchScope, hit_context, in_scope};
use crate::model::{CharSpan, Document, Project};
use crate::ui::command::Command;
use crate::ui::session::Session;

/// Hits gathered per page; "More hits" continues where a page ended.
pub const PAGE: usize = 500;
/// Code points of context on each side of a hit.
const CONTEXT: usize = 40;

/// One row of the result list: a document's heading or one of its hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    Document(usize),
    Hit(usize),
}

/// State of the open search window.
#[derive(Default)]
pub struct SearchWindow {
    /// The query being edited.
    pub query: SearchQuery,
    /// Hits found so far, in corpus order.
    pub hits: Vec<SearchHit>,
    /// Where the next page starts; `None` when the corpus has been searched.
    pub next_doc: Option<usize>,
    /// Where hits are kept: anywhere, in quoted words, in cues, in related
    /// mentions.
    pub scope: SearchScope,
    /// Indices into `hits` ticked for annotating.
    pub ticked: BTreeSet<usize>,
    /// Type to annotate ticked hits with.
    pub label: String,
    /// Why the query cannot run, if it cannot.
    pub error: Option<String>,
    /// A search has run (so "no hits" can be told from "not searched").
    pub searched: bool,
    rows: Vec<Row>,
    focus_query: bool,
}

impl SearchWindow {
    /// A fresh window with the query field focused.
    #[must_use]
    pub fn new(label: String) -> Self {
        Self {
            label,
            focus_query: true,
            ..Self::default()
        }
    }

    /// Puts the keyboard in the query field on the next frame.
    pub fn focus(&mut self) {
        self.focus_query = true;
    }

    /// Runs the query from the first document.
    pub fn search(&mut self, docs: &[Document], project: &Project) {
        self.hits.clear();
        self.ticked.clear();
        self.next_doc = Some(0);
        self.searched = true;
        self.more(docs, project);
    }

    /// Adds the next page of hits (those in the scope).
    pub fn more(&mut self, docs: &[Document], project: &Project) {
        let Some(from) = self.next_doc else { return };
        match Searcher::new(&self.query) {
            Ok(searcher) => {
                self.error = None;
                let page = searcher.page(docs, from, PAGE);
                let scope = self.scope;
                self.hits.extend(page.hits.into_iter().filter(|h| {
                    let entry = docs
                        .get(h.doc)
                        .and_then(|d| project.documents.get(&d.path))
                        .map(AsRef::as_ref);
                    in_scope(entry, h.span, scope)
                }));
                self.next_doc = page.next_doc;
            }
            Err(e) => {
                self.error = Some(e.to_string());
                self.next_doc = None;
            }
        }
        self.rows.clear();
        for (i, hit) in self.hits.iter().enumerate() {
            if i == 0 || self.hits[i - 1].doc != hit.doc {
                self.rows.push(Row::Document(hit.doc));
            }
            self.rows.push(Row::Hit(i));
        }
    }

    /// The ticked hits as (document path, span).
    #[must_use]
    pub fn ticked_hits(&self, docs: &[Document]) -> Vec<(String, CharSpan)> {
        self.ticked
            .iter()
            .filter_map(|&i| self.hits.get(i))
            .filter_map(|h| Some((docs.get(h.doc)?.path.clone(), h.span)))
            .collect()
    }
}

/// Draws the window; returns `false` when it was closed.
pub fn search_window_ui(
    ctx: &Context,
    window: &mut SearchWindow,
    session: &Session,
    out: &mut Vec<Command>,
) -> bool {
    let mut open = true;
    let docs = &session.corpus.documents;
    // At the bottom: a hit shown in its article is scrolled near the top,
    // so the window does not cover it.
    let screen = ctx.content_rect();
    egui::Window::new("Search corpus")
        .open(&mut open)
        .default_size([640.0, 360.0])
        .default_pos([screen.left() + 24.0, (screen.bottom() - 440.0).max(40.0)])
        .show(ctx, |ui| {
            let mut run = false;
            ui.horizontal(|ui| {
                let field = ui.add(
                    egui::TextEdit::singleline(&mut window.query.pattern)
                        .hint_text("word, phrase or pattern")
                        .desired_width(280.0),
                );
                field.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::SearchInput, true, "Search for")
                });
                if std::mem::take(&mut window.focus_query) {
                    field.request_focus();
                }
                run |= field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                run |= ui
                    .button("Search")
                    .on_hover_text("Search every document (Enter)")
                    .clicked();
            });
            ui.horizontal(|ui| {
                ui.checkbox(&mut window.query.whole_word, "Whole word")
                    .on_hover_text("Only hits not inside a longer word");
                ui.checkbox(&mut window.query.case_sensitive, "Match case");
                ui.checkbox(&mut window.query.regex, "Regular expression")
                    .on_hover_text("Rust regex syntax, e.g. Port\\s+Avel or [EÉ]cole");
                let combo = egui::ComboBox::from_id_salt("search-scope")
                    .selected_text(window.scope.label())
                    .show_ui(ui, |ui| {
                        for scope in SearchScope::ALL {
                            ui.selectable_value(&mut window.scope, scope, scope.label());
                        }
                    });
                combo.response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Search within")
                });
            });
            if run {
                window.search(docs, &session.project);
            }
            if let Some(error) = &window.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.separator();
            summary_ui(ui, window, session, out);
            ui.separator();
            results_ui(ui, window, docs, &session.project, out);
        });
    open
}

/// The count of hits, "More hits", and annotating the ticked ones.
fn summary_ui(
    ui: &mut egui::Ui,
    window: &mut SearchWindow,
    session: &Session,
    out: &mut Vec<Command>,
) {
    let docs = &session.corpus.documents;
    ui.horizontal(|ui| {
        let documents = window
            .rows
            .iter()
            .filter(|r| matches!(r, Row::Document(_)))
            .count();
        let status = match (window.searched, window.next_doc) {
            (false, _) => "Type a word and press Enter.".to_owned(),
            (true, None) => format!("{} hit(s) in {documents} document(s)", window.hits.len()),
            (true, Some(_)) => format!(
                "first {} hit(s) in {documents} document(s); more may follow",
                window.hits.len()
            ),
        };
        ui.label(status);
        if window.next_doc.is_some()
            && ui
                .button("More hits")
                .on_hover_text("Search on for the next 500 hits")
                .clicked()
        {
            window.more(docs, &session.project);
        }
    });
    if window.hits.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        if ui.button("Tick all").on_hover_text("Tick every hit found so far").clicked() {
            window.ticked = (0..window.hits.len()).collect();
        }
        if ui.button("Untick all").on_hover_text("Untick every hit").clicked() {
            window.ticked.clear();
        }
        egui::ComboBox::from_label("as type")
            .selected_text(&window.label)
            .show_ui(ui, |ui| {
                for t in &session.project.schema.entity_types {
                    ui.selectable_value(&mut window.label, t.name.clone(), &t.name);
                }
            });
        let n = window.ticked.len();
        let annotate = ui
            .add_enabled(n > 0, egui::Button::new(format!("Annotate {n} ticked")))
            .on_hover_text("Adds a mention of this type at each ticked hit (one undo step); a place already marked with this type is left as it is");
        if annotate.clicked() {
            out.push(Command::AnnotateHits {
                label: window.label.clone(),
                hits: window.ticked_hits(docs),
            });
            window.ticked.clear();
        }
    });
}

/// The virtualised list: document headings and hit lines.
fn results_ui(
    ui: &mut egui::Ui,
    window: &mut SearchWindow,
    docs: &[Document],
    project: &Project,
    out: &mut Vec<Command>,
) {
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .id_salt("search-hits")
        .auto_shrink([false, false])
        .show_rows(ui, row_height, window.rows.len(), |ui, range| {
            for row in &window.rows[range] {
                match *row {
                    Row::Document(d) => {
                        let title = docs.get(d).map_or("", |doc| doc.path.as_str());
                        ui.label(RichText::new(title).strong());
                    }
                    Row::Hit(i) => {
                        let Some(hit) = window.hits.get(i).copied() else {
                            continue;
                        };
                        let Some(doc) = docs.get(hit.doc) else {
                            continue;
                        };
                        let k = kwic(doc, hit.span, CONTEXT);
                        ui.horizontal(|ui| {
                            let mut ticked = window.ticked.contains(&i);
                            let tick = ui.checkbox(&mut ticked, "");
                            tick.widget_info(|| {
                                egui::WidgetInfo::selected(
                                    egui::Role::CheckBox,
                                    true,
                                    ticked,
                                    format!("Tick {} at {}", k.hit, hit.span),
                                )
                            });
                            if tick.changed() {
                                if ticked {
                                    window.ticked.insert(i);
                                } else {
                                    window.ticked.remove(&i);
                                }
                            }
                            let mut line = egui::text::LayoutJob::default();
                            let font = egui::TextStyle::Monospace.resolve(ui.style());
                            let plain =
                                egui::TextFormat::simple(font.clone(), ui.visuals().text_color());
                            let strong =
                                egui::TextFormat::simple(font, ui.visuals().strong_text_color());
                            line.append(&format!("{:>40}", k.left), 0.0, plain.clone());
                            line.append(&k.hit, 0.0, strong);
                            line.append(&k.right, 0.0, plain);
                            // What the hit falls in: quotations, relations.
                            let known = hit_context(
                                project.documents.get(&doc.path).map(AsRef::as_ref),
                                hit.span,
                            );
                            let tags = if known.is_empty() {
                                String::new()
                            } else {
                                format!("  [{}]", known.join("; "))
                            };
                            if !known.is_empty() {
                                let tag = egui::TextFormat::simple(
                                    egui::TextStyle::Small.resolve(ui.style()),
                                    ui.visuals().weak_text_color(),
                                );
                                line.append(&tags, 0.0, tag);
                            }
                            let jump = ui
                                .add(egui::Button::new(line).frame(false).truncate())
                                .on_hover_text(format!("Show {} in {}", hit.span, doc.path));
                            jump.widget_info(|| {
                                egui::WidgetInfo::labeled(
                                    egui::Role::Button,
                                    true,
                                    format!("Show {} in {} at {}{tags}", k.hit, doc.path, hit.span),
                                )
                            });
                            if jump.clicked() {
                                out.push(Command::RevealSpan {
                                    doc: hit.doc,
                                    span: hit.span,
                                });
                            }
                        });
                    }
                }
            }
        });
}

impl crate::ui::windows::AppWindow for SearchWindow {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::Search
    }

    fn show(
        &mut self,
        ctx: &Context,
        cx: &crate::ui::windows::WindowCx<'_>,
        out: &mut Vec<Command>,
    ) -> bool {
        let Some(session) = cx.session else {
            return true;
        };
        search_window_ui(ctx, self, session, out)
    }
}
