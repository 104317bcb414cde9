#!/usr/bin/env bash
# Checks figlint's SARIF with Microsoft's SARIF Multitool, the validator
# whose "Ghas" rules encode what GitHub code scanning's ingestion requires.
#
# 1. Installs the npm package @microsoft/sarif-multitool (a self-contained
#    .NET binary inside the package) into a cache outside the repository.
# 2. Builds figlint and writes SARIF for fixtures/sarif (pages with findings
#    of many rules, an awkward file name, CRLF, a BOM, bytes that are not
#    UTF-8, findings in companion tables and across pages, suppressions) and
#    for fixtures/ok (no findings); and has the report package's tests write
#    the log of fixtures/format/related, whose results have relatedLocations.
# 3. Runs "validate --rule-kind Sarif;Ghas" with the GitHub policy
#    scripts/ci/sarif-multitool-github.xml, which also turns on the GH1001-
#    GH1006 ingestion rules: any error or warning fails.
# 4. Lets the Multitool compute the GitHub line-hash fingerprints
#    (rewrite --insert RollingHashPartialFingerprints) and compares them with
#    figlint's own, an independent check of our port of the upload action's
#    algorithm (but for a first line after a byte order mark, which the
#    Multitool drops and the upload action, like figlint, keeps).
#
# Needs Go, Node.js and npm, and the npm registry; nothing else from the
# network. FIGLINT_CI_CACHE overrides the cache directory.
set -euo pipefail
cd "$(dirname "$0")/../.."

MULTITOOL_VERSION=5.7.0
cache="${FIGLINT_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/figlint-ci}"
prefix="$cache/sarif-multitool-$MULTITOOL_VERSION"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "Node.js and npm are needed to install the SARIF Multitool" >&2
    exit 1
  fi
fi
platform=$(node -p process.platform)

if [ ! -f "$prefix/.installed" ]; then
  echo "installing @microsoft/sarif-multitool@$MULTITOOL_VERSION into $prefix"
  rm -rf "$prefix"
  mkdir -p "$prefix"
  # Pin the platform package too: the main package's optional dependency
  # is a range. --ignore-scripts: its only script is a chmod, done below.
  npm install --prefix "$prefix" --no-audit --no-fund --no-save --ignore-scripts --loglevel=error \
    "@microsoft/sarif-multitool@$MULTITOOL_VERSION" \
    "@microsoft/sarif-multitool-$platform@$MULTITOOL_VERSION"
  touch "$prefix/.installed"
fi
# The package exports the path of the platform's binary. Run it directly:
# the npm wrapper goes through a shell, which would split "Sarif;Ghas".
multitool=$(cd "$prefix" && node -p 'require("@microsoft/sarif-multitool")')
chmod u+x "$multitool"
# Without ICU, .NET refuses to start unless globalization is invariant.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
"$multitool" --version | head -1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/figlint" ./cmd/figlint

# lint DIR OUT EXPECTED_EXIT [FLAGS...]: writes SARIF for DIR's pages.
lint() {
  local dir=$1 out=$2 want=$3
  shift 3
  local code=0
  (cd "$dir" && "$work/figlint" --format sarif "$@" .) >"$out" || code=$?
  if [ "$code" -ne "$want" ]; then
    echo "figlint on $dir exited $code; expected $want" >&2
    exit 1
  fi
}
lint fixtures/sarif "$work/findings.sarif" 1 --sarif-category figlint/fixtures --include-suppressed
lint fixtures/ok "$work/clean.sarif" 0
# No rule reports related locations yet, so those logs have no
# relatedLocations: the reporter's log of fixtures/format/related (two
# test-only rules, with places in a page and in its genes table) is
# validated as well.
FIGLINT_WRITE_RELATED_SARIF="$work/related.sarif" \
  go test -count=1 -run '^TestRelatedSARIFSchema$' ./internal/report >/dev/null
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runs[0].results;
const n = r.reduce((s, x) => s + (x.relatedLocations || []).length, 0);
if (n === 0) { console.error("related.sarif has no relatedLocations"); process.exit(1); }
console.log(`related.sarif: ${n} related locations in ${r.length} results`);
' "$work/related.sarif"

# summarize VALIDATION_SARIF: prints the Multitool's results by rule and
# level; exits 1 on any error or warning.
summarize() {
  node - "$1" <<'EOF'
const fs = require("fs");
const log = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const counts = {};
let bad = 0;
for (const run of log.runs) {
  for (const r of run.results || []) {
    const level = r.level || "warning";
    const key = `${level} ${r.ruleId}`;
    counts[key] = (counts[key] || 0) + 1;
    if (level === "error" || level === "warning") {
      bad++;
      const loc = ((r.locations || [])[0] || {}).physicalLocation || {};
      console.log(`  ${level} ${r.ruleId}: ${r.message.text} (${JSON.stringify(loc.region || {})})`);
    }
  }
}
for (const k of Object.keys(counts).sort()) console.log(`  ${counts[k]} x ${k}`);
if (bad > 0) {
  console.log(`${bad} errors or warnings`);
  process.exit(1);
}
console.log("  no errors, no warnings");
EOF
}

status=0
for f in findings clean related; do
  n=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runs[0].results.length' "$work/$f.sarif")
  echo "validate $f.sarif ($n results) with --rule-kind Sarif;Ghas and the GitHub policy"
  "$multitool" validate --rule-kind "Sarif;Ghas" --config scripts/ci/sarif-multitool-github.xml --level "Error;Warning;Note" \
    --output "$work/$f.validation.sarif" "$work/$f.sarif" >"$work/$f.validate.log" 2>&1 || {
    cat "$work/$f.validate.log"
    exit 1
  }
  summarize "$work/$f.validation.sarif" || status=1
done

# A control: the same log with an unencoded absolute file URI and a result
# without a region must fail, or the validator is not checking what we think.
node - "$work/findings.sarif" "$work/broken.sarif" <<'EOF'
const fs = require("fs");
const log = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const [a, b] = log.runs[0].results;
a.locations[0].physicalLocation.artifactLocation = { uri: "file:///checkout/a page.md" };
delete b.locations[0].physicalLocation.region;
fs.writeFileSync(process.argv[3], JSON.stringify(log));
EOF
"$multitool" validate --rule-kind "Sarif;Ghas" --config scripts/ci/sarif-multitool-github.xml \
  --output "$work/broken.validation.sarif" "$work/broken.sarif" >/dev/null 2>&1 || true
if out=$(summarize "$work/broken.validation.sarif"); then
  echo "$out"
  echo "the control log with a bad URI and no region passed validation" >&2
  status=1
else
  echo "control: a log with a bad URI and no region fails, as it must:"
  echo "$out" | grep -E '^  [0-9]+ x (error|warning)'
fi

# A control for relatedLocations: an unencoded absolute URI in one of them
# must fail too, or validating related.sarif checks nothing of them.
node - "$work/related.sarif" "$work/related-broken.sarif" <<'EOF'
const fs = require("fs");
const log = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const r = log.runs[0].results.find((x) => x.relatedLocations);
r.relatedLocations[0].physicalLocation.artifactLocation = { uri: "file:///checkout/a page.md" };
fs.writeFileSync(process.argv[3], JSON.stringify(log));
EOF
"$multitool" validate --rule-kind "Sarif;Ghas" --config scripts/ci/sarif-multitool-github.xml \
  --output "$work/related-broken.validation.sarif" "$work/related-broken.sarif" >/dev/null 2>&1 || true
if out=$(summarize "$work/related-broken.validation.sarif"); then
  echo "$out"
  echo "the control log with a bad related location URI passed validation" >&2
  status=1
else
  echo "control: a bad URI in a related location fails, as it must:"
  echo "$out" | grep -E '^  [0-9]+ x (error|warning)'
fi

echo "compare figlint's primaryLocationLineHash with the Multitool's"
node - "$work/findings.sarif" "$work/stripped.sarif" <<'EOF'
const fs = require("fs");
const log = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
for (const r of log.runs[0].results) delete r.partialFingerprints;
fs.writeFileSync(process.argv[3], JSON.stringify(log));
EOF
"$multitool" rewrite --insert "RollingHashPartialFingerprints" --output "$work/rehashed.sarif" \
  "$work/stripped.sarif" >"$work/rewrite.log" 2>&1 || {
  cat "$work/rewrite.log"
  exit 1
}
node - "$work/findings.sarif" "$work/rehashed.sarif" <<'EOF' || status=1
const fs = require("fs");
const ours = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).runs[0].results;
const theirs = JSON.parse(fs.readFileSync(process.argv[3], "utf8")).runs[0].results;
// The Multitool reads files with .NET, which drops a leading byte order
// mark; the upload action reads them with Node.js, which keeps it (as
// figlint does). So the first line of a file with a BOM may differ.
const hasBOM = (uri) => {
  const b = fs.readFileSync(decodeURIComponent(uri));
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
};
let same = 0, bom = 0, bad = 0;
ours.forEach((r, i) => {
  const a = (r.partialFingerprints || {}).primaryLocationLineHash;
  const b = ((theirs[i] || {}).partialFingerprints || {}).primaryLocationLineHash;
  const loc = r.locations[0].physicalLocation;
  if (a !== undefined && a === b) {
    same++;
  } else if (a !== undefined && b !== undefined && loc.region.startLine === 1 && hasBOM(loc.artifactLocation.uri)) {
    bom++;
  } else {
    bad++;
    console.log(`  ${loc.artifactLocation.uri}:${loc.region.startLine}: figlint ${a}, Multitool ${b}`);
  }
});
console.log(`  ${same} of ${ours.length} fingerprints agree; ${bom} differ only by the BOM on a first line`);
if (bad > 0 || ours.length !== theirs.length) process.exit(1);
EOF

if [ "$status" -ne 0 ]; then
  echo "SARIF Multitool check failed"
  exit 1
fi
echo "SARIF Multitool check passed"
