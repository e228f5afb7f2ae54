#!/bin/sh
# Measures the HTML report of a hunt with many findings: file size, and how long Debian's headless
# Chromium takes to load and render it.
#
# Usage: scripts/measure-html-report.sh [JAR] [USERS] [RUNS]
#   JAR    the skywarden jar to measure (default skywarden-cli/target/skywarden.jar)
#   USERS  users in the generated CloudTrail file, two findings each (default 3000)
#   RUNS   Chromium runs (default 3)
#
# Prints, per run, the wall time of `chromium --headless --dump-dom` (browser start, load, script,
# DOM dump) and the page's own data-render-ms (navigation start to rendered, when the report sets
# it), then the size of the report and of the dumped DOM. Needs python3 and chromium.
set -eu

jar=${1:-skywarden-cli/target/skywarden.jar}
users=${2:-3000}
runs=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$(dirname "$0")/make-report-load.py" "$work/trail.json.gz" "$users"
java -jar "$jar" hunt --format html --output "$work/report.html" --quiet "$work/trail.json.gz"
echo "report: $(wc -c < "$work/report.html") bytes for $((2 * users)) findings"

for run in $(seq "$runs"); do
  profile=$(mktemp -d)
  start=$(date +%s.%N)
  chromium --headless --no-sandbox --disable-gpu --user-data-dir="$profile" \
    --window-size=1280,1400 --dump-dom "file://$work/report.html" > "$work/dom.html" 2>/dev/null
  end=$(date +%s.%N)
  rm -rf "$profile"
  render=$(grep -o 'data-render-ms="[0-9]*"' "$work/dom.html" | grep -o '[0-9]*' || echo "n/a")
  echo "run $run: $(echo "$end - $start" | bc) s wall, render $render ms, DOM $(wc -c < "$work/dom.html") bytes"
done
