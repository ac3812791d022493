#!/usr/bin/env python3
"""Validate the mention test-case tables in this folder.

Usage: python3 check_cases.py [FILE.jsonl ...]     (default: every *.jsonl here)

Checks, for every line: it parses as a JSON object with exactly `text`, `date`,
`expect`; `date` is YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS; each mention's `text`
occurs in the case text (at `start`, a code-point offset, when given; `start`
is required when the mention text occurs more than once); mentions are in
order and do not overlap; fields and value types are those README.md lists
for the file's kind. Where a mention text is a plain figure ("$1.6bn",
"5,000", "12.5%"), its value is recomputed and compared. No duplicate case
texts within a file. Prints one line per problem and a summary; exits 1 on
any problem.
"""
import datetime as dt
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ("money", "number", "ordinal", "quantity", "percent", "date")
MIN_CASES = {"money": 70, "number": 70, "ordinal": 30, "quantity": 70, "percent": 70, "date": 70}
QUALIFIERS = {"exact", "approx", "up_to", "at_least", "more_than", "less_than", "range"}
CLASSES = {"missile", "air_defence_system", "artillery_round", "vehicle", "aircraft", "vessel",
           "drone", "small_arms", "equipment", "medical", "food", "energy_equipment", "other"}
# Normalised unit codes of quantities measured rather than counted (the value keeps the unit written).
UNITS = {"mm", "cm", "m", "km", "mi", "nmi", "ft", "yd", "in", "mg", "g", "kg", "t", "ton", "kt", "lb", "oz",
         "ml", "l", "hl", "gal", "bbl", "bcm", "m2", "km2", "mi2", "ft2", "m3", "ft3", "ha", "acre",
         "W", "kW", "MW", "GW", "TW", "Wh", "kWh", "MWh", "GWh", "TWh", "mph", "km/h", "m/s", "kn",
         "cup", "pt", "qt", "tsp", "tbsp", "kB", "MB", "GB", "TB", "degC", "degF"}
FIELDS = {
    "money": ({"text", "value", "currency", "qualifier"}, {"start", "upper"}),
    "number": ({"text", "value"}, {"start", "upper", "qualifier"}),
    "ordinal": ({"text", "value"}, {"start"}),
    "quantity": ({"text", "value", "qualifier", "item", "class"}, {"start", "upper", "unit"}),
    "percent": ({"text", "value", "qualifier"}, {"start", "upper", "points"}),
    "date": ({"text", "value"}, {"start"}),
}
SCALE = {"": 1, "k": 10**3, "thousand": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6,
         "million": 10**6, "bn": 10**9, "billion": 10**9, "tn": 10**12, "trillion": 10**12}
QUAL_WORDS = {
    "about": "approx", "around": "approx", "some": "approx", "roughly": "approx",
    "nearly": "less_than", "almost": "less_than", "approximately": "approx",
    "up to": "up_to", "no more than": "up_to",
    "at least": "at_least", "no less than": "at_least",
    "more than": "more_than", "over": "more_than", "in excess of": "more_than", "above": "more_than",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than", "below": "less_than",
}
QUAL_RE = "(?:" + "|".join(sorted((re.escape(w) for w in QUAL_WORDS), key=len, reverse=True)) + r")\s+"
NUM = r"(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)"
SYMBOLS = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "C$": "CAD", "A$": "AUD",
           "NZ$": "NZD", "HK$": "HKD", "₴": "UAH", "₹": "INR"}
CODES = {"USD", "EUR", "GBP", "JPY", "CAD", "AUD", "NZD", "HKD", "UAH", "INR", "PLN", "CHF",
         "SEK", "NOK", "DKK"}

problems = []


def problem(where, msg):
    problems.append(f"{where}: {msg}")


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def split_qualifier(text):
    m = re.match(QUAL_RE, text, re.I)
    if m and not re.match(r"(?i)between\b", text):
        return QUAL_WORDS[m.group(0).strip().lower()], text[m.end():]
    return "exact", text


def plain_money(text):
    """(value, currency, qualifier) for forms like '£1.6bn', 'up to EUR 500 million', '3bn USD'."""
    qual, rest = split_qualifier(text)
    sym = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
    scale = r"(k|mn|mln|m|bn|tn|thousand|million|billion|trillion)?"
    m = re.fullmatch(rf"({sym}|(?:{'|'.join(CODES)})\s?)\s?{NUM}(?:\s?{scale})", rest)
    if m:
        cur = m.group(1).strip()
        cur = SYMBOLS.get(cur, cur)
        # "€1.500": no amount has thousandths, so a dot before three digits groups thousands.
        digits = m.group(2).replace(",", "")
        if not m.group(3) and re.fullmatch(r"\d{1,3}\.\d{3}", digits):
            digits = digits.replace(".", "")
        return float(digits) * SCALE[m.group(3) or ""], cur, qual
    m = re.fullmatch(rf"{NUM}\s?{scale}\s({'|'.join(CODES)})", rest)
    if m:
        return float(m.group(1).replace(",", "")) * SCALE[m.group(2) or ""], m.group(3), qual
    return None


def plain_number(text):
    """Value for forms like '5,000', '5 000', '3.75', '1.5 million', '2bn'; None for '10.000',
    which context reads (a fraction, or thousands grouped as continental Europe writes them)."""
    if re.fullmatch(r"\d{1,3}\.\d{3}", text):
        return None
    m = re.fullmatch(r"(-?\d{1,3}(?: \d{3})+)", text)
    if m:
        return float(m.group(1).replace(" ", ""))
    m = re.fullmatch(rf"{NUM}(?:\s?(m|bn|million|billion|thousand))?", text)
    if m:
        return float(m.group(1).replace(",", "")) * SCALE[m.group(2) or ""]
    return None


def parse_point(x):
    """A day or a date-time, as (kind, value); None when it is neither."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", x):
        return "day", dt.datetime.fromisoformat(x)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", x):
        return "time", dt.datetime.fromisoformat(x)
    return None


def check_date_value(where, v):
    """A day, a date-time, START/END of the same kind (end exclusive), X/.. or ../X."""
    parts = v.split("/")
    try:
        if len(parts) == 1 and parse_point(v):
            return
        if len(parts) == 2:
            a, b = parts
            if b == ".." and a != ".." and parse_point(a):
                return
            if a == ".." and b != ".." and parse_point(b):
                return
            pa, pb = parse_point(a), parse_point(b)
            if pa and pb:
                if pa[0] != pb[0]:
                    problem(where, f"interval {v} mixes a day and a date-time")
                elif not pa[1] < pb[1]:
                    problem(where, f"interval {v} is empty or reversed")
                return
    except ValueError:
        problem(where, f"date value {v!r} is not a real calendar date or time")
        return
    problem(where, f"date value {v!r} is neither a day, a date-time, a START/END interval nor an open one")


def check_mention(kind, where, case_text, m):
    need, opt = FIELDS[kind]
    keys = set(m)
    if not need <= keys:
        problem(where, f"missing {sorted(need - keys)}")
        return None
    if keys - need - opt:
        problem(where, f"unexpected {sorted(keys - need - opt)}")
    t = m["text"]
    if not isinstance(t, str) or not t or t != t.strip():
        problem(where, f"bad mention text {t!r}")
        return None
    occ = [i for i in range(len(case_text)) if case_text.startswith(t, i)]
    if not occ:
        problem(where, f"{t!r} does not occur in the text")
        return None
    if "start" in m:
        s = m["start"]
        if not isinstance(s, int) or case_text[s:s + len(t)] != t:
            problem(where, f"start {s} does not point at {t!r}")
            return None
    elif len(occ) > 1:
        problem(where, f"{t!r} occurs {len(occ)} times: give start")
        return None
    else:
        s = occ[0]
    v = m["value"]
    if kind == "date":
        if not isinstance(v, str):
            problem(where, "date value must be a string")
        else:
            check_date_value(where, v)
    elif kind == "ordinal":
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            problem(where, "ordinal value must be a positive integer")
    elif not is_number(v):
        problem(where, "value must be a JSON number")
    q = m.get("qualifier")
    if q is not None and q not in QUALIFIERS:
        problem(where, f"bad qualifier {q!r}")
    if "upper" in m:
        if not is_number(m["upper"]) or not is_number(v) or not m["upper"] > v:
            problem(where, "upper must be a number above value")
        if q not in ("range", "approx"):
            problem(where, "upper needs qualifier range (or approx for vague counts)")
    elif q == "range":
        problem(where, "qualifier range needs upper")
    if kind == "number" and "qualifier" in m and (q != "approx" or "upper" not in m):
        problem(where, "number mentions carry a qualifier only as approx with upper (vague counts)")
    if kind == "money":
        if m["currency"] not in CODES and not re.fullmatch(r"[A-Z]{3}", m["currency"]):
            problem(where, f"unexpected currency {m['currency']!r}")
        pm = plain_money(t)
        if pm:
            pv, pc, pq = pm
            if not close(pv, v) or pc != m["currency"] or pq != q:
                problem(where, f"{t!r} reads as {pv} {pc} {pq}, case says {v} {m['currency']} {q}")
    if kind == "number":
        pv = plain_number(t)
        if pv is not None and not close(pv, v):
            problem(where, f"{t!r} reads as {pv}, case says {v}")
    if kind == "quantity":
        item, cls = m["item"], m["class"]
        if cls not in CLASSES:
            problem(where, f"bad class {cls!r}")
        if "unit" in m and m["unit"] not in UNITS:
            problem(where, f"bad unit {m['unit']!r}")
        if not isinstance(item, str) or not item or not t.endswith(item):
            problem(where, f"mention text must end with the item {item!r}")
        else:
            head = t[: len(t) - len(item)].strip()
            qq, numtext = split_qualifier(head)
            if q not in ("range",) and qq != "exact" and qq != q:
                problem(where, f"qualifier words say {qq}, case says {q}")
            pv = plain_number(numtext)
            if pv is not None and not close(pv, v):
                problem(where, f"{numtext!r} reads as {pv}, case says {v}")
    if kind == "percent":
        if "points" in m and m["points"] is not True:
            problem(where, "points is either true or absent")
        points_words = r"(?:percentage points?|percentage pts|percent points?|pct points?|ppts?|pp|basis points?|bps?)$"
        if ("points" in m) != bool(re.search(points_words, t)):
            problem(where, "points must be true exactly for points of per cent (percentage points, ppt, pp, basis points)")
        qq, rest = split_qualifier(t)
        mm = re.fullmatch(rf"{NUM}\s?(?:%|per cent|percent|pct|pc)", rest)
        if mm and (not close(float(mm.group(1)), v) or qq != q):
            problem(where, f"{t!r} reads as {mm.group(1)} {qq}, case says {v} {q}")
    return s, s + len(t)


def check_file(path):
    kind = os.path.splitext(os.path.basename(path))[0]
    if kind not in KINDS:
        problem(path, f"unknown kind {kind!r}")
        return 0, 0
    seen = set()
    n = neg = 0
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            where = f"{os.path.basename(path)}:{lineno}"
            if not line.strip():
                problem(where, "blank line")
                continue
            try:
                case = json.loads(line)
            except json.JSONDecodeError as e:
                problem(where, f"not JSON: {e}")
                continue
            if not isinstance(case, dict) or set(case) != {"text", "date", "expect"}:
                problem(where, "a case has exactly text, date, expect")
                continue
            text, date, expect = case["text"], case["date"], case["expect"]
            if not isinstance(text, str) or not text.strip():
                problem(where, "empty text")
                continue
            if text in seen:
                problem(where, "duplicate case text")
            seen.add(text)
            if not isinstance(date, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?", date):
                problem(where, f"bad reference date {date!r}")
            else:
                try:
                    dt.datetime.fromisoformat(date)
                except ValueError:
                    problem(where, f"bad reference date {date!r}")
            if not isinstance(expect, list):
                problem(where, "expect must be a list")
                continue
            n += 1
            neg += not expect
            last_end = 0
            for j, m in enumerate(expect):
                w = f"{where} mention {j}"
                if not isinstance(m, dict):
                    problem(w, "a mention is an object")
                    continue
                span = check_mention(kind, w, text, m)
                if span:
                    if span[0] < last_end:
                        problem(w, "mentions must be in text order and must not overlap")
                    last_end = span[1]
    if n < MIN_CASES[kind]:
        problem(path, f"only {n} cases (want at least {MIN_CASES[kind]})")
    return n, neg


def main():
    # actors.jsonl has its own shape, checked by the Rust test `actor_table`.
    paths = sys.argv[1:] or sorted(p for p in glob.glob(os.path.join(HERE, "*.jsonl")) if not p.endswith("actors.jsonl"))
    for p in paths:
        n, neg = check_file(p)
        print(f"{os.path.basename(p)}: {n} cases, {neg} without mentions")
    for p in problems:
        print("PROBLEM " + p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
