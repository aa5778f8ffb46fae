"""Section 7, sub-process 5.6 (organisation and keeping of the fund), and the risk events of section 6."""

from __future__ import annotations

from circulation.models import Loan
from core.constants import Subprocess
from risks.models import RiskEvent
from storage.constants import CandidateDecision
from storage.models import ConditionReading, CopyState, InspectionAct, WeedingCandidate

from .base import admin_rows, register, rows

# Temperature and humidity readings taken in the period, and those out of the room's norm.
register("condition_readings", Subprocess.STORAGE,
         "Температура мен ылғалдылық өлшемдері", "Замеры температуры и влажности", "Temperature and humidity readings",
         rows(ConditionReading, "measured_at"), records=admin_rows(ConditionReading, "measured_at"))
register("out_of_norm_readings", Subprocess.STORAGE,
         "Нормадан тыс өлшемдер", "Замеры вне нормы", "Out-of-norm readings",
         rows(ConditionReading, "measured_at", is_out_of_norm=True),
         records=admin_rows(ConditionReading, "measured_at", is_out_of_norm__exact=1))

# Sanitary and fire-safety inspections (acts) held in the period.
register("inspection_acts", Subprocess.STORAGE,
         "Санитариялық және өрт қауіпсіздігі тексерулері", "Санитарные и пожарные проверки",
         "Sanitary and fire-safety inspections",
         rows(InspectionAct, "inspected_on"), records=admin_rows(InspectionAct, "inspected_on"))

# Copies issued in the period on a reader's order (a loan made from an order).
register("copies_issued_on_orders", Subprocess.STORAGE,
         "Тапсырыс бойынша берілген даналар", "Выдано экземпляров по заказам", "Copies issued on readers' orders",
         rows(Loan, "issued_at", reservation__isnull=False))

# Copies whose latest restoration falls in the period.
register("copies_restored", Subprocess.STORAGE,
         "Қалпына келтірілген даналар", "Отреставрировано экземпляров", "Copies restored",
         rows(CopyState, "restored_on"), records=admin_rows(CopyState, "restored_on"))

# Copies selected for write-off on the weeding lists confirmed in the period.
register("copies_selected_for_write_off", Subprocess.STORAGE,
         "Есептен шығаруға іріктелген даналар", "Отобрано на списание", "Copies selected for write-off",
         rows(WeedingCandidate, "weeding_list__confirmed_at", decision=CandidateDecision.WRITE_OFF))

# Risk events (section 6) that occurred in the period.
register("risk_events", Subprocess.RISKS,
         "Тәуекел оқиғалары", "События рисков", "Risk events",
         rows(RiskEvent, "occurred_at"), records=admin_rows(RiskEvent, "occurred_at"))
