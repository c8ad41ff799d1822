//! The date and time the app and command line use. `TRAILMAP_TODAY=YYYY-MM-DD`
//! pins the date, so tests and screenshots do not depend on the day they run.
//!
//! **Invariant:** the only module that reads the system clock (`clippy.toml`
//! refuses `Zoned::now` and `SystemTime::now` everywhere else).
#![allow(clippy::disallowed_methods, reason = "the one home of the clock")]

use jiff::civil::{Date, DateTime};

/// The environment variable that pins today's date.
pub const TODAY_ENV: &str = "TRAILMAP_TODAY";

/// Today's date: `$TRAILMAP_TODAY` if set and valid, else the local date.
pub fn today() -> Date {
    std::env::var(TODAY_ENV)
        .ok()
        .and_then(|s| s.parse::<Date>().ok())
        .unwrap_or_else(|| jiff::Zoned::now().date())
}

/// The local date and time, to the second (on the pinned date if `$TRAILMAP_TODAY` is set).
pub fn now() -> DateTime {
    let now = jiff::Zoned::now().datetime();
    let time = jiff::civil::time(now.hour(), now.minute(), now.second(), 0);
    today().to_datetime(time)
}

/// Milliseconds since 1970 by the system clock, for the clocks that order
/// changes to a plan (see `trailmap_core::model::sync`).
pub fn unix_millis() -> u64 {
    u64::try_from(unix_nanos() / 1_000_000).unwrap_or(u64::MAX)
}

/// Nanoseconds since 1970 by the system clock, for unique names and log
/// lines (not for dates: use [`today`] and [`now`]).
pub fn unix_nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}
