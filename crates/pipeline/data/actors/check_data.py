#!/usr/bin/env python3
"""Sanity checks for the lexicons in data/actors and data/money (no dependencies).

    python3 crates/pipeline/data/actors/check_data.py

Checks column counts and headers, codes, ids, references between files, dates and term
overlaps. Exits 1 on an error; prints warnings for overlapping terms of office.
"""
import datetime
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
MONEY = os.path.join(os.path.dirname(HERE), "money")
errors = []
warnings = []

HEADERS = {
    "countries.tsv": ["code", "name", "names", "adjectives", "seats", "ambiguous"],
    "institutions.tsv": ["id", "name", "names", "kind", "country", "parent"],
    "officials.tsv": ["name", "aliases", "org", "role", "title", "start", "end"],
    "titles.tsv": ["title", "role", "org"],
    "places.tsv": ["name", "country", "population", "admin1", "lat", "lon"],
    "companies.tsv": ["name", "names", "country", "sector"],
    "official_hosts.tsv": ["host", "party"],
    "currencies.tsv": ["code", "name", "names", "symbols", "minor"],
}
KINDS = {"supranational", "eu_body", "multilateral_bank", "un_agency", "alliance", "forum",
         "export_credit_agency", "aid_agency", "ministry", "head_office", "legislature", "ngo", "fund"}
ROLES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
         "finance_minister", "institution_head", "high_representative", "vice_president",
         "commissioner", "development_minister"}
# Roles held by several people at once (a college of commissioners): no overlap check.
SHARED_ROLES = {"commissioner"}
SECTORS = {"defence", "energy", "medical", "vehicles", "shipbuilding", "aerospace", "other"}
LIST_COLS = {"names", "adjectives", "seats", "aliases", "symbols", "minor"}


def read(path):
    name = os.path.basename(path)
    rows = []
    header = None
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if "\r" in line:
                errors.append("%s:%d: carriage return" % (name, i))
            fields = line.split("\t")
            if header is None:
                header = fields
                if header != HEADERS[name]:
                    errors.append("%s: header %r" % (name, header))
                continue
            if len(fields) != len(header):
                errors.append("%s:%d: %d columns, want %d" % (name, i, len(fields), len(header)))
                continue
            row = dict(zip(header, fields))
            for col, val in row.items():
                if val != val.strip():
                    errors.append("%s:%d: %s has outer spaces" % (name, i, col))
                if col in LIST_COLS and val:
                    for item in val.split("|"):
                        if not item or item != item.strip():
                            errors.append("%s:%d: bad list item in %s: %r" % (name, i, col, val))
                    items = val.split("|")
                    if len(items) != len(set(items)):
                        warnings.append("%s:%d: repeated item in %s" % (name, i, col))
            row["_line"] = i
            rows.append(row)
    return rows


def date(s, where):
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        errors.append("%s: bad date %r" % (where, s))
        return None


def main():
    countries = read(os.path.join(HERE, "countries.tsv"))
    codes = set()
    for r in countries:
        c = r["code"]
        if not re.fullmatch(r"[A-Z]{2}", c) or c in codes:
            errors.append("countries.tsv:%d: bad or repeated code %s" % (r["_line"], c))
        codes.add(c)
        if r["ambiguous"] not in ("0", "1"):
            errors.append("countries.tsv:%d: ambiguous must be 0 or 1" % r["_line"])
        if not r["name"] or not r["names"]:
            errors.append("countries.tsv:%d: empty name" % r["_line"])
    if len(codes) < 250:
        errors.append("countries.tsv: only %d countries" % len(codes))

    inst = read(os.path.join(HERE, "institutions.tsv"))
    ids = set()
    for r in inst:
        if r["id"] in ids or r["id"] in codes:
            errors.append("institutions.tsv:%d: repeated or country-clashing id %s" % (r["_line"], r["id"]))
        ids.add(r["id"])
    for r in inst:
        w = "institutions.tsv:%d" % r["_line"]
        if r["kind"] not in KINDS:
            errors.append("%s: kind %s" % (w, r["kind"]))
        if r["country"] and r["country"] not in codes:
            errors.append("%s: country %s" % (w, r["country"]))
        if r["parent"] and r["parent"] not in ids:
            errors.append("%s: parent %s" % (w, r["parent"]))

    orgs = codes | ids
    officials = read(os.path.join(HERE, "officials.tsv"))
    seen = set()
    terms = {}
    for r in officials:
        w = "officials.tsv:%d" % r["_line"]
        if r["org"] not in orgs:
            errors.append("%s: org %s" % (w, r["org"]))
        if r["role"] not in ROLES:
            errors.append("%s: role %s" % (w, r["role"]))
        if not r["title"]:
            errors.append("%s: empty title" % w)
        aliases = r["aliases"].split("|") if r["aliases"] else []
        for a in aliases:
            m = re.match(r"(Mr|Mrs|Ms|Dr)\.? ", a)
            # The code strips honorifics before a listed surname, so "Ms X" is only needed
            # (and allowed) where the bare surname was left out as a common word ("Ms Power").
            if m and a[m.end():] in aliases:
                errors.append("%s: honorific in alias %r" % (w, a))
        s = date(r["start"], w)
        e = date(r["end"], w) if r["end"] else None
        if s and e and e < s:
            errors.append("%s: ends before it starts" % w)
        key = (r["name"], r["org"], r["role"], r["start"])
        if key in seen:
            errors.append("%s: duplicate row" % w)
        seen.add(key)
        if s and r["role"] not in SHARED_ROLES:
            terms.setdefault((r["org"], r["role"]), []).append((s, e or datetime.date.max, r["name"], r["_line"]))
    for (org, role), ts in terms.items():
        ts.sort()
        open_ended = [t for t in ts if t[1] == datetime.date.max]
        if len(open_ended) > 1:
            errors.append("officials.tsv: %s %s has %d open terms: %s" % (org, role, len(open_ended), [t[2] for t in open_ended]))
        for a, b in zip(ts, ts[1:]):
            if b[0] < a[1]:
                warnings.append("officials.tsv:%d/%d: %s %s terms overlap (%s, %s)" % (a[3], b[3], org, role, a[2], b[2]))

    for r in read(os.path.join(HERE, "titles.tsv")):
        w = "titles.tsv:%d" % r["_line"]
        if r["role"] not in ROLES:
            errors.append("%s: role %s" % (w, r["role"]))
        if r["org"] and r["org"] not in orgs:
            errors.append("%s: org %s" % (w, r["org"]))

    places = read(os.path.join(HERE, "places.tsv"))
    for r in places:
        w = "places.tsv:%d" % r["_line"]
        if r["country"] not in codes:
            errors.append("%s: country %s" % (w, r["country"]))
        try:
            int(r["population"])
            lat, lon = float(r["lat"]), float(r["lon"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError
        except ValueError:
            errors.append("%s: bad number" % w)
    size = os.path.getsize(os.path.join(HERE, "places.tsv"))
    if size > 2_200_000:
        errors.append("places.tsv is %d bytes" % size)

    names = set()
    for r in read(os.path.join(HERE, "companies.tsv")):
        w = "companies.tsv:%d" % r["_line"]
        if r["country"] not in codes:
            errors.append("%s: country %s" % (w, r["country"]))
        if r["sector"] not in SECTORS:
            errors.append("%s: sector %s" % (w, r["sector"]))
        if r["name"] in names:
            errors.append("%s: repeated name %s" % (w, r["name"]))
        names.add(r["name"])

    hosts = set()
    for r in read(os.path.join(HERE, "official_hosts.tsv")):
        w = "official_hosts.tsv:%d" % r["_line"]
        if not re.fullmatch(r"[a-z0-9.-]+", r["host"]) or r["host"] in hosts:
            errors.append("%s: bad or repeated host %s" % (w, r["host"]))
        hosts.add(r["host"])
        if r["party"] not in orgs:
            errors.append("%s: party %s" % (w, r["party"]))

    cur = set()
    for r in read(os.path.join(MONEY, "currencies.tsv")):
        w = "currencies.tsv:%d" % r["_line"]
        if not re.fullmatch(r"[A-Z]{3}", r["code"]) or r["code"] in cur:
            errors.append("%s: bad or repeated code %s" % (w, r["code"]))
        cur.add(r["code"])
        if r["code"] not in r["symbols"].split("|"):
            errors.append("%s: ISO code missing from symbols" % w)

    for m in warnings:
        print("warning:", m)
    for m in errors:
        print("error:", m)
    print("%d passed, %d failed" % (8 - len({e.split(':')[0] for e in errors}), len({e.split(':')[0] for e in errors})))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
