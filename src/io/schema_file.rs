//! The default schema shipped in `assets/default-schema.ron`.

use crate::model::Schema;

/// Text of `assets/default-schema.ron`, built into the program.
pub const DEFAULT_SCHEMA_RON: &str = include_str!("../../assets/default-schema.ron");

/// Parses a schema from RON text.
///
/// # Errors
/// The parser's message, with line and column.
pub fn parse_schema(text: &str) -> Result<Schema, String> {
    ron::from_str(text).map_err(|e| e.to_string())
}

/// The default schema: the bundled asset, or the identical built-in one.
#[must_use]
pub fn default_schema() -> Schema {
    parse_schema(DEFAULT_SCHEMA_RON).unwrap_or_else(|_| Schema::builtin())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_schema_parses_and_equals_the_builtin() {
        assert_eq!(parse_schema(DEFAULT_SCHEMA_RON), Ok(Schema::builtin()));
    }
}
