//! Text that many snapshots hold at once.
//!
//! Every snapshot holds the whole checklist as it stood, so the same action
//! text appears in snapshot after snapshot: 300,000 times for 5,000 actions
//! over 120 snapshots. As [`String`]s that is 300,000 allocations to read a
//! plan and to copy it; as a [`SharedText`] it is one allocation per distinct
//! text, and copying a snapshot copies pointers.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An immutable string that is cheap to clone (a reference count) and reads
/// like a `&str`. Equal texts compare equal whether or not they share memory.
#[derive(Clone, Default, Eq, PartialOrd, Ord)]
pub struct SharedText(Arc<str>);

impl std::hash::Hash for SharedText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        // Shared texts are equal without looking at them (`Arc` compares the
        // contents of an unsized `str` every time).
        self.ptr_eq(other) || *self.0 == *other.0
    }
}

impl SharedText {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether two texts share the same memory (a quick test before comparing).
    pub fn ptr_eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> Self {
        Self(text.into())
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> Self {
        Self(text.into())
    }
}

impl From<&String> for SharedText {
    fn from(text: &String) -> Self {
        Self(text.as_str().into())
    }
}

impl From<SharedText> for String {
    fn from(text: SharedText) -> Self {
        text.0.to_string()
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl Serialize for SharedText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SharedText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_compares_like_a_string() {
        let a = SharedText::from("Run the retro");
        let b = a.clone();
        assert!(a.ptr_eq(&b));
        assert_eq!(a, SharedText::from("Run the retro".to_owned()));
        assert!(!a.ptr_eq(&SharedText::from("Run the retro")));
        assert_eq!(a, "Run the retro");
        assert_eq!(a.len(), 13);
        assert_eq!(format!("{a} / {a:?}"), "Run the retro / \"Run the retro\"");
        assert_eq!(String::from(a), "Run the retro");
    }

    #[test]
    fn serde_is_a_plain_string() {
        let text = SharedText::from("a \"b\"");
        let ron = ron::to_string(&text).expect("serialise");
        assert_eq!(ron, r#""a \"b\"""#);
        assert_eq!(ron::from_str::<SharedText>(&ron).expect("read"), text);
    }
}
