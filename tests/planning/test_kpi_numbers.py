"""Issue 21, item 4: the effectiveness indicators (page and PDF) show their figures with grouped thousands."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.utils import translation

from core.charts import comparison_bars_svg
from planning.indicators import KpiRow

NBSP = "\xa0"


def test_kpi_table_groups_the_figures_and_their_change_in_kazakh():
    row = KpiRow(indicator=SimpleNamespace(label="Кітап беру", decimals=0), value=1234567, previous=1000000, url=None)
    with translation.override("kk"):
        html = render_to_string("planning/_kpi_table.html", {
            "group": SimpleNamespace(rows=[row]), "date_from": dt.date(2026, 1, 1), "date_to": dt.date(2026, 6, 30),
            "previous": (dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
        })
    assert f"1{NBSP}234{NBSP}567" in html
    assert f"1{NBSP}000{NBSP}000" in html
    assert f"+234{NBSP}567 (+23 %)" in html


def test_kpi_chart_labels_its_bars_with_grouped_figures():
    with translation.override("ru"):
        svg = comparison_bars_svg([("Выдача", 25000, 12500)], current_label="сейчас", previous_label="раньше")
    assert f">25{NBSP}000</text>" in svg
    assert f">12{NBSP}500</text>" in svg
