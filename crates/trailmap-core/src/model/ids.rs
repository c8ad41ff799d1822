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

/// A file name or id made from a name: lower-case ASCII letters, digits and
/// single dashes, never empty. Letters of any script are transliterated, never
/// dropped (`Zoë Ñúñez` → `zoe-nunez`, `Иван Петров` → `ivan-petrov`,
/// `王小明` → `wang-xiao-ming`); a letter with no transliteration is kept as
/// its code point (`u10d0`). What is not a letter or digit (spaces,
/// punctuation, emoji) separates words; a name with no letter or digit at
/// all gives `plan`.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    let mut gap = false;
    for c in name.chars() {
        let ascii = deunicode::deunicode_char(c);
        if c.is_alphanumeric() {
            match ascii {
                // A letter written as a sign (Arabic ain as `'`) stays inside its word.
                Some(ascii) if !ascii.bytes().any(|b| b.is_ascii_alphanumeric()) => {}
                Some(ascii) => push_ascii(&mut slug, &mut gap, ascii),
                None => {
                    gap = true;
                    push_ascii(&mut slug, &mut gap, &format!("u{:x}", u32::from(c)));
                    gap = true;
                }
            }
        } else if ascii != Some("") {
            // A mark or joiner (transliterated to nothing) belongs to its
            // letter; anything else separates words.
            gap = true;
        }
    }
    if slug.is_empty() { "plan".to_owned() } else { slug }
}

/// Adds the letters and digits of `ascii` to `slug`, lower-cased, with one
/// dash where a gap (`gap`, or anything else in `ascii`) comes between two.
fn push_ascii(slug: &mut String, gap: &mut bool, ascii: &str) {
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if *gap && !slug.is_empty() {
                slug.push('-');
            }
            *gap = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            *gap = true;
        }
    }
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

    #[test]
    fn slugs_keep_the_letters_of_every_script() {
        for (name, want) in [
            ("Zoë Ñúñez", "zoe-nunez"),
            ("Jürgen Groß", "jurgen-gross"),
            ("Иван Петров", "ivan-petrov"),
            ("Γιώργος Παπαδόπουλος", "giorgos-papadopoulos"),
            ("王小明", "wang-xiao-ming"),
            ("محمد علي", "mhmd-ly"),
            ("Sam Lee", "sam-lee"),
            ("Zoe\u{308} N\u{303}u\u{301}n\u{303}ez", "zoe-nunez"),
            ("O'Brien", "o-brien"),
            ("  Ada -- Lovelace!! ", "ada-lovelace"),
            ("R2 D2", "r2-d2"),
            ("🦄🚀", "plan"),
            ("", "plan"),
            ("---", "plan"),
        ] {
            let slug = slug(name);
            assert_eq!(slug, want, "{name}");
        }
    }

    #[test]
    fn slugs_are_text_ids_whatever_the_name() {
        for name in [
            "Zoë Ñúñez",
            "Иван Петров",
            "王小明",
            "محمد علي",
            "🦄 Ünïcödé ✓ ½ ⅷ ① ﬁ Ǆ İ",
            "x\u{301}\u{302}",
            "Ⅻ 三 ٣",
        ] {
            let slug = slug(name);
            assert!(is_valid_text_id(&slug), "{name:?} gave {slug:?}");
        }
    }
}
