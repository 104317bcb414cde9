#!/usr/bin/env bash
# Rebuilds rules/data/ncbi-names.tax, the NCBI Taxonomy names (scientific
# names and synonyms, 2.66 million) embedded by the organism-name rule, from
# Debian's r-bioc-genomeinfodbdata package (Bioconductor's GenomeInfoDbData,
# whose specData.rda holds the names of NCBI Taxonomy's names.dmp).
#
# Usage: scripts/taxonomy/build.sh [output]   (default: rules/data/ncbi-names.tax)
#
# Needs apt-get (run `apt-get update` once beforehand if the package index
# is empty), dpkg-deb, Debian's /usr/bin/python3 with python3-rdata (installed
# with apt-get when missing and the script runs as root) and Go; no network
# beyond apt. The data package is downloaded and extracted into a temporary
# directory, never installed. Running it twice with the same package
# version gives the same bytes; set GENOMEINFODBDATA_VERSION to pin one
# (e.g. 1.2.9-1).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=${1:-"$repo/rules/data/ncbi-names.tax"}
pkg=r-bioc-genomeinfodbdata
spec=$pkg${GENOMEINFODBDATA_VERSION:+=$GENOMEINFODBDATA_VERSION}

if ! /usr/bin/python3 -c 'import rdata' 2>/dev/null; then
	if [ "$(id -u)" = 0 ]; then
		echo "build.sh: installing python3-rdata" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-rdata >/dev/null
	else
		echo "build.sh: /usr/bin/python3 lacks the rdata module: apt-get install python3-rdata" >&2
		exit 1
	fi
fi

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
rda="$tmp/x/usr/lib/R/site-library/GenomeInfoDbData/data/specData.rda"
[ -f "$rda" ] || { echo "build.sh: $rda not in $deb" >&2; exit 1; }

/usr/bin/python3 "$here/extract.py" "$rda" "$tmp/names.txt"
packaged=$(sed -n 's/^Packaged: \([0-9-]*\).*/\1/p' "$tmp/x/usr/lib/R/site-library/GenomeInfoDbData/DESCRIPTION")
desc="source: Debian package $pkg $version (Bioconductor GenomeInfoDbData, packaged $packaged; Artistic-2.0), data/specData.rda: NCBI Taxonomy scientific names and synonyms from names.dmp, not told apart (NCBI data, public domain); rebuild with scripts/taxonomy/build.sh"
mkdir -p "$(dirname "$out")"
(cd "$repo" && go run ./scripts/taxonomy/pack -desc "$desc" -o "$tmp/out.tax" "$tmp/names.txt")
mv "$tmp/out.tax" "$out"
echo "build.sh: wrote $out ($pkg $version)" >&2
