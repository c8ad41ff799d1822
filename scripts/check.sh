#!/usr/bin/env bash
# The project's checks, in order: formatting, lints, then the README's test
# command. CI runs exactly this (see .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
echo "== cargo test"
cargo test
