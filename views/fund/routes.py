"""The Fund's screens and the paths they answer (views/app.py puts every feature's routes together)."""

from __future__ import annotations

import flet as ft

from views.fund.agreement_form import AgreementFormView
from views.fund.application import ApplicationView
from views.fund.award import AwardView
from views.fund.draft_form import DraftFormView
from views.fund.home import FundView
from views.fund.milestone import MilestoneView


def routes() -> list[ft.Route]:
    return [
        ft.Route(path="fund", component=FundView),
        ft.Route(path="fund/draft/:record_id", component=DraftFormView),
        ft.Route(path="fund/application/:record_id", component=ApplicationView),
        ft.Route(path="fund/agreement/:record_id", component=AgreementFormView),
        ft.Route(path="fund/award/:record_id", component=AwardView),
        ft.Route(path="fund/milestone/:record_id", component=MilestoneView),
    ]
