#!/usr/bin/env bash
# Runs the composite action in action.yml locally, as the Actions runner
# would (scripts/ci/actionrun reads action.yml and runs its steps), with the
# GITHUB_* variables set, against a workspace holding the pages of
# fixtures/sarif, and checks the annotations, the job summary, the SARIF
# file and the action's outputs. Needs Go and bash; the only network it may
# use is the Go module proxy (go install of figlint's dependencies).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/actionrun" ./scripts/ci/actionrun

fail() {
  echo "action test failed: $*" >&2
  exit 1
}

# A workspace like a checkout: a repository root with the pages in site/.
ws="$work/workspace"
mkdir -p "$ws/.git" "$ws/site"
cp -R fixtures/sarif/_figures fixtures/sarif/_data "$ws/site/"

export GITHUB_WORKSPACE="$ws"
export GITHUB_ACTION_REF="v0-test"
export GITHUB_SERVER_URL="https://github.com"
export GITHUB_REPOSITORY="figlint/example"
export GITHUB_SHA="0123456789abcdef0123456789abcdef01234567"
export GITHUB_ACTIONS=true CI=true

# case NAME EXPECTED_EXIT INPUT...: runs the action with fresh per-run files;
# leaves its stdout in $work/NAME.out, the summary in $work/NAME.summary.md
# and the outputs in $work/NAME.outputs.
case_run() {
  local name=$1 want=$2
  shift 2
  export RUNNER_TEMP="$work/$name.temp"
  export GITHUB_STEP_SUMMARY="$work/$name.summary.md"
  mkdir -p "$RUNNER_TEMP"
  local args=()
  for i in "$@"; do args+=(-input "$i"); done
  echo "=== $name: ${*:-(defaults)}"
  local code=0
  "$work/actionrun" "${args[@]}" -outputs "$work/$name.outputs" "$repo/action.yml" >"$work/$name.out" || code=$?
  if [ "$code" -ne "$want" ]; then
    cat "$work/$name.out"
    fail "$name: exit $code; expected $want"
  fi
  echo "exit $code as expected; $(grep -c '^::' "$work/$name.out" || true) workflow commands"
}

# expect FILE TEXT: FILE has a line with TEXT (fixed string).
expect() {
  grep -qF -- "$2" "$1" || fail "$1 lacks: $2"
}

# 1. The whole site, with SARIF: errors fail the step.
case_run all 1 paths=site sarif-file=figlint.sarif sarif-category=figlint/site
out="$work/all.out"
expect "$out" '::error file=site/_figures/duplicate-key.md,line=29,endLine=29,col=1,endColumn=5,title=duplicate-key::key "ndex" is defined again (first on line 28); expected each key once'
expect "$out" '::error file=site/_data/PMC8932105__gt-malformed-genes.tsv,line=3,endLine=3,col=1,endColumn=64,title=genes-table::'
expect "$out" '::notice file=site/_figures/title-greek.md,'
expect "$out" '::warning file=site/_figures/caption-differs.md,'
# Most severe first: no error after the first warning, no warning after the
# first notice.
awk '/^::warning /{w=1} /^::notice /{n=1} (w&&/^::error /)||(n&&/^::(error|warning) /){bad=1} END{exit bad}' "$out" ||
  fail "annotations are not ordered errors, warnings, notices"
commands=$(grep -c '^::\(error\|warning\|notice\) file=' "$out")
pages=$(find "$ws/site" -name '*.md' | wc -l | tr -d ' ')
expect "$out" "figlint: $commands findings in $pages files"
summary="$work/all.summary.md"
expect "$summary" "## figlint"
expect "$summary" "**$commands findings** in $pages files"
expect "$summary" '| `duplicate-key` | 1 | 0 | 0 |'
expect "$summary" "[\`site/_figures/duplicate-key.md:29:1\`](https://github.com/figlint/example/blob/$GITHUB_SHA/site/_figures/duplicate-key.md#L29)"
expect "$work/all.outputs" "sarif-file=$ws/figlint.sarif"
expect "$work/all.outputs" "exit-code=1"
sarif="$ws/figlint.sarif"
[ -s "$sarif" ] || fail "no SARIF file at $sarif"
# The SARIF file has one result per annotation, repository-relative URIs,
# the category and the action's version.
schema=()
if [ -f ../shared/schemas/sarif-schema-2.1.0.json ]; then
  schema=(-schema ../shared/schemas/sarif-schema-2.1.0.json)
fi
go run ./scripts/ci/sarifcheck -results "$commands" -category figlint/site/ -version v0-test -uri-prefix site/ \
  "${schema[@]}" "$sarif" || fail "the SARIF file is not as expected"

# 2. From a subdirectory: annotations still name files from the repository
# root; only warnings, so the default fail-on (error) passes and
# fail-on: warning fails.
case_run subdir 0 working-directory=site paths=_figures/caption-differs.md "args=--enable-only caption-description"
expect "$work/subdir.out" '::warning file=site/_figures/caption-differs.md,'
expect "$work/subdir.out" 'figlint: 1 finding in 1 file: 0 errors, 1 warning, 0 notes'
expect "$work/subdir.outputs" "exit-code=0"
expect "$work/subdir.outputs" "sarif-file="
case_run subdir-fail-on 1 working-directory=site paths=_figures/caption-differs.md "args=--enable-only caption-description" fail-on=warning

# 3. A configuration file turns rules off.
cat >"$ws/figlint-ci.yaml" <<'EOF'
rules:
  figure-identity: off
  duplicate-alias: off
EOF
case_run config 1 paths=site config=figlint-ci.yaml
if grep -qE 'title=(figure-identity|duplicate-alias)::' "$work/config.out"; then
  fail "the configuration's rules: off did not apply"
fi
expect "$work/config.out" 'title=duplicate-key::'

# 4. A clean page: success, a summary that says so, no annotations.
case_run clean 0 paths=site/_figures/title-greek.md "args=--enable-only doi-format"
expect "$work/clean.out" "figlint: no findings in 1 file"
expect "$work/clean.summary.md" "No findings in 1 file."
if grep -q '^::' "$work/clean.out"; then fail "a clean run wrote workflow commands"; fi

# 5. A bad input is a usage error (exit 2), reported, not swallowed.
case_run bad-fail-on 2 paths=site fail-on=sometimes

echo "action test passed"
