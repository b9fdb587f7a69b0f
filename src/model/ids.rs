//! Identifiers as types, so a plan slug can never be passed where an
//! indicator id is expected.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }
    };
}

id_type!(
    /// A plan's slug: the folder name under `content/plans/`.
    PlanSlug
);
id_type!(
    /// A jurisdiction id: the file stem under `content/jurisdictions/`.
    JurisdictionId
);
id_type!(
    /// An indicator catalogue id: the file stem under `indicators/`.
    IndicatorId
);
id_type!(
    /// A topic id from `content/topics.yaml`.
    TopicId
);
id_type!(
    /// A comparability group: indicators that look alike share one.
    GroupId
);

/// True when `s` is a valid slug or id: lower-case ASCII letters, digits and
/// single `-` between them.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    #[test]
    fn id_shape() {
        assert!(super::is_valid_id("baotou-ip-plan-2021"));
        assert!(!super::is_valid_id("Baotou"));
        assert!(!super::is_valid_id("a--b"));
        assert!(!super::is_valid_id(""));
    }
}
