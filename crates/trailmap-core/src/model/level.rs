//! Skill levels, 1 to 5.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A skill level from 1 (own work) to 5 (the whole company). Stored as a plain
/// number; any other number fails to load with an error that says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Level(u8);

impl Level {
    /// The lowest level.
    pub const MIN: Self = Self(1);
    /// The highest level.
    pub const MAX: Self = Self(5);
    /// How many levels there are.
    pub const COUNT: usize = 5;

    /// A level, if `value` is in 1..=5.
    pub const fn new(value: u8) -> Option<Self> {
        if value >= 1 && value <= 5 {
            Some(Self(value))
        } else {
            None
        }
    }

    /// The level as a number in 1..=5.
    pub const fn get(self) -> u8 {
        self.0
    }

    /// The level's index into a list of five descriptions (0..=4).
    pub const fn index(self) -> usize {
        self.0 as usize - 1
    }

    /// All five levels, lowest first.
    pub fn all() -> impl DoubleEndedIterator<Item = Self> + Clone {
        (1..=5).map(Self)
    }

    /// The next level up, if any.
    pub fn up(self) -> Option<Self> {
        Self::new(self.0 + 1)
    }

    /// The next level down, if any.
    pub fn down(self) -> Option<Self> {
        Self::new(self.0.saturating_sub(1))
    }
}

impl TryFrom<u8> for Level {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value).ok_or_else(|| format!("a level must be from 1 to 5, not {value}"))
    }
}

impl From<Level> for u8 {
    fn from(level: Level) -> Self {
        level.0
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An inclusive range of levels, used to say at which ratings an action helps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelBand {
    /// The lowest rating the action suits.
    pub min: Level,
    /// The highest rating the action suits.
    pub max: Level,
}

impl LevelBand {
    /// Whether the band holds `level`.
    pub fn contains(self, level: Level) -> bool {
        self.min <= level && level <= self.max
    }

    /// Whether the band shares a level with `min..=max`.
    pub fn overlaps(self, min: Level, max: Level) -> bool {
        self.min <= max && min <= self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range() {
        assert_eq!(Level::new(0), None);
        assert_eq!(Level::new(6), None);
        assert_eq!(Level::new(3).map(Level::get), Some(3));
        assert_eq!(Level::all().count(), Level::COUNT);
        assert_eq!(Level::MAX.up(), None);
        assert_eq!(Level::MIN.down(), None);
        assert_eq!(Level::MIN.up(), Level::new(2));
    }

    #[test]
    fn band() {
        let band = LevelBand {
            min: Level::MIN,
            max: Level::new(2).expect("2 is a level"),
        };
        assert!(band.contains(Level::MIN));
        assert!(!band.contains(Level::MAX));
        assert!(band.overlaps(Level::new(2).expect("level"), Level::MAX));
        assert!(!band.overlaps(Level::new(3).expect("level"), Level::MAX));
    }

    #[test]
    fn serde_rejects_out_of_range() {
        let err = ron::from_str::<Level>("6").expect_err("6 is not a level");
        assert!(err.to_string().contains("from 1 to 5"), "{err}");
        assert_eq!(ron::from_str::<Level>("4").ok(), Level::new(4));
    }
}
