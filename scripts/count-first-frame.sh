#!/usr/bin/env bash
# First-frame instruction count: under Xvfb, runs the release Trailmap app
# (with the example plan, then the stress plan) and the minimal eframe app
# (benches/minimal-eframe) once each under callgrind, each exiting at the end
# of its first frame (TRAILMAP_EXIT_AFTER_FIRST_FRAME), and prints the
# instructions each thread ran to there, with Trailmap's main thread as a
# ratio of the minimal app's.
#
# Wall-clock time on a 2-core VM moves by ±5-10 % between 15-round runs of
# scripts/bench-launch.sh; this count moves by well under 1 %, so it shows
# what the app itself adds to the first frame. It does not see waiting
# (threads competing for the cores, disk, the X server): bench-launch does.
#
#   scripts/count-first-frame.sh
#   NO_BUILD=1 scripts/count-first-frame.sh   # use the binaries already built
#
# Needs: xvfb (Xvfb), valgrind, python3. A run takes about half a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}

if [ -z "${NO_BUILD:-}" ]; then
  echo "== building (release)" >&2
  cargo build --release --bin trailmap --example stress >&2
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

"$STRESS" "$tmp/data" 1 >/dev/null
cp saves/marcus-tech-lead-to-head-of-product.ron "$tmp/data/plans/marcus.ron"
export XDG_RUNTIME_DIR="$tmp/xdg-runtime" XDG_DATA_HOME="$tmp/xdg-data" XDG_CONFIG_HOME="$tmp/xdg-config"
mkdir -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" && chmod 700 "$XDG_RUNTIME_DIR"
export TRAILMAP_TODAY=2026-11-22 TRAILMAP_EXIT_AFTER_FIRST_FRAME=1

display=:$((90 + RANDOM % 400))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
for _ in $(seq 100); do
  if [ -e "/tmp/.X11-unix/X${display#:}" ]; then break; fi
  sleep 0.05
done

# count NAME COMMAND...: one run under callgrind, one output file per thread.
count() {
  local name=$1; shift
  echo "== $name" >&2
  valgrind --tool=callgrind --separate-threads=yes \
    --callgrind-out-file="$tmp/$name.out" "$@" >"$tmp/$name.log" 2>&1 || {
    echo "$name failed; its output:" >&2
    tail -20 "$tmp/$name.log" >&2
    return 1
  }
}
count minimal "$MINIMAL"
count trailmap "$TRAILMAP" --data-dir "$tmp/data" "$tmp/data/plans/marcus.ron"
count trailmap-stress "$TRAILMAP" --data-dir "$tmp/data" "$tmp/data/plans/stress.ron"

python3 - "$tmp" <<'EOF'
import glob, os, re, sys
tmp = sys.argv[1]
def threads(name):
    # Callgrind writes NAME.out-01 for the main thread, -02… for the others.
    counts = []
    for path in sorted(glob.glob(os.path.join(tmp, name + ".out-*"))):
        text = open(path).read()
        total = int(re.search(r"^totals: (\d+)", text, re.M).group(1))
        counts.append(total)
    return counts
rows = {name: threads(name) for name in ["minimal", "trailmap", "trailmap-stress"]}
print("\ninstructions to the end of the first frame (millions)\n")
print(f"{'':18}{'main thread':>13}{'other threads':>15}")
for name, counts in rows.items():
    print(f"{name:18}{counts[0] / 1e6:13.1f}{sum(counts[1:]) / 1e6:15.1f}")
print()
for name in ["trailmap", "trailmap-stress"]:
    print(f"{name} / minimal, main thread: {rows[name][0] / rows['minimal'][0]:.3f}x")
print("\nThe other threads are mostly the system font listing, cut off wherever the")
print("main thread's exit found it (Trailmap starts it after its first frame).")
EOF
