#!/usr/bin/python3
"""Writes the organism names of GenomeInfoDbData's specData.rda, one a line.

Usage: extract.py SPECDATA_RDA OUTPUT

specData is a data.frame (tax_id, genus, species) that GenomeInfoDbData's
scripts/updateGenomeInfoDbData.R builds from NCBI Taxonomy's names.dmp: the
rows whose name class is "scientific name" or "synonym", each name split at
its first space into `genus` (the first word) and `species` (the rest of the
name, several words for strains and infraspecific names; NA for one-word
names). The name class itself is not kept, so scientific names and synonyms
cannot be told apart. This script joins the two columns back into the full
name and writes the distinct names, in the order they first appear; sorting
and packing are left to scripts/taxonomy/pack. It needs Debian's
python3-rdata.
"""

import sys

import rdata


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    parsed = rdata.parser.parse_file(sys.argv[1])
    frame = rdata.conversion.convert(parsed)["specData"]
    if list(frame.columns) != ["tax_id", "genus", "species"]:
        print(f"extract.py: unexpected columns {list(frame.columns)}", file=sys.stderr)
        return 1
    seen = set()
    rows = 0
    with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as out:
        for genus, rest in zip(frame["genus"].astype(str), frame["species"]):
            rows += 1
            name = genus if rest is None else genus + " " + rest
            if "\n" in name or "\t" in name or name.strip() == "":
                print(f"extract.py: unusable name {name!r}", file=sys.stderr)
                return 1
            if name in seen:
                continue
            seen.add(name)
            out.write(name + "\n")
    print(f"extract.py: {rows} rows, {len(seen)} distinct names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
