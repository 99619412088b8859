"""After the award, from devices to a real server and back: the officer signs the agreement, the supplier
gathers a milestone's evidence offline (kept across a restart of the app), sends it once, the officer accepts
it and pays the tranche, records a repayment and the verified FX saving; the ledger shows the disbursement."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.fund_award import EVIDENCE_DOCUMENT, InstalmentState, record_schedule
from models.fund_events import Disburse, RecordRepayment, ReviewMilestone, SignAgreement, VerifyFx
from models.fund_records import MilestoneState
from sync.errors import FundFileRefused
from sync.fund import FundClient
from sync.fund_award import AwardDesk
from tests.server.fund_world import AGREEMENT, FundDesk, seed_world
from tests.server.helpers import PASSWORD, Api
from tests.support.live_server import LiveServer
from tests.sync_e2e.conftest import Device

PHOTO = b"\x89PNG\r\n\x1a\n the rolls on the test bench" * 40


@pytest.fixture
def fund_server(tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(f"sqlite:///{tmp_path / 'server.sqlite3'}").start()
    seed_world(server)
    yield server
    server.close()


def _device(folder: Path, server: LiveServer, username: str) -> tuple[Device, FundClient]:
    device = Device(folder, server)
    device.sign_in(username, PASSWORD)
    assert device.sync().ok
    fund = FundClient.of(device.store)
    fund.follow_user()
    return device, fund


def test_evidence_gathered_offline_is_sent_once_accepted_and_paid_and_the_ledger_shows_the_payment(
    fund_server: LiveServer, tmp_path: Path
) -> None:
    world = FundDesk(fund_server, lambda: Api(fund_server.url))
    try:
        app_id = world.application_in("approved")
    finally:
        world.close()
    desk, officer = _device(tmp_path / "desk", fund_server, "officer1")
    officer.move(SignAgreement(application_id=app_id, **AGREEMENT))
    assert desk.sync().pushed.applied == 1

    phone, fund = _device(tmp_path / "phone", fund_server, "sepahan1")
    mine = fund.application(app_id)
    assert mine is not None and mine.stage == "under_way" and mine.agreement is not None
    plan = record_schedule(mine)
    assert plan is not None and len(plan.instalments) == AGREEMENT["term_months"]

    award = AwardDesk(fund)
    with pytest.raises(FundFileRefused) as refused:
        award.take_evidence(app_id, "m1", "notes.docx", "application/msword", b"x")
    assert refused.value.params["reason"] == "file_type"
    award.take_evidence(app_id, "m1", "bench.png", "image/png", PHOTO)
    award.set_evidence_note(app_id, "m1", "ده غلتک آزمایشی ساخته شد")
    phone.close()  # the app stops before the supplier sends: the files and the note are kept

    phone, fund = _device(tmp_path / "phone", fund_server, "sepahan1")
    award = AwardDesk(fund)
    files, note = award.evidence(app_id, "m1")
    assert [f.file_name for f in files] == ["bench.png"] and note == "ده غلتک آزمایشی ساخته شد"
    assert files[0].document == EVIDENCE_DOCUMENT and fund.file_bytes(files[0].sha256) == PHOTO
    award.send_evidence(app_id, "m1")
    assert award.evidence(app_id, "m1") == ([], "")
    assert phone.sync().pushed.applied == 1
    assert phone.sync().pushed.applied == 0  # sent once

    assert desk.sync().ok
    record = officer.application(app_id)
    assert record is not None and record.agreement is not None
    milestone = record.agreement.milestone("m1")
    assert milestone is not None and milestone.state is MilestoneState.SUBMITTED
    assert [e.file_name for e in milestone.evidence] == ["bench.png"]
    officer.move(ReviewMilestone(application_id=app_id, milestone_id="m1", accept=True, note_to_applicant="پذیرفته شد"))
    officer.move(
        Disburse(
            application_id=app_id,
            milestone_id="m1",
            amount_irr=milestone.tranche_irr,
            paid_on="2027-08-01",
            bank_ref="BR-1",
        )
    )
    first = record_schedule(record)
    assert first is not None
    officer.move(
        RecordRepayment(application_id=app_id, amount_irr=first.instalments[0].amount_irr, paid_on="2027-02-15")
    )
    officer.move(VerifyFx(application_id=app_id, verified_eur=900_000, verified_on="2027-09-01"))
    assert desk.sync().pushed.applied == 4

    assert phone.sync().ok
    mine = fund.application(app_id)
    assert mine is not None and mine.agreement is not None
    assert mine.agreement.milestones[0].state is MilestoneState.ACCEPTED
    assert mine.disbursed_irr == milestone.tranche_irr and mine.fx.verified_eur == 900_000
    plan = record_schedule(mine)
    assert plan is not None and plan.instalments[0].state is InstalmentState.PAID
    entry = next(e for e in fund.ledger() if e.trackingNo == mine.tracking_no)
    assert entry.amountDisbursed == milestone.tranche_irr and entry.fxSavingVerifiedEUR == 900_000
    phone.close()
    desk.close()
