#!/usr/bin/env bash
# Launch benchmark: under Xvfb, runs the release Trailmap app and a minimal
# eframe app (benches/minimal-eframe: same eframe version and features) side
# by side, interleaved, RUNS times each, and prints the medians of
#   - start to first frame: from just before the process is spawned to the
#     first frame the app draws (both apps log a timestamp per frame when
#     TRAILMAP_FRAME_LOG is set);
#   - peak RSS (VmHWM from /proc, read just before the app is stopped);
#   - frames drawn in IDLE_SECS seconds of idle, counted from 1 s after the
#     first frame (the first second, when the window is mapped, is reported
#     apart as "startup frames");
# with the ratios Trailmap / minimal.
#
#   scripts/bench-launch.sh                 # 15 runs each, 10 s idle
#   RUNS=3 IDLE_SECS=5 scripts/bench-launch.sh
#   NO_BUILD=1 scripts/bench-launch.sh      # use the binaries already built
#
# Trailmap runs twice per round: with the example plan open (the comparison
# the targets are about) and with the stress plan open (years of history),
# both on a data folder holding the 2,000-plan library. Needs: xvfb (Xvfb),
# python3. Do not run it while compiling: it measures wall-clock time.
set -euo pipefail
RUNS=${RUNS:-15}
IDLE_SECS=${IDLE_SECS:-10}
SETTLE_SECS=1
# Builds, makes $tmp/template (the data folder every Trailmap run starts
# from, copied fresh for each run), starts Xvfb.
source "$(dirname "$0")/bench-setup.sh"

now_ns() { local t=$EPOCHREALTIME; echo "${t/./}000"; }

# run NAME COMMAND...: one launch; appends "name start_ns rss_kb log" to results.
run() {
  local name=$1; shift
  local log="$tmp/frames-$name-$RANDOM$RANDOM.log"
  local start pid waited=0
  start=$(now_ns)
  TRAILMAP_FRAME_LOG=$log "$@" >/dev/null 2>&1 &
  pid=$!
  until [ -s "$log" ]; do
    sleep 0.01
    waited=$((waited + 1))
    if [ "$waited" -gt 3000 ]; then
      echo "$name: no frame in 30 s" >&2
      kill "$pid" 2>/dev/null || true
      return 1
    fi
  done
  sleep "$((SETTLE_SECS + IDLE_SECS))"
  local rss
  rss=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "$name $start $rss $log" >> "$tmp/results"
}

# Each round runs the three once; the order turns from round to round, so a
# slow spell of the machine does not always fall on the same app.
order=(minimal trailmap trailmap-stress)
for i in $(seq "$RUNS"); do
  echo "== round $i of $RUNS" >&2
  for k in 0 1 2; do
    name=${order[$(( (i + k) % 3 ))]}
    rm -rf "$tmp/data" && cp -r "$tmp/template" "$tmp/data"
    case $name in
      minimal) run minimal "$MINIMAL" ;;
      trailmap) run trailmap "$TRAILMAP" --data-dir "$tmp/data" "$tmp/data/plans/marcus.ron" ;;
      trailmap-stress) run trailmap-stress "$TRAILMAP" --data-dir "$tmp/data" "$tmp/data/plans/stress.ron" ;;
    esac
  done
done

python3 - "$tmp/results" "$SETTLE_SECS" "$IDLE_SECS" "$RUNS" <<'EOF'
import statistics, sys
results, settle, idle, runs = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
rows = {}
for line in open(results):
    name, start, rss, log = line.split()
    frames = [int(t) for t in open(log).read().split()]
    first = frames[0]
    rows.setdefault(name, []).append({
        "first_ms": (first - int(start)) / 1e6,
        "rss_mb": int(rss) / 1024,
        "startup": sum(1 for t in frames if t < first + settle * 1e9),
        "idle": sum(1 for t in frames if first + settle * 1e9 <= t < first + (settle + idle) * 1e9),
    })
med = lambda name, key: statistics.median(r[key] for r in rows[name])
print(f"\nmedians over {runs} runs (idle window: {idle:g} s, starting {settle:g} s after the first frame)\n")
print(f"{'':18}{'first frame ms':>16}{'peak RSS MB':>13}{'startup frames':>16}{'idle frames':>13}")
for name in ["minimal", "trailmap", "trailmap-stress"]:
    if name in rows:
        print(f"{name:18}{med(name, 'first_ms'):16.1f}{med(name, 'rss_mb'):13.1f}"
              f"{med(name, 'startup'):16g}{med(name, 'idle'):13g}")
print()
# Targets (issue 17): first frame at most 1.05x the minimal app with the
# example plan and 1.10x with the stress plan (median of per-round ratios,
# below), startup frames at most the minimal app's plus 2, peak RSS at most
# 1.15x, no idle frames.
first_target = {"trailmap": 1.05, "trailmap-stress": 1.10}
for name in ["trailmap", "trailmap-stress"]:
    if name in rows and "minimal" in rows:
        print(f"{name} / minimal: first frame {med(name, 'first_ms') / med('minimal', 'first_ms'):.2f}x"
              f" (ratio of medians), peak RSS {med(name, 'rss_mb') / med('minimal', 'rss_mb'):.2f}x"
              f" (target <= 1.15x), startup frames {med(name, 'startup'):g} (target <= {med('minimal', 'startup') + 2:g}),"
              f" idle frames {max(r['idle'] for r in rows[name])} at most (target 0)")
# The same ratio taken within each round (the three runs of a round are
# seconds apart), then the median over rounds: less moved by slow spells.
for name in ["trailmap", "trailmap-stress"]:
    if name in rows and "minimal" in rows:
        paired = [r["first_ms"] / m["first_ms"] for r, m in zip(rows[name], rows["minimal"])]
        print(f"{name} / minimal, median of the {len(paired)} per-round ratios: first frame "
              f"{statistics.median(paired):.2f}x (target <= {first_target[name]:.2f}x)")
print("\nall runs (first frame ms / peak RSS MB / idle frames):")
for name, rs in rows.items():
    print(f"  {name:16}", "  ".join(f"{r['first_ms']:.0f}/{r['rss_mb']:.0f}/{r['idle']}" for r in rs))
EOF
