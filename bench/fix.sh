#!/usr/bin/env bash
# Measures figlint --fix against a plain lint run on the same generated
# pages (issue 12: --fix within 1.5x of a lint run). Each round copies the
# pages afresh (--fix writes them), then times, in alternation, a lint run
# and a --fix run of the copy, both with every rule, --no-cache,
# --no-config and JSON output to /dev/null.
#
#   bench/fix.sh [-n N] [-reps R] [-src DIR]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=20000 reps=3 src="$repo/../shared/corpus/pfocr"
while [ $# -gt 0 ]; do
  case $1 in
    -n) n=$2; shift 2 ;;
    -reps) reps=$2; shift 2 ;;
    -src) src=$2; shift 2 ;;
    *) echo "usage: bench/fix.sh [-n N] [-reps R] [-src DIR]" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/figlint" ./cmd/figlint && go build -o "$work/gen" ./bench/gen)
"$work/gen" -n "$n" -src "$src" -o "$work/pages" >/dev/null
measure() { # measure CMD...: "wall cpu" seconds of one run (exit 1 is findings, not failure)
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || [ $? -eq 1 ] || { cat "$work/stderr" >&2; exit 1; }
  tail -n 1 "$work/time" | awk '{printf "%.2f %.2f\n", $1, $2 + $3}'
}
# Wall time includes the fsync of each fixed file (written atomically and
# durably); CPU time (user + system) is steadier on a shared machine.
printf 'pages\tround\tlint wall s\tlint cpu s\t--fix wall s\t--fix cpu s\twall ratio\tcpu ratio\tfixed\n'
for r in $(seq 1 "$reps"); do
  rm -rf "$work/copy" && cp -r "$work/pages" "$work/copy"
  read -r lw lc < <(measure "$work/figlint" --no-cache --no-config --format json "$work/copy")
  read -r fw fc < <(measure "$work/figlint" --no-cache --no-config --format json --fix "$work/copy")
  fixed=$(grep -o 'fixed [0-9]* findings in [0-9]* files' "$work/stderr" || echo "nothing fixed")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%.2f\t%s\n' "$n" "$r" "$lw" "$lc" "$fw" "$fc" \
    "$(echo "$fw / $lw" | bc -l)" "$(echo "$fc / $lc" | bc -l)" "$fixed"
done
