//! Trailmap's core: what a plan is and what can be said about it.
//!
//! - [`model`]: frameworks, plans and the commands that change plans.
//! - [`analysis`]: pure functions over plans (gaps, readiness, routes,
//!   seeding, sessions, history).
//! - [`export`]: reports as Markdown and HTML, the SVG charts in them, and
//!   text for a terminal.
//! - [`format`]: the plan file format, plan ↔ text.
//!
//! **Invariant, held by the compiler:** this crate depends on no UI crate
//! (its manifest lists none) and touches no file and no clock (`clippy.toml`
//! beside the manifest refuses `std::fs`, `SystemTime::now`, `Zoned::now`
//! and the like). "Today" is always a parameter, so every result can be
//! checked by hand in a test.

pub mod analysis;
pub mod dates;
pub mod export;
pub mod format;
pub mod model;
