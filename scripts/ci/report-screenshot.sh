#!/usr/bin/env bash
# Renders figlint's HTML audit report of the bundled sample (fixtures/pfocr)
# in headless Chromium and checks what a curator would see.
#
# 1. Installs Debian's chromium when it is missing (apt-get, as root).
# 2. Builds figlint and writes the report with "figlint --report".
# 3. Takes a 1280-pixel-wide screenshot and checks that it is a PNG of some
#    size, not a blank page.
# 4. Dumps the DOM after the page's script ran and checks: the SVG charts
#    (pages, rules, years, organisms); one section and table per rule and
#    one row per finding, against figlint's JSON output of the same pages;
#    the filters' script ran (data-filters="ready"); a filter given in
#    the query string (?rule=...&sev=...) hides the other rows; rules with
#    errors come first; one per-page entry per page with findings, with
#    links to PMC and PFOCR and no other outbound URL; a year axis without
#    "n/a" or two-digit labels; a CSV download of every finding; the
#    run's date in the header.
#
# Usage: scripts/ci/report-screenshot.sh [SCREENSHOT.png]
# With an argument, the screenshot is also copied there (docs/report.png
# is made this way). Needs Go and Chromium; no network but apt-get's.
set -euo pipefail
cd "$(dirname "$0")/../.."

copy_to="${1:-}"
chromium_bin=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium_bin" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing Debian's chromium"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    chromium_bin=$(command -v chromium)
  else
    echo "chromium is needed (apt-get install chromium, as root)" >&2
    exit 1
  fi
fi
"$chromium_bin" --version 2>/dev/null || true

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/figlint" ./cmd/figlint
sample=fixtures/pfocr
report="$work/report.html"

echo "writing the report with figlint --report"
set +e
"$work/figlint" --no-snippet --no-cache --report "$report" "$sample" >/dev/null
code=$?
set -e
if [ "$code" -gt 1 ]; then
  echo "figlint --report failed with exit code $code" >&2; exit 1
fi
test -s "$report"

# The expected content, from figlint's JSON output of the same pages.
set +e
"$work/figlint" --format json "$sample" > "$work/findings.json"
set -e
want_findings=$(grep -o '"rule":"[^"]*"' "$work/findings.json" | wc -l)
want_rules=$(grep -o '"rule":"[^"]*"' "$work/findings.json" | sort -u | wc -l)
first_rule=$(grep -o '"rule":"missing-value","severity":"warning"' "$work/findings.json" | wc -l)
echo "expected: $want_findings findings of $want_rules rules ($first_rule missing-value warnings)"

chrome() {
  # A fresh profile per run; no network services, no first-run UI.
  "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$(mktemp -d -p "$work")" "$@" 2>"$work/chromium.log"
}

fail() { echo "report check failed: $*" >&2; exit 1; }

shot="$work/report.png"
chrome --window-size=1280,2000 --screenshot="$shot" "file://$report" >/dev/null
[ -f "$shot" ] || { cat "$work/chromium.log" >&2; fail "no screenshot"; }
size=$(wc -c < "$shot")
[ "$(head -c 8 "$shot" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG"
# A blank 1280x2000 page compresses to a few KB; the report's charts and
# tables take well over 60 KB.
[ "$size" -gt 60000 ] || fail "the screenshot is only $size bytes: is the page blank?"
echo "screenshot: $size bytes"

dom="$work/dom.html"
chrome --dump-dom "file://$report" > "$dom"
count() { grep -o -- "$1" "$dom" | wc -l; }
[ "$(count 'data-filters="ready"')" = 1 ] || fail "the filters' script did not run"
for chart in chart-health chart-rules chart-years chart-organisms; do
  [ "$(count "<svg [^>]*id=\"$chart\"")" = 1 ] || fail "no SVG chart $chart"
done
[ "$(count '<rect class="s-')" -gt 0 ] || fail "the charts have no bars"
[ "$(count '<section class="card rule"')" = "$want_rules" ] || fail "$(count '<section class="card rule"') rule sections, want $want_rules"
[ "$(count '<table class="findings">')" = "$want_rules" ] || fail "$(count '<table class="findings">') rule tables, want $want_rules"
[ "$(count '<tr class="f"')" = "$want_findings" ] || fail "$(count '<tr class="f"') finding rows, want $want_findings"
[ "$(count '<tr class="f"[^>]*hidden')" = 0 ] || fail "rows are hidden with no filter set"
[ "$(count 'id="worst"')" = 1 ] || fail "no worst pages table"
echo "DOM: 4 charts, $want_rules rule tables, $want_findings rows, filters ready"

# Errors first: the first rule section has errors (the sample has some),
# and no section with errors comes after one without.
heads=$(grep -o '<div class="rule-head">.*</div>' "$dom" | sed 's/<\/div>.*//')
[ "$(echo "$heads" | head -1 | grep -c 's-error')" = 1 ] || fail "the first rule section has no errors"
seen_clean=0
while IFS= read -r h; do
  if echo "$h" | grep -q 's-error'; then
    [ "$seen_clean" = 0 ] || fail "a rule with errors comes after a rule without"
  else
    seen_clean=1
  fi
done <<< "$heads"
# The per-page view: one entry per page with findings, with its links.
# (each finding's own path, the first on its line; related places have theirs too)
want_pages=$(grep -o '^ *{"rule":"[^"]*","severity":"[^"]*","path":"[^"]*"' "$work/findings.json" | sed 's/.*"path"://' | sort -u | wc -l)
[ "$(count '<article class="page"')" = "$want_pages" ] || fail "$(count '<article class="page"') page entries, want $want_pages"
[ "$(count '<a class="pmc" href="https://www.ncbi.nlm.nih.gov/pmc/articles/')" -gt 0 ] || fail "no link to a PMC figure"
[ "$(count '<a class="pfocr" href="https://pfocr.wikipathways.org/figures/')" -gt 0 ] || fail "no link to a PFOCR page"
# Outbound URLs: only those two kinds of link, and nothing that loads.
others=$(grep -o '\(href\|src\)="\(https\?:\|//\)[^"]*"' "$dom" | grep -v '^href="https://www.ncbi.nlm.nih.gov/pmc/articles/' |
  grep -v '^href="https://pfocr.wikipathways.org/figures/' || true)
[ -z "$others" ] || fail "unexpected outbound URLs: $others"
[ "$(count ' src=')" = 0 ] || fail "the report loads something"
# The year axis: no two-digit or n/a labels; unknown years apart.
years_svg=$(sed -n '/<svg [^>]*id="chart-years"/,/<\/svg>/p' "$dom")
[ -n "$years_svg" ] || fail "no year chart"
# (Axis labels are turned or centred; the counts' tick labels are neither.)
labels=$(echo "$years_svg" | grep -o '<text [^>]*\(rotate([^>]*\|"middle"\)>[^<]*</text>' | sed 's/.*>\([^<]*\)<\/text>/\1/')
[ -n "$labels" ] || fail "the year axis has no labels"
bad=$(echo "$labels" | grep -v '^\([0-9]\{4\}\|unknown\)$' || true)
[ -z "$bad" ] || fail "the year axis has labels that are no four-digit year: $bad"
# The CSV download: a header line and one line per finding.
csv=$(grep -o 'download="findings.csv" href="data:text/csv;charset=utf-8,[^"]*"' "$dom" || true)
[ -n "$csv" ] || fail "no CSV download"
[ "$(echo "$csv" | grep -o '%0A' | wc -l)" = "$((want_findings + 1))" ] || fail "the CSV does not have $want_findings findings"
[ "$(count 'id="run-started"')" = 1 ] || fail "the header has no date"
echo "DOM: errors first, $want_pages page entries with links, CSV of $want_findings findings, run header"

# A filter from the query string: only missing-value warnings stay shown.
chrome --dump-dom "file://$report?rule=missing-value&sev=warning" > "$dom"
shown=$(grep -o '<tr class="f"[^>]*>' "$dom" | grep -vc 'hidden' || true)
[ "$shown" = "$first_rule" ] || fail "the filter shows $shown rows, want $first_rule"
pshown=$(grep -o '<tr class="pf"[^>]*>' "$dom" | grep -vc 'hidden' || true)
[ "$pshown" = "$first_rule" ] || fail "the filter shows $pshown rows of the per-page view, want $first_rule"
echo "filter ?rule=missing-value&sev=warning: $shown rows shown, and $pshown in the per-page view"

if [ -n "$copy_to" ]; then
  cp "$shot" "$copy_to"
  echo "copied the screenshot to $copy_to"
fi
echo "report screenshot check passed"
