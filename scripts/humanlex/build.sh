#!/usr/bin/env bash
# Rebuilds the data embedded by the keyword rules:
#   rules/data/human.lex         NCBI Gene's human symbols and synonyms, a
#                                compiled figlint lexicon, from Debian's
#                                r-bioc-org.hs.eg.db (Entrez Gene 2022-09-12)
#   rules/data/english-words.txt common English words (SCOWL size 35), from
#                                Debian's wamerican-small
#
# Usage: scripts/humanlex/build.sh [OUTDIR]   (default: rules/data)
#
# Needs apt-get (run `apt-get update` once beforehand if the package index
# is empty), dpkg-deb, Debian's /usr/bin/python3 (its sqlite3 module) and
# Go; no network beyond apt. The packages are downloaded and extracted into
# a temporary directory, never installed. Running it twice with the same
# package versions gives the same bytes; set ORG_HS_EG_DB_VERSION or
# WAMERICAN_SMALL_VERSION to pin a version.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
out=$(mkdir -p "${1:-$repo/rules/data}" && cd "${1:-$repo/rules/data}" && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# download PACKAGE [VERSION]: fetches the .deb into $tmp, prints its path.
download() {
	local spec=$1${2:+=$2}
	if ! (cd "$tmp" && apt-get download "$spec" >"$tmp/apt.log" 2>&1); then
		cat "$tmp/apt.log" >&2
		echo "build.sh: apt-get download $spec failed (run 'apt-get update' first?)" >&2
		exit 1
	fi
	ls "$tmp/$1"_*.deb
}

# The human lexicon.
deb=$(download r-bioc-org.hs.eg.db "${ORG_HS_EG_DB_VERSION:-}")
version=$(dpkg-deb -f "$deb" Version)
dpkg-deb -x "$deb" "$tmp/hs"
db="$tmp/hs/usr/lib/R/site-library/org.Hs.eg.db/extdata/org.Hs.eg.sqlite"
[ -f "$db" ] || { echo "build.sh: $db not in $deb" >&2; exit 1; }
# The intermediate file's name is recorded in the lexicon as its source.
geneinfo="$tmp/org.Hs.eg.db_$version.gene_info"
/usr/bin/python3 "$here/extract.py" "$db" "$geneinfo"
(cd "$repo" && go run ./cmd/figlint lexicon build --organism "9606=Homo sapiens" -o "$out/human.lex" "$geneinfo")

# The English word list: lower-case words of three letters or more, sorted
# bytewise (the rules binary-search it), after a comment line that names
# the source and licence.
deb=$(download wamerican-small "${WAMERICAN_SMALL_VERSION:-}")
wversion=$(dpkg-deb -f "$deb" Version)
dpkg-deb -x "$deb" "$tmp/w"
words="$tmp/w/usr/share/dict/american-english-small"
[ -f "$words" ] || { echo "build.sh: $words not in $deb" >&2; exit 1; }
{
	printf '# source: Debian package wamerican-small %s (SCOWL size 35, Copyright 2000-2011 by Kevin Atkinson; permission to use, copy, modify, distribute and sell granted without fee, see rules/data/README.md); lower-case words of 3+ letters, sorted bytewise; rebuild with scripts/humanlex/build.sh\n' "$wversion"
	grep -E '^[a-z]{3,}$' "$words" | LC_ALL=C sort -u
} >"$tmp/english-words.txt"
mv "$tmp/english-words.txt" "$out/english-words.txt"
echo "build.sh: wrote $out/human.lex (org.Hs.eg.db $version) and $out/english-words.txt (wamerican-small $wversion, $(($(wc -l <"$out/english-words.txt") - 1)) words)" >&2
