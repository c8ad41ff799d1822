#!/usr/bin/env bash
# Regenerates docs/report-html.png: the HTML export of the Marcus example plan,
# rendered by headless Chromium. Needs Debian's chromium and imagemagick:
#   apt-get install -y chromium imagemagick
set -euo pipefail
cd "$(dirname "$0")/.."

command -v chromium >/dev/null || { echo "export-screenshot: chromium is not installed" >&2; exit 1; }
[ -x /usr/bin/convert ] || { echo "export-screenshot: ImageMagick (/usr/bin/convert) is not installed" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --quiet
# A fixed date, so the overdue marks and the report date do not change.
TRAILMAP_TODAY=2026-11-22 ./target/debug/trailmap export \
  saves/marcus-tech-lead-to-head-of-product.ron --format html -o "$work/report.html" >/dev/null

# The flags keep Chromium off the network; this machine has none.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --hide-scrollbars \
  --window-size=1100,2150 --screenshot="$work/shot.png" "file://$work/report.html" 2>/dev/null

# The top of the report: title, ranking, skills table and radar. Fewer colours
# keep the file small without blurring the text.
mkdir -p docs
/usr/bin/convert "$work/shot.png" -resize 880x +dither -colors 128 -strip PNG8:docs/report-html.png
echo "wrote docs/report-html.png ($(stat -c %s docs/report-html.png) bytes)"
