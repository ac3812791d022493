#!/usr/bin/env python3
"""Score the extractor on every labelled style, each on its own.

Styles (see eval/labels/batches.json and eval/README.md): White House 2021-23,
White House 2024-26, news articles, news summaries, long-form news, cabinet
decisions, and the project's written statements. The held-out batches are
scored only with --holdout: they stay untouched until a release's last run.

    cargo build --release
    python3 eval/score_styles.py                       # every development style, a table
    python3 eval/score_styles.py --style news -v       # one style, with each document's errors
    python3 eval/score_styles.py --floors eval/floors.json   # exit 1 below a style's floor
    python3 eval/score_styles.py --holdout             # the untouched batches (last run only)

Matching is score_corpus.py's (donor, recipient, amount within 1% in the same
currency; optional gold neither counts nor costs). Reported per style:
precision, recall, F1, the accuracy of each field on matched required pairs,
and the commitments invented on documents that announce none (predictions
that match no gold, optional gold included).
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import score_corpus as sc  # noqa: E402

CORPUS_DIR = os.path.join(ROOT, "..", "shared", "corpus")
LABEL_DIR = os.path.join(HERE, "labels")
STYLE_NAMES = {
    "wh2123": "White House 2021-23",
    "wh2426": "White House 2024-26",
    "news": "news articles 2024",
    "summaries": "news summaries 2022-23",
    "longform": "long-form news 2024-25",
    "cabinet": "cabinet decisions 2022-25",
    "statements": "written statements (unit checks)",
}
FIELDS = ("category", "instrument", "qualifier", "status", "announced_on")


def load_label_pool():
    pool = {}
    for name in sorted(os.listdir(LABEL_DIR)):
        if not name.endswith(".jsonl") or name.startswith("agreement"):
            continue
        for line in open(os.path.join(LABEL_DIR, name), encoding="utf-8"):
            if line.strip():
                d = json.loads(line)
                pool[d["id"]] = d
    return pool


def style_sets(holdout, only=None):
    """style -> (labels, corpus file or None for statements); with `only`,
    batch name -> the same, for just those batches (held out or not)."""
    manifest = json.load(open(os.path.join(LABEL_DIR, "batches.json")))
    pool = load_label_pool()
    sets = {}
    missing = 0
    for batch, b in manifest.items():
        if b.get("file") is None or (only and batch not in only) or (not only and b["held_out"] != holdout):
            continue
        key = batch if only else b["style"] + ("-holdout" if holdout else "")
        labels, files = sets.setdefault(key, ([], set()))
        files.add(b["file"])
        for i in b["ids"]:
            if i in pool:
                labels.append(pool[i])
            else:
                missing += 1
    if not holdout and not only:
        old = sc.load_labels(sc.LABELS)
        sets.setdefault("wh2123", ([], {"whitehouse-2021-2023.jsonl.gz"}))[0].extend(old)
        st = sc.load_labels(os.path.join(HERE, "statements", "labels.jsonl"))
        sets["statements"] = (st, {None})
    if missing:
        print(f"note: {missing} drawn documents have no label yet", file=sys.stderr)
    return sets


def write_input(path, labels, files, corpus_dir=CORPUS_DIR):
    wanted = {d["id"] for d in labels}
    with open(path, "w", encoding="utf-8") as out:
        for f in files:
            src = os.path.join(HERE, "statements", "docs.jsonl") if f is None else os.path.join(corpus_dir, f)
            opener = gzip.open if src.endswith(".gz") else open
            with opener(src, "rt", encoding="utf-8") as fh:
                for line in fh:
                    d = json.loads(line)
                    if d.get("id") in wanted:
                        out.write(json.dumps(d, ensure_ascii=False) + "\n")


def score_style(labels, preds_by_doc, bodies, verbose):
    tp = fp = fn = opt = 0
    invented = neg_docs_hit = 0
    field_ok = {f: [0, 0] for f in FIELDS}
    errors = []
    for doc in labels:
        golds = [sc.gold_view(g, bodies) for g in doc["commitments"]]
        raw_preds = preds_by_doc.get(doc["id"], [])
        preds = [sc.pred_view(c, bodies) for c in raw_preds]
        pairs = sc.match(golds, preds)
        mg = {g for g, _ in pairs}
        mp = {p for _, p in pairs}
        tp += sum(1 for g, _ in pairs if not golds[g]["optional"])
        opt += sum(1 for g, _ in pairs if golds[g]["optional"])
        missed = [g for i, g in enumerate(golds) if i not in mg and not g["optional"]]
        spurious = [(p, raw_preds[i]) for i, p in enumerate(preds) if i not in mp]
        fn += len(missed)
        fp += len(spurious)
        if not doc["announces"] and spurious:
            invented += len(spurious)
            neg_docs_hit += 1
        for gi, pi in pairs:
            g, p, raw = golds[gi]["raw"], preds[pi], raw_preds[pi]
            if g.get("optional"):
                continue
            got = {
                "category": p["category"], "instrument": p["instrument"], "qualifier": p["qualifier"],
                "status": raw.get("status"), "announced_on": raw.get("announced_on"),
            }
            for f in FIELDS:
                want = g.get(f)
                if want is None or (f == "qualifier" and g.get("amount") is None):
                    continue
                field_ok[f][1] += 1
                have = got[f] or ""
                field_ok[f][0] += int(have == want or (f == "announced_on" and have.startswith(str(want))))
        if verbose and (missed or spurious):
            errors.append(f"\n{doc['id']}\n  {str(doc.get('title'))[:110]}  "
                          f"[{'announces' if doc['announces'] else 'no commitment'}]")
            for g in missed:
                errors.append(f"  missed:   {sc.describe(g)}  ({g['raw'].get('note', '')})")
            for p, raw in spurious:
                rules = ",".join(raw.get("rules") or [])
                errors.append(f"  spurious: {sc.describe(p)}  {p['category']}/{p['instrument']} {rules}")
    p = sc.ratio(tp, tp + fp)
    r = sc.ratio(tp, tp + fn)
    # A style with no required gold has no recall, so no F1: it is scored by what is invented.
    f1 = sc.ratio(2 * p * r, p + r) if tp + fn else None
    n_neg = sum(1 for d in labels if not d["announces"])
    return {
        "docs": len(labels), "negatives": n_neg, "tp": tp, "fp": fp, "fn": fn, "optional_matched": opt,
        "precision": p, "recall": r, "f1": f1, "invented": invented, "negative_docs_hit": neg_docs_hit,
        "fields": {f: (ok, n) for f, (ok, n) in field_ok.items()}, "errors": errors,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "pledgewatch"))
    ap.add_argument("--style", action="append", help="score only these styles")
    ap.add_argument("--holdout", action="store_true", help="score the untouched held-out batches")
    ap.add_argument("--batch", action="append", help="score only these batches, each on its own (e.g. a fresh held-out batch)")
    ap.add_argument("--floors", help="JSON {style: {f1, invented}}; exit 1 below a floor or above an invented count")
    ap.add_argument("--corpus-dir", help="where the corpus files are (default: ../shared/corpus beside the project)")
    ap.add_argument("--json", help="write the figures as JSON here")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each document's errors")
    args = ap.parse_args()
    bodies = sc.load_national_bodies(sc.INSTITUTIONS)
    sets = style_sets(args.holdout, args.batch)
    manifest = json.load(open(os.path.join(LABEL_DIR, "batches.json")))
    tmp = tempfile.mkdtemp(prefix="pledgewatch-eval-")
    results = {}
    for style, (labels, files) in sets.items():
        base = style.replace("-holdout", "")
        if args.batch:
            base = manifest[style]["style"]
        if args.style and style not in args.style and base not in args.style:
            continue
        if not labels:
            continue
        inp = os.path.join(tmp, style + ".jsonl")
        write_input(inp, labels, files, args.corpus_dir or CORPUS_DIR)
        out = inp + ".out"
        with open(out, "w") as fh:
            subprocess.run([args.bin, "extract", "--format", "jsonl", inp], stdout=fh, check=False)
        results[style] = score_style(labels, sc.read_predictions(out), bodies, args.verbose)
    for style, r in results.items():
        if r["errors"]:
            print(f"==== {style}")
            print("\n".join(r["errors"]))
    print(f"\n{'style':34} {'docs':>5} {'neg':>4} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>6} {'R':>6} {'F1':>6} "
          f"{'inv':>4}  fields (category instrument qualifier status date)")
    for style, r in results.items():
        name = style if args.batch else STYLE_NAMES.get(style.replace("-holdout", ""), style) + (" [held out]" if "holdout" in style else "")
        fields = " ".join(f"{sc.ratio(ok, n):.2f}" if n else "  - " for ok, n in r["fields"].values())
        f1 = f"{r['f1']:6.3f}" if r["f1"] is not None else "   n/a"
        print(f"{name:34} {r['docs']:5} {r['negatives']:4} {r['tp']:4} {r['fp']:4} {r['fn']:4} "
              f"{r['precision']:6.3f} {r['recall']:6.3f} {f1} {r['invented']:4}  {fields}")
    scored = [s for s in results if results[s]["f1"] is not None]
    if scored:
        worst = min(scored, key=lambda s: results[s]["f1"])
        print(f"worst style: {worst} F1 {results[worst]['f1']:.3f}; invented on negatives in all: "
              f"{sum(r['invented'] for r in results.values())}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({s: {k: v for k, v in r.items() if k != "errors"} for s, r in results.items()}, fh, indent=1)
    if args.floors:
        floors = json.load(open(args.floors))
        bad = []
        for style, floor in floors.items():
            r = results.get(style)
            if r is None or style.startswith("_"):
                continue
            low = floor.get("f1") is not None and (r["f1"] or 0.0) < floor["f1"]
            if low or r["invented"] > floor.get("invented", 0):
                bad.append(f"{style}: F1 {r['f1']} (floor {floor.get('f1')}), "
                           f"invented {r['invented']} (at most {floor.get('invented', 0)})")
        for b in bad:
            print("FAIL " + b)
        if bad:
            sys.exit(1)
        print("all style floors hold")


if __name__ == "__main__":
    main()
