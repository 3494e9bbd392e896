"""What the pages show, worked out in Python so that templates only lay it out:
evidence split into plain and highlighted pieces (the template escapes each),
one-line summaries of changes, and the geometry of the SVG timeline."""
from __future__ import annotations

import re
from datetime import date

from callsheet.knowledge.cards import reports_label, what_of
from callsheet.knowledge.stages import STAGE_LABELS
from callsheet.schema import CREDIT_PREDICATES

STATUS_LABELS = {"rumored": "Rumored", "in_talks": "In talks", "attached": "Attached", "confirmed": "Confirmed",
                 "exited": "Exited", "credited": "Credited", None: "Stated"}
ROLE_LABELS = {"cast": "Cast", "director": "Director", "writer": "Writer", "producer": "Producer",
               "executive_producer": "Executive producer", "showrunner": "Showrunner", "creator": "Creator",
               "composer": "Composer", "cinematographer": "Cinematographer", "editor": "Editor", "host": "Host",
               "studio": "Studio", "network": "Network", "distributor": "Distributor", "streaming_on": "Streaming on",
               "filming_location": "Filming location", "filming_start": "Filming starts",
               "release_date": "Release date", "sequel_of": "Sequel of", "prequel_of": "Prequel of",
               "remake_of": "Remake of", "spinoff_of": "Spin-off of", "adaptation_of": "Adaptation of"}
# how a linked work is named from the page of the work it follows
LINKED_FROM_LABELS = {"sequel_of": "Sequel", "prequel_of": "Prequel", "remake_of": "Remake",
                      "spinoff_of": "Spin-off", "adaptation_of": "Adaptation"}
ROLE_ORDER = {p: n for n, p in enumerate(CREDIT_PREDICATES)}
PAGE_OF_TYPE = {"work": "projects", "person": "people", "company": "companies"}


def role_label(predicate: str) -> str:
    return ROLE_LABELS.get(predicate, predicate.replace("_", " ").capitalize())


def highlight(text: str, terms: list[str | None]) -> list[tuple[str, bool]]:
    """The evidence as (piece, stated) pairs, where stated pieces are the names
    the fact is about (a full name, or the surname the sentence uses)."""
    words = set()
    for term in terms:
        if term and not term.startswith("("):
            words.add(term)
            if " " in term and term.split()[-1][:1].isupper():
                words.add(term.split()[-1])
    if not words:
        return [(text, False)]
    pattern = re.compile("|".join((r"\b" if w[0].isalnum() else "") + re.escape(w) + (r"\b" if w[-1].isalnum() else "")
                                  for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    pieces, last = [], 0
    for m in pattern.finditer(text):
        if m.start() > last:
            pieces.append((text[last:m.start()], False))
        pieces.append((m.group(0), True))
        last = m.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def marked_copies(history: list[dict]) -> list[tuple[dict, bool]]:
    """Each report with whether it is a copy of a story an earlier report already told."""
    seen, out = set(), []
    for h in history:
        out.append((h, h.get("story") in seen))
        seen.add(h.get("story"))
    return out


def change_summary(change: dict) -> str:
    who = change["subject"]
    what = change["object"] or change["value"] or ""
    role = role_label(change["predicate"]).lower()
    status = STATUS_LABELS.get(change["status"], change["status"] or "").lower()
    if change["change"] == "status":
        before = STATUS_LABELS.get(change["previous"], change["previous"] or "").lower()
        return f"{who} — {role} — {what}: {before} → {status}"
    return f"{who} — {role} — {what}" + (f" ({status})" if change["status"] else "")


def _day(value: str | None) -> date | None:
    if not value:
        return None
    parts = value.split("-") + ["01", "01"]
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def timeline_svg(facts: list[dict], width: int = 760, row: int = 26, label_width: int = 230) -> dict | None:
    """Rows of coloured segments, one row per fact, one segment per status from
    the date an article gave it to the next change (or the latest date)."""
    rows = [f for f in facts if any(_day(h["published"]) for h in f["history"])]
    if not rows:
        return None
    days = [_day(h["published"]) for f in rows for h in f["history"] if _day(h["published"])]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    plot = width - label_width - 20

    def x(day: date) -> float:
        return round(label_width + plot * (day - first).days / span, 1)

    out_rows = []
    for n, fact in enumerate(rows[:40]):
        dated = [(d, h) for h in fact["history"] if (d := _day(h["published"]))]
        segments = []
        for i, (day, h) in enumerate(dated):
            end = dated[i + 1][0] if i + 1 < len(dated) else last
            start_x, end_x = x(day), x(end)
            segments.append({"x": start_x, "width": max(end_x - start_x, 6), "status": h["status"] or "stated",
                             "title": f"{STATUS_LABELS.get(h['status'], h['status'])} from {h['published']}"
                                      + (" (inferred: the day it was ingested)" if h.get("date_inferred") else "")})
        who = what_of(fact)
        label = f"{role_label(fact['predicate'])}: {who}"
        out_rows.append({"y": 24 + n * row, "label": label[:34] + ("…" if len(label) > 34 else ""),
                         "full": label, "segments": segments})
    ticks = [{"x": x(first), "label": first.isoformat(), "anchor": "start"}]
    if last != first:
        ticks.append({"x": x(last), "label": last.isoformat(), "anchor": "end"})
    return {"width": width, "height": 34 + len(out_rows) * row, "rows": out_rows, "row": row,
            "ticks": ticks, "label_width": label_width}


def group_facts(facts: list[dict]) -> dict:
    """A project card split for its page: credits (by role order), production
    facts, and the conflicts side by side."""
    credits = sorted((f for f in facts if f["predicate"] in CREDIT_PREDICATES),
                     key=lambda f: (ROLE_ORDER.get(f["predicate"], 99), f["status"] == "exited", f.get("person", "")))
    production = [f for f in facts if f["predicate"] not in CREDIT_PREDICATES]
    conflicts: dict[str, list[dict]] = {}
    for fact in facts:
        if fact["conflict"]:
            conflicts.setdefault(role_label(fact["predicate"]), []).append(fact)
    return {"credits": credits, "production": production, "conflicts": conflicts}


def credits_by_status(facts: list[dict], per_group: int = 100) -> list[dict]:
    """A person's or company's works grouped by where the credit stands, the
    most recently reported first; a long group shows its first `per_group`."""
    order = ["confirmed", "attached", "in_talks", "rumored", "credited", "exited", None]
    groups: dict = {}
    for fact in facts:
        groups.setdefault(fact["status"], []).append(fact)
    out = []
    for status in order + sorted(set(groups) - set(order), key=str):
        if status in groups:
            ranked = sorted(groups[status], key=lambda f: f["history"][-1]["published"] or "", reverse=True)
            out.append({"label": STATUS_LABELS.get(status, status), "facts": ranked[:per_group],
                        "total": len(ranked)})
    return out


__all__ = ["LINKED_FROM_LABELS", "PAGE_OF_TYPE", "STAGE_LABELS", "STATUS_LABELS", "change_summary", "credits_by_status", "group_facts", "highlight",
           "marked_copies", "reports_label", "role_label", "timeline_svg", "what_of"]
