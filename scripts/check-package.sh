#!/usr/bin/env bash
# What CI checks of the package on a fresh machine (as root): builds the
# .deb, installs it with dpkg, runs the installed binary on an installed
# example, and removes it cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(scripts/package.sh | tail -1 | cut -d' ' -f1)
echo "== dpkg -i $deb"
dpkg -i "$deb"
/usr/bin/trailmap --version
/usr/bin/trailmap validate /usr/share/trailmap/examples/*.ron
test -f /usr/share/applications/trailmap.desktop
test -f /usr/share/icons/hicolor/256x256/apps/trailmap.png
test -f /usr/share/man/man1/trailmap.1.gz
echo "== dpkg -r trailmap"
dpkg -r trailmap
if [ -e /usr/bin/trailmap ] || [ -e /usr/share/applications/trailmap.desktop ]; then
  echo "the package left files behind" >&2
  exit 1
fi
echo "package: installed, ran and removed cleanly"
