#!/usr/bin/env python3
"""Draw the documents to label, by style, reproducibly (seeded), and write them
as readable batches outside the project for labellers.

The draw never looks at the extractor: half of each style's draw is "money
talk" (a currency figure near a word of giving, lending or aid), so that
positives are not too rare to score; the rest is drawn at random from the
style, which gives the hard and easy negatives that real traffic holds.

    python3 eval/sample.py --out /tmp/label-batches     # writes <batch>.txt and <batch>.ids

The manifest of batches (which ids, which are held out) is `eval/labels/batches.json`,
written by this script; labels live in `eval/labels/<batch>.jsonl`.
"""
import argparse
import gzip
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "shared", "corpus")

MONEY = re.compile(r"(?:[$€£¥]|\bUSD|\bEUR|\bRs\.?|\bLKR|\byen\b)\s?\d|\d[\d,.]*\s*(?:million|billion|bn|crore|lakh)\b", re.I)
# A stricter draw for styles where money talk is mostly budgets and campaigns: aid named as such.
AID_NEWS = re.compile(r"\b(?:military aid|security assistance|aid package|humanitarian (?:aid|assistance)|weapons package"
                      r"|drawdown|military assistance|pledge[sd]?|loan|grant|donat\w+|in aid|financial aid|credit line)\b", re.I)
GIVING = re.compile(r"\b(?:aid|assistance|grant|loan|credit line|donat|pledg|package|drawdown|humanitarian|support|funding|fund)\w*", re.I)

# style -> (file, source filter, [(batch, n, money_share, held_out)])
PLAN = {
    "wh2426": ("whitehouse-2024-2026.jsonl.gz", None,
               [("wh2426-a", 40, 0.6, False), ("wh2426-b", 40, 0.6, False), ("wh2426-holdout", 40, 0.6, True),
                ("wh2426-c", 40, 0.85, False, "aid"), ("wh2426-holdout-b", 40, 0.85, True, "aid"),
                ("wh2426-holdout-c", 30, 0.85, False, "aid"), ("wh2426-final-d", 40, 0.85, False, "aid"),
                ("wh2426-final-e", 40, 0.85, False, "aid"), ("wh2426-final-f", 30, 0.85, False, "aid"),
                ("wh2426-final-g", 40, 0.85, False, "aid"),
                ("wh2426-final-h", 40, 0.85, False, "aid"),
                ("wh2426-final-i", 40, 0.85, False, "aid"),
                ("wh2426-final-j", 40, 0.85, False, "aid"),
                ("wh2426-final-k", 40, 0.85, False, "aid")]),
    "news": ("cnn-2024.jsonl.gz", None,
             [("news-a", 40, 0.55, False), ("news-b", 40, 0.55, False), ("news-holdout", 40, 0.55, True),
              ("news-final-d", 40, 0.85, True), ("news-final-e", 40, 0.6, True),
              ("news-final-g", 40, 0.2, False)]),
    "summaries": ("news-and-decisions-2022-2025.jsonl.gz", "rss_news",
                  [("summaries-a", 100, 0.5, False), ("summaries-b", 80, 0.7, False, "aid"),
                   ("summaries-holdout", 60, 0.6, True, "aid"),
                   ("summaries-holdout-c", 50, 0.7, True, "aid"),
                   ("summaries-final-g", 40, 0.7, False, "aid"),
                   ("summaries-final-h", 40, 0.7, False, "aid"),
                   ("summaries-final-i", 40, 0.7, False, "aid"),
                   ("summaries-final-j", 40, 0.7, False, "aid"),
                ("summaries-final-k", 40, 0.7, False, "aid"),
                ("summaries-final-l", 40, 0.7, False, "aid"),
                ("summaries-final-m", 40, 0.7, False, "aid"),
                ("summaries-final-n", 40, 0.7, False, "aid"),
                ("summaries-final-o", 40, 0.7, False, "aid"),
                ("summaries-final-p", 40, 0.7, False, "aid"),
                ("summaries-final-q", 40, 0.7, True, "aid")]),
    "longform": ("news-and-decisions-2022-2025.jsonl.gz", "lk_news",
                 [("longform-a", 40, 0.55, False), ("longform-b", 30, 0.85, False, "aid"),
                  ("longform-holdout", 30, 0.85, True, "aid"),
                  ("longform-holdout-c", 25, 0.85, True, "aid"), ("longform-c", 30, 0.85, False),
                  ("longform-final-f", 25, 0.85, False, "aid"),
                  ("longform-final-g", 25, 0.85, False),
                  ("longform-final-h", 25, 0.85, False),
                  ("longform-final-i", 25, 0.85, False),
                  ("longform-final-j", 25, 0.85, False),
                ("longform-final-k", 25, 0.85, False),
                ("longform-final-l", 25, 0.85, False),
                ("longform-final-m", 25, 0.85, False),
                ("longform-final-n", 25, 0.85, False),
                ("longform-final-o", 25, 0.85, False),
                ("longform-final-p", 25, 0.85, False),
                ("longform-final-q", 25, 0.85, True)]),
    "cabinet": ("news-and-decisions-2022-2025.jsonl.gz", "lk_cabinet", [("cabinet-a", 60, 0.6, False), ("cabinet-holdout", 50, 0.6, True),
                                                                                  ("cabinet-holdout-c", 40, 0.6, True),
                                                                                  ("cabinet-final-h", 30, 0.6, False),
                                                                                  ("cabinet-final-i", 30, 0.6, False),
                                                                                  ("cabinet-final-j", 30, 0.6, False),
                ("cabinet-final-k", 30, 0.6, False)]),
    "wh2123": ("whitehouse-2021-2023.jsonl.gz", None, [("wh2123-a", 40, 0.6, False), ("wh2123-holdout", 30, 0.6, True), ("wh2123-final-h", 30, 0.6, False), ("wh2123-final-i", 30, 0.6, False), ("wh2123-final-j", 30, 0.6, False), ("wh2123-final-k", 30, 0.6, False), ("wh2123-final-l", 30, 0.6, False), ("wh2123-final-m", 30, 0.6, False), ("wh2123-final-n", 30, 0.6, False), ("wh2123-final-o", 30, 0.6, False), ("wh2123-final-p", 30, 0.6, False), ("wh2123-final-q", 30, 0.6, True)]),
}


def aid_sentence(doc):
    """A sentence that names aid as such and a figure."""
    return any(MONEY.search(s) and AID_NEWS.search(s) for s in re.split(r"(?<=[.!?])\s+|\n+", doc["text"]))


def money_talk(doc):
    text = doc["text"]
    for m in MONEY.finditer(text):
        window = text[max(0, m.start() - 200): m.end() + 200]
        if GIVING.search(window):
            return True
    return False


def load(file, source, taken):
    docs = []
    with gzip.open(os.path.join(CORPUS, file), "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if source and d.get("source") != source:
                continue
            if d["id"] in taken or len(d["text"]) < 80:
                continue
            docs.append(d)
    return docs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    taken = set()
    for path in ("corpus_labels.jsonl",):
        with open(os.path.join(HERE, path)) as f:
            taken.update(json.loads(l)["id"] for l in f if l.strip())
    # Documents read while writing rules never join a batch drawn after they were read.
    with open(os.path.join(HERE, "read_for_rules.txt")) as f:
        read = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    manifest_path = os.path.join(HERE, "labels", "batches.json")
    manifest = json.load(open(manifest_path)) if os.path.exists(manifest_path) else {}
    for style, (file, source, batches) in PLAN.items():
        rng = random.Random(f"{args.seed}:{style}")
        docs = load(file, source, taken)
        docs.sort(key=lambda d: d["id"])
        rng.shuffle(docs)
        talk = [d for d in docs if money_talk(d)]
        rest = [d for d in docs if not money_talk(d)]
        for batch, n, share, held, *strict in batches:
            if batch in manifest:
                # A labelled batch stays as drawn: take its ids, and draw later batches from what is left.
                by_id = {d["id"]: d for d in talk + rest}
                missing = [i for i in manifest[batch]["ids"] if i not in by_id]
                if missing:
                    raise SystemExit(f"{batch}: {len(missing)} drawn documents are no longer in the pool")
                pick = [by_id[i] for i in manifest[batch]["ids"]]
                chosen = set(manifest[batch]["ids"])
                talk = [d for d in talk if d["id"] not in chosen]
                rest = [d for d in rest if d["id"] not in chosen]
            else:
                k = round(n * share)
                talk = [d for d in talk if d["id"] not in read]
                rest = [d for d in rest if d["id"] not in read]
                if strict:
                    aid = [d for d in talk if aid_sentence(d)]
                    pick_talk = aid[:k]
                    chosen = {d["id"] for d in pick_talk}
                    talk = [d for d in talk if d["id"] not in chosen]
                else:
                    pick_talk, talk = talk[:k], talk[k:]
                pick = pick_talk + rest[: n - k]
                rest = rest[n - k:]
                rng.shuffle(pick)
            manifest[batch] = {"style": style, "file": file, "held_out": held,
                               "ids": [d["id"] for d in pick]}
            with open(os.path.join(args.out, batch + ".txt"), "w", encoding="utf-8") as f:
                for i, d in enumerate(pick, 1):
                    f.write(f"\n===== DOC {i} of {len(pick)}\nid: {d['id']}\ndate: {d.get('date')}\n"
                            f"title: {d.get('title')}\n-----\n{d['text']}\n")
            print(batch, len(pick), sum(len(d["text"]) for d in pick) // 1000, "kB")
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
