#!/bin/sh
# Renders the sample's HTML report to a PNG with headless Chromium, to look at it as a
# leader would (Debian: apt-get install chromium fonts-noto-cjk). Not part of the tests.
# Usage: docs/screenshot.sh [OUT.png]   (default docs/report.png)
set -eu
out="${1:-docs/report.png}"
dir="$(mktemp -d)"
export PLEDGE_DB="$dir/pledge.db"
pledge init --sample >/dev/null 2>&1
pledge record spot-checks-2024 2450 --on 2024-09-30 --source 市市场监管局 --as-of 2024-09-30 >/dev/null
pledge --lang zh report --as-of 2024-09-30 --format html -o "$dir/report.html" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,1500 \
  --screenshot="$out" "file://$dir/report.html" 2>/dev/null
echo "wrote $out from $dir/report.html"
