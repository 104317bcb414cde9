#!/usr/bin/python3
"""Writes the human genes of Bioconductor's org.Hs.eg.db SQLite file as an
NCBI gene_info file, for "figlint lexicon build".

Usage: extract.py org.Hs.eg.sqlite OUTPUT

Columns are NCBI's 16; those the lexicon does not use are "-". Synonyms are
the gene's alias symbols (org.Hs.eg.db's alias table, which holds NCBI's
synonyms and HGNC's previous symbols, and the symbol itself, dropped here),
sorted bytewise and joined with "|". Modification_date is the Entrez Gene
date recorded in the database's metadata (EGSOURCEDATE, e.g. 2022-Sep12).
Rows are sorted by GeneID, so the output depends only on the database.
Standard library only (sqlite3), for Debian's /usr/bin/python3.
"""
import sqlite3
import sys

HEADER = ("#tax_id\tGeneID\tSymbol\tLocusTag\tSynonyms\tdbXrefs\tchromosome\t"
          "map_location\tdescription\ttype_of_gene\t"
          "Symbol_from_nomenclature_authority\t"
          "Full_name_from_nomenclature_authority\tNomenclature_status\t"
          "Other_designations\tModification_date\tFeature_type")


def main(db_path, out_path):
    db = sqlite3.connect("file:%s?mode=ro" % db_path, uri=True)
    meta = dict(db.execute("SELECT name, value FROM metadata"))
    if meta.get("TAXID") != "9606":
        sys.exit("extract.py: %s is not a human database (TAXID %r)" % (db_path, meta.get("TAXID")))
    # "2022-Sep12" -> "20220912" (parsed by hand: strptime's %b follows the locale)
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    src = meta["EGSOURCEDATE"]
    try:
        date = "%s%02d%02d" % (src[:4], months.index(src[5:8]) + 1, int(src[8:]))
    except ValueError:
        sys.exit("extract.py: EGSOURCEDATE %r is not like 2022-Sep12" % src)
    genes = {}
    for gene_id, symbol, name in db.execute(
            "SELECT g.gene_id, i.symbol, i.gene_name FROM genes g JOIN gene_info i ON g._id = i._id"):
        genes[int(gene_id)] = (symbol, name, set())
    for gene_id, alias in db.execute(
            "SELECT g.gene_id, a.alias_symbol FROM genes g JOIN alias a ON g._id = a._id"):
        symbol, _, aliases = genes[int(gene_id)]
        if alias != symbol:
            aliases.add(alias)
    bad = [a for g in genes.values() for a in g[2] if "|" in a or "\t" in a or "\n" in a]
    if bad:
        sys.exit("extract.py: aliases with | or control characters: %r" % bad[:5])
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER + "\n")
        for gene_id in sorted(genes):
            symbol, name, aliases = genes[gene_id]
            synonyms = "|".join(sorted(aliases, key=lambda s: s.encode("utf-8"))) or "-"
            name = (name or "-").replace("\t", " ")
            out.write("\t".join(["9606", str(gene_id), symbol, "-", synonyms, "-", "-", "-",
                                 name, "-", "-", "-", "-", "-", date, "-"]) + "\n")
    print("extract.py: %d genes, %d synonyms, Entrez Gene %s" % (
        len(genes), sum(len(g[2]) for g in genes.values()), meta["EGSOURCEDATE"]), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: extract.py org.Hs.eg.sqlite OUTPUT")
    main(sys.argv[1], sys.argv[2])
