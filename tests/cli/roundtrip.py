#!/usr/bin/env python3
"""Compares kam's export files with the database's own view of the rows.

roundtrip.py REFERENCE.json csv|tsv|json|jsonl EXPORT
REFERENCE is a JSON array of row objects written by PostgreSQL itself
(json_agg); the export must hold the same rows and values in order.
CSV/TSV cannot tell NULL from empty text, so NULL must come back empty.
"""
import csv
import decimal
import json
import sys


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def tsv_unescape(cell):
    out, i = [], 0
    table = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
    while i < len(cell):
        if cell[i] == "\\" and i + 1 < len(cell):
            out.append(table.get(cell[i + 1], cell[i + 1]))
            i += 2
        else:
            out.append(cell[i])
            i += 1
    return "".join(out)


def read_export(kind, path):
    with open(path, newline="", encoding="utf-8") as f:
        if kind == "csv":
            rows = list(csv.reader(f))
            return [dict(zip(rows[0], r)) for r in rows[1:]]
        if kind == "tsv":
            lines = f.read().split("\n")
            assert lines[-1] == "", "TSV must end with a newline"
            head = lines[0].split("\t")
            return [dict(zip(head, map(tsv_unescape, l.split("\t")))) for l in lines[1:-1]]
        if kind == "json":
            return json.load(f, parse_float=decimal.Decimal)
        return [json.loads(l, parse_float=decimal.Decimal) for l in f if l.strip()]


def main():
    ref_path, kind, path = sys.argv[1:4]
    with open(ref_path, encoding="utf-8") as f:
        ref = json.load(f, parse_float=decimal.Decimal)
    got = read_export(kind, path)
    if len(got) != len(ref):
        sys.exit(f"{len(got)} rows exported, database has {len(ref)}")
    for n, (want, have) in enumerate(zip(ref, got)):
        for key, value in want.items():
            if kind in ("json", "jsonl"):
                ok = have.get(key, "<missing>") == value
            else:
                ok = have.get(key) == as_text(value)
            if not ok:
                sys.exit(f"row {n} column {key}: want {value!r}, got {have.get(key)!r}")
    print(f"{len(got)} rows match")


if __name__ == "__main__":
    main()
