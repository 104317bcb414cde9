#!/usr/bin/env bash
# Brief fuzzing of figlint's riskiest paths, called from .ci/run.
#
# Budgets are execution counts (-fuzztime=Nx), not durations: with a
# duration, Go 1.26's fuzz coordinator can report a bare "context deadline
# exceeded" failure when the deadline fires while a worker is mid-call
# (golang/go#75804, fixed in Go 1.27), which failed CI once on FuzzGenerated
# with no failing input. A count has no deadline to race. Counts are sized to
# about 20-30 s each on a 2-CPU machine; a real failure still writes its input
# under testdata/fuzz/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."

fuzz() { # target package count
  printf -- '--- %s (%s, %s executions)\n' "$1" "$2" "$3"
  go test -run='^$' -fuzz="^$1\$" -fuzztime="$3x" -timeout=10m "$2"
}

fuzz FuzzLint ./internal/engine 200000
fuzz FuzzFix ./internal/engine 12000
fuzz FuzzDifferential ./internal/fastyaml 300000
fuzz FuzzGenerated ./internal/fastyaml 100000
fuzz FuzzTOML ./internal/frontmatter 150000
fuzz FuzzJSON ./internal/frontmatter 150000
