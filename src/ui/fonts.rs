//! Fonts: egui's defaults with its monochrome emoji, plus bundled Noto Sans
//! Arabic, Hebrew, Devanagari and Thai and a CJK fallback, so the common
//! news scripts render on any machine. Scripts still
//! missing are looked up among the system's fonts (eframe's `system_fonts`);
//! a script no font on the machine has is recorded ([`MissingFonts`]) and
//! the status bar says so, never silent boxes.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use egui::FontFamily;
use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};

/// Droid Sans Fallback (Apache-2.0): CJK ideographs and kana (hangul comes from system fonts).
const CJK_FALLBACK: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf");

/// The news scripts whose fonts ship with the program (Noto Sans, SIL Open
/// Font License, `assets/fonts/NotoSans.OFL.txt`), about 540 KB together.
const SCRIPT_FONTS: [(&str, &[u8]); 4] = [
    (
        "noto-sans-arabic",
        include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "noto-sans-hebrew",
        include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf"),
    ),
    (
        "noto-sans-devanagari",
        include_bytes!("../../assets/fonts/NotoSansDevanagari-Regular.ttf"),
    ),
    (
        "noto-sans-thai",
        include_bytes!("../../assets/fonts/NotoSansThai-Regular.ttf"),
    ),
];

/// Adds the bundled fonts to `ctx`, after egui's own fonts: Arabic (also
/// Persian and Urdu in Naskh), Hebrew, Devanagari and Thai, then the CJK
/// fallback.
pub fn install_fonts(ctx: &egui::Context) {
    let families = || {
        [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect()
    };
    for (name, data) in SCRIPT_FONTS {
        ctx.add_font(FontInsert {
            name: name.to_owned(),
            data: FontData::from_static(data),
            families: families(),
        });
    }
    ctx.add_font(FontInsert {
        name: "droid-sans-fallback".to_owned(),
        data: FontData::from_static(CJK_FALLBACK),
        families: families(),
    });
}

/// The scripts egui found no font for, asked last of all font providers
/// (after the system's): whatever reaches it has no font anywhere. The
/// message for the status bar is made when a script is added, not each
/// frame.
#[derive(Clone, Default)]
pub struct MissingFonts(Arc<Mutex<Missing>>);

#[derive(Default)]
struct Missing {
    scripts: BTreeSet<&'static str>,
    hint: Option<Arc<str>>,
}

impl MissingFonts {
    /// Starts recording the scripts of `ctx` that no font covers.
    #[must_use]
    pub fn install(ctx: &egui::Context) -> Self {
        let missing = Self::default();
        let seen = Arc::clone(&missing.0);
        let provider =
            move |request: &egui::epaint::text::FallbackRequest<'_>| -> Option<FontInsert> {
                if let Some(script) = request
                    .cluster
                    .chars()
                    .next()
                    .and_then(crate::model::scripts::script_of)
                    && let Ok(mut seen) = seen.lock()
                    && seen.scripts.insert(script)
                {
                    let scripts: Vec<&str> = seen.scripts.iter().copied().collect();
                    seen.hint = Some(crate::model::scripts::missing_font_hint(&scripts).into());
                }
                None
            };
        ctx.add_font_provider(Arc::new(provider));
        missing
    }

    /// What to tell the user about the scripts met so far that no font
    /// covers; `None` while there are none.
    #[must_use]
    pub fn hint(&self) -> Option<Arc<str>> {
        self.0.lock().ok().and_then(|m| m.hint.clone())
    }
}

/// Symbols the interface draws; each must be in the bundled fonts (tested).
pub const UI_SYMBOLS: &str = "✔○◑⚠🗑➕•…“”›➡✖📝📂📄▶";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_draw_ui_symbols_emoji_cjk_and_news_scripts() {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let missing: String = ctx.fonts_mut(|f| {
            format!("{UI_SYMBOLS}🐟佐藤美咲カタカナÀéñøüالحدادשלוםहिन्दीภาษาไทย()«»")
                .chars()
                .filter(|c| !f.has_glyph(&egui::FontId::proportional(14.0), *c))
                .collect()
        });
        assert_eq!(missing, "", "characters without a glyph");
    }
}
