"""The field visits' screens and the paths they answer (views/app.py puts every feature's routes together)."""

from __future__ import annotations

import flet as ft

from views.visits.correction_new import ProposeCorrectionView
from views.visits.correction_screen import CorrectionView
from views.visits.corrections_list import CorrectionsView
from views.visits.new_visit import NewVisitView
from views.visits.visit_screen import VisitView
from views.visits.visits_list import VisitsView


def routes() -> list[ft.Route]:
    return [
        ft.Route(path="visits/new", component=NewVisitView),
        ft.Route(path="visits", component=VisitsView),
        ft.Route(path="visit/:record_id", component=VisitView),
        ft.Route(path="corrections/new", component=ProposeCorrectionView),
        ft.Route(path="corrections", component=CorrectionsView),
        ft.Route(path="correction/:record_id", component=CorrectionView),
    ]
