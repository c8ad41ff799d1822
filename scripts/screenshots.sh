#!/usr/bin/env bash
# Runs the real Trailmap binary under Xvfb and writes a PNG of each main view
# into docs/ (or $OUT). Needs: xvfb xauth xdotool imagemagick (see .ci/run).
#   scripts/screenshots.sh            # release build
#   BIN=target/debug/trailmap scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/trailmap}
OUT=${OUT:-docs}
if [ ! -x "$BIN" ]; then cargo build --release; fi
mkdir -p "$OUT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TRAILMAP_TODAY=2026-11-22
export XDG_RUNTIME_DIR="$tmp/xdg"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export BIN OUT tmp

# One run of the app: $1 = data dir name, $2 = theme (Dark/Light), $3 = plan file or "",
# then pairs of "keys name" to press and capture.
run_app() {
  local data="$tmp/$1" theme=$2 plan=$3; shift 3
  mkdir -p "$data"
  printf '{"trailmap-prefs":"(theme:%s)"}' "$theme" > "$data/ui-state.ron"
  xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" bash -c '
    data=$1; plan=$2; shift 2
    if [ -n "$plan" ]; then "$BIN" --data-dir "$data" "$plan" & else "$BIN" --data-dir "$data" & fi
    pid=$!
    wid=$(timeout 20 xdotool search --sync --onlyvisible --pid "$pid" | head -1)
    sleep 1.5
    # No window manager runs under Xvfb: give the window the keyboard focus
    # and send real (XTEST) key events, which winit accepts.
    xdotool windowfocus --sync "$wid" 2>/dev/null || true
    xdotool mousemove --window "$wid" 640 790
    while [ $# -gt 1 ]; do
      keys=$1; name=$2; shift 2
      if [ "$keys" != "-" ]; then
        for k in $keys; do xdotool key "$k"; sleep 0.3; done
      fi
      sleep 1.0
      import -window "$wid" "$OUT/$name.png"
      echo "wrote $OUT/$name.png"
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
  ' _ "$data" "$plan" "$@"
}

cp saves/marcus-tech-lead-to-head-of-product.ron "$tmp/marcus.ron"
cp saves/priya-tech-lead-to-em.ron "$tmp/priya.ron"
run_app welcome Dark "" - welcome
run_app dark Dark "$tmp/marcus.ron" \
  ctrl+1 skills ctrl+2 path ctrl+3 checklist ctrl+4 plan
run_app light Light "$tmp/priya.ron" \
  ctrl+1 skills-light ctrl+2 path-light ctrl+3 checklist-light
