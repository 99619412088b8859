"""A data folder holding a field visit as an auditor left it and an admin decided it, for the report tests."""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

from PIL import Image, ImageDraw

from models.categories import CATEGORIES
from models.qualification import DecisionPart, decide
from models.visits import Finding, Proposal
from sync.fieldwork import Fieldwork
from sync.reference_store import ServerItem
from sync.registers import read_supplier_register
from sync.store import LocalStore
from tests.field_factories import REFRACTORIES, SEPAHAN, complete_answers, template

ROOT = Path(__file__).resolve().parents[2]
NOTE = "دو فشارسنج پرس ۶۳۰ تن برچسب کالیبراسیون منقضی داشتند"
CONDITIONS = "ارسال گواهی کالیبراسیون همهٔ فشارسنج‌ها"


def photo(seed: int) -> bytes:
    """A picture with shapes in it (a report shows it; its content does not matter)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (1600, 1200), (150, 120, 90))
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y = rng.randrange(1600), rng.randrange(1200)
        colour = (rng.randrange(255), rng.randrange(255), rng.randrange(255))
        draw.rectangle([x, y, x + rng.randrange(40, 300), y + rng.randrange(40, 200)], fill=colour)
    out = io.BytesIO()
    image.save(out, format="JPEG")
    return out.getvalue()


def seed_reference(store: LocalStore) -> None:
    """Categories, the register template's suppliers and the shipped checklists, as a sync would leave them."""
    store.categories.apply_page(
        [ServerItem(c.code, 1, False, c.model_dump(mode="json")) for c in CATEGORIES], "c1", False, "sync: test"
    )
    suppliers = read_supplier_register(ROOT / "docs" / "registers" / "suppliers-template.csv").records
    store.suppliers.apply_page(
        [ServerItem(s.id, 1, False, s.model_dump(mode="json")) for s in suppliers], "c1", False, "sync: test"
    )
    items = [ServerItem(t.key, 1, False, t.model_dump(mode="json"))
             for t in (template("general-supplier-audit.v1"), template("refractories-audit.v1"))]  # fmt: skip
    store.reference["checklists"].apply_page(items, "c1", False, "sync: test")


def decided_visit(folder: Path, author: str = "sara") -> tuple[LocalStore, str]:
    """An open store with one visit: complete, a critical question failed, three photos, two findings, a
    conditional approval proposed and decided."""
    store = LocalStore.open(folder)
    seed_reference(store)
    store.user._set_meta(owner=author)  # what signing in leaves behind
    store.user.unit.commit()
    work = Fieldwork(store)
    visit_id = work.start_visit(SEPAHAN, [REFRACTORIES], "general-supplier-audit@1",
                                planned_on=dt.date(2026, 11, 30)).visit.id  # fmt: skip
    for n, (question, value) in enumerate(complete_answers(template()).items()):
        if isinstance(value, list):
            work.attach_photo(visit_id, photo(n), question=question)
        else:
            work.answer(visit_id, question, value)
    work.answer(visit_id, "equip.calibration", False)
    work.answer(visit_id, "equip.calibration_overdue", 2)
    work.note(visit_id, "equip.calibration", NOTE)
    work.attach_photo(visit_id, photo(99), caption="فشارسنج پرس با برچسب منقضی")
    work.save_finding(visit_id, Finding(id="f1", severity="major", text="دو ابزار کالیبراسیون منقضی داشتند",
                                        question="equip.calibration"))  # fmt: skip
    work.save_finding(visit_id, Finding(id="f2", severity="strength", text="ردیابی محموله در کمتر از یک ساعت"))
    work.update(
        visit_id, visited_on=dt.date(2026, 12, 3), met_with="مهندس رضایی (مدیر کیفیت)",
        proposal=Proposal(outcome="conditional", reasons="کالیبراسیون ناقص", conditions=CONDITIONS,
                          conditions_due=dt.date(2027, 3, 1)),
    )  # fmt: skip
    work.set_location(visit_id, lat=32.6351, lon=51.3660, accuracy_m=9, source="device")
    work.submit(visit_id)
    decision = decide(
        DecisionPart(outcome="conditional", reasons="کالیبراسیون ناقص؛ باقی بخش‌ها قبول", conditions=CONDITIONS,
                     conditions_due=dt.date(2027, 3, 1)),
        visit_id=visit_id, supplier_id=SEPAHAN, visit_categories=[REFRACTORIES], decided_by="boss",
        now=dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC),
    )  # fmt: skip
    store.reference["decisions"].apply_page(
        [ServerItem(visit_id, 9, False, decision.model_dump(mode="json"))], "c1", False, "sync: test"
    )
    return store, visit_id
