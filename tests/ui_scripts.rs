//! Every script in the window (issue 25): drags over right-to-left words
//! store exactly the words under the pointer. Where the pointer goes is
//! found from the rendered image, not from the view's own mapping: the
//! words are the runs of ink on the line, left to right, so a test fails
//! if what is painted and what is stored ever part.

mod common;

use common::{drag_between, options, wait_loaded};
use egui::{Key, Modifiers, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use stancemark::ui::StancemarkApp;
use stancemark::ui::StartOptions;

/// The app on a corpus of one article, `text`, rendered by wgpu.
fn app_on(text: &str) -> (tempfile::TempDir, Harness<'static, StancemarkApp>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus");
    std::fs::write(corpus.join("a.txt"), text).expect("text");
    let start = StartOptions {
        corpus: Some(corpus),
        ..options(&dir.path().join("saves"))
    };
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1100.0, 600.0))
        .wgpu()
        .build_eframe(move |cc| StancemarkApp::new(cc, start));
    wait_loaded(&mut harness);
    harness.ctx.set_theme(egui::ThemePreference::Light);
    harness.run_ok();
    (dir, harness)
}

/// The words of the line holding code point `offset`, as painted: the
/// runs of ink across the article column in the band of the line's
/// letters, left to right. `seen` are the line's words as they should
/// stand from left to right; the line is cut at the gaps (at least 4
/// pixels of no ink) that give runs as wide as egui shapes those words on
/// their own, so a word is found by its own width, never by the view's
/// mapping. Each as its left and right edge; with the band's middle.
fn painted_words(
    harness: &mut Harness<'_, StancemarkApp>,
    offset: usize,
    seen: &[&str],
) -> (Vec<(f32, f32)>, f32) {
    let band = harness
        .state()
        .article
        .glyph_rect(offset)
        .expect("line on screen");
    let column = harness
        .state()
        .article
        .visible
        .iter()
        .find(|v| v.chars.start <= offset && offset < v.chars.end)
        .map(|v| (v.pos.x, v.pos.x + v.layout.size().x))
        .expect("block on screen");
    let size = harness.ctx.global_style().text_styles[&egui::TextStyle::Body].size * 1.15;
    let widths: Vec<f32> = seen
        .iter()
        .map(|w| {
            harness.ctx.fonts_mut(|f| {
                f.layout_no_wrap(
                    (*w).to_owned(),
                    egui::FontId::proportional(size),
                    egui::Color32::BLACK,
                )
                .size()
                .x
            })
        })
        .collect();
    let image = harness.render().expect("render");
    let ppp = harness.ctx.pixels_per_point();
    let px = |v: f32| (v * ppp).round() as u32;
    let background = image.get_pixel(px(column.0) + 2, px(band.top()) - 2).0;
    let ink = |x: u32| {
        (px(band.top() + 2.0)..px(band.bottom() - 2.0)).any(|y| {
            let p = image.get_pixel(x, y).0;
            (0..3).any(|i| p[i].abs_diff(background[i]) > 60)
        })
    };
    let columns: Vec<u32> = (px(column.0)..px(column.1 + 4.0))
        .filter(|x| ink(*x))
        .collect();
    assert!(!columns.is_empty(), "no ink on the line");
    // Places a space may be: gaps of at least 4 pixels between inked
    // columns (index of the column before the gap).
    let candidates: Vec<usize> = columns
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w[1] - w[0] > 4)
        .map(|(i, _)| i)
        .collect();
    let runs = |cuts: &[usize]| -> Vec<(f32, f32)> {
        let mut out = Vec::new();
        let mut first = 0;
        for &cut in cuts.iter().chain(std::iter::once(&(columns.len() - 1))) {
            out.push((columns[first] as f32 / ppp, (columns[cut] + 1) as f32 / ppp));
            first = cut + 1;
        }
        out
    };
    let mut best: Option<(f32, Vec<usize>)> = None;
    let k = seen.len() - 1;
    let mut choice: Vec<usize> = (0..k).collect();
    assert!(
        candidates.len() >= k,
        "{} gaps for {} words",
        candidates.len(),
        seen.len()
    );
    loop {
        let cuts: Vec<usize> = choice.iter().map(|&c| candidates[c]).collect();
        let error: f32 = runs(&cuts)
            .iter()
            .zip(&widths)
            .map(|(r, w)| (r.1 - r.0 - w).abs())
            .sum();
        if best.as_ref().is_none_or(|(e, _)| error < *e) {
            best = Some((error, cuts));
        }
        // The next choice of k among the candidates.
        let Some(i) = (0..k).rev().find(|&i| choice[i] < candidates.len() - k + i) else {
            break;
        };
        choice[i] += 1;
        for j in i + 1..k {
            choice[j] = choice[j - 1] + 1;
        }
    }
    let (error, cuts) = best.expect("a cut");
    let words = runs(&cuts);
    assert!(
        error < 3.0 * seen.len() as f32,
        "no cut of the ink matches the words: {words:?} against {widths:?}"
    );
    (words, band.center().y)
}

fn centre(word: (f32, f32)) -> f32 {
    (word.0 + word.1) / 2.0
}

/// The text of the selection, or of the selected mention.
fn selected_text(harness: &Harness<'_, StancemarkApp>) -> String {
    let session = harness.state().session.as_ref().expect("session");
    let doc = session.document().expect("document");
    let span = session
        .selected()
        .map(|m| m.span)
        .or(session.selection)
        .expect("a selection");
    doc.slice(span).expect("in the text").to_owned()
}

/// The stored mentions' texts, in reading order.
fn mentions(harness: &Harness<'_, StancemarkApp>) -> Vec<String> {
    let session = harness.state().session.as_ref().expect("session");
    let doc = session.document_path().expect("doc");
    session.project.documents[doc]
        .mentions
        .iter()
        .map(|m| m.quote.exact.clone())
        .collect()
}

fn press(harness: &mut Harness<'_, StancemarkApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_ok();
}

const ARABIC: &str = "قال وزير الخارجية الروسي سيرغي لافروف إن الثقة تراجعت.\n";
/// Its words as they stand on screen, from the left (each spelt in
/// logical order: egui shapes a word alone right to left).
const ARABIC_SEEN: [&str; 9] = [
    ".تراجعت",
    "الثقة",
    "إن",
    "لافروف",
    "سيرغي",
    "الروسي",
    "الخارجية",
    "وزير",
    "قال",
];

/// The issue's Arabic example: a drag over the visible words "الروسي
/// سيرغي" stores those words, not others from elsewhere on the line.
#[test]
fn an_arabic_drag_stores_the_words_under_the_pointer() {
    let (_dir, mut harness) = app_on(ARABIC);
    // Nine words; read right to left, "الروسي" is the fourth from the
    // right and "سيرغي" the fifth: on screen from the left, 5th and 4th.
    let (words, y) = painted_words(&mut harness, 0, &ARABIC_SEEN);
    drag_between(
        &mut harness,
        Pos2::new(centre(words[5]), y),
        Pos2::new(centre(words[4]), y),
    );
    assert_eq!(selected_text(&harness), "الروسي سيرغي");
    press(&mut harness, Modifiers::NONE, Key::Num1);
    assert_eq!(mentions(&harness), ["الروسي سيرغي"]);
    // The line is right-aligned: its first word ends at the column's
    // right edge, its last starts well inside.
    let right = harness.state().article.visible[0].pos.x
        + harness.state().article.visible[0].layout.size().x;
    assert!(right - words[8].1 < 6.0, "{words:?} against {right}");
    // The mention's box is drawn over its own letters.
    let boxes = harness.state().article.glyph_rect(
        harness
            .state()
            .session
            .as_ref()
            .expect("session")
            .find("الروسي")
            .expect("word")
            .start,
    );
    let r = boxes.expect("drawn");
    assert!(
        r.left() >= words[5].0 - 2.0 && r.right() <= words[5].1 + 2.0,
        "{r:?} vs {:?}",
        words[5]
    );
}

/// Alt+arrows move a mention's end visually in Arabic: Alt+Left takes in
/// the next word's first letter (to its left), Alt+Right gives it back.
#[test]
fn alt_arrows_resize_an_arabic_mention_the_way_they_point() {
    let (_dir, mut harness) = app_on(ARABIC);
    let (words, y) = painted_words(&mut harness, 0, &ARABIC_SEEN);
    drag_between(
        &mut harness,
        Pos2::new(centre(words[5]), y),
        Pos2::new(centre(words[5]) + 1.0, y),
    );
    press(&mut harness, Modifiers::NONE, Key::Num1);
    assert_eq!(mentions(&harness), ["الروسي"]);
    press(
        &mut harness,
        Modifiers::ALT | Modifiers::SHIFT,
        Key::ArrowLeft,
    );
    assert_eq!(mentions(&harness), ["الروسي سيرغي"]);
    press(&mut harness, Modifiers::ALT, Key::ArrowRight);
    assert_eq!(mentions(&harness), ["الروسي سيرغ"]);
    press(&mut harness, Modifiers::ALT, Key::ArrowLeft);
    assert_eq!(mentions(&harness), ["الروسي سيرغي"]);
    // Plain arrows move the selection visually too: Left is the next
    // word in Arabic.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    drag_between(
        &mut harness,
        Pos2::new(centre(words[6]), y),
        Pos2::new(centre(words[6]) + 1.0, y),
    );
    assert_eq!(selected_text(&harness), "الخارجية");
    press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(selected_text(&harness), "الروسي");
}

const HEBREW: &str = "שר החוץ הרוסי אמר כי האמון נמוך\n";
const HEBREW_SEEN: [&str; 7] = ["נמוך", "האמון", "כי", "אמר", "הרוסי", "החוץ", "שר"];

/// The Hebrew examples: a drag over the left-most words stores
/// the *last* words of the sentence; a drag that starts beyond the right
/// end of the line, where the sentence begins, selects its first words.
#[test]
fn hebrew_drags_store_the_words_under_the_pointer() {
    let (_dir, mut harness) = app_on(HEBREW);
    let (words, y) = painted_words(&mut harness, 0, &HEBREW_SEEN);
    drag_between(
        &mut harness,
        Pos2::new(centre(words[0]), y),
        Pos2::new(centre(words[1]), y),
    );
    assert_eq!(selected_text(&harness), "האמון נמוך");
    press(&mut harness, Modifiers::NONE, Key::Escape);
    drag_between(
        &mut harness,
        Pos2::new(words[6].1 + 12.0, y),
        Pos2::new(centre(words[5]), y),
    );
    assert_eq!(selected_text(&harness), "שר החוץ");
    press(&mut harness, Modifiers::NONE, Key::Num1);
    assert_eq!(mentions(&harness), ["שר החוץ"]);
}

const MIXED: &str =
    "Its engineer, Yousef al-Haddad (يوسف الحداد), told reporters.\nThe next paragraph.\n";
const MIXED_SEEN: [&str; 8] = [
    "Its",
    "engineer,",
    "Yousef",
    "al-Haddad",
    "(الحداد",
    "يوسف),",
    "told",
    "reporters.",
];

/// The mixed paragraph: "told reporters" and the Arabic name
/// between brackets are stored exactly, with no bracket or comma.
#[test]
fn a_mixed_paragraph_stores_the_words_under_the_pointer() {
    let (_dir, mut harness) = app_on(MIXED);
    // Its, engineer, | Yousef | al-Haddad | (الحداد | يوسف), | told |
    // reporters.
    let (words, y) = painted_words(&mut harness, 0, &MIXED_SEEN);
    drag_between(
        &mut harness,
        Pos2::new(centre(words[6]), y),
        Pos2::new(centre(words[7]), y),
    );
    assert_eq!(selected_text(&harness), "told reporters");
    // Quoted as it is: one part, nothing of the next paragraph.
    press(&mut harness, Modifiers::NONE, Key::Q);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    {
        let session = harness.state().session.as_ref().expect("session");
        let entry = &session.project.documents[session.document_path().expect("doc")];
        let parts: Vec<&str> = entry.quotations[0]
            .contents
            .iter()
            .map(|e| e.quote.exact.as_str())
            .collect();
        assert_eq!(parts, ["told reporters"]);
    }
    press(&mut harness, Modifiers::NONE, Key::Escape);
    drag_between(
        &mut harness,
        Pos2::new(centre(words[4]) + 2.0, y),
        Pos2::new(centre(words[5]) - 2.0, y),
    );
    assert_eq!(selected_text(&harness), "يوسف الحداد");
    press(&mut harness, Modifiers::NONE, Key::Num1);
    assert_eq!(mentions(&harness), ["يوسف الحداد"]);
}

/// A relation between two Arabic mentions is drawn as an arc from where
/// each starts to the reader: over its right end.
#[test]
fn a_relation_arc_joins_two_arabic_mentions() {
    let (_dir, mut harness) = app_on(ARABIC);
    let (words, y) = painted_words(&mut harness, 0, &ARABIC_SEEN);
    for w in [words[8], words[4]] {
        drag_between(
            &mut harness,
            Pos2::new(centre(w), y),
            Pos2::new(centre(w) + 1.0, y),
        );
        press(&mut harness, Modifiers::NONE, Key::Num1);
    }
    assert_eq!(mentions(&harness), ["قال", "سيرغي"]);
    // Relate the selected mention ("سيرغي") to the other by keyboard:
    // they meet (3).
    press(&mut harness, Modifiers::NONE, Key::R);
    press(&mut harness, Modifiers::NONE, Key::Tab);
    press(&mut harness, Modifiers::NONE, Key::Num3);
    let session = harness.state().session.as_ref().expect("session");
    let doc = session.document_path().expect("doc");
    assert_eq!(session.project.documents[doc].relations.len(), 1);
    harness.run_ok();
    let (arcs, _) = harness.state().article.arcs_drawn();
    assert_eq!(arcs.len(), 1, "{arcs:?}");
    let arc = arcs[0];
    // The arc spans the two mentions, from within one word to within the
    // other, over the line.
    assert!(
        arc.left() >= words[4].0 - 1.0 && arc.left() <= words[4].1 + 1.0,
        "{arc:?} {:?}",
        words[4]
    );
    assert!(
        arc.right() >= words[8].0 - 1.0 && arc.right() <= words[8].1 + 1.0,
        "{arc:?} {:?}",
        words[8]
    );
    // Over the words (the line moved down to make room for arcs).
    let letters = harness.state().article.glyph_rect(0).expect("line");
    assert!(arc.bottom() <= letters.top() + 1.0, "{arc:?} {letters:?}");
    harness.get_by_label_contains("Relations (1)");
}

/// One article in five scripts, with mentions and their type chips, as an
/// image snapshot reviewed by eye (`tests/snapshots/scripts.png`): Arabic
/// and Hebrew right-aligned and read right to left, the mixed paragraph
/// with a mention in each script, Devanagari and Thai shaped.
#[test]
fn every_script_with_mentions_and_chips() {
    let text = "قال وزير الخارجية الروسي سيرغي لافروف إن الثقة تراجعت.\n\n\
                שר החוץ הרוסי אמר כי האמון נמוך (מאוד).\n\n\
                Its engineer, Yousef al-Haddad (يوسف الحداد), told reporters.\n\n\
                नई दिल्ली में विदेश मंत्री ने कहा कि भरोसा कम हुआ है।\n\n\
                รัฐมนตรีต่างประเทศกล่าวที่กรุงเทพว่าความเชื่อมั่นลดลง\n";
    let (_dir, mut harness) = app_on(text);
    for (word, key) in [
        ("سيرغي لافروف", Key::Num1),
        ("الخارجية", Key::Num2),
        ("החוץ", Key::Num2),
        ("Yousef al-Haddad", Key::Num1),
        ("يوسف الحداد", Key::Num1),
        ("नई दिल्ली", Key::Num3),
        ("विदेश मंत्री", Key::Num1),
        ("กรุงเทพ", Key::Num3),
    ] {
        common::drag_over(&mut harness, word);
        press(&mut harness, Modifiers::NONE, key);
        assert!(mentions(&harness).iter().any(|m| m == word), "{word}");
    }
    press(&mut harness, Modifiers::NONE, Key::Escape);
    harness.snapshot("scripts");
}

/// A paragraph that opens with a Latin word reads left to right by
/// itself; the side panel's Direction sets the document right to left:
/// its lines move to the right edge, read right to left, and the choice is
/// remembered for the document.
#[test]
fn the_direction_of_a_document_is_set_in_the_side_panel() {
    let (_dir, mut harness) = app_on("CNN: שר החוץ הרוסי אמר כי האמון נמוך\n");
    let column = |h: &Harness<'_, StancemarkApp>| {
        let v = &h.state().article.visible[0];
        (v.pos.x, v.pos.x + v.layout.size().x)
    };
    let (left, right) = column(&harness);
    let c = harness.state().article.char_rect(0).expect("C");
    assert!(c.left() - left < 2.0, "automatic: left to right, {c:?}");
    harness.get_by_label("Text direction: Automatic").click();
    harness.run_ok();
    harness.get_by_label("Right to left").click();
    harness.run_ok();
    harness.run_ok();
    let c = harness.state().article.char_rect(0).expect("C");
    let (_, right_now) = column(&harness);
    assert!((right_now - right).abs() < 1.0);
    // "CNN" now stands at the right end, where the line begins.
    assert!(right - c.right() < 40.0, "right to left: {c:?} in {right}");
    let hash = harness
        .state()
        .session
        .as_ref()
        .and_then(|s| s.document())
        .map(|d| d.hash.clone())
        .expect("doc");
    assert_eq!(
        harness.state().preferences.directions.get(&hash),
        Some(&true)
    );
    // And a drag there still stores the words under the pointer.
    let (words, y) = painted_words(
        &mut harness,
        0,
        &["נמוך", "האמון", "כי", "אמר", "הרוסי", "החוץ", "שר", "CNN:"],
    );
    drag_between(
        &mut harness,
        Pos2::new(centre(words[0]), y),
        Pos2::new(centre(words[1]), y),
    );
    assert_eq!(selected_text(&harness), "האמון נמוך");
}
