//! Feeds arbitrary bytes to the plan loader, as `storage::load_plan` does
//! after reading a file: UTF-8 check (a byte-order mark is dropped), then
//! parse, version check and check against the framework. Nothing may panic,
//! overflow the stack or hang. When the bytes load, the plan must also
//! survive being written and read back unchanged.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use trailmap::storage::{self, Fingerprint, FrameworkCatalog};

fn catalog() -> &'static FrameworkCatalog {
    static CATALOG: OnceLock<FrameworkCatalog> = OnceLock::new();
    CATALOG.get_or_init(FrameworkCatalog::builtin_only)
}

fuzz_target!(|data: &[u8]| {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.ron");
    // The parser alone (no framework check) must not fail in any other way.
    let _ = storage::parse_plan(path, text);
    let Ok(loaded) = storage::load_plan_text(path, text, Fingerprint::of(data), catalog()) else {
        return;
    };
    let written = storage::plan_to_string(&loaded.plan);
    match storage::load_plan_text(path, &written, Fingerprint::of(written.as_bytes()), catalog()) {
        Ok(again) => {
            assert!(
                again.plan == loaded.plan,
                "the plan changed when written and read back:\n{written}"
            );
            assert_eq!(again.newer_format, loaded.newer_format);
        }
        Err(e) => panic!("a plan that loaded does not load once written: {e}\n{written}"),
    }
});
