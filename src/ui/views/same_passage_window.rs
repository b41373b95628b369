//! Edit › Same passage elsewhere…: the renderings of the asked passage in
//! other documents (and again in the same one), each with its outlet and
//! how much it shares, a side-by-side word-level diff, and **Carry here**
//! (mentions as suggestions; stances and quotations listed below the tabs,
//! each to accept or reject). A second tab lists the corpus's clusters of
//! repeated passages with their outlets.

use egui::{Color32, Context, RichText, Ui};

use crate::model::CharSpan;
use crate::model::passages::{PassageMatch, WordChange, word_diff};
use crate::ui::command::Command;
use crate::ui::session::Session;

/// Passages sharing less than this share of the asked one's shingles are
/// not listed.
const MIN_SHARE: f64 = 0.4;

/// State of the window.
pub struct SamePassageWindow {
    /// The asked passage: document index and span.
    pub asked: (usize, CharSpan),
    /// Its renderings, best first.
    pub matches: Vec<PassageMatch>,
    /// The rendering whose diff is shown.
    pub shown: Option<usize>,
    /// Show the corpus's clusters instead.
    pub clusters_tab: bool,
    clusters: Option<Vec<Vec<crate::model::passages::Passage>>>,
    /// The clusters being found on a worker thread.
    clusters_job: Option<std::sync::mpsc::Receiver<Vec<Vec<crate::model::passages::Passage>>>>,
    /// Opened while the passage index was still being built: the matches
    /// are looked up once it is there.
    waiting_for_index: bool,
}

impl SamePassageWindow {
    /// The window for the passage `asked` of `session`.
    #[must_use]
    pub fn new(session: &Session, asked: (usize, CharSpan)) -> Self {
        let text = session
            .corpus
            .documents
            .get(asked.0)
            .and_then(|d| d.slice(asked.1))
            .unwrap_or_default();
        Self {
            matches: session.passages.similar(asked.0, asked.1, text, MIN_SHARE),
            asked,
            shown: Some(0),
            clusters_tab: false,
            clusters: None,
            clusters_job: None,
            waiting_for_index: session.passages_building(),
        }
    }
}

fn short(text: &str, n: usize) -> String {
    let mut s: String = text.chars().take(n).collect();
    if text.chars().count() > n {
        s.push('…');
    }
    s
}

/// Words in a row, the changed ones on a tint.
fn diff_side(ui: &mut Ui, words: &[WordChange]) {
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Body.resolve(ui.style());
    for w in words {
        let mut format = egui::TextFormat::simple(font.clone(), ui.visuals().text_color());
        if !w.same {
            format.background = Color32::from_rgba_unmultiplied(230, 159, 0, 90);
        }
        job.append(&w.text, 0.0, format);
        job.append(
            " ",
            0.0,
            egui::TextFormat::simple(font.clone(), ui.visuals().text_color()),
        );
    }
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}

fn matches_ui(
    ui: &mut Ui,
    window: &mut SamePassageWindow,
    session: &Session,
    out: &mut Vec<Command>,
) {
    let docs = &session.corpus.documents;
    let asked_text = docs
        .get(window.asked.0)
        .and_then(|d| d.slice(window.asked.1))
        .unwrap_or_default();
    ui.label(RichText::new(format!("“{}”", short(asked_text, 200))).italics());
    if window.waiting_for_index {
        if session.passages_building() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(
                    "Still indexing the corpus's sentences (done after opening, so annotating need not wait); the matches show here when it is done.",
                );
            });
            return;
        }
        *window = SamePassageWindow::new(session, window.asked);
    }
    if window.matches.is_empty() {
        ui.weak("Found nowhere else: no other sentence shares 40 % of its words in a row.");
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("same-passage-list")
        .max_height(420.0)
        .show(ui, |ui| {
            for (i, m) in window.matches.iter().enumerate() {
                let Some(doc) = docs.get(m.passage.doc) else { continue };
                let outlet = session.outlet_of(&doc.path);
                let same = if m.passage.doc == window.asked.0 { " (this document)" } else { "" };
                ui.horizontal_wrapped(|ui| {
                    let head = format!(
                        "{outlet} · {}{same} · {:.0} % shared",
                        doc.path,
                        m.score * 100.0
                    );
                    if ui
                        .selectable_label(window.shown == Some(i), head)
                        .clicked()
                    {
                        window.shown = Some(i);
                    }
                    if ui.small_button("Show").clicked() {
                        out.push(Command::RevealSpan {
                            doc: m.passage.doc,
                            span: m.passage.span,
                        });
                    }
                    let carry = ui
                        .small_button("Carry here")
                        .on_hover_text("The asked passage's annotations, mapped word by word: each mention becomes a suggestion here, each stance and quotation waits below to be accepted or rejected; where the words differ, it is listed instead");
                    carry.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            true,
                            format!("Carry annotations to {}", doc.path),
                        )
                    });
                    if carry.clicked() {
                        out.push(Command::CarryPassage {
                            from: window.asked,
                            to: (m.passage.doc, m.passage.span),
                        });
                    }
                });
                if window.shown == Some(i) {
                    let theirs = doc.slice(m.passage.span).unwrap_or_default();
                    let (left, right) = word_diff(asked_text, theirs);
                    egui::Grid::new(("same-passage-diff", i))
                        .num_columns(2)
                        .min_col_width(ui.available_width() / 2.0 - 8.0)
                        .show(ui, |ui| {
                            ui.vertical(|ui| diff_side(ui, &left));
                            ui.vertical(|ui| diff_side(ui, &right));
                            ui.end_row();
                        });
                }
                ui.separator();
            }
        });
}

fn clusters_ui(
    ui: &mut Ui,
    window: &mut SamePassageWindow,
    session: &Session,
    out: &mut Vec<Command>,
) {
    let docs = &session.corpus.documents;
    // Found on a worker thread the first time the tab is shown.
    if window.clusters.is_none() {
        match &window.clusters_job {
            None => {
                let (tx, rx) = std::sync::mpsc::channel();
                let index = std::sync::Arc::clone(&session.passages);
                let ctx = ui.ctx().clone();
                std::thread::spawn(move || {
                    let _ = tx.send(index.clusters(0.6));
                    ctx.request_repaint();
                });
                window.clusters_job = Some(rx);
            }
            Some(rx) => {
                if let Ok(found) = rx.try_recv() {
                    window.clusters = Some(found);
                    window.clusters_job = None;
                }
            }
        }
    }
    let Some(clusters) = &window.clusters else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Finding repeated passages…");
        });
        return;
    };
    if clusters.is_empty() {
        ui.weak("No passage is repeated in this corpus.");
        return;
    }
    ui.label(format!(
        "{} repeated passage(s), the largest first:",
        clusters.len()
    ));
    egui::ScrollArea::vertical()
        .id_salt("repeat-clusters")
        .max_height(420.0)
        .show(ui, |ui| {
            for cluster in clusters.iter() {
                let mut outlets: Vec<String> = cluster
                    .iter()
                    .filter_map(|p| docs.get(p.doc))
                    .map(|d| session.outlet_of(&d.path))
                    .collect();
                outlets.sort();
                outlets.dedup();
                let first = cluster
                    .first()
                    .and_then(|p| docs.get(p.doc).and_then(|d| d.slice(p.span)))
                    .unwrap_or_default();
                ui.label(format!(
                    "{} × in {}: “{}”",
                    cluster.len(),
                    outlets.join(", "),
                    short(first, 90)
                ));
                ui.horizontal_wrapped(|ui| {
                    for p in cluster {
                        let name = docs.get(p.doc).map_or("?", |d| d.path.as_str());
                        if ui.small_button(name).on_hover_text("Show it").clicked() {
                            out.push(Command::RevealSpan {
                                doc: p.doc,
                                span: p.span,
                            });
                        }
                    }
                });
                ui.separator();
            }
        });
}

/// Draws the window; returns false when closed.
pub fn same_passage_window_ui(
    ctx: &Context,
    window: &mut SamePassageWindow,
    session: &Session,
    out: &mut Vec<Command>,
) -> bool {
    let mut open = true;
    egui::Window::new("Same passage elsewhere")
        .open(&mut open)
        .default_size([720.0, 520.0])
        .default_pos([240.0, 70.0])
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(&mut window.clusters_tab, false, "This passage");
                ui.selectable_value(
                    &mut window.clusters_tab,
                    true,
                    "Repeated passages in the corpus",
                );
            });
            ui.separator();
            if window.clusters_tab {
                clusters_ui(ui, window, session, out);
            } else {
                matches_ui(ui, window, session, out);
            }
            super::carried_list::carried_list_ui(ui, session, out);
        });
    open
}

impl crate::ui::windows::AppWindow for SamePassageWindow {
    fn kind(&self) -> crate::ui::windows::WindowKind {
        crate::ui::windows::WindowKind::SamePassage
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
        same_passage_window_ui(ctx, self, session, out)
    }
}
