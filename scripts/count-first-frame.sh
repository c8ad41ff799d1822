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
# Builds, makes $tmp/template (a data folder), starts Xvfb.
source "$(dirname "$0")/bench-setup.sh"
export TRAILMAP_EXIT_AFTER_FIRST_FRAME=1

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
count trailmap "$TRAILMAP" --data-dir "$tmp/template" "$tmp/template/plans/marcus.ron"
count trailmap-stress "$TRAILMAP" --data-dir "$tmp/template" "$tmp/template/plans/stress.ron"

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
