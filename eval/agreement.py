#!/usr/bin/env python3
"""Agreement between two labellers who labelled the same documents blind.

    python3 eval/agreement.py      # eval/labels/agreement-*second.jsonl against the first labels

Reports, over the documents both labelled: agreement on the document's decision
(announces a new commitment or not) with Cohen's kappa, and record-level agreement
on required records, by the scorer's matching rule (donor, recipient, amount within
1% in the same currency), with the first labeller as gold: precision, recall and F1
of the second. Field agreement (category, instrument, qualifier, status) is counted
on matched pairs.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score_corpus as sc  # noqa: E402
from score_styles import load_label_pool  # noqa: E402


def main():
    paths = sys.argv[1:] or [os.path.join(HERE, "labels", n) for n in ("agreement-second.jsonl", "agreement-b-second.jsonl")]
    second = [json.loads(l) for p in paths if os.path.exists(p) for l in open(p) if l.strip()]
    first = load_label_pool()
    bodies = sc.load_national_bodies(sc.INSTITUTIONS)
    n = both = neither = only1 = only2 = 0
    tp = fp = fn = 0
    fields = {f: [0, 0] for f in ("category", "instrument", "qualifier", "status")}
    disagreements = []
    for d2 in second:
        d1 = first.get(d2["id"])
        if d1 is None:
            continue
        n += 1
        a1, a2 = d1["announces"], d2["announces"]
        both += a1 and a2
        neither += (not a1) and (not a2)
        only1 += a1 and not a2
        only2 += a2 and not a1
        g = [sc.gold_view(c, bodies) for c in d1["commitments"] if not c.get("optional")]
        p_raw = [c for c in d2["commitments"] if not c.get("optional")]
        p = [sc.gold_view(c, bodies) for c in p_raw]
        for v in p:
            v["optional"] = False
        pairs = sc.match(g, p)
        tp += len(pairs)
        fn += len(g) - len(pairs)
        fp += len(p) - len(pairs)
        for gi, pi in pairs:
            for f in fields:
                a, b = g[gi]["raw"].get(f), p[pi]["raw"].get(f)
                if a is None and b is None:
                    continue
                fields[f][1] += 1
                fields[f][0] += int(a == b)
        if len(pairs) != len(g) or len(pairs) != len(p) or a1 != a2:
            disagreements.append(f"  {d2['id'][:100]}: first {[sc.describe(x) for x in g]} second {[sc.describe(x) for x in p]}")
    po = (both + neither) / n if n else 0
    p_yes = ((both + only1) / n) * ((both + only2) / n) if n else 0
    p_no = ((neither + only2) / n) * ((neither + only1) / n) if n else 0
    pe = p_yes + p_no
    kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
    prec, rec = sc.ratio(tp, tp + fp), sc.ratio(tp, tp + fn)
    print(f"documents labelled by both: {n}")
    print(f"document decision: both announce {both}, neither {neither}, only first {only1}, only second {only2}; "
          f"observed agreement {po:.3f}, Cohen's kappa {kappa:.3f}")
    print(f"required records: first {tp + fn}, second {tp + fp}, matched {tp}; "
          f"second vs first P {prec:.3f} R {rec:.3f} F1 {sc.ratio(2 * prec * rec, prec + rec):.3f}")
    for f, (ok, tot) in fields.items():
        print(f"  {f} agreement on matched pairs: {ok}/{tot}")
    if disagreements:
        print("disagreements:")
        print("\n".join(disagreements))


if __name__ == "__main__":
    main()
