#!/usr/bin/env bash
# Builds the Debian package (target/debian/trailmap_VERSION_ARCH.deb) with
# cargo-deb (installed if missing) from a release build, and prints its size.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo deb --version >/dev/null 2>&1; then
  cargo install cargo-deb --locked
fi
cargo build --release --bin trailmap
deb=$(cargo deb --no-build 2>/dev/null | tail -1)
echo "$deb ($(stat -c %s "$deb") bytes)"
