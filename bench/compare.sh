#!/usr/bin/env bash
# Benchmark figlint against the alternatives on the same generated pages and
# the same JSON Schema (see bench/README.md).
#
#   bench/compare.sh [-n N] [-reps R] [-remark-n M] [-src DIR]
#   bench/compare.sh -memory [-n N] [-reps R]
#
# Throughput mode (default): generates N pages (default 20000) from the
# sample corpus, installs the peers into the cache folder, builds figlint
# once, then runs every tool R times (default 3), alternating figlint and
# the peers, and prints the median wall time of each, its pages/s and
# figlint's ratios to each peer. remark-lint-frontmatter-schema runs on the
# first M pages only (default 500; it manages about 100 pages per second).
#
# Memory mode (-memory): generates N pages (default 100000) once and
# reports figlint's peak resident memory (/usr/bin/time -f %M), with all
# rules and with the schema only (median of R runs, default 1).
#
# Everything it downloads or generates lives in
# ${XDG_CACHE_HOME:-$HOME/.cache}/figlint-bench, outside the repository; the
# Debian packages (python3-jsonschema, python3-yaml, time) are installed
# with apt-get when missing, which needs root.
set -euo pipefail
export LC_ALL=C # "." decimals in $EPOCHREALTIME, awk and printf

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }

n=""
reps=""
remark_n=500
memory=0
repo=$(cd "$(dirname "$0")/.." && pwd)
src="$repo/../shared/corpus/pfocr"
while [ $# -gt 0 ]; do
	case "$1" in
	-n | --n) n=${2:?-n needs a number}; shift 2 ;;
	-reps | --reps) reps=${2:?-reps needs a number}; shift 2 ;;
	-remark-n | --remark-n) remark_n=${2:?-remark-n needs a number}; shift 2 ;;
	-src | --src) src=${2:?-src needs a folder}; shift 2 ;;
	-memory | --memory) memory=1; shift ;;
	-h | -help | --help) usage; exit 0 ;;
	*) echo "compare.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
	esac
done
if [ "$memory" = 1 ]; then
	n=${n:-100000} reps=${reps:-1}
else
	n=${n:-20000} reps=${reps:-3}
fi
for v in "$n" "$reps" "$remark_n"; do
	case "$v" in '' | *[!0-9]* | 0) echo "compare.sh: -n, -reps and -remark-n take positive integers, got '$v'" >&2; exit 2 ;; esac
done
[ -d "$src/_figures" ] || { echo "compare.sh: no corpus at $src (expected $src/_figures); use -src DIR" >&2; exit 2; }
src=$(cd "$src" && pwd)

cache="${XDG_CACHE_HOME:-$HOME/.cache}/figlint-bench"
schema="$repo/schema/pfocr-figure.schema.json"
npm_pkgs="gray-matter@4.0.3 ajv@8.20.0 ajv-formats@3.0.1 remark-cli@12.0.1 remark-frontmatter@5.0.0 remark-lint-frontmatter-schema@3.15.4"
python=/usr/bin/python3
mkdir -p "$cache/bin"
work=$(mktemp -d "${TMPDIR:-/tmp}/figlint-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

log() { echo "compare.sh: $*" >&2; }

# apt_install PKG... installs Debian packages (root only).
apt_install() {
	if [ "$(id -u)" != 0 ]; then
		log "missing Debian packages $*: run 'apt-get install $*' as root"
		return 1
	fi
	log "installing Debian packages: $*"
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >"$work/apt.log" 2>&1; then
		apt-get update -q >>"$work/apt.log" 2>&1 || true
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$work/apt.log" 2>&1 || {
			cat "$work/apt.log" >&2
			return 1
		}
	fi
}

# --- tools -----------------------------------------------------------------
[ -x /usr/bin/time ] || apt_install time || { log "/usr/bin/time is required"; exit 1; }

log "building figlint and the page generator"
(cd "$repo" && go build -o "$cache/bin/figlint" ./cmd/figlint && go build -o "$cache/bin/gen" ./bench/gen)
figlint="$cache/bin/figlint"
figlint_flags=(--no-config --format json)
if "$figlint" -h 2>&1 | grep -q -- '-no-cache'; then
	figlint_flags=(--no-cache "${figlint_flags[@]}")
fi

# gen_pages N prints the folder of N generated pages, generating them unless
# the cache holds them for the same generator, corpus and N.
gen_pages() {
	local count=$1 dir="$cache/pages-$1" key
	key=$( {
		echo "n=$count"
		cat "$repo"/bench/gen/*.go
		(cd "$src" && find _figures _data -type f | LC_ALL=C sort | xargs sha256sum)
	} | sha256sum | cut -d' ' -f1)
	if [ "$(cat "$dir/.bench-key" 2>/dev/null)" = "$key" ] && grep -q '^complete' "$dir/.figlint-bench-gen" 2>/dev/null; then
		log "reusing $count pages in $dir"
	else
		log "generating $count pages in $dir"
		rm -f "$dir/.bench-key"
		"$cache/bin/gen" -n "$count" -o "$dir" -src "$src" >&2
		echo "$key" >"$dir/.bench-key"
	fi
	echo "$dir"
}

# timed NAME CMD... runs CMD with stdout to /dev/null and appends
# "wall user sys maxrss_kb" to $work/NAME.times (wall time from bash's
# clock, the rest from /usr/bin/time). Exit status 0 or 1 (findings)
# is success; anything else stops the benchmark.
timed() {
	local name=$1 rc=0 t0 t1
	shift
	t0=$EPOCHREALTIME
	/usr/bin/time -f '%U %S %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || rc=$?
	t1=$EPOCHREALTIME
	if [ "$rc" -gt 1 ]; then
		log "$name exited $rc:"
		tail -20 "$work/stderr" >&2
		exit 1
	fi
	echo "$(awk "BEGIN{printf \"%.3f\", $t1 - $t0}") $(tail -1 "$work/time")" >>"$work/$name.times"
}

# median FILE COLUMN prints the median of a column of numbers.
median() {
	awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'
}

# --- memory mode -------------------------------------------------------------
if [ "$memory" = 1 ]; then
	pages=$(gen_pages "$n")
	log "figlint flags: ${figlint_flags[*]}"
	# Warm the page cache, then measure each configuration $reps times.
	timed warmup "$figlint" "${figlint_flags[@]}" "$pages"
	for ((r = 1; r <= reps; r++)); do
		timed all "$figlint" "${figlint_flags[@]}" "$pages"
		timed schema "$figlint" "${figlint_flags[@]}" --enable-only 'schema/*' "$pages"
	done
	echo "figlint peak memory on $n pages ($(nproc) CPUs, median of $reps runs)"
	echo "command: bench/compare.sh -memory -n $n -reps $reps"
	printf '%-24s %8s %10s %12s\n' configuration pages seconds "peak RSS MB"
	for c in all schema; do
		label="figlint (all rules)"
		[ "$c" = schema ] && label="figlint (schema only)"
		printf '%-24s %8d %10.2f %12.1f\n' "$label" "$n" "$(median "$work/$c.times" 1)" \
			"$(awk "BEGIN{print $(median "$work/$c.times" 4)/1024}")"
	done
	exit 0
fi

# --- peers -------------------------------------------------------------------
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm || { log "node and npm are required"; exit 1; }
nodedir="$cache/node"
mkdir -p "$nodedir"
if [ "$(cat "$nodedir/.installed" 2>/dev/null)" != "$npm_pkgs" ]; then
	log "installing $npm_pkgs into $nodedir"
	[ -f "$nodedir/package.json" ] || echo '{"private": true}' >"$nodedir/package.json"
	# shellcheck disable=SC2086 # a list of package specs
	(cd "$nodedir" && npm install --no-audit --no-fund --loglevel=error $npm_pkgs >&2)
	echo "$npm_pkgs" >"$nodedir/.installed"
fi
if ! "$python" -c 'import jsonschema, yaml' 2>/dev/null; then
	apt_install python3-jsonschema python3-yaml || { log "python3-jsonschema and python3-yaml are required"; exit 1; }
fi

pages=$(gen_pages "$n")
if [ "$remark_n" -gt "$n" ]; then remark_n=$n; fi
small=$(gen_pages "$remark_n")
# remark-lint-frontmatter-schema finds its schema relative to the folder of
# the configuration it runs under, and remark resolves plugins from there:
# the configuration, the schema and a link to the pages sit beside
# node_modules.
cp "$repo/bench/peers/remarkrc.json" "$nodedir/.remarkrc.json"
cp "$schema" "$nodedir/schema.json"
ln -sfn "$small" "$nodedir/pages"
export FIGLINT_BENCH_NODE_DIR="$nodedir"

# tool_cmd NAME sets cmd to the command line of a tool. All run from
# $nodedir (remark needs it; the others take absolute paths).
tool_cmd() {
	case "$1" in
	figlint_all) cmd=("$figlint" "${figlint_flags[@]}" "$pages") ;;
	figlint_schema) cmd=("$figlint" "${figlint_flags[@]}" --enable-only 'schema/*' "$pages") ;;
	graymatter) cmd=(node "$repo/bench/peers/graymatter-ajv.mjs" "$schema" "$pages") ;;
	jsonschema) cmd=("$python" "$repo/bench/peers/jsonschema_pyyaml.py" --loader csafe "$schema" "$pages") ;;
	jsonschema_pure) cmd=("$python" "$repo/bench/peers/jsonschema_pyyaml.py" --loader safe "$schema" "$pages") ;;
	remark) cmd=(./node_modules/.bin/remark --no-stdout --no-color --quiet pages/_figures) ;;
	esac
}
run_tool() { # run_tool NAME: one untimed run, the tool's output on stdout
	local cmd
	tool_cmd "$1"
	"${cmd[@]}"
}
cd "$nodedir"
tools=(figlint_all graymatter figlint_schema jsonschema figlint_all remark figlint_schema jsonschema_pure)
peers=(graymatter jsonschema jsonschema_pure remark)
declare -A label=(
	[figlint_all]="figlint (all rules)"
	[figlint_schema]="figlint (schema only)"
	[graymatter]="gray-matter + ajv"
	[jsonschema]="python3-jsonschema + PyYAML (C)"
	[jsonschema_pure]="python3-jsonschema + PyYAML (py)"
	[remark]="remark-lint-frontmatter-schema"
)
declare -A npages=([figlint_all]=$n [figlint_schema]=$n [graymatter]=$n [jsonschema]=$n [jsonschema_pure]=$n [remark]=$remark_n)

# One untimed run of each tool warms the page cache and checks that all of
# them agree on how many pages break the schema.
log "checking the tools (untimed)"
declare -A invalid
invalid[figlint_schema]=$(run_tool figlint_schema | node -e '
	let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
		const r = JSON.parse(s); console.log(new Set(r.findings.map((f) => f.path)).size);
	});')
invalid[figlint_all]="-"
invalid[graymatter]=$(run_tool graymatter | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).invalid))')
for t in jsonschema jsonschema_pure; do
	invalid[$t]=$(run_tool $t | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).invalid))')
done
invalid[remark]=$( (run_tool remark 2>&1 || true) | grep -c '^[^ ].*\.md$' || true)

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 0; r < reps; r++)); do
	# Alternate figlint and the peers (figlint runs twice a round, its
	# times all count), rotating the order on each round.
	for ((i = 0; i < ${#tools[@]}; i++)); do
		t=${tools[$(((i + 2 * r) % ${#tools[@]}))]}
		log "round $((r + 1))/$reps: ${label[$t]}"
		tool_cmd "$t"
		timed "$t" "${cmd[@]}"
	done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A rate
echo
echo "figlint vs the alternatives: same pages, same schema ($schema)"
echo "command: bench/compare.sh -n $n -reps $reps -remark-n $remark_n"
echo "machine: $(nproc) CPUs; load average before $load_before, after $load_after; $(date -u +%Y-%m-%dT%H:%MZ)"
echo "figlint flags: ${figlint_flags[*]} [--enable-only 'schema/*']; median of $reps runs, wall time of each process"
echo
printf '%-34s %6s %8s %15s %8s %7s %7s\n' tool pages seconds "(min-max)" pages/s "CPU s" invalid
for t in figlint_all figlint_schema "${peers[@]}"; do
	wall=$(median "$work/$t.times" 1)
	spread=$(sort -g "$work/$t.times" | awk 'NR==1{lo=$1} {hi=$1} END{printf "(%.2f-%.2f)", lo, hi}')
	cpu=$(awk '{print $2+$3}' "$work/$t.times" >"$work/cpu" && median "$work/cpu" 1)
	rate[$t]=$(awk "BEGIN{printf \"%.1f\", ${npages[$t]}/$wall}")
	printf '%-34s %6d %8.2f %15s %8.0f %7.2f %7s\n' "${label[$t]}" "${npages[$t]}" "$wall" "$spread" "${rate[$t]}" "$cpu" "${invalid[$t]}"
done
echo
echo "figlint's throughput as a multiple of each peer's (pages/s ÷ pages/s)"
printf '%-34s %12s %14s\n' peer "all rules" "schema only"
for t in "${peers[@]}"; do
	printf '%-34s %11.2fx %13.2fx\n' "${label[$t]}" \
		"$(awk "BEGIN{print ${rate[figlint_all]}/${rate[$t]}}")" \
		"$(awk "BEGIN{print ${rate[figlint_schema]}/${rate[$t]}}")"
done
echo
echo "invalid: pages that break the schema in an untimed check run (figlint schema only: pages with schema findings)."
echo "CPU s: median user+sys seconds; figlint uses every CPU, the peers one."
echo "PyYAML (C): libyaml's CSafeLoader; (py): the pure-Python SafeLoader that yaml.safe_load uses."
