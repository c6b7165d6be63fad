#!/usr/bin/env python3
"""A fake ERP for kam's tests, its demo and its benchmark.

Serves generated customers, contacts, orders and invoices over HTTP on
127.0.0.1 only, in one of four dialects (kam's native contract, ERPNext,
Dolibarr, Business Central), and misbehaves on request. Python standard
library only.

  fake_erp.py serve --style native --port-file F [options]
  fake_erp.py ctl --port-file F fault|mutate|clear|log|stats [JSON]

The port is chosen by the operating system (or --port, when it is free)
and written to the port file once the server listens. With --parent-pid
the server exits when that process is gone, so a killed test never leaves
it behind. The token comes from --token or, kept out of the process list,
from --token-file.

Records are a function of (resource, index, version), so a million orders
cost a few arrays, not a million dictionaries. With --data DIR they are
the lines of DIR/customers.jsonl, contacts.jsonl, orders.jsonl and
invoices.jsonl instead, native records as tests/gen/kamgen.py --erp
writes them (the demo's ERP); a touch then moves one field on (payment
terms, job title, order or invoice status) and ids name records by their
own id, a number by its place. Each resource is kept in
(updated_at, index) order, which is also id order for untouched records.
Control requests (under /_fake/) take JSON:

  fault   {"kind": K, "resource": R, "page": N, "times": N, ...}
          kinds: latency (ms), status (status, retry_after, html), html,
          truncate, garbage, duplicates, changing (count), boundary
          (count), invalid_utf8,
          wrong_types, huge_page (mb), huge_field (mb), redirect
          (to: "same" or a URL), nextlink (to: a URL)
  mutate  {"op": "touch"|"delete"|"vanish"|"add", "resource": R,
           "ids": [...] | "fraction": F | "count": N [, "customer": ID]}
          {"op": "backdate", "resource": R, "ids": [...], "to": RFC3339}
  clear   forgets faults and the request log; reset also the data
"""

import argparse
import base64
import bisect
import datetime
import decimal
import functools
import hashlib
import json
import os
import re
import ssl
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zoneinfo
from array import array
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RESOURCES = ("customers", "contacts", "orders", "invoices")
BASE_US = int(datetime.datetime(2025, 6, 1, tzinfo=datetime.timezone.utc)
              .timestamp()) * 1000000
COMPANY = "7f3b1a52-0c4e-4d8e-9a61-3c2b7d9e0f11"
BC_PREFIX = "/api/v2.0/companies(%s)/" % COMPANY

NAMES = ["Nordwind", "Åhléns", "Müller & Söhne", "Łódź Logistics", "Zürcher",
         "東京精密", "Ωmega", "Crème Brûlée", "Ørsted", "Şişecam", "北京云",
         "Αθήνα Trade", "Sørensen", "Peña", "Dvořák", "Škoda Parts",
         "محمد", "Ñandú", "Kraków", "Ærø"]
SUFFIX = ["GmbH", "AB", "Ltd", "S.A.", "AG", "Oy", "KK", "SRL", "A/S", "BV"]
COUNTRIES = ["DE", "SE", "GB", "PL", "CH", "JP", "GR", "FR", "DK", "TR", "CN",
             "ES", "CZ", "NL"]
CITIES = ["Hamburg", "Stockholm", "London", "Łódź", "Zürich", "東京", "Αθήνα",
          "Paris", "København", "İstanbul", "北京", "Madrid", "Brno", "Delft"]
CURRENCIES = ["EUR", "SEK", "GBP", "PLN", "CHF", "JPY", "EUR", "EUR", "DKK",
              "TRY", "CNY", "EUR", "CZK", "EUR"]
FIRST = ["Anna", "Björn", "Chloé", "Dmitri", "Eszter", "Fatima", "Günther",
         "Hiroshi", "Ines", "Jürgen", "Karolina", "Lars", "Mónica", "Nikos"]
LAST = ["Lindqvist", "Nakamura", "Okonkwo", "Dvořák", "Øster", "Müller",
        "Papadopoulos", "García", "Kowalski", "Yılmaz", "Smith", "Rossi"]
ORDER_STATUS = ["open", "confirmed", "shipped", "closed", "cancelled"]
INVOICE_STATUS = ["open", "paid", "overdue", "partly_paid"]


def h(*parts):
    """A stable small hash of the parts."""
    d = hashlib.blake2b(repr(parts).encode(), digest_size=8).digest()
    return int.from_bytes(d, "big")


class Table:
    """One resource: timestamps, versions and flags per index, kept in
    (updated_at, index) order."""

    def __init__(self, name, n, ts=None, same=0):
        self.name = name
        self.n = n
        if ts is None and same:
            # blocks of `same` records with one change time, as a bulk
            # import leaves them
            ts = array("q", (BASE_US + (i // same) * 1000000
                             for i in range(n)))
        self.ts = ts if ts is not None else array(
            "q", (BASE_US + (i // 3) * 1000000 + (i % 3) * 250000
                  if i % 7 else BASE_US + (i // 3) * 1000000
                  for i in range(n)))
        self.precision = 1   # set by the dialect
        self.version = {}
        self.deleted = set()
        self.vanished = set()
        self.order = None
        self.keys = None

    def sort(self):
        # in (change time, index) order, the change time at the precision
        # the ERP keeps: Dolibarr's tms has whole seconds, so its rows of
        # one second come in rowid order, whatever the fake's microseconds
        if self.order is not None:
            return
        p = self.precision
        idx = [i for i in range(self.n) if i not in self.vanished]
        if any(self.ts[i] // p < self.ts[j] // p for i, j in zip(idx[1:], idx)):
            idx.sort(key=lambda i: (self.ts[i] // p, i))
        self.order = array("q", idx)
        self.keys = array("q", (self.ts[i] // p * p for i in idx))

    def changed(self):
        self.order = None
        self.keys = None

    def first_at(self, since_us):
        """Position of the first record with updated_at >= since_us."""
        self.sort()
        return bisect.bisect_left(self.keys, since_us)

    def after(self, ts_us, index):
        """Position of the first record after (ts_us, index)."""
        self.sort()
        ts_us = ts_us // self.precision * self.precision
        pos = bisect.bisect_left(self.keys, ts_us)
        while pos < len(self.order) and self.keys[pos] == ts_us and \
                self.order[pos] <= index:
            pos += 1
        return pos


def load_data(folder):
    """The records of folder/RESOURCE.jsonl as lines, their change times
    and their tombstones, per resource."""
    data = {}
    for res in RESOURCES:
        with open(os.path.join(folder, res + ".jsonl"), "rb") as fh:
            lines = [line for line in fh.read().split(b"\n") if line]
        ts, gone = array("q"), set()
        for i, line in enumerate(lines):
            rec = json.loads(line)
            ts.append(parse_utc(rec["updated_at"]))
            if rec.get("deleted"):
                gone.add(i)
        data[res] = (lines, ts, gone)
    return data


class Store:
    def __init__(self, args):
        self.lock = threading.RLock()
        self.seed = args.seed
        self.data = load_data(args.data) if args.data else None
        if self.data:
            self.tables = {}
            for res, (lines, ts, gone) in self.data.items():
                self.tables[res] = Table(res, len(lines), ts)
                self.tables[res].deleted = set(gone)
        else:
            # contacts that are not ours come after the others
            self.tables = {r: Table(r, getattr(args, r) + (
                args.foreign_contacts if r == "contacts" else 0),
                same=args.same_time) for r in RESOURCES}
        self.clock = 0
        self.ncust0 = args.customers
        self.ncontacts0 = args.contacts
        self.link = {}      # (resource, index) -> customer index
        self.currencies = {}
        self.ids = {}       # resource -> {id of --data: index}

    def now_us(self):
        """Wall-clock microseconds, strictly increasing across calls."""
        t = int(time.time() * 1000000)
        self.clock = max(t, self.clock + 1)
        return self.clock

    def record(self, res, i):
        """The native record of index i, as a dict of Python values."""
        t = self.tables[res]
        v = t.version.get(i, 0)
        rid = ID_FORMAT[res] % (i + 1)
        if self.data:
            rec = json.loads(self.data[res][0][i])
            rid = rec["id"]
        if i in t.deleted:
            return {"id": rid, "deleted": True, "updated_at": t.ts[i]}
        if not self.data:
            rec = GENERATORS[res](self, i, v)
            rec["id"] = rid
        elif v:
            self.revise(res, rec, v)
        rec["updated_at"] = t.ts[i]
        return rec

    def foreign(self, res, i):
        """A contact of no customer: of a supplier, or of no company."""
        return res == "contacts" and i >= self.ncontacts0 and not self.data

    @staticmethod
    def revise(res, rec, v):
        """A record of --data after v touches: one field a user sees moves
        on, as in an ERP someone works in (so a sync has news to show)."""
        if res == "customers":
            rec["payment_terms"] = "%d days net" % (30 + 15 * v)
        elif res == "contacts" and rec.get("job_title"):
            rec["job_title"] += " (acting)" if v % 2 else ""
        elif res == "contacts":
            rec["job_title"] = "Buyer" if v % 2 else None
        else:
            states = ORDER_STATUS if res == "orders" else INVOICE_STATUS
            k = states.index(rec["status"]) if rec.get("status") in states else 0
            rec["status"] = states[(k + v) % len(states)]
            if rec["status"] == "paid":
                rec["open_amount"] = "0.00"

    def customer_of(self, res, i):
        """The customer a record belongs to: fixed at start, or given
        when the record was added."""
        if (res, i) in self.link:
            return self.link[res, i]
        return (i * 7 + 3) % self.ncust0 if self.ncust0 else 0

    def currency(self, c):
        """A customer's currency, which its orders and invoices share."""
        cur = self.currencies.get(c)
        if cur is None:
            cur = self.currencies[c] = CURRENCIES[h(self.seed, "c", c) % len(COUNTRIES)]
        return cur

    def index_of(self, t, x):
        """The index of a record named by its id ("O00000042") or by its
        number (42, the 42nd record). The ids of --data are their own:
        their digits need not be the line number."""
        if isinstance(x, str) and self.data:
            ids = self.ids.get(t.name)
            if ids is None:
                ids = self.ids[t.name] = {
                    json.loads(line)["id"]: i
                    for i, line in enumerate(self.data[t.name][0])}
            if x not in ids:
                raise ValueError("%s: no record %s" % (t.name, x))
            return ids[x]
        i = int(re.sub(r"\D", "", str(x))) - 1
        if not 0 <= i < t.n:
            raise ValueError("%s: no record %s" % (t.name, x))
        return i

    def mutate(self, op):
        with self.lock:
            t = self.tables[op["resource"]]
            if op["op"] == "boundary":
                return self.boundary(t, op)
            if op["op"] == "add":
                if self.data:
                    raise ValueError("add: the records come from --data")
                first = t.n
                grow(t, int(op.get("count", 1)), self)
                if "customer" in op:
                    c = int(re.sub(r"\D", "", str(op["customer"]))) - 1
                    for i in range(first, t.n):
                        self.link[t.name, i] = c
                return {"n": t.n}
            idx = self.pick(t, op)
            for i in idx:
                if op["op"] == "touch":
                    t.version[i] = t.version.get(i, 0) + 1
                    t.deleted.discard(i)
                elif op["op"] == "delete":
                    t.deleted.add(i)
                elif op["op"] == "vanish":
                    t.vanished.add(i)
                    continue
                elif op["op"] == "backdate":
                    # a restore or a clock set right: the record (or its
                    # tombstone) changes, and its change time goes back
                    t.version[i] = t.version.get(i, 0) + 1
                    t.ts[i] = parse_utc(op["to"])
                    continue
                else:
                    raise ValueError("unknown op " + op["op"])
                t.ts[i] = self.now_us()
            t.changed()
            t.sort()  # now, not in the next client's time
            return {"changed": len(idx)}

    def boundary(self, t, op):
        """See Handler.boundary: some saved later, some new at the edge."""
        for i in (int(x) - 1 for x in op["ids"]):
            t.version[i] = t.version.get(i, 0) + 1
            t.ts[i] = self.now_us()
        first = t.n
        grow(t, int(op["count"]), self)
        for i in range(first, t.n):
            t.ts[i] = int(op["edge"])
        t.changed()
        t.sort()
        return {"changed": len(op["ids"]), "n": t.n}

    def pick(self, t, op):
        if "ids" in op:
            return [self.index_of(t, x) for x in op["ids"]]
        frac = float(op.get("fraction", 0))
        step = max(1, round(1 / frac)) if frac > 0 else 0
        if step:
            return [i for i in range(int(op.get("offset", 0)), t.n, step)
                    if i not in t.vanished]
        return []


def grow(t, count, store):
    t.ts.extend(store.now_us() for _ in range(count))
    t.n += count
    t.changed()


ID_FORMAT = {"customers": "C%05d", "contacts": "P%06d", "orders": "O%07d",
             "invoices": "I%07d"}


def money(x):
    return decimal.Decimal(x).quantize(decimal.Decimal("0.01"))


def gen_customer(store, i, v):
    r = h(store.seed, "c", i)
    k = r % len(COUNTRIES)
    name = "%s %s %d" % (NAMES[r % len(NAMES)], SUFFIX[(r >> 8) % len(SUFFIX)],
                         i + 1)
    return {
        "name": name,
        "legal_name": name + (" (Holding)" if r & 1 else ""),
        "vat_id": "%s%09d" % (COUNTRIES[k], r % 1000000000),
        "country": COUNTRIES[k],
        "city": CITIES[k],
        "address": "%d Main Street\n%05d %s" % ((r >> 4) % 200 + 1,
                                               (r >> 12) % 100000, CITIES[k]),
        "payment_terms": "%d days net" % (30 + 15 * v),
        "credit_limit": money((r >> 20) % 5000000 * 100 + 1234567890123 * (i % 11 == 0)),
        "currency": CURRENCIES[k],
    }


def gen_contact(store, i, v):
    r = h(store.seed, "p", i)
    first, last = FIRST[r % len(FIRST)], LAST[(r >> 8) % len(LAST)]
    return {
        "customer_id": ID_FORMAT["customers"] % (store.customer_of("contacts", i) + 1),
        "first_name": first, "last_name": last,
        "name": first + " " + last,
        "job_title": ["Buyer", "CFO", "Head of IT", "CEO"][(r >> 16) % 4]
        + (" (acting)" if v % 2 else ""),
        "email": "%s.%s%d@example.com" % (first.lower(), last.lower(), i),
        "phone": "+49 40 %07d" % (r % 10000000),
    }


MASK = (1 << 64) - 1
DAYS = [str(datetime.date(2024, 1, 1) + datetime.timedelta(days=d))
        for d in range(740)]


def mix(seed, kind, i):
    """A fast stable hash (splitmix64) for the bulk resources: a million
    orders must render faster than kam can store them."""
    x = (seed * 0x9E3779B97F4A7C15 + kind * 0xD1B54A32D192ED03 + i) & MASK
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & MASK
    return x ^ (x >> 31)


def cents(n):
    return "%d.%02d" % divmod(n, 100)


def gen_order(store, i, v):
    r = mix(store.seed, 1, i)
    c = store.customer_of("orders", i)
    return {
        "customer_id": ID_FORMAT["customers"] % (c + 1),
        "number": "SO-%07d" % (i + 1),
        "order_date": DAYS[r % 700],
        "amount": cents((r >> 10) % 10000000 + 100 * v),
        "currency": store.currency(c),
        "status": ORDER_STATUS[(r >> 40) % 5 if v == 0 else (v + 2) % 5],
    }


def gen_invoice(store, i, v):
    r = mix(store.seed, 2, i)
    c = store.customer_of("invoices", i)
    amount = cents((r >> 10) % 10000000)
    paid = v > 0 or (r >> 50) % 3 == 0
    return {
        "customer_id": ID_FORMAT["customers"] % (c + 1),
        "number": "INV-%07d" % (i + 1),
        "invoice_date": DAYS[r % 700],
        "due_date": DAYS[r % 700 + 30],
        "amount": amount,
        "open_amount": "0.00" if paid else amount,
        "currency": store.currency(c),
        "status": "paid" if paid else INVOICE_STATUS[(r >> 40) % 4],
    }


GENERATORS = {"customers": gen_customer, "contacts": gen_contact,
              "orders": gen_order, "invoices": gen_invoice}


# --- dialects -----------------------------------------------------------

_SECONDS = {}


def utc_text(us, digits=6):
    secs, frac = divmod(us, 1000000)
    head = _SECONDS.get(secs)
    if head is None:
        if len(_SECONDS) > 65536:
            _SECONDS.clear()
        head = _SECONDS[secs] = time.strftime("%Y-%m-%dT%H:%M:%S",
                                              time.gmtime(secs))
    return head + ("." + ("%06d" % frac)[:digits] if digits else "") + "Z"


def parse_utc(text):
    t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if t.tzinfo is None:
        raise ValueError("time without zone: " + text)
    return int(t.timestamp()) * 1000000 + t.microsecond


class Dialect:
    """How one ERP names things. render() turns a native record into the
    dialect's JSON object; page() answers one list request."""

    precision_us = 1    # of the change times the ERP keeps

    def __init__(self, store, args):
        self.store = store
        self.tz = zoneinfo.ZoneInfo(args.time_zone)
        self._local = {}
        self.max_limit = args.max_limit

    def local(self, us, seconds_only=False):
        # the site's wall clock of each second once (a zone's offset holds
        # for a whole second): a million records of a benchmark share a
        # few hundred thousand seconds, and asking the zone is most of a
        # record's cost
        secs, frac = divmod(us, 1000000)
        head = self._local.get(secs)
        if head is None:
            if len(self._local) > 65536:
                self._local.clear()
            head = self._local[secs] = datetime.datetime.fromtimestamp(
                secs, self.tz).strftime("%Y-%m-%d %H:%M:%S")
        return head if seconds_only else "%s.%06d" % (head, frac)

    def parse_local(self, text):
        t = datetime.datetime.fromisoformat(text).replace(tzinfo=self.tz)
        return int(t.timestamp()) * 1000000 + t.microsecond

    def limit(self, q, name, default):
        return max(1, min(int(q.get(name, default)), self.max_limit))


class Native(Dialect):
    paths = {"/" + r: r for r in RESOURCES}

    def auth_ok(self, headers, token):
        return headers.get("Authorization") == "Bearer " + token

    skip = frozenset(("first_name", "last_name", "_res", "_index",
                      "updated_at"))

    def render(self, rec):
        out = {k: v if type(v) is str else str(v)
               for k, v in rec.items() if k not in self.skip}
        out["updated_at"] = utc_text(rec["updated_at"])
        return out

    def page(self, res, q, ctx):
        t = self.store.tables[res]
        t.sort()
        limit = self.limit(q, "limit", 100)
        if "cursor" in q:
            ts, index = decode_cursor(q["cursor"])
            pos = t.after(ts, index)
            pos = max(0, pos - ctx.overlap)
        elif "updated_since" in q:
            pos = t.first_at(parse_utc(q["updated_since"]))
        else:
            pos = 0
        idx = list(t.order[pos:pos + limit])
        body = {"data": idx, "next_cursor": None}
        if pos + limit < len(t.order) and idx:
            last = idx[-1]
            body["next_cursor"] = encode_cursor(t.ts[last], last)
        return 200, body, "data"


def encode_cursor(ts, index):
    return base64.urlsafe_b64encode(b"%d:%d" % (ts, index)).decode()


def decode_cursor(text):
    ts, index = base64.urlsafe_b64decode(text.encode()).split(b":")
    return int(ts), int(index)


class FrappeError(Exception):
    """An error as Frappe's REST layer answers it: frappe.throw raises an
    exception class whose http_status_code becomes the status, and the
    body carries exc_type, exception and _server_messages
    (frappe/exceptions.py: ValidationError and its subclass DataError are
    417, AuthenticationError 401, PermissionError 403; frappe/utils/
    response.py report_error)."""

    def __init__(self, status, exc_type, message):
        super().__init__(message)
        self.status = status
        self.body = {
            "exc_type": exc_type,
            "exception": "frappe.exceptions.%s: %s" % (exc_type, message),
            "_server_messages": json.dumps([json.dumps({"message": message})]),
        }


class ERPNext(Dialect):
    """ERPNext 15 on Frappe 15, GET /api/resource/<DocType> (frappe/api/
    v1.py document_list -> frappe.client.get_list -> frappe/desk/
    reportview.py validate_args, frappe/model/db_query.py)."""

    doctypes = {"Customer": "customers", "Contact": "contacts",
                "Sales Order": "orders", "Sales Invoice": "invoices"}
    paths = {"/api/resource/" + urllib.parse.quote(d): r
             for d, r in doctypes.items()}
    by_res = {r: d for d, r in doctypes.items()}

    # Standard columns every DocType has (frappe/model/__init__.py
    # default_fields, child_table_fields, optional_fields): reportview's
    # is_standard() lets them through without a look at the DocType.
    standard = {"doctype", "name", "owner", "creation", "modified",
                "modified_by", "docstatus", "idx", "parent", "parentfield",
                "parenttype", "_user_tags", "_comments", "_assign",
                "_liked_by", "_seen"}
    # The fields of each DocType that the fake knows, from the DocType
    # definitions: erpnext/selling/doctype/customer/customer.py (types
    # block), frappe/contacts/doctype/contact/contact.json, erpnext/selling/
    # doctype/sales_order/sales_order.json, erpnext/accounts/doctype/
    # sales_invoice/sales_invoice.json; child tables by their table field.
    # Customer has no country, city or credit_limit: addresses are Address
    # documents linked to it, credit limits the child table credit_limits.
    fields = {
        "Customer": {"customer_name", "customer_type", "customer_group",
                     "territory", "tax_id", "customer_details",
                     "customer_primary_address", "primary_address",
                     "customer_primary_contact", "payment_terms",
                     "default_currency", "disabled", "email_id",
                     "mobile_no", "website", "language", "credit_limits"},
        "Contact": {"first_name", "middle_name", "last_name", "full_name",
                    "email_id", "phone", "mobile_no", "designation",
                    "department", "company_name", "status", "salutation",
                    "user", "is_primary_contact", "address", "links",
                    "unsubscribed"},
        "Sales Order": {"customer", "customer_name", "order_type",
                        "transaction_date", "delivery_date", "company",
                        "currency", "grand_total", "rounded_total",
                        "net_total", "status", "delivery_status",
                        "billing_status", "per_delivered", "per_billed"},
        "Sales Invoice": {"customer", "customer_name", "posting_date",
                          "due_date", "company", "currency", "grand_total",
                          "rounded_total", "net_total", "outstanding_amount",
                          "status", "is_return"},
        "Dynamic Link": {"link_doctype", "link_name", "link_title"},
        "Customer Credit Limit": {"company", "credit_limit",
                                  "bypass_credit_limit_check"},
    }
    tables = {("Contact", "links"): "Dynamic Link",
              ("Customer", "credit_limits"): "Customer Credit Limit"}

    # Sales Order status options (sales_order.json): the fake's order
    # states as ERPNext names them.
    order_status = {"open": "To Deliver and Bill", "confirmed": "To Deliver",
                    "shipped": "To Bill", "closed": "Completed",
                    "cancelled": "Cancelled"}
    # Sales Invoice status options (sales_invoice.json, set_status()).
    invoice_status = {"open": "Unpaid", "paid": "Paid", "overdue": "Overdue",
                      "partly_paid": "Partly Paid"}

    def auth_ok(self, headers, token):
        return headers.get("Authorization") == "token " + token

    def auth_error(self, headers):
        # frappe/auth.py validate_auth: a wrong key or secret raises
        # AuthenticationError; no credentials at all leave the Guest user,
        # whom get_list refuses with PermissionError.
        if headers.get("Authorization") is None:
            e = FrappeError(403, "PermissionError", "Insufficient Permission")
        else:
            e = FrappeError(401, "AuthenticationError",
                            "Invalid API key or secret")
        return e.status, dump(e.body)

    @staticmethod
    def money(text):
        # Currency fields are DECIMAL in MariaDB and leave as JSON numbers
        # through frappe's json_handler (Decimal -> float)
        return NUM(repr(float(text)))

    def render(self, rec):
        c = lambda x: "CUST-%05d" % int(x[1:])
        res = rec["_res"]
        out = {"modified": self.local(rec["updated_at"]), "docstatus": 0}
        if res == "customers":
            out.update(name=c(rec["id"]), customer_name=rec["name"],
                       customer_type="Company",
                       customer_details=rec["legal_name"],
                       tax_id=rec["vat_id"],
                       primary_address=rec["address"].replace("\n", "<br>")
                       + "<br>",
                       payment_terms=rec["payment_terms"],
                       default_currency=rec["currency"])
        elif res == "contacts":
            foreign = self.store.foreign(res, int(rec["id"][1:]) - 1)
            out.update(name="CONT-%06d" % int(rec["id"][1:]),
                       link_doctype="Supplier" if foreign else "Customer",
                       link_name="SUP-0001" if foreign else c(rec["customer_id"]),
                       first_name=rec["first_name"], last_name=rec["last_name"],
                       designation=rec["job_title"], email_id=rec["email"],
                       phone=rec["phone"])
        elif res == "orders":
            # a document's name is its number
            out.update(name=rec["number"], docstatus=1,
                       customer=c(rec["customer_id"]),
                       transaction_date=str(rec["order_date"]),
                       grand_total=self.money(rec["amount"]),
                       currency=rec["currency"],
                       status=self.order_status[rec["status"]])
        else:
            out.update(name=rec["number"], docstatus=1,
                       customer=c(rec["customer_id"]),
                       posting_date=str(rec["invoice_date"]),
                       due_date=str(rec["due_date"]),
                       grand_total=self.money(rec["amount"]),
                       outstanding_amount=self.money(rec["open_amount"]),
                       currency=rec["currency"],
                       status=self.invoice_status[rec["status"]])
        return out

    def column(self, doctype, field):
        """The column a field names, as reportview.get_meta_and_docfield
        finds it: plain, `tabChild`.field, or tablefield.field; raises
        DataError "Field not permitted in query" for anything else."""
        name = field.split(" as ")[0].strip()
        table, col = doctype, name
        if "." in name:
            head, col = name.split(".", 1)
            col = col.strip("`")
            if head.startswith("`tab"):
                table = head[4:-1]
            else:
                table = self.tables.get((doctype, head))
        col = col.strip("`")
        if col in self.standard and table in (doctype, None) or \
                table is not None and col in self.fields.get(table, ()):
            return col
        raise FrappeError(417, "DataError",
                          "Field not permitted in query: " + col)

    def condition(self, doctype, f):
        """[field, op, value] or [doctype, field, op, value] as a test of
        a rendered record (db_query.prepare_filter_condition)."""
        if isinstance(f, list) and len(f) == 4:
            field = "`tab%s`.%s" % (f[0], f[1]) if f[0] != doctype else f[1]
            f = [field, f[2], f[3]]
        if not isinstance(f, list) or len(f) != 3:
            raise FrappeError(417, "ValidationError", "Invalid filter: %r" % (f,))
        col = self.column(doctype, f[0])
        op, value = f[1].lower(), f[2]
        tests = {"=": lambda a, b: a == b, "!=": lambda a, b: a != b,
                 ">": lambda a, b: a > b, "<": lambda a, b: a < b,
                 ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b,
                 "in": lambda a, b: a in b, "not in": lambda a, b: a not in b}
        if op not in tests:
            raise FrappeError(417, "ValidationError", "Invalid operator " + op)
        if op in ("in", "not in") and isinstance(value, str):
            value = [v.strip() for v in value.split(",")]
        if col == "modified":
            value = self.parse_local(value)
        return col, tests[op], value

    def page(self, res, q, ctx):
        doctype = self.by_res[res]
        t = self.store.tables[res]
        t.sort()
        try:
            fields = json.loads(q.get("fields", '["name"]'))
            cols = [self.column(doctype, f) for f in fields]
            ands = [self.condition(doctype, f)
                    for f in json.loads(q.get("filters") or "[]")]
            ors = [self.condition(doctype, f)
                   for f in json.loads(q.get("or_filters") or "[]")]
        except FrappeError as e:
            return e.status, e.body, None
        order = re.sub(r"`tab[^`]*`\.|`", "", q.get("order_by", "modified desc"))
        if re.sub(r"\s+", " ", order.strip().lower()) != "modified asc, name asc":
            # the fake keeps one order; a real site would sort otherwise
            return 400, {"exc_type": "ValidationError",
                         "exception": "fake ERP: order_by must be "
                         "'modified asc, name asc'"}, None
        # the rows worth looking at start at the lowest modified asked for
        pos = 0
        for col, test, value in ands:
            if col == "modified" and test(value + 1, value) and not test(value - 1, value):
                pos = max(pos, t.first_at(value + (not test(value, value))))
        start = int(q.get("limit_start") or 0)
        # frappe/api/v1.py: 20 unless asked; 0 means all, no cap
        limit = int(q.get("limit_page_length", 20)) or len(t.order)
        idx, skipped = [], 0
        while pos < len(t.order) and len(idx) < limit:
            i = t.order[pos]
            pos += 1
            if i in t.deleted:
                continue
            if self.matches(res, i, ands, ors):
                if skipped < start:
                    skipped += 1
                else:
                    idx.append(i)
        ctx.select = cols
        if ctx.overlap and idx:
            idx = idx[:ctx.overlap] + idx
        return 200, {"data": idx}, "data"

    @staticmethod
    def name_of(res, i):
        """render()'s name, without rendering."""
        return {"customers": "CUST-%05d", "contacts": "CONT-%06d",
                "orders": "SO-%07d", "invoices": "INV-%07d"}[res] % (i + 1)

    def matches(self, res, i, ands, ors):
        t = self.store.tables[res]
        rec = None
        def value(col):
            nonlocal rec
            if col == "modified":
                return t.ts[i]
            if col == "name" and not self.store.data:
                return self.name_of(res, i)
            if rec is None:
                r = self.store.record(res, i)
                r["_res"] = res
                rec = self.render(r)
            return rec.get(col)
        if not all(test(value(col), v) for col, test, v in ands):
            return False
        return not ors or any(test(value(col), v) for col, test, v in ors)


class Dolibarr(Dialect):
    precision_us = 1000000
    paths = {"/api/index.php/" + p: r for p, r in
             (("thirdparties", "customers"), ("contacts", "contacts"),
              ("orders", "orders"), ("invoices", "invoices"))}

    def auth_ok(self, headers, token):
        return headers.get("DOLAPIKEY") == token

    def auth_error(self, headers):
        # htdocs/api/class/api_access.class.php __isAllowed(): no key is
        # RestException(401, "Failed to login to API. No parameter
        # 'HTTP_DOLAPIKEY' ..."); a key that matches no user returns false,
        # which Restler answers 401 Unauthorized. Restler's body is
        # {"error": {"code", "message"}, "debug": {...}}.
        why = "Unauthorized"
        if headers.get("DOLAPIKEY") is None:
            why += (": Failed to login to API. No parameter 'HTTP_DOLAPIKEY' "
                    "on HTTP header (and no parameter DOLAPIKEY in URL).")
        return 401, dump({"error": {"code": 401, "message": why},
                          "debug": {"source": "api_access.class.php",
                                    "stages": {"failure": ["authenticate"]}}})

    def unix_date(self, day):
        day = datetime.date.fromisoformat(day)
        t = datetime.datetime(day.year, day.month, day.day, tzinfo=self.tz)
        return int(t.timestamp())

    # Order statut (htdocs/commande/class/commande.class.php constants):
    # -1 canceled, 0 draft, 1 validated, 2 shipment in process, 3 closed.
    order_statut = {"open": "1", "confirmed": "1", "shipped": "2",
                    "closed": "3", "cancelled": "-1"}
    # Invoice statut (htdocs/compta/facture/class/facture.class.php):
    # 0 draft, 1 validated (to be paid, partly paid or overdue: overdue is
    # date_lim_reglement in the past, no status), 2 paid, 3 abandoned.
    invoice_statut = {"open": "1", "overdue": "1", "partly_paid": "1",
                      "paid": "2"}

    def render(self, rec):
        # The API answers with the object's properties as the database
        # driver left them: ids, amounts (DECIMAL(24,8)) and statuses as
        # strings, dates as unix seconds (jdate()), the change time as
        # date_modification from tms.
        res = rec["_res"]
        num = lambda x: str(int(x[1:]))
        out = {"id": num(rec["id"]),
               "date_modification": rec["updated_at"] // 1000000}
        if res == "customers":
            # a thirdparty carries the id of its payment term
            # (llx_c_payment_term: 2 is 30D), not a code
            days = int(rec["payment_terms"].split()[0])
            out.update(name=rec["name"], name_alias=rec["legal_name"],
                       tva_intra=rec["vat_id"], country_code=rec["country"],
                       town=rec["city"], address=rec["address"],
                       cond_reglement_id=str(days // 15),
                       outstanding_limit="%s" % rec["credit_limit"],
                       multicurrency_code=rec["currency"], client="1",
                       status="1")
        elif res == "contacts":
            foreign = self.store.foreign(res, int(rec["id"][1:]) - 1)
            out.update(socid=None if foreign else int(num(rec["customer_id"])),
                       firstname=rec["first_name"], lastname=rec["last_name"],
                       poste=rec["job_title"], email=rec["email"],
                       phone_pro=rec["phone"])
        elif res == "orders":
            out.update(socid=num(rec["customer_id"]), ref=rec["number"],
                       date=self.unix_date(rec["order_date"]),
                       total_ttc=rec["amount"] + "000000",
                       multicurrency_code=rec["currency"],
                       statut=self.order_statut[rec["status"]])
        else:
            out.update(socid=num(rec["customer_id"]), ref=rec["number"],
                       date=self.unix_date(rec["invoice_date"]),
                       date_lim_reglement=self.unix_date(rec["due_date"]),
                       total_ttc=rec["amount"] + "000000",
                       remaintopay=rec["open_amount"] + "000000",
                       multicurrency_code=rec["currency"],
                       statut=self.invoice_statut[rec["status"]])
        return out

    # Dolibarr's universal search criteria (htdocs/api/class/api.class.php
    # _checkFilters and _forge_criteria_callback; core/lib/functions.lib.php
    # forgeSQLFromUniversalSearchCriteria in later versions): criteria
    # (field:operator:value) joined by and/or inside parentheses.
    criterion = re.compile(r"\(([^:'()]+):([^:'()]+):([^()]+)\)")
    ops = {"=": lambda a, b: a == b, "!=": lambda a, b: a != b,
           "<>": lambda a, b: a != b, ">": lambda a, b: a > b,
           "<": lambda a, b: a < b, ">=": lambda a, b: a >= b,
           "<=": lambda a, b: a <= b, "in": lambda a, b: a in b}

    def filters(self, text):
        """sqlfilters as (tests, expression) or None when malformed; the
        expression refers to the tests as T[0], T[1], ..."""
        tests = []

        def one(m):
            field, op, value = m.group(1).strip(), m.group(2).strip().lower(), \
                m.group(3).strip()
            if op not in self.ops or field not in ("t.tms", "t.rowid",
                                                    "t.fk_soc", "s.client"):
                raise ValueError(field)
            if op == "in":
                value = {int(v) for v in value.strip("()").split(",")}
            elif value.startswith("'") and value.endswith("'"):
                value = value[1:-1]
                if field == "t.tms":
                    value = self.parse_local(value) // 1000000
            else:
                value = int(value)
            tests.append((field, self.ops[op], value))
            return " T[%d] " % (len(tests) - 1)
        try:
            expr = self.criterion.sub(one, text).strip()
        except ValueError:
            return None
        if re.fullmatch(r"(\s|\(|\)|and|or|T\[\d+\])*", expr) is None:
            return None
        try:
            compile(expr, "sqlfilters", "eval")
        except SyntaxError:
            return None
        return tests, expr

    def value(self, res, i, field):
        t = self.store.tables[res]
        if field == "t.tms":
            return t.ts[i] // 1000000
        if field == "t.rowid":
            return i + 1
        if field in ("t.fk_soc", "s.client"):
            # contacts belong to customers (client 1), foreign ones to no
            # company (the LEFT JOIN leaves NULL)
            if self.store.foreign(res, i):
                return None
            return 1 if field == "s.client" else self.store.customer_of(res, i) + 1
        raise KeyError(field)

    def page(self, res, q, ctx):
        # htdocs/societe/class/api_thirdparties.class.php index() and its
        # siblings: sortfield/sortorder, limit (100 unless asked), page
        # from 0, sqlfilters; rows sorted by the sort fields; no rows is
        # RestException(404, "No ... found").
        t = self.store.tables[res]
        t.sort()
        pos, check = 0, None
        f = q.get("sqlfilters")
        if f:
            check = self.filters(f)
            if check is None:
                return 400, {"error": {"code": 400, "message": "Bad Request: "
                                       "Error when validating parameter "
                                       "sqlfilters -> " + f}}, None
            bounds = [v for field, op, v in check[0] if field == "t.tms"
                      and op in (self.ops["="], self.ops[">="], self.ops[">"])]
            if bounds and all(field != "t.tms" or op in (
                    self.ops["="], self.ops[">="], self.ops[">"])
                    for field, op, v in check[0]):
                pos = t.first_at(min(bounds) * 1000000)
        if re.sub(r"\s", "", q.get("sortfield", "t.rowid")) != "t.tms,t.rowid":
            return 400, {"error": {"code": 400, "message": "fake ERP: "
                                   "sortfield must be t.tms,t.rowid"}}, None
        limit = self.limit(q, "limit", 100)
        start = int(q.get("page", 0)) * limit
        idx, seen = [], 0
        while pos < len(t.order) and len(idx) < limit:
            i = t.order[pos]
            pos += 1
            if i in t.deleted:
                continue
            if check is not None:
                # SQL: a comparison with NULL is not true
                T = [(lambda x: x is not None and op(x, v))(self.value(res, i, field))
                     for field, op, v in check[0]]
                if not eval(check[1], {"__builtins__": {}}, {"T": T}):
                    continue
            if seen < start:
                seen += 1
                continue
            idx.append(i)
        if ctx.overlap and idx:
            idx = idx[:ctx.overlap] + idx
        if not idx:
            return 404, {"error": {"code": 404,
                                   "message": "Not Found: No %s found" % res}}, None
        return 200, idx, ""


class BusinessCentral(Dialect):
    precision_us = 1000
    # contacts come twice, as BC 25+ serves them: "contacts" (page 30071
    # "APIV2 - Contacts": every contact, a change time, no customer) and
    # "customerContacts" (page 30089 "APIV2 - CustContacts": persons whose
    # business relation is Customer, with customerId, no change time).
    # ALAppExtensions Apps/W1/APIV2/app/src/pages/APIV2Contacts.Page.al,
    # APIV2CustContacts.Page.al; Microsoft Learn, API v2.0 "contact" and
    # "customerContact resource type".
    entities = {"customers": "customers", "contacts": "contacts",
                "customerContacts": "contacts",
                "salesOrders": "orders", "salesInvoices": "invoices"}
    # the properties of each entity a $filter, $select or $expand may name
    # (the pages' fields and parts); any other name is refused as the
    # OData URI parser does, HTTP 400 BadRequest
    properties = {
        "customers": {"id", "number", "displayName", "taxRegistrationNumber",
                      "country", "city", "addressLine1", "addressLine2",
                      "paymentTermsId", "creditLimit", "currencyCode",
                      "lastModifiedDateTime", "contactsInformation"},
        "contacts": {"id", "number", "type", "displayName", "jobTitle",
                     "companyNumber", "companyName",
                     "contactBusinessRelation", "email", "phoneNumber",
                     "lastModifiedDateTime", "picture"},
        "customerContacts": {"id", "email", "firstName", "lastName",
                             "professionalTitle", "customerId",
                             "customerName", "primaryPhoneNumber",
                             "pdfDocument"},
        "salesOrders": {"id", "number", "customerId", "orderDate",
                        "totalAmountIncludingTax", "currencyCode", "status",
                        "lastModifiedDateTime", "salesOrderLines"},
        "salesInvoices": {"id", "number", "customerId", "invoiceDate",
                          "dueDate", "totalAmountIncludingTax",
                          "remainingAmount", "currencyCode", "status",
                          "lastModifiedDateTime", "salesInvoiceLines"},
    }
    # the entity type names of $metadata, for the refusals' words
    types = {"customers": "customer", "contacts": "contact",
             "customerContacts": "customerContact",
             "salesOrders": "salesOrder", "salesInvoices": "salesInvoice"}
    NO_GUID = "00000000-0000-0000-0000-000000000000"
    entity = None   # of the request being answered (under the store lock)
    prefix = BC_PREFIX
    paths = {BC_PREFIX + e: r for e, r in entities.items()}

    def auth_ok(self, headers, token):
        return headers.get("Authorization") == "Bearer " + token

    @staticmethod
    @functools.lru_cache(maxsize=65536)
    def guid(rid):
        # cached: the customer of each of a million orders is one of a
        # few thousand, and hashing is most of rendering an order
        n = int(rid[1:])
        return "%08x-%04x-4%03x-8%03x-%012x" % (
            n, "CPOIT".index(rid[0]), n % 4096, n % 4093, h("g", rid) % 2**48)

    def render(self, rec):
        res = rec["_res"]
        out = {"@odata.etag": 'W/"JzQ0OzE7Jw=="', "id": self.guid(rec["id"]),
               "lastModifiedDateTime": utc_text(rec["updated_at"], 3)}
        if self.entity == "customerContacts":
            return self.customer_contact(rec, out)
        if res == "customers":
            out.update(number=rec["id"], displayName=rec["name"],
                       taxRegistrationNumber=rec["vat_id"],
                       country=rec["country"], city=rec["city"],
                       addressLine1=rec["address"].split("\n")[0],
                       addressLine2=rec["address"].split("\n")[1],
                       # a GUID of the paymentTerms entity, not a code
                       # (Microsoft Learn, API v2.0 "customer resource
                       # type": paymentTermsId)
                       paymentTermsId=self.guid("T%d" % int(
                           rec["payment_terms"].split()[0])),
                       creditLimit=NUM(rec["credit_limit"]),
                       currencyCode=rec["currency"])
        elif res == "contacts":
            # "contact resource type" (API v2.0, page 30071 "APIV2 -
            # Contacts"): no customerId; the only part is picture, so
            # contactsInformation cannot be expanded from here
            foreign = self.store.foreign("contacts", rec["_index"])
            out.update(number="CT%06d" % int(rec["id"][1:]), type="Person",
                       displayName=rec["name"], jobTitle=rec["job_title"],
                       companyName="", email=rec["email"],
                       phoneNumber=rec["phone"],
                       contactBusinessRelation="Vendor" if foreign
                       else "Customer")
        elif res == "orders":
            # enum "Sales Order Entity Buffer Status" (page 30028 "APIV2 -
            # Sales Orders", field status): Draft, In Review, Open; JSON
            # spells a space of a member name _x0020_ as in $metadata. An
            # order shipped, closed or cancelled is no longer a sales
            # order; the fake's other orders are released: Open.
            out.update(customerId=self.guid(rec["customer_id"]),
                       number=rec["number"], orderDate=str(rec["order_date"]),
                       totalAmountIncludingTax=NUM(rec["amount"]),
                       currencyCode=rec["currency"],
                       status={"open": "Draft", "confirmed": "In_x0020_Review"}
                       .get(rec["status"], "Open"))
        else:
            out.update(customerId=self.guid(rec["customer_id"]),
                       number=rec["number"],
                       invoiceDate=str(rec["invoice_date"]),
                       dueDate=str(rec["due_date"]),
                       totalAmountIncludingTax=NUM(rec["amount"]),
                       remainingAmount=NUM(rec["open_amount"]),
                       currencyCode=rec["currency"],
                       # enum "Invoice Entity Aggregate Status": " ",
                       # Draft, In Review, Open, Paid, Canceled,
                       # Corrective; overdue and partly paid are Open
                       status="Paid" if rec["status"] == "paid" else "Open")
        return out

    def customer_contact(self, rec, out):
        """A person of a customer as page 30089 shows it: first and last
        name, customerId found through the company's business relation,
        the cleared GUID when the company has none (the page never
        clears it between records, so BC may repeat the customer of the
        record before; the fake gives the cleared one)."""
        del out["lastModifiedDateTime"]
        foreign = self.store.foreign("contacts", rec["_index"])
        out.update(email=rec["email"], firstName=rec["first_name"],
                   lastName=rec["last_name"],
                   professionalTitle=rec["job_title"],
                   customerId=self.NO_GUID if foreign
                   else self.guid(rec["customer_id"]),
                   customerName="", primaryPhoneNumber=rec["phone"])
        return out

    @staticmethod
    def refuse(name, etype):
        # Microsoft.OData.Core's words for a name the type does not
        # declare; BC adds the correlation id
        return 400, {"error": {"code": "BadRequest", "message":
                               "Could not find a property named '%s' on type "
                               "'Microsoft.NAV.%s'.  CorrelationId:  "
                               "5d0c2a41-9e7b-4c1f-8a3e-2b6f0d9c7e15." %
                               (name, etype)}}, None

    def unknown_name(self, entity, q):
        """The first name in $filter, $select or $expand the entity does
        not have."""
        names = re.findall(r"([A-Za-z_]\w*)\s+(?:gt|ge|lt|le|eq|ne)\s",
                           q.get("$filter", ""))
        for k in ("$select", "$expand"):
            names += [n.strip() for n in q.get(k, "").split(",") if n.strip()]
        return next((n for n in names if n not in self.properties[entity]),
                    None)

    def page(self, res, q, ctx):
        # Business Central pages by id, not by time: a filtered listing
        # comes back in id order, and the next link carries the last id.
        self.entity = ctx.path[len(self.prefix):]
        bad = self.unknown_name(self.entity, q)
        if bad is not None:
            return self.refuse(bad, self.types[self.entity])
        t = self.store.tables[res]
        t.sort()
        since = None
        f = q.get("$filter")
        if f:
            m = re.fullmatch(r"lastModifiedDateTime gt (\S+)", f)
            if not m:
                return 400, {"error": {"code": "BadRequest_InvalidFilter",
                                       "message": "bad $filter"}}, None
            since = parse_utc(m.group(1))
        start = max(0, int(q.get("$skiptoken", "0")) - ctx.overlap)
        m = re.search(r"odata\.maxpagesize=(\d+)", ctx.headers.get("Prefer", ""))
        limit = self.limit({"n": m.group(1)} if m else {}, "n", 20000)
        idx = []
        i = start
        listed = self.listed(res, since)
        while i < t.n and len(idx) < limit:
            if listed(i):
                idx.append(i)
            i += 1
        body = {"@odata.context": ctx.base + self.prefix + "$metadata#" +
                self.entity,
                "value": idx}
        while i < t.n and not listed(i):
            i += 1
        if i < t.n:
            q2 = {k: v for k, v in q.items() if k != "$skiptoken"}
            q2["$skiptoken"] = str(i)
            body["@odata.nextLink"] = ctx.base + ctx.path + "?" + \
                urllib.parse.urlencode(q2, quote_via=urllib.parse.quote)
        return 200, body, "value"

    def listed(self, res, since):
        """Which rows the listing holds: customerContacts opens with a
        filter to persons whose business relation is Customer (page
        30089, OnOpenPage); a vendor's contact is not there."""
        t = self.store.tables[res]
        vendor = self.entity == "customerContacts"
        return lambda i: i not in t.vanished and (
            since is None or t.ts[i] > since) and not (
            vendor and self.store.foreign(res, i) and i % 2 == 0)


DIALECTS = {"native": Native, "erpnext": ERPNext, "dolibarr": Dolibarr,
            "business-central": BusinessCentral}


# --- JSON with exact numbers -------------------------------------------

class NUM:
    """A number written into JSON as its exact decimal text."""

    def __init__(self, value):
        self.text = str(value)


_NUM_MARK = "\u0001NUM:"
_NUM_RE = re.compile(r'"\\u0001NUM:([-0-9.Ee+]+)"')


def _default(o):
    if isinstance(o, NUM):
        return _NUM_MARK + o.text
    if isinstance(o, (decimal.Decimal, datetime.date)):
        return str(o)
    raise TypeError(type(o))


def dump(obj):
    text = json.dumps(obj, ensure_ascii=False, default=_default,
                      separators=(",", ":"))
    if "\\u0001NUM:" in text:
        text = _NUM_RE.sub(r"\1", text)
    # lone surrogates stand for the raw bytes of invalid UTF-8 (faults)
    return text.encode("utf-8", "surrogateescape")


# --- faults ------------------------------------------------------------

class Faults:
    def __init__(self):
        self.lock = threading.Lock()
        self.rules = []
        self.pages = {}

    def add(self, rules):
        with self.lock:
            for r in rules if isinstance(rules, list) else [rules]:
                r.setdefault("times", 0 if r["kind"] == "latency" else 1)
                self.rules.append(r)

    def clear(self):
        with self.lock:
            self.rules = []
            self.pages = {}

    def take(self, res):
        """The faults for the next list request of res."""
        with self.lock:
            n = self.pages[res] = self.pages.get(res, 0) + 1
            out = []
            for r in self.rules:
                if r.get("resource", res) != res or r.get("page", n) != n:
                    continue
                if r["times"] == 0 or r.setdefault("fired", 0) < r["times"]:
                    r["fired"] = r.get("fired", 0) + 1
                    out.append(r)
            return n, out


# --- the HTTP side -----------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fake-erp/1"

    def log_message(self, fmt, *a):
        pass

    def send(self, status, body, ctype="application/json", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0))
        data = json.loads(self.rfile.read(n) or b"null")
        srv = self.server
        if self.path == "/_fake/fault":
            srv.faults.add(data)
            out = {"ok": True}
        elif self.path in ("/_fake/clear", "/_fake/reset"):
            srv.faults.clear()
            with srv.lock:
                srv.log = []
            if self.path == "/_fake/reset":
                srv.reset()
            out = {"ok": True}
        elif self.path == "/_fake/mutate":
            try:
                out = srv.store.mutate(data)
            except (ValueError, KeyError) as e:
                return self.send(400, dump({"error": str(e)}))
        else:
            return self.send(404, b'{"error":"no such control"}')
        self.send(200, dump(out))

    def do_GET(self):
        srv = self.server
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/_fake/log":
            with srv.lock:
                return self.send(200, dump(srv.log))
        with srv.lock:
            srv.log.append({"path": self.path,
                            "auth": srv.dialect.auth_ok(self.headers, srv.token),
                            "headers": sorted(k.lower() for k in self.headers)})
        path = url.path
        while path.startswith("/moved/"):
            path = path[len("/moved"):]
        res = srv.dialect.paths.get(path)
        if res is None:
            return self.send(404, b'{"error":{"code":"not_found","message":"no such path"}}')
        if not srv.dialect.auth_ok(self.headers, srv.token):
            if hasattr(srv.dialect, "auth_error"):
                return self.send(*srv.dialect.auth_error(self.headers))
            return self.send(401, b'{"error":{"code":"unauthorized","message":"bad credentials"}}')
        q = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        page_no, faults = srv.faults.take(res)
        ctx = Context(self, path, faults)
        for f in faults:
            if self.pre_fault(f, ctx):
                return
        with srv.store.lock:
            status, body, key = srv.dialect.page(res, q, ctx)
            if status == 200:
                self.fill(res, body, key, ctx)
        if ctx.changing:
            for r in ctx.changing:
                srv.store.mutate(r)
        self.answer(status, body, ctx)

    def fill(self, res, body, key, ctx):
        """Turns the indexes of a page into the dialect's records."""
        store, d = self.server.store, self.server.dialect
        idx = list(body[key] if key else body)
        recs = []
        for i in idx:
            rec = store.record(res, i)
            rec["_res"] = res
            rec["_index"] = i
            if rec.get("deleted"):
                if not isinstance(d, Native):
                    continue
                recs.append({"id": rec["id"], "deleted": True,
                             "updated_at": utc_text(rec["updated_at"])})
            else:
                recs.append(d.render(rec))
        if ctx.select is not None:
            recs = [{k: r.get(k) for k in ctx.select} for r in recs]
        for f in ctx.faults:
            recs = self.record_fault(f, recs, ctx)
        if key:
            body[key] = recs
        else:
            body[:] = recs
        if ctx.boundary_fault and idx:
            ctx.changing.append(self.boundary(res, idx, ctx.boundary_fault))
        if ctx.changing_fault and idx:
            # rows already served, and the rows right after this page,
            # change while the client is between two pages
            count = int(ctx.changing_fault.get("count", 3))
            t = store.tables[res]
            nxt = t.after(t.ts[idx[-1]], idx[-1])
            moved = list(idx[:count]) + list(t.order[nxt:nxt + count])
            ctx.changing.append({"op": "touch", "resource": res,
                                 "ids": [i + 1 for i in moved]})

    def boundary(self, res, idx, f):
        """Saves made between this page and the next request, at the
        page's boundary: the first `count` records of the page's last
        block of equal change times (at the dialect's precision) are
        saved again later and leave the block, and `count` new records
        are saved with the boundary time itself. Paging by offset or page
        number then skips records; paging by (time, key) must not."""
        store, d = self.server.store, self.server.dialect
        t = store.tables[res]
        count = int(f.get("count", 2))
        edge = t.ts[idx[-1]]
        block = [i for i in idx if t.ts[i] // d.precision_us == edge // d.precision_us]
        return {"op": "boundary", "resource": res, "edge": edge,
                "ids": [i + 1 for i in block[:count]], "count": count}

    def record_fault(self, f, recs, ctx):
        k = f["kind"]
        if not recs:
            return recs
        at = min(int(f.get("record", 1)), len(recs) - 1)
        if k == "invalid_utf8":
            name = next(x for x in recs[at] if isinstance(recs[at][x], str)
                        and x not in ("id", "name", "updated_at", "modified",
                                      "lastModifiedDateTime")
                        and "id" not in x.lower())
            recs[at][name] = "\udcff\udcfe broken"
        elif k == "wrong_types":
            r = recs[at]
            for key in list(r):
                if key in ("amount", "credit_limit", "grand_total", "total_ttc",
                           "totalAmountIncludingTax", "creditLimit"):
                    r[key] = {"value": r[key] if not isinstance(r[key], NUM)
                              else r[key].text}
            if "name" in r and not r.get("deleted"):
                r["name"] = ["not", "a", "string"]
            if len(recs) > at + 1:
                recs[at + 1]["updated_at" if "updated_at" in recs[at + 1]
                             else next(iter(recs[at + 1]))] = True
        elif k == "huge_field":
            r = recs[at]
            key = "name" if "name" in r else next(x for x in r if x != "id")
            r[key] = "x" * int(float(f.get("mb", 10)) * 1024 * 1024)
        return recs

    def pre_fault(self, f, ctx):
        """Faults that answer instead of the page; True when answered."""
        k = f["kind"]
        if k == "latency":
            time.sleep(float(f.get("ms", 100)) / 1000)
        elif k == "status":
            extra = []
            if "retry_after" in f:
                extra.append(("Retry-After", str(f["retry_after"])))
            body = b'{"error":{"code":"fault","message":"injected"}}'
            if f.get("html"):
                return self.html(int(f["status"]), extra) or True
            self.send(int(f["status"]), body, extra=extra)
            return True
        elif k == "html":
            self.html(int(f.get("status", 200)), [])
            return True
        elif k == "redirect":
            to = f.get("to", "same")
            if to == "same":
                to = "/moved" + self.path
            elif urllib.parse.urlsplit(to).path in ("", "/"):
                to = to.rstrip("/") + self.path
            self.send(int(f.get("status", 302)), b"", extra=[("Location", to)])
            return True
        elif k == "huge_page":
            self.huge(int(float(f.get("mb", 50)) * 1024 * 1024))
            return True
        elif k == "changing":
            ctx.changing_fault = f
        elif k == "boundary":
            ctx.boundary_fault = f
        elif k == "duplicates":
            ctx.overlap = int(f.get("count", 2))
        elif k in ("truncate", "garbage", "nextlink"):
            ctx.post.append(f)
        return False

    def html(self, status, extra):
        self.send(status, b"<!DOCTYPE html><html><head><title>Gateway \x1b[31m"
                  b"Error</title></head><body><h1>Bad gateway</h1></body></html>",
                  "text/html; charset=utf-8", extra)

    def huge(self, size):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        chunk = b'{"data":[{"id":"X","name":"' + b"y" * (1 << 20)
        try:
            sent = 0
            while sent < size:
                part = chunk[: size - sent]
                self.wfile.write(part)
                sent += len(part)
                chunk = b"y" * (1 << 20)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def answer(self, status, body, ctx):
        data = dump(body)
        for f in ctx.post:
            if f["kind"] == "nextlink" and isinstance(body, dict):
                body = dict(body)
                body["@odata.nextLink"] = f["to"]
                body["next_cursor"] = f.get("cursor", body.get("next_cursor"))
                data = dump(body)
            elif f["kind"] == "garbage":
                data = b'{"data": [ {"id": "C1", "name": oops } ] }'
        for f in ctx.post:
            if f["kind"] == "truncate":
                return self.truncated(status, data, f)
        self.send(status, data)

    def truncated(self, status, data, f):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if f.get("length", True):
            self.send_header("Content-Length", str(len(data)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data[: len(data) // 2])
        self.wfile.flush()
        self.close_connection = True


class Context:
    def __init__(self, handler, path, faults):
        self.headers = handler.headers
        self.path = path
        self.base = "%s://%s" % ("https" if handler.server.args.tls else "http",
                                 handler.headers.get("Host", "127.0.0.1"))
        self.faults = faults
        self.overlap = 0
        self.changing_fault = None
        self.boundary_fault = None
        self.select = None  # the fields asked for, where the ERP lets one
        self.changing = []
        self.post = []


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False

    def reset(self):
        """The generated data as at start."""
        self.store = Store(self.args)
        self.dialect = DIALECTS[self.args.style](self.store, self.args)
        for t in self.store.tables.values():
            t.precision = self.dialect.precision_us
            t.sort()


def listen(port):
    """A server on 127.0.0.1: on port when it is free, else on any."""
    try:
        return Server(("127.0.0.1", port), Handler)
    except OSError:
        if port == 0:
            raise
        return Server(("127.0.0.1", 0), Handler)


def read_token(path):
    with open(path) as fh:
        return fh.readline().strip()


def serve(args):
    srv = listen(args.port)
    srv.args = args
    srv.reset()
    srv.faults = Faults()
    srv.token = read_token(args.token_file) if args.token_file else args.token
    srv.lock = threading.Lock()
    srv.log = []
    for f in args.fault:
        srv.faults.add(json.loads(f))
    if args.tls:
        tls = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tls")
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(os.path.join(tls, "server.pem"),
                            os.path.join(tls, "server.key"))
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    port = srv.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as fh:
            fh.write("%d\n" % port)
        os.rename(tmp, args.port_file)
    print("fake-erp %s listening on 127.0.0.1:%d" % (args.style, port),
          flush=True)
    if args.parent_pid:
        threading.Thread(target=watch, args=(args.parent_pid, srv),
                         daemon=True).start()
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass


def watch(pid, srv):
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass
        time.sleep(0.5)


def ctl(args):
    with open(args.port_file) as fh:
        port = int(fh.read())
    url = "%s://127.0.0.1:%d/_fake/%s" % ("https" if args.tls else "http", port,
                                         args.what)
    if args.what == "log":
        req = urllib.request.Request(url)
    else:
        req = urllib.request.Request(url, data=(args.json or "null").encode(),
                                     method="POST")
    ctx = ssl.create_default_context(cafile=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "tls", "ca.pem"))
    try:
        with urllib.request.urlopen(req, timeout=30,
                                    context=ctx if args.tls else None) as r:
            sys.stdout.write(r.read().decode() + "\n")
    except urllib.error.HTTPError as e:
        sys.exit("fake_erp: %s: %s" % (args.what, e.read().decode()))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--style", choices=sorted(DIALECTS), default="native")
    s.add_argument("--port-file")
    s.add_argument("--parent-pid", type=int)
    s.add_argument("--port", type=int, default=0,
                   help="listen on this port if it is free, else on any")
    s.add_argument("--token", default="test-token")
    s.add_argument("--token-file",
                   help="read the token from this file, not the command line")
    s.add_argument("--data", metavar="DIR",
                   help="serve the records of DIR/*.jsonl (native style only)")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--customers", type=int, default=20)
    s.add_argument("--contacts", type=int, default=40)
    s.add_argument("--orders", type=int, default=60)
    s.add_argument("--invoices", type=int, default=40)
    s.add_argument("--foreign-contacts", type=int, default=0, metavar="N",
                   help="N more contacts that are not of a customer "
                   "(ERPNext: of a supplier; Dolibarr: of no company)")
    s.add_argument("--same-time", type=int, default=0, metavar="N",
                   help="N records share each change time (a bulk import)")
    s.add_argument("--time-zone", default="Europe/Berlin")
    s.add_argument("--max-limit", type=int, default=1000)
    s.add_argument("--tls", action="store_true",
                   help="HTTPS with the test certificate of tests/erp/tls")
    s.add_argument("--fault", action="append", default=[],
                   help="a fault as JSON (see the module's help)")
    c = sub.add_parser("ctl")
    c.add_argument("--port-file", required=True)
    c.add_argument("--tls", action="store_true")
    c.add_argument("what", choices=["fault", "mutate", "clear", "reset", "log"])
    c.add_argument("json", nargs="?")
    args = p.parse_args()
    if args.cmd == "serve" and args.data and args.style != "native":
        p.error("--data serves the native style only")
    if args.cmd == "serve":
        serve(args)
    else:
        ctl(args)


if __name__ == "__main__":
    main()
