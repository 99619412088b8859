"""The report of the last import, in the member's language: counts, sheets read, row problems, sources."""

from __future__ import annotations

import flet as ft

from sync.atlas_import import ImportReport
from views.shell import i18n
from views.shell.facts import caption
from views.shell.i18n import Lang
from views.shell.theme import Space, Tone, Type

#: Row problems listed one by one; the rest are counted (a bad file can have thousands).
ISSUES_SHOWN = 30


def import_report_card(report: ImportReport, lang: Lang) -> ft.Control:
    def n(value: int) -> str:
        return i18n.number(value, lang)

    lines: list[ft.Control] = [
        ft.Text(i18n.t("import_report_title", lang), style=Type.SECTION, color=Tone.TEXT),
        ft.Text(
            i18n.t(
                "import_report_counts",
                lang,
                plants=i18n.counted("count_plants", report.plants, lang),
                mines=i18n.counted("count_mines", report.mines, lang),
            ),
            style=Type.BODY,
            color=Tone.TEXT,
            data="import-report-counts",
        ),
        caption(report.source_path, ltr=True),
    ]
    for name, counts in report.changes.items():
        lines.append(
            ft.Text(
                i18n.t(
                    "import_report_changes",
                    lang,
                    collection=i18n.t(f"collection_{name}", lang),
                    added=n(counts.added),
                    changed=n(counts.changed),
                    removed=n(counts.removed),
                ),
                style=Type.BODY,
                color=Tone.TEXT,
            )
        )
    if report.files:
        lines.append(caption(i18n.t("import_report_sheets", lang, sheets=", ".join(report.files))))
    if report.issues:
        lines.append(
            ft.Text(
                i18n.t("import_report_issues", lang, count=n(len(report.issues))),
                style=Type.BODY_STRONG,
                color=Tone.ERROR,
            )
        )
        lines += [caption(i18n.row_issue(issue, lang), data="import-issue") for issue in report.issues[:ISSUES_SHOWN]]
        if len(report.issues) > ISSUES_SHOWN:
            lines.append(caption(i18n.t("import_report_more", lang, count=n(len(report.issues) - ISSUES_SHOWN))))
    else:
        lines.append(caption(i18n.t("import_report_no_issues", lang)))
    lines += [caption(i18n.t("import_report_source", lang, attribution=a)) for a in report.attributions]
    return ft.Column(lines, spacing=Space.XS, tight=True, data="import-report")
