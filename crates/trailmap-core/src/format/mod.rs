//! The plan file format: plan ↔ text, with no file in sight.
//!
//! A plan file is RON. Its shape is the model's serde derives (which `ron`
//! reads, with every error's line and column: the app's storage layer does
//! that as the fallback). Beside them, and held to them by differential and
//! property tests, live the two fast paths that a plan with years of history
//! needs:
//!
//! - [`write`]: the writer every save uses ([`plan_text`]), one line per
//!   entry, defaults left out;
//! - [`read`]: a reader for the strict subset that [`write`] produces
//!   ([`parse_plan_fast`]); `None` sends the text to `ron`;
//! - [`snapshots`]: snapshots after the first are stored as their change
//!   from the one before (format 2), for both paths.
//!
//! **Invariant, held by the compiler:** the writer destructures and the
//! reader builds every model struct with all its fields named, so a field
//! added to the model does not compile until both handle it.

pub mod ladder;
pub mod read;
pub mod snapshots;
pub mod write;

pub use read::parse_plan_fast;
pub use write::{plan_text, write_plan, write_string};
