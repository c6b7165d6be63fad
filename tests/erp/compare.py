#!/usr/bin/env python3
"""compare.py URL TOKEN: checks that kam's database (psql, PG* variables)
holds exactly the records the fake ERP serves in the native contract:
every record, every ERP-owned value, tombstones as deleted rows.
Prints the first differences and exits 1 when there are any."""

import datetime
import json
import subprocess
import sys
import urllib.parse
import urllib.request

QUERIES = {
    "customers": ("SELECT erp_id, name, legal_name, vat_id, country, city,"
                  " address, payment_terms, credit_limit, currency,"
                  " erp_updated_at, erp_deleted FROM kam.account"
                  " WHERE erp_id NOT IN ('C1', 'C2', 'C3')",
                  ["id", "name", "legal_name", "vat_id", "country", "city",
                   "address", "payment_terms", "credit_limit", "currency",
                   "updated_at", "deleted"]),
    "contacts": ("SELECT c.erp_id, a.erp_id, c.name, c.job_title, c.email,"
                 " c.phone, c.erp_updated_at, NOT c.active FROM kam.contact c"
                 " JOIN kam.account a ON a.id = c.account_id"
                 " WHERE c.erp_id IS NOT NULL",
                 ["id", "customer_id", "name", "job_title", "email", "phone",
                  "updated_at", "deleted"]),
    "orders": ("SELECT o.erp_id, a.erp_id, number, order_date, amount,"
               " o.currency, o.status, o.erp_updated_at, deleted"
               " FROM kam.erp_order o JOIN kam.account a ON a.id = o.account_id",
               ["id", "customer_id", "number", "order_date", "amount",
                "currency", "status", "updated_at", "deleted"]),
    "invoices": ("SELECT i.erp_id, a.erp_id, number, invoice_date, due_date,"
                 " amount, open_amount, i.currency, i.status,"
                 " i.erp_updated_at, deleted FROM kam.erp_invoice i"
                 " JOIN kam.account a ON a.id = i.account_id",
                 ["id", "customer_id", "number", "invoice_date", "due_date",
                  "amount", "open_amount", "currency", "status", "updated_at",
                  "deleted"]),
}


def fetch(url, token, res):
    out, cursor = [], None
    while True:
        q = {"limit": "1000"}
        if cursor:
            q["cursor"] = cursor
        req = urllib.request.Request("%s/%s?%s" % (url, res, urllib.parse.urlencode(q)),
                                     headers={"Authorization": "Bearer " + token})
        with urllib.request.urlopen(req) as r:
            body = json.load(r)
        out += body["data"]
        cursor = body.get("next_cursor")
        if not cursor:
            return out


def instant(text):
    t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return t.astimezone(datetime.timezone.utc)


def db_rows(sql):
    p = subprocess.run(["psql", "-X", "-At", "-F", "\x1f", "-R", "\x1e", "-c", sql],
                       check=True, capture_output=True, text=True)
    rows = [r.split("\x1f") for r in p.stdout.rstrip("\n").split("\x1e") if r]
    return rows


def expected(rec, cols):
    if rec.get("deleted"):
        return None
    return [rec.get(c) for c in cols]


def same(col, want, got):
    if col == "updated_at":
        return instant(want) == instant(got)
    if col == "deleted":
        return got == "f"
    if want is None:
        return got == ""
    return str(want) == got


def main():
    url, token = sys.argv[1], sys.argv[2]
    problems = []
    for res, (sql, cols) in QUERIES.items():
        recs = {r["id"]: r for r in fetch(url, token, res)}
        rows = {r[0]: r for r in db_rows(sql)}
        for rid, rec in recs.items():
            row = rows.pop(rid, None)
            if rec.get("deleted"):
                if row is not None and row[-1] != "t":
                    problems.append("%s %s: tombstone, but not deleted" % (res, rid))
                continue
            if row is None:
                problems.append("%s %s: missing" % (res, rid))
                continue
            for c, got in zip(cols, row):
                if not same(c, rec.get(c), got):
                    problems.append("%s %s: %s is %r, the ERP says %r"
                                    % (res, rid, c, got, rec.get(c)))
        for rid in rows:
            if rows[rid][-1] != "t":
                problems.append("%s %s: in kam, not in the ERP" % (res, rid))
    for p in problems[:20]:
        print(p)
    if problems:
        print("%d differences" % len(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
