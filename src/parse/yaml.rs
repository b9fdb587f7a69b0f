//! The one place that knows which YAML library plansite uses.
//!
//! Everything else calls [`from_str`] and gets a [`YamlError`] with a line and
//! column relative to the YAML text, so the library can be swapped without
//! touching the rest of the crate.

use serde::de::DeserializeOwned;

/// A YAML syntax or shape error, positioned inside the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// 1-based line inside the YAML text.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The library's message, without its own position suffix.
    pub message: String,
}

/// Deserializes `text` into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    too_deep(text)?;
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let mut message = e.to_string();
        // serde_yaml appends " at line N column M"; the caller prints its own position.
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        YamlError {
            line,
            column,
            message,
        }
    })
}

/// Serializes `value` as YAML (used by the importer and the scaffolder).
pub fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).unwrap_or_default()
}

/// Flow collections (`[`, `{`) nested deeper than this are refused before
/// parsing: libyaml's scanner takes time quadratic in their depth (16,000
/// levels, half a second), and serde_yaml refuses over 128 levels anyway.
const MAX_FLOW_DEPTH: usize = 256;

/// An error at the first bracket past [`MAX_FLOW_DEPTH`], counted without
/// regard to quotes (a real text never has hundreds unclosed).
fn too_deep(text: &str) -> Result<(), YamlError> {
    let mut depth = 0usize;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => continue,
        }
        if depth > MAX_FLOW_DEPTH {
            let (line, column) = crate::diag::line_col(text, i);
            return Err(YamlError {
                line,
                column,
                message: format!("more than {MAX_FLOW_DEPTH} nested `[` or `{{`"),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn error_positions_are_inside_the_yaml() {
        let err = from_str::<BTreeMap<String, String>>("a: b\nc: [\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
        assert!(!err.message.contains(" at line "));
    }
}
