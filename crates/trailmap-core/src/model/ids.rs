//! Identifiers. Skills, roles and library actions are named by stable text ids
//! (`strategic-thinking`, `engineering-manager`); things a plan owns — checklist
//! items, milestones, sessions, snapshots — by numbers the plan hands out.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! text_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Makes an id from any string.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

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
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }
    };
}

text_id!(
    /// A skill's stable id, such as `communication`.
    SkillId
);
text_id!(
    /// A role's stable id, such as `engineering-manager`.
    RoleId
);
text_id!(
    /// The stable id of an action in a framework's library.
    ActionId
);

/// The number a plan gives to something it owns (a checklist item, a milestone, a
/// session, a snapshot, a session note). Numbers are never reused within a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ItemId(pub u64);

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Whether `id` is a well-formed text id: lower-case ASCII letters, digits and
/// single dashes, starting with a letter.
pub fn is_valid_text_id(id: &str) -> bool {
    let mut chars = id.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_ascii_lowercase()
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A file name made from a person's name: lower-case letters, digits and dashes.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() && c.is_ascii() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() { "plan".to_owned() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_ids() {
        assert!(is_valid_text_id("communication"));
        assert!(is_valid_text_id("head-of-product"));
        assert!(is_valid_text_id("skill-2"));
        assert!(!is_valid_text_id(""));
        assert!(!is_valid_text_id("Communication"));
        assert!(!is_valid_text_id("-x"));
        assert!(!is_valid_text_id("x-"));
        assert!(!is_valid_text_id("a--b"));
        assert!(!is_valid_text_id("2x"));
        assert!(!is_valid_text_id("a b"));
    }
}
