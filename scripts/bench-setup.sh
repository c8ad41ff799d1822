# Sourced by scripts/bench-launch.sh and scripts/count-first-frame.sh: the
# set-up both share. Builds (unless NO_BUILD is set) the release Trailmap,
# the stress-data example and the minimal eframe app; makes a temporary
# folder `$tmp` (removed at exit) holding `$tmp/template`, a data folder
# with the stress library, the stress plan and the example plan
# (`plans/marcus.ron`); points the XDG folders into it; pins the date; and
# starts one Xvfb at 1280x800 as `$DISPLAY` (stopped at exit).
# Sets TRAILMAP, MINIMAL and STRESS to the binaries.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}

if [ -z "${NO_BUILD:-}" ]; then
  echo "== building (release)" >&2
  cargo build --release --bin trailmap --example stress >&2
  # The minimal app uses Trailmap's lock file, so both get the same versions.
  cp Cargo.lock benches/minimal-eframe/Cargo.lock
  (cd benches/minimal-eframe && CARGO_TARGET_DIR="$TARGET_DIR" cargo build --release >&2)
fi
TRAILMAP="$TARGET_DIR/release/trailmap"
MINIMAL="$TARGET_DIR/release/minimal-eframe"
STRESS="$TARGET_DIR/release/examples/stress"

tmp=$(mktemp -d)
xvfb_pid=""
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

"$STRESS" "$tmp/template" 1 >&2
cp saves/marcus-tech-lead-to-head-of-product.ron "$tmp/template/plans/marcus.ron"

export XDG_RUNTIME_DIR="$tmp/xdg-runtime" XDG_DATA_HOME="$tmp/xdg-data" XDG_CONFIG_HOME="$tmp/xdg-config"
mkdir -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" && chmod 700 "$XDG_RUNTIME_DIR"
export TRAILMAP_TODAY=2026-11-22

# One X server for all runs, so each run pays only for its own start.
display=:$((90 + RANDOM % 400))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
for _ in $(seq 100); do
  if [ -e "/tmp/.X11-unix/X${display#:}" ]; then break; fi
  sleep 0.05
done
sleep 0.5
