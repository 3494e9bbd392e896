"""Micro precision, recall and F1 per fact family, status accuracy, and bad
evidence, by the rules at the end of FORMAT.md ("How a result is scored")."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from callsheet.keys import FAMILIES, alt_name_map, doc_items, norm, norm_text  # noqa: F401

def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn}


def score(gold_docs: dict, pred_docs: dict, texts: dict, report: list | None = None) -> dict:
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    status_ok = status_n = bad_total = 0
    for did, gold in gold_docs.items():
        pred = pred_docs.get(did, {"entities": [], "facts": []})
        gold_items, gold_status, _ = doc_items(gold)
        pred_items, pred_status, bad = doc_items(pred, texts.get(did), alt_name_map(gold))
        bad_total += bad
        fp["evidence"] += bad
        for family in FAMILIES:
            gset, pset = gold_items.get(family, {}), pred_items.get(family, {})
            for k, opt in gset.items():
                if k in pset:
                    tp[family] += 0 if opt else 1
                elif not opt:
                    fn[family] += 1
                    _note(report, f"MISS {did} {family} {k}")
            for k in pset:
                if k not in gset:
                    fp[family] += 1
                    _note(report, f"FP   {did} {family} {k}")
        for k, s in gold_status.items():
            if k in pred_status and not gold_items["credit"].get(k):
                status_n += 1
                if pred_status[k] & s:
                    status_ok += 1
                else:
                    _note(report, f"STAT {did} {k} gold={sorted(map(str, s))} "
                                  f"pred={sorted(map(str, pred_status[k]))}")
    out: dict = {}
    total_tp = total_fp = total_fn = 0
    for family in FAMILIES:
        total_tp += tp[family]
        total_fp += fp[family]
        total_fn += fn[family]
        out[family] = prf(tp[family], fp[family], fn[family])
    out["all"] = prf(total_tp, total_fp + fp["evidence"], total_fn)
    out["status_accuracy"] = round(status_ok / status_n, 4) if status_n else None
    out["bad_evidence"] = bad_total
    out["docs"] = len(gold_docs)
    out["docs_predicted"] = sum(1 for d in gold_docs if d in pred_docs)
    return out


def _note(report: list | None, line: str) -> None:
    if report is not None:
        report.append(line)


def load_gold(gold_dir: str | Path) -> dict[str, dict]:
    gold = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        gold[doc["doc"]["id"]] = doc
    return gold
