//! Offsets in other tools' units. Stancemark counts Unicode code points;
//! tools written in JavaScript or Java (doccano's web UI, INCEpTION) count
//! UTF-16 code units, where a character beyond the Basic Multilingual Plane
//! (most emoji, some CJK) takes two. The two agree on every text without such
//! characters.

/// The unit a file's offsets count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// Unicode code points (Python's `str` indices; Stancemark's own unit).
    #[default]
    CodePoints,
    /// UTF-16 code units (JavaScript and Java string indices).
    Utf16,
}

impl OffsetUnit {
    /// Both units, for menus and `--offsets`.
    pub const ALL: [Self; 2] = [Self::CodePoints, Self::Utf16];

    /// The name on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::CodePoints => "codepoints",
            Self::Utf16 => "utf16",
        }
    }

    /// The unit called `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.name() == name)
    }
}

/// Where the characters beyond the BMP are in one text, to convert offsets
/// between code points and UTF-16 units in logarithmic time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Utf16Map {
    /// Code-point offsets of the characters that take two UTF-16 units.
    astral: Vec<usize>,
    /// Length of the text in code points.
    len: usize,
}

impl Utf16Map {
    /// The map of `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut astral = Vec::new();
        let mut len = 0;
        for (i, c) in text.chars().enumerate() {
            if c.len_utf16() == 2 {
                astral.push(i);
            }
            len = i + 1;
        }
        Self { astral, len }
    }

    /// True when the two units disagree somewhere at or before code point
    /// `offset` (a character beyond the BMP comes before it).
    #[must_use]
    pub fn differs_before(&self, offset: usize) -> bool {
        self.astral.first().is_some_and(|&a| a < offset)
    }

    /// True when the text holds a character beyond the BMP at all.
    #[must_use]
    pub fn has_astral(&self) -> bool {
        !self.astral.is_empty()
    }

    /// The UTF-16 offset of code point `offset`.
    #[must_use]
    pub fn to_utf16(&self, offset: usize) -> usize {
        offset + self.astral.partition_point(|&a| a < offset)
    }

    /// The code point at UTF-16 offset `units`; `None` in the middle of a
    /// character (between the two halves of a surrogate pair) or past the end.
    #[must_use]
    pub fn from_utf16(&self, units: usize) -> Option<usize> {
        // Astral character i starts at UTF-16 offset astral[i] + i; count
        // those that end at or before `units` (a binary search over i).
        let (mut lo, mut hi) = (0, self.astral.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.astral[mid] + mid + 2 <= units {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if self.astral.get(lo).is_some_and(|&a| a + lo + 1 == units) {
            return None;
        }
        let offset = units - lo;
        (offset <= self.len).then_some(offset)
    }

    /// An offset in `unit` as a code point (`None` when it cannot be one).
    #[must_use]
    pub fn to_code_points(&self, offset: usize, unit: OffsetUnit) -> Option<usize> {
        match unit {
            OffsetUnit::CodePoints => (offset <= self.len).then_some(offset),
            OffsetUnit::Utf16 => self.from_utf16(offset),
        }
    }

    /// A code-point offset in `unit`.
    #[must_use]
    pub fn from_code_points(&self, offset: usize, unit: OffsetUnit) -> usize {
        match unit {
            OffsetUnit::CodePoints => offset,
            OffsetUnit::Utf16 => self.to_utf16(offset),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_convert_both_ways() {
        // doccano's example (issue 2290): a fireman with a skin tone and a
        // zero-width joiner: 4 code points, 7 UTF-16 units.
        let text = "👨🏻‍🚒 firemen drive firetrucks";
        let map = Utf16Map::new(text);
        let word = "firetrucks";
        let cp = text.chars().count() - word.chars().count();
        let units: usize = text.encode_utf16().count() - word.encode_utf16().count();
        assert_eq!((cp, units), (19, 22));
        assert_eq!(map.to_utf16(cp), units);
        assert_eq!(map.from_utf16(units), Some(cp));
        assert!(map.differs_before(cp));
        assert!(!map.differs_before(0));
        // The middle of the first emoji's surrogate pair is no offset.
        assert_eq!(map.from_utf16(1), None);
        assert_eq!(map.from_utf16(2), Some(1));
        // Every boundary, both ways, on a mixed text.
        let mixed = "a😀b佐🐟🐟e\u{301}";
        let m = Utf16Map::new(mixed);
        let mut u = 0;
        for (i, c) in mixed.chars().enumerate() {
            assert_eq!(m.to_utf16(i), u, "{i}");
            assert_eq!(m.from_utf16(u), Some(i), "{i}");
            u += c.len_utf16();
        }
        let n = mixed.chars().count();
        assert_eq!(m.from_utf16(u), Some(n));
        assert_eq!(m.from_utf16(u + 1), None, "past the end");
        assert!(!Utf16Map::new("plain café").has_astral());
    }
}
