//! Validated text values: names and free text that users type.

use crate::FieldError;

/// A non-empty, trimmed, single-line name of at most `MAX` characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct Name(String);

impl Name {
    pub const MAX: usize = 200;

    /// Parses a name typed into `field`.
    pub fn parse(field: &str, value: &str) -> Result<Self, FieldError> {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Err(FieldError::new(field, "must not be empty"));
        }
        if trimmed.chars().count() > Self::MAX {
            return Err(FieldError::new(
                field,
                format!("must be at most {} characters", Self::MAX),
            ));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(FieldError::new(
                field,
                "must be one line without control characters",
            ));
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Name {
    /// A stored or submitted name is validated like a typed one.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Name::parse("name", &s).map_err(serde::de::Error::custom)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Optional free text (descriptions, notes) of at most `MAX` characters; empty means none.
pub fn optional_text(field: &str, value: &str, max: usize) -> Result<Option<String>, FieldError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if trimmed.chars().count() > max {
        return Err(FieldError::new(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    Ok(Some(trimmed.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rejects_blank_and_control_characters() {
        assert_eq!(Name::parse("name", "  ").unwrap_err().field, "name");
        assert!(Name::parse("name", "a\nb").is_err());
        assert_eq!(
            Name::parse("name", " 東京病院 ").unwrap().as_str(),
            "東京病院"
        );
    }

    proptest! {
        #[test]
        fn a_parsed_name_is_trimmed_nonempty_and_bounded(s in "\\PC{0,250}") {
            if let Ok(n) = Name::parse("name", &s) {
                prop_assert!(!n.as_str().is_empty());
                prop_assert_eq!(n.as_str().trim(), n.as_str());
                prop_assert!(n.as_str().chars().count() <= Name::MAX);
            }
        }
    }
}
