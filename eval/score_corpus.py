#!/usr/bin/env python3
"""Score `pledgewatch extract --format jsonl` output against the hand labels in
eval/corpus_labels.jsonl (100 White House corpus documents, see eval/README.md).

Make the input (written outside the project), run the extractor, score:

    python3 eval/score_corpus.py --make-input /tmp/labelled.jsonl
    ./target/release/pledgewatch extract --format jsonl /tmp/labelled.jsonl > /tmp/out.jsonl
    python3 eval/score_corpus.py /tmp/out.jsonl

Matching, per document: a predicted commitment matches a gold one when donor and
recipient ids are equal and, if the gold has an amount, the predicted amount has
the same currency and lies within 1% of it; if the gold amount is null, the
prediction must have no amount or share an item class with the gold. Pairs are
taken greedily, one-to-one (required gold before optional gold, closest amount
first). Gold entries marked "optional" are borderline: a prediction that matches
one is neither a true nor a false positive, and missing one is not an error.
"""
import argparse
import gzip
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LABELS = os.path.join(HERE, "corpus_labels.jsonl")
CORPUS = os.path.join(HERE, "..", "..", "shared", "corpus", "whitehouse-2021-2023.jsonl.gz")
INSTITUTIONS = os.path.join(ROOT, "crates", "pipeline", "data", "actors", "institutions.tsv")

# Slugs treated as the same party when matching (COVAX is run by Gavi).
EQUIVALENT = {"COVAX": "GAVI"}


def load_labels(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_national_bodies(path):
    """Map ids of national bodies (agencies, ministries) to their country, and
    EU sub-bodies to EU, so that e.g. a DFC or USAID donor counts as US."""
    mapping = {}
    if not os.path.exists(path):
        return mapping
    with open(path, encoding="utf-8") as f:
        header = None
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                continue
            row = dict(zip(header, cols))
            ident = row.get("id", "")
            country = (row.get("country") or "").strip()
            if country:
                mapping[ident] = country
            elif ident.startswith("EU-"):
                mapping[ident] = "EU"
    return mapping


def norm_id(ident, bodies):
    if ident is None:
        return None
    ident = str(ident).strip()
    ident = bodies.get(ident, ident)
    up = ident.upper()
    return EQUIVALENT.get(up, up)


def party_id(value):
    if isinstance(value, dict):
        return value.get("id")
    return value


def to_number(value):
    if value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def pred_view(c, bodies):
    amount = c.get("amount") or {}
    items = c.get("items") or []
    return {
        "donor": norm_id(party_id(c.get("donor")), bodies),
        "recipient": norm_id(party_id(c.get("recipient")), bodies),
        "amount": to_number(amount.get("value")) if isinstance(amount, dict) else None,
        "currency": (amount.get("currency") if isinstance(amount, dict) else None),
        "qualifier": (amount.get("qualifier") if isinstance(amount, dict) else None),
        "category": c.get("category"),
        "instrument": c.get("instrument"),
        "classes": {i.get("class") for i in items if isinstance(i, dict) and i.get("class")},
    }


def gold_view(g, bodies):
    return {
        "donor": norm_id(g.get("donor"), bodies),
        "recipient": norm_id(g.get("recipient"), bodies),
        "amount": to_number(g.get("amount")),
        "currency": g.get("currency"),
        "qualifier": g.get("qualifier"),
        "category": g.get("category"),
        "instrument": g.get("instrument"),
        "classes": set(g.get("items") or []),
        "optional": bool(g.get("optional")),
        "raw": g,
    }


def pair_cost(g, p):
    """None when the pair cannot match, else a sortable cost."""
    if g["donor"] != p["donor"]:
        return None
    if g["recipient"] is not None and g["recipient"] != p["recipient"]:
        return None  # an optional gold with recipient null accepts any recipient
    if g["amount"] is not None:
        if p["amount"] is None or (p["currency"] or "").upper() != (g["currency"] or "").upper():
            return None
        rel = abs(p["amount"] - g["amount"]) / g["amount"] if g["amount"] else abs(p["amount"])
        if rel > 0.01:
            return None
        return (1 if g["optional"] else 0, rel)
    if p["amount"] is None or (g["classes"] & p["classes"]):
        return (1 if g["optional"] else 0, 0.0 if (g["classes"] & p["classes"]) else 0.5)
    return None


def match(golds, preds):
    cands = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            cost = pair_cost(g, p)
            if cost is not None:
                cands.append((cost, gi, pi))
    cands.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return pairs


def fmt_amount(value, currency, qualifier=None):
    if value is None:
        return "no amount"
    q = f"{qualifier} " if qualifier and qualifier != "exact" else ""
    if value >= 1e9:
        s = f"{value / 1e9:g}B"
    elif value >= 1e6:
        s = f"{value / 1e6:g}M"
    else:
        s = f"{value:,.0f}"
    return f"{q}{s} {currency or '?'}"


def describe(v):
    classes = ",".join(sorted(v["classes"])) if v["classes"] else ""
    items = f" [{classes}]" if classes and v["amount"] is None else ""
    return f"{v['donor']}→{v['recipient'] or '*'} {fmt_amount(v['amount'], v['currency'], v['qualifier'])}{items}"


def make_input(out_path, labels, corpus):
    out_abs = os.path.abspath(out_path)
    if out_abs.startswith(ROOT + os.sep):
        sys.exit(f"refusing to write corpus text inside the project: {out_abs}")
    wanted = {d["id"] for d in labels}
    found = 0
    opener = gzip.open if corpus.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as src, open(out_abs, "w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            doc = json.loads(line)
            if doc.get("id") in wanted:
                dst.write(json.dumps(doc, ensure_ascii=False) + "\n")
                found += 1
    print(f"wrote {found} of {len(wanted)} labelled documents to {out_abs}")
    if found != len(wanted):
        sys.exit("some labelled ids were not found in the corpus")


def read_predictions(path):
    preds = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{path}:{n}: not JSON: {e}")
            doc = obj.get("document") or {}
            sid = doc.get("source_id") or doc.get("id")
            preds.setdefault(sid, []).extend(obj.get("commitments") or [])
    return preds


def ratio(a, b):
    return a / b if b else 0.0


def score(out_path, labels, bodies, quiet=False):
    preds_by_doc = read_predictions(out_path)
    label_ids = {d["id"] for d in labels}
    tp = fp = fn = 0
    opt_hits = 0
    neg_preds = neg_docs_hit = 0
    doc_tp = doc_fp = doc_fn = doc_tn = 0
    missing_docs = [d["id"] for d in labels if d["id"] not in preds_by_doc]
    field_ok = {"category": [0, 0], "instrument": [0, 0], "qualifier": [0, 0]}
    lines = []
    for doc in labels:
        golds = [gold_view(g, bodies) for g in doc["commitments"]]
        preds = [pred_view(c, bodies) for c in preds_by_doc.get(doc["id"], [])]
        pairs = match(golds, preds)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        d_tp = sum(1 for gi, _ in pairs if not golds[gi]["optional"])
        opt_hits += sum(1 for gi, _ in pairs if golds[gi]["optional"])
        missed = [g for gi, g in enumerate(golds) if gi not in matched_g and not g["optional"]]
        spurious = [p for pi, p in enumerate(preds) if pi not in matched_p]
        tp += d_tp
        fn += len(missed)
        fp += len(spurious)
        if not doc["announces"]:
            neg_preds += len(preds)
            neg_docs_hit += 1 if preds else 0
        predicted_any = bool(preds)
        if doc["announces"] and predicted_any:
            doc_tp += 1
        elif doc["announces"]:
            doc_fn += 1
        elif predicted_any:
            doc_fp += 1
        else:
            doc_tn += 1
        for gi, pi in pairs:
            g, p = golds[gi], preds[pi]
            if g["optional"]:
                continue
            for field in ("category", "instrument"):
                field_ok[field][1] += 1
                field_ok[field][0] += int(g[field] == p[field])
            if g["amount"] is not None:
                field_ok["qualifier"][1] += 1
                field_ok["qualifier"][0] += int(g["qualifier"] == p["qualifier"])
        if missed or spurious:
            lines.append(f"\n{doc['id']}\n  {doc['title'][:110]}  [{'announces' if doc['announces'] else 'no commitment'}]")
            for g in missed:
                lines.append(f"  missed:   {describe(g)}  ({g['raw'].get('note', '')})")
            for p in spurious:
                lines.append(f"  spurious: {describe(p)}  {p['category']}/{p['instrument']}")
    if not quiet:
        print("Per-document errors:" if lines else "No per-document errors.")
        print("\n".join(lines))
        print()
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    f1 = ratio(2 * precision * recall, precision + recall)
    n_neg = sum(1 for d in labels if not d["announces"])
    print("Totals")
    print(f"  documents: {len(labels)} labelled ({len(labels) - n_neg} announce, {n_neg} do not); "
          f"{len(missing_docs)} missing from the output; "
          f"{len(set(preds_by_doc) - label_ids)} unlabelled documents in the output ignored")
    print(f"  TP {tp}  FP {fp}  FN {fn}  (optional gold matched, not counted: {opt_hits})")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"  invented on negatives: {neg_preds} commitments on {neg_docs_hit} of {n_neg} documents with announces=false")
    print(f"  document level (any commitment found): TP {doc_tp} FP {doc_fp} FN {doc_fn} TN {doc_tn}")
    for field, (ok, total) in field_ok.items():
        print(f"  {field} accuracy on matched pairs: {ok}/{total} = {ratio(ok, total):.3f}")
    if missing_docs:
        print("  missing documents (scored as no predictions):")
        for i in missing_docs:
            print(f"    {i}")
    return f1, neg_preds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("output", nargs="?", help="pledgewatch extract --format jsonl output to score")
    ap.add_argument("--make-input", metavar="PATH", help="write the labelled corpus documents as JSONL to PATH (outside the project)")
    ap.add_argument("--labels", default=LABELS, help="label file (default: eval/corpus_labels.jsonl)")
    ap.add_argument("--corpus", default=CORPUS, help="corpus JSONL(.gz) to take documents from")
    ap.add_argument("--institutions", default=INSTITUTIONS, help="institutions.tsv used to map national bodies to countries")
    ap.add_argument("--quiet", action="store_true", help="print totals only")
    ap.add_argument("--floor", type=float, metavar="F1",
                    help="exit 1 when F1 is below this or any commitment is invented on a document that announces none")
    args = ap.parse_args()
    labels = load_labels(args.labels)
    if args.make_input:
        make_input(args.make_input, labels, args.corpus)
        return
    if not args.output:
        ap.error("give an output file to score, or --make-input PATH")
    f1, invented = score(args.output, labels, load_national_bodies(args.institutions), quiet=args.quiet)
    if args.floor is not None:
        ok = f1 >= args.floor and invented == 0
        print(f"F1 {f1:.3f} (floor {args.floor}); commitments invented on documents that announce none: {invented} "
              f"(must be 0): {'pass' if ok else 'FAIL'}")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
