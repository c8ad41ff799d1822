#!/usr/bin/env bash
# Runs the real Trailmap binary under Xvfb and writes a PNG of each main view
# into docs/ (or $OUT). Needs: xvfb xauth xdotool imagemagick (see .ci/run).
#   scripts/screenshots.sh            # release build
#   BIN=target/debug/trailmap scripts/screenshots.sh
#   SIZE=1024x700 OUT=/tmp/small scripts/screenshots.sh   # another screen and window size
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/trailmap}
OUT=${OUT:-docs}
SIZE=${SIZE:-1280x800}
if [ ! -x "$BIN" ]; then cargo build --release; fi
mkdir -p "$OUT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TRAILMAP_TODAY=2026-11-22
export XDG_RUNTIME_DIR="$tmp/xdg"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export BIN OUT SIZE tmp

# One run of the app: $1 = data dir name, $2 = preferences (RON fields, e.g.
# "theme:Light"), $3 = plan file or "", then pairs of "keys name" to press and
# capture ("-" presses nothing).
run_app() {
  local data="$tmp/$1" prefs=$2 plan=$3; shift 3
  mkdir -p "$data"
  # The window fills the screen (no window manager runs to place it).
  printf '(%s,window_size:Some((%s.0,%s.0)))' "$prefs" "${SIZE%x*}" "${SIZE#*x}" > "$data/prefs.ron"
  xvfb-run -a -s "-screen 0 ${SIZE}x24 -nolisten tcp" bash -c '
    data=$1; plan=$2; shift 2
    if [ -n "$plan" ]; then "$BIN" --data-dir "$data" "$plan" & else "$BIN" --data-dir "$data" & fi
    pid=$!
    wid=$(timeout 20 xdotool search --sync --onlyvisible --pid "$pid" | head -1)
    sleep 1.5
    # No window manager runs under Xvfb: give the window the keyboard focus
    # and send real (XTEST) key events, which winit accepts.
    xdotool windowfocus --sync "$wid" 2>/dev/null || true
    xdotool mousemove --window "$wid" $(( ${SIZE%x*} / 2 )) $(( ${SIZE#*x} - 10 ))
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

# A mentor's folder of plans for the library: the examples under other names.
lib="$tmp/library/plans"
mkdir -p "$lib"
cp saves/marcus-tech-lead-to-head-of-product.ron "$lib/marcus.ron"
cp saves/priya-tech-lead-to-em.ron "$lib/priya.ron"
sed -e 's/Priya Raman/Jonas Berg/' -e 's/"engineering-manager"/"director-of-engineering"/' saves/priya-tech-lead-to-em.ron > "$lib/jonas.ron"
sed -e 's/Marcus Okafor/Aiko Tanaka/' -e 's/target_role: "head-of-product"/target_role: "product-manager"/g' saves/marcus-tech-lead-to-head-of-product.ron > "$lib/aiko.ron"
sed -e 's/Priya Raman/Sam Lee/' -e 's/self_rating: Some(2)/self_rating: Some(1)/g' saves/priya-tech-lead-to-em.ron > "$lib/sam.ron"

# A plan with a session under way, for the session screenshot: the example
# with one more, still running, session at the end of its log.
python3 - "$tmp/marcus.ron" "$tmp/session.ron" <<'PY'
import sys
text = open(sys.argv[1]).read()
running = """    (
      id: 40, started: "2026-11-22T16:00:00", ended: None,
      agenda: ["Overdue since 10 Nov 2026: Tailor one message for engineers, partner teams and executives", "In progress: Draft a roadmap built around business outcomes (due 30 Nov 2026)", "Gap: Strategic thinking (needs 5 for Head of product, self-rated 3)", "Since last session: 1 action done"],
      agenda_kinds: [Overdue, Open, Gap, Change],
      agenda_done: [0],
      notes: [
        (id: 41, at: "2026-11-22T16:04:00", text: "Roadmap draft is close: two outcomes agreed with sales.", mentor_only: false),
        (id: 42, at: "2026-11-22T16:12:00", text: "Still hedges in the exec summary; push for one recommendation.", mentor_only: true),
      ],
      summary: "",
    ),
"""
marker = "  ],\n  private_notes:"
i = text.rindex(marker)
text = text[:i] + running + text[i:]
text = text.replace("next_id: 32,", "next_id: 43,")
open(sys.argv[2], "w").write(text)
PY

run_app welcome theme:Dark "" - welcome
# Some progress since the last session, for the "what changed" view.
sed -e '0,/status: InProgress/s//status: Done/' -e 's/(self_rating: Some(2), mentor_rating: Some(3), will: Some(3)/(self_rating: Some(3), mentor_rating: Some(3), will: Some(3)/' \
  "$tmp/marcus.ron" > "$tmp/progress.ron"
run_app dark theme:Dark "$tmp/marcus.ron" \
  ctrl+1 skills ctrl+2 path ctrl+3 checklist ctrl+6 plan
run_app progress theme:Dark "$tmp/progress.ron" ctrl+5 progress
run_app session theme:Dark "$tmp/session.ron" ctrl+4 session
run_app library theme:Dark,library_open:true "$lib/marcus.ron" ctrl+1 library
run_app light theme:Light "$tmp/priya.ron" \
  ctrl+1 skills-light ctrl+2 path-light ctrl+3 checklist-light ctrl+4 skill-will-light
