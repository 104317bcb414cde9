#!/usr/bin/env bash
# Proves .pre-commit-hooks.yaml with a real pre-commit (Debian's package):
# in a temporary git repository holding a good and a bad page, both hooks
# (figlint, built by pre-commit with Go; figlint-system, from PATH) pass on
# the good page and fail on the bad one with figlint's output.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

if ! command -v pre-commit >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pre-commit >/dev/null
  else
    echo "pre-commit-test.sh: pre-commit is not installed (apt-get install pre-commit)" >&2
    exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" # a fresh hook environment every time
site="$work/site"
mkdir -p "$site/_figures" "$site/_data"
good=PMC8932105__12935_2022_2527_Fig7_HTML
cp "$repo/fixtures/ok/_figures/$good.md" "$site/_figures/"
cp "$repo/fixtures/ok/_data/$good-genes.tsv" "$site/_data/"
bad=PMC10538757__pone.0291981.g002
cp "$repo/fixtures/pfocr/_figures/$bad.md" "$site/_figures/"
printf '# A site of figure pages\n' >"$site/README.md" # no page: the hooks skip it
# A page whose genes table is broken: changing only the table lints the page.
tabled=PMC10031279__gr8
cp "$repo/fixtures/pfocr/_figures/$tabled.md" "$site/_figures/"
printf 'organism_id\torganism_name\n9606\tHomo sapiens\n' >"$site/_data/$tabled-genes.tsv"
(cd "$site" && git init -q && git add . && git -c user.email=ci@example.invalid -c user.name=ci commit -qm pages)

# figlint-system needs figlint on PATH.
export GOBIN="$work/bin"
(cd "$repo" && go install ./cmd/figlint)
export PATH="$GOBIN:$PATH"

expect() { # expect CODE HOOK FILE [TEXT]
  local want=$1 hook=$2 file=$3 text=${4:-}
  set +e
  out=$(cd "$site" && pre-commit try-repo "$repo" "$hook" --files "$file" 2>&1)
  code=$?
  set -e
  if [ "$code" -ne "$want" ]; then
    echo "pre-commit try-repo $hook on $file: exit $code, want $want"; echo "$out"; exit 1
  fi
  if [ -n "$text" ] && ! grep -qF -- "$text" <<<"$out"; then
    echo "pre-commit try-repo $hook on $file: output lacks \"$text\""; echo "$out"; exit 1
  fi
  echo "ok: $hook on $file exits $code"
}

for hook in figlint figlint-system; do
  expect 0 "$hook" "_figures/$good.md"
  expect 1 "$hook" "_figures/$bad.md" "automl_pathway is the number 1.7; expected at most 1 [schema/maximum]"
  expect 0 "$hook" "README.md" "(no files to check)"
  expect 1 "$hook" "_data/$tabled-genes.tsv" "without the column \"ncbigene_symbol\""
done

# figlint-fix: a page whose only defect has a safe fix (a figlink without
# its trailing /) is fixed in place, and pre-commit fails the commit
# because the hook changed a file; run again, the page is clean.
fixme=_figures/$good.md
sed -i 's|^\(figlink: .*[^/]\)/$|\1|' "$site/$fixme"
grep -q '^figlink: .*[^/]$' "$site/$fixme" || { echo "could not break the figlink of $fixme"; exit 1; }
(cd "$site" && git add -A && git -c user.email=ci@example.invalid -c user.name=ci commit -qm 'break figlink')
expect 1 figlint-fix "$fixme" "files were modified by this hook"
grep -q '^figlink: .*/$' "$site/$fixme" || { echo "figlint-fix did not restore the trailing / of $fixme"; exit 1; }
expect 0 figlint-fix "$fixme"
# A page with defects no fix can mend fails with figlint's findings.
expect 1 figlint-fix "_figures/$bad.md" "[schema/maximum]"
echo "pre-commit hooks work"
