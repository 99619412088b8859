"""A visit's report (PDF, Persian and English) and the visits' export (CSV, XLSX), read back with the libraries
that read them; the report's pages are rendered to PNG to be looked at."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from models.search import normalize
from sync.fieldwork import Fieldwork
from sync.store import LocalStore
from tests.views.visit_world import CONDITIONS, NOTE, decided_visit
from views.exports import ExportRequest, export
from views.shell import i18n
from views.shell.export import read_csv_table
from views.shell.pdf import pdf_available
from views.visits.report_pdf import answer_words

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
needs_pdf = pytest.mark.skipif(not pdf_available(), reason="HarfBuzz (uharfbuzz) is not installed")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalStore, str, Path]]:
    folder = tmp_path_factory.mktemp("visit-world")
    store, visit_id = decided_visit(folder)
    yield store, visit_id, folder
    store.close()


def words_of(text: str) -> str:
    """Normalised words without digits: a PDF's text extractor reverses digit runs inside Persian lines."""
    return " ".join(re.sub(r"[0-9]+", " ", normalize(text)).split())


def pdf_text(data: bytes) -> str:
    return words_of(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


@needs_pdf
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_report_holds_who_where_scores_decision_notes_and_photos(
    world: tuple[LocalStore, str, Path], tmp_path: Path, lang: str
) -> None:
    store, visit_id, _ = world
    rows, data = export(store, ExportRequest(what="visit", fmt="pdf", out=tmp_path / "v.pdf", lang=lang,
                                             record_id=visit_id))  # fmt: skip
    assert rows == 1
    text = pdf_text(data)
    detail = Fieldwork(store).visit(visit_id)
    assert detail is not None and detail.score is not None
    supplier = "صنایع نسوز نمونه سپاهان" if lang == "fa" else "Sepahan Sample Refractory Industries"
    for words in (
        supplier,
        i18n.t("visit_report_internal", lang),
        i18n.t("visit_outcome_conditional", lang),
        i18n.t("visit_outcome_rejected", lang),  # what the checklist suggests: a critical question failed
        NOTE,
        CONDITIONS,
        i18n.t("visit_report_failed_critical", lang),  # the total over its pass mark fails, and says why
        i18n.t("visit_report_coordinates", lang),
    ):
        assert words_of(words) in text, words
    if lang == "en":
        assert f"{detail.score.percent:.1f}% (pass mark 70%)" in " ".join(
            page.extract_text() for page in PdfReader(io.BytesIO(data)).pages
        )
    images = sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)
    assert images == 3
    SHOTS.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(data)
    for index in range(len(document)):
        document[index].render(scale=1.4).to_pil().save(SHOTS / f"80_visit_report_{lang}_{index + 1}.png")


def test_an_answer_reads_as_the_auditor_gave_it() -> None:
    from tests.field_factories import template

    general = template()
    documents = general.question("qms.documents")
    on_time = general.question("deliv.on_time")
    lab = general.question("insp.lab")
    assert documents is not None and on_time is not None and lab is not None
    assert answer_words(documents, 3, "en") == "3 of 5 — " + documents.anchors[3].en
    assert answer_words(documents, 3, "fa").startswith("۳ از ۵")
    assert answer_words(on_time, 92.5, "fa") == "۹۲٫۵ درصد"
    assert answer_words(on_time, 96, "en") == "96 %"
    assert answer_words(lab, "basic", "fa") == lab.options[1].label.fa
    assert answer_words(documents, None, "en") == "Not answered"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_visits_export_has_a_row_per_visit_with_its_score_and_decision(
    world: tuple[LocalStore, str, Path], tmp_path: Path, fmt: str
) -> None:
    store, visit_id, _ = world
    rows, data = export(store, ExportRequest(what="visits", fmt=fmt, out=tmp_path / f"v.{fmt}", lang="fa"))
    assert rows == 1
    if fmt == "csv":
        header, table = read_csv_table(data)
    else:
        sheet = load_workbook(io.BytesIO(data)).worksheets[0]
        assert sheet.sheet_view.rightToLeft
        values = [["" if c is None else str(c) for c in r] for r in sheet.iter_rows(values_only=True)]
        header, table = values[0], values[1:]
    (row,) = table
    cell = dict(zip(header, row, strict=True))
    assert cell[i18n.t("visits_export_id", "fa")] == visit_id
    assert cell[i18n.t("visits_export_decision", "fa")] == i18n.t("visit_outcome_conditional", "fa")
    assert cell[i18n.t("visits_export_far", "fa")] == i18n.t("export_no", "fa")
    assert float(cell[i18n.t("visits_export_percent", "fa")]) > 50
    assert cell[i18n.t("visits_export_visited", "fa")] == i18n.date(dt.date(2026, 12, 3), "fa")


@needs_pdf
def test_main_py_exports_a_visit_report(world: tuple[LocalStore, str, Path], tmp_path: Path) -> None:
    store, visit_id, folder = world
    store.close()  # the command opens the data folder itself
    out = tmp_path / "visit.pdf"
    result = subprocess.run(
        [sys.executable, "main.py", "export", "visit", visit_id, "--format", "pdf", "--out", str(out), "--lang", "en",
         "--data-dir", str(folder)],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    missing = subprocess.run(
        [sys.executable, "main.py", "export", "visit", "no-such-visit", "--format", "pdf", "--out", str(out),
         "--data-dir", str(folder)],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert missing.returncode != 0 and "no-such-visit" in missing.stderr + missing.stdout
