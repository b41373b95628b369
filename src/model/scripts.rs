//! Which writing system a character belongs to, for saying which script
//! lacks a font (issue 25): by Unicode block, for the scripts news is
//! written in. Latin and common punctuation are never missing (the
//! bundled fonts have them), so they have no name here.

/// The script of `c`, named as a font would be ("Thai" for "Noto Sans
/// Thai"), for the scripts a machine may lack a font for; `None` for
/// others.
#[must_use]
pub fn script_of(c: char) -> Option<&'static str> {
    let scripts: &[(u32, u32, &str)] = &[
        (0x0370, 0x03FF, "Greek"),
        (0x0400, 0x052F, "Cyrillic"),
        (0x0530, 0x058F, "Armenian"),
        (0x0590, 0x05FF, "Hebrew"),
        (0x0600, 0x06FF, "Arabic"),
        (0x0700, 0x074F, "Syriac"),
        (0x0750, 0x077F, "Arabic"),
        (0x0780, 0x07BF, "Thaana"),
        (0x0870, 0x08FF, "Arabic"),
        (0x0900, 0x097F, "Devanagari"),
        (0x0980, 0x09FF, "Bengali"),
        (0x0A00, 0x0A7F, "Gurmukhi"),
        (0x0A80, 0x0AFF, "Gujarati"),
        (0x0B00, 0x0B7F, "Oriya"),
        (0x0B80, 0x0BFF, "Tamil"),
        (0x0C00, 0x0C7F, "Telugu"),
        (0x0C80, 0x0CFF, "Kannada"),
        (0x0D00, 0x0D7F, "Malayalam"),
        (0x0D80, 0x0DFF, "Sinhala"),
        (0x0E00, 0x0E7F, "Thai"),
        (0x0E80, 0x0EFF, "Lao"),
        (0x0F00, 0x0FFF, "Tibetan"),
        (0x1000, 0x109F, "Myanmar"),
        (0x10A0, 0x10FF, "Georgian"),
        (0x1100, 0x11FF, "Korean"),
        (0x1200, 0x139F, "Ethiopic"),
        (0x1780, 0x17FF, "Khmer"),
        (0x3040, 0x30FF, "Japanese"),
        (0x3130, 0x318F, "Korean"),
        (0x3400, 0x9FFF, "Chinese"),
        (0xAC00, 0xD7AF, "Korean"),
        (0xFB1D, 0xFB4F, "Hebrew"),
        (0xFB50, 0xFDFF, "Arabic"),
        (0xFE70, 0xFEFF, "Arabic"),
    ];
    let u = u32::from(c);
    scripts
        .iter()
        .find(|(lo, hi, _)| (*lo..=*hi).contains(&u))
        .map(|(_, _, name)| *name)
}

/// What to tell the user when `scripts` have no font: which, what they see
/// instead, and how to add one.
#[must_use]
pub fn missing_font_hint(scripts: &[&str]) -> String {
    let list = scripts.join(", ");
    let cjk = scripts
        .iter()
        .any(|s| matches!(*s, "Chinese" | "Japanese" | "Korean"));
    let package = if cjk {
        "fonts-noto-core fonts-noto-cjk"
    } else {
        "fonts-noto-core"
    };
    let fonts = scripts
        .iter()
        .map(|s| format!("Noto Sans {s}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "No font for {list} on this machine: those letters show as empty boxes. Install {fonts} (Debian and Ubuntu: sudo apt install {package}; other systems: the font from fonts.google.com/noto), then restart Stancemark."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_named_by_their_blocks() {
        let cases = [
            ('ก', Some("Thai")),
            ('क', Some("Devanagari")),
            ('ש', Some("Hebrew")),
            ('ع', Some("Arabic")),
            ('ﻻ', Some("Arabic")),
            ('ລ', Some("Lao")),
            ('ក', Some("Khmer")),
            ('한', Some("Korean")),
            ('a', None),
            ('é', None),
            ('“', None),
            ('1', None),
        ];
        for (c, expected) in cases {
            assert_eq!(script_of(c), expected, "{c}");
        }
    }

    #[test]
    fn the_hint_names_the_scripts_and_how_to_add_a_font() {
        let hint = missing_font_hint(&["Thai", "Devanagari"]);
        assert!(hint.contains("No font for Thai, Devanagari"));
        assert!(hint.contains("Noto Sans Thai"));
        assert!(hint.contains("apt install fonts-noto-core"));
        assert!(missing_font_hint(&["Korean"]).contains("fonts-noto-cjk"));
    }
}
