"""What a report shows: labels of shares and alerts, and the context shared by the page and the PDF."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.numbers import format_number

from .engine.report import classes_from_dict, segments
from .models import Check, CollectionDocument

SHARE_LABELS = {
    "original": _("Originality"),
    "match": _("Matches"),
    "self_citation": _("Self-citations"),
    "citation": _("Citations"),
}
ALERT_LABELS = {
    "lookalike": _("Letters of another alphabet that look the same (Latin in Cyrillic words or the reverse)"),
    "invisible": _("Invisible characters (zero-width spaces, joiners, soft hyphens, direction marks)"),
    "hidden_text": _("Text hidden from the reader (white colour, tiny font or hidden attribute), characters"),
    "odd_spaces": _("Unusual space characters"),
    "transliterated": _(
        "Passages copied from a source in another alphabet (Cyrillic retyped in Latin letters or the reverse), words"
    ),
}
PASSAGE_KIND_LABELS = {
    "match": _("match"),
    "self_citation": _("self-citation"),
    "citation": _("citation"),
}


def report_context(check: Check) -> dict:
    report = check.report or {}
    text = check.text or ""
    passages = report.get("passages", [])
    classes = classes_from_dict(len(text), report)
    titles = {s["source_id"]: s["title"] for s in report.get("sources", [])}
    documents = CollectionDocument.objects.in_bulk([s["source_id"] for s in report.get("sources", [])])
    kinds = dict(CollectionDocument.Kind.choices)
    sources = []
    for number, source in enumerate(report.get("sources", []), start=1):
        document = documents.get(source["source_id"])
        sources.append({
            **source, "number": number, "percent": format_number(source["share"] / 100, 2),
            "kind_label": PASSAGE_KIND_LABELS.get(source["kind"], source["kind"]),
            "origin": kinds.get(document.kind, "") if document else _("removed from the collection"),
            "author": document.author if document else "",
        })
    source_numbers = {s["source_id"]: s["number"] for s in sources}
    shown_passages = [
        {**p, "text": text[p["start"]:p["end"]], "source_title": titles.get(p["source_id"], ""),
         "source_number": source_numbers.get(p["source_id"]),
         "kind_label": PASSAGE_KIND_LABELS.get(p["kind"], p["kind"])}
        for p in passages
    ]
    shares = report.get("shares", {})
    return {
        "check": check,
        "shares": [
            # "percent" and "chars" as the reader reads them ("85,50", "12 345" in Kazakh), "width" for the bar's CSS
            {"code": code, "label": label, "percent": format_number(shares.get(code, 0) / 100, 2),
             "width": f"{shares.get(code, 0) / 100:.2f}", "chars": format_number(report.get("chars", {}).get(code, 0))}
            for code, label in SHARE_LABELS.items()
        ],
        "total_chars": report.get("total_chars", len(text)),
        "total_chars_shown": format_number(report.get("total_chars", len(text))),
        "alerts": [
            {**alert, "label": ALERT_LABELS.get(alert["code"], alert["code"]), "count": format_number(alert["count"])}
            for alert in report.get("alerts", [])
        ],
        "sources": sources,
        "passages": shown_passages,
        "segments": segments(text, classes, passages),
    }
