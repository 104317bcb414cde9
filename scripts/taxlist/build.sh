#!/usr/bin/env bash
# Rebuilds rules/data/taxa.tsv, the organism list embedded by the
# organism-name rule, from Debian's ncbi-data package (taxlist.txt: NCBI's
# list of about 900 common organisms, public domain).
#
# Usage: scripts/taxlist/build.sh [output]   (default: rules/data/taxa.tsv)
#
# Needs apt-get (run `apt-get update` once beforehand if the package index
# is empty), dpkg-deb, awk and sort; no network beyond apt. The package is
# downloaded and extracted into a temporary directory, never installed.
# Set NCBI_DATA_VERSION to pin a version (e.g. 6.1.20170106+dfsg1-10).
# Running it twice with the same package version gives the same bytes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-"$repo/rules/data/taxa.tsv"}
pkg=ncbi-data
spec=$pkg${NCBI_DATA_VERSION:+=$NCBI_DATA_VERSION}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# apt-get download writes into the current directory.
if ! (cd "$tmp" && apt-get download "$spec" >"$tmp/apt.log" 2>&1); then
	cat "$tmp/apt.log" >&2
	echo "build.sh: apt-get download $spec failed (run 'apt-get update' first?)" >&2
	exit 1
fi
deb=$(ls "$tmp"/"$pkg"_*.deb)
version=$(dpkg-deb -f "$deb" Version)
dpkg-deb -x "$deb" "$tmp/x"
src="$tmp/x/usr/share/ncbi/data/taxlist.txt"
[ -f "$src" ] || { echo "build.sh: $src not in $deb" >&2; exit 1; }

# taxlist.txt: a first line that is not an organism, then one organism a
# line: scientific name, common name, genetic code, mitochondrial code,
# GenBank division, taxid (tab-separated). Keep name, common name, taxid.
body="$tmp/body.tsv"
awk -F'\t' '
	{ sub(/\r$/, "") }
	NR == 1 { next }
	NF != 6 || $1 == "" || $6 !~ /^[0-9]+$/ {
		printf "build.sh: taxlist.txt line %d: expected 6 tab-separated fields ending in a taxid\n", NR > "/dev/stderr"
		exit 1
	}
	{ print $1 "\t" $2 "\t" $6 }
' "$src" | LC_ALL=C sort -u >"$body"

n=$(wc -l <"$body")
dups=$(cut -f1 "$body" | LC_ALL=C uniq -d | head -n 3)
if [ -n "$dups" ]; then
	echo "build.sh: scientific names listed twice: $dups" >&2
	exit 1
fi

mkdir -p "$(dirname "$out")"
{
	printf '# source: Debian package %s %s, usr/share/ncbi/data/taxlist.txt (%d organisms); licence: public domain (NCBI); columns: scientific name, common name, taxid; rebuild with scripts/taxlist/build.sh\n' "$pkg" "$version" "$n"
	cat "$body"
} >"$tmp/taxa.tsv"
mv "$tmp/taxa.tsv" "$out"
echo "build.sh: wrote $out ($n organisms from $pkg $version)" >&2
