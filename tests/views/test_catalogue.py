"""Every string the screens show comes from the catalogue, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

from models.atlas import CoordinateAccuracy
from models.enums import Process, Status
from views.shell.i18n import CATALOGUE
from views.sync.state import CHANGE_KINDS

VIEWS = Path(__file__).resolve().parents[2] / "views"
KEY_CALL = re.compile(
    r"""\bt\(\s*"([a-z_]+)"|label_key\s*=\s*"([a-z_]+)"|_key\s*=\s*"([a-z_]+)"|\(\s*"((?:home|about|column)_[a-z_]+)"\s*,"""
)


# Latin-script names that carry digits and stay as they are in Persian text (standards, licences, releases).
LATIN_ALLOWED = re.compile(r"{\w+}|ISO 3166-2|3166|1\.1|3\.0|4\.0|0\.1\.3|fpdf2|September 2025 \(V1\)|V1")


def keys_used_in_views() -> set[str]:
    keys: set[str] = set()
    for path in VIEWS.rglob("*.py"):
        for match in KEY_CALL.finditer(path.read_text(encoding="utf-8")):
            keys.update(group for group in match.groups() if group)
    return keys


def test_every_key_the_screens_use_is_in_the_catalogue_in_both_languages() -> None:
    dynamic = (
        {f"process_{p.value}" for p in Process}
        | {f"status_{s.value}" for s in Status}
        | {f"accuracy_{a.value}" for a in CoordinateAccuracy}
        | {f"site_map_{a.value}" for a in CoordinateAccuracy}
        | {f"history_{what}" for what in CHANGE_KINDS}
        | {f"news_from_devices_{c}" for c in ("notes", "favourites")}
        | {f"kind_{k}" for k in ("plant", "mine")}
        | {f"collection_{c}" for c in ("plants", "mines", "sources")}
        | {f"store_{c}" for c in ("store_recovered", "atlas_cache_reset", "user_data_restored",
                                  "user_data_quarantined", "device_data_reset")}
    )  # fmt: skip
    used = keys_used_in_views() | dynamic
    assert len(used) > 150
    missing = sorted(k for k in used if k not in CATALOGUE)
    assert missing == []
    empty = sorted(k for k in used if not all(CATALOGUE[k]))
    assert empty == []


def test_persian_texts_are_persian_and_placeholders_match() -> None:
    for key, (fa, en) in CATALOGUE.items():
        assert set(re.findall(r"{(\w+)}", fa)) == set(re.findall(r"{(\w+)}", en)), key
        if key != "switch_language":  # the button to Persian is labelled in Persian, and the other way round
            assert not re.search(
                r"[0-9]", re.sub(r"{\w+}|ISO 3166-2|3166|1\.1|3\.0|4\.0|0\.1\.3|fpdf2|September 2025 \(V1\)|V1", "", fa)
            ), key


#: Names that stand as labels on their own (chips, table cells, a supplier's kind, a need's status): sentence case
#: in English, as every other label is ("Operating", "Manufacturer", "Knowledge-based", not "operating").
LABEL_NAMES = re.compile(
    r"^(?:(?:company|size|qualification|provenance|need_status|criticality|process|status|certificate)_\w+"
    r"|knowledge_based"
    r"|no_operating_capacity)$"
)


def test_english_names_that_stand_as_labels_start_with_a_capital() -> None:
    names = {key: en for key, (_, en) in CATALOGUE.items() if LABEL_NAMES.match(key) and not en.startswith("{")}
    assert len(names) > 50  # kinds, sizes, standings, sources, needs' statuses, processes, statuses
    assert sorted(key for key, en in names.items() if not en[:1].isupper()) == []


def test_counts_in_english_take_their_plural_form_and_read_count_first() -> None:
    from views.shell.i18n import Counted, param_text, t

    assert t("sync_pending_long", "en", count="1") == "1 of your changes has not reached the server yet."
    assert t("sync_pending_long", "en", count="3") == "3 of your changes have not reached the server yet."
    assert t("sync_conflicts_count", "en", count="1") == "1 note in conflict"
    assert t("export_rows", "en", count="1") == "1 row"
    assert t("assumptions_what_ifs", "en", count="1") == "1 what-if unit"
    # a message that counts two things: each count says its own noun in its own form
    said = {
        k: param_text(v, "en")
        for k, v in {"plants": Counted("count_plants", 1), "mines": Counted("count_mines", 0)}.items()
    }
    assert t("notice_imported", "en", **said) == "Imported 1 plant and 0 mines."
    said = {
        k: param_text(v, "fa")
        for k, v in {"plants": Counted("count_plants", 47), "mines": Counted("count_mines", 12)}.items()
    }
    assert t("notice_imported", "fa", **said) == "۴۷ کارخانه و ۱۲ معدن وارد شد."


def test_no_english_message_leads_with_a_label_and_a_bare_count() -> None:
    """ "Changes not on the server yet: 1" reads as a form field, not a sentence: a count goes before its noun."""
    leading = sorted(key for key, (_, en) in CATALOGUE.items() if re.search(r"^[A-Z][a-z ]+: \{count\}\.?$", en))
    assert leading == []


def test_an_error_code_with_no_words_is_said_as_a_general_error_not_as_its_code() -> None:
    from views.shell.i18n import error_words

    assert error_words("some_newer_code", "disk on fire", "en") == "Something went wrong: disk on fire"
    assert error_words("some_newer_code", "disk on fire", "fa") == "خطایی رخ داد."  # English detail left out
    assert error_words("internal_error", "KeyError: 'x'", "fa") == "خطای پیش‌بینی‌نشده‌ای رخ داد."


def test_a_refusal_or_conflict_from_the_server_shows_no_english_on_a_persian_screen() -> None:
    from views.sync.words import conflict_words, rejection_words

    assert rejection_words("invalid_data: text: too long", "fa") == "سرور داده را نامعتبر دانست."
    assert rejection_words("invalid_data: text: too long", "en") == "The server found the data invalid: text: too long"
    assert rejection_words("some_new_code: why", "fa") == "سرور این تغییر را نپذیرفت."
    assert rejection_words("some_new_code: why", "en") == "some_new_code: why"
    assert rejection_words("quota_exceeded: 500 items", "fa").startswith("فضای شما روی سرور پر است (حداکثر ۵۰۰ مورد)")
    assert conflict_words("some_new_reason", "fa") == "روی سرور هم تغییر کرده بود."
    assert conflict_words("some_new_reason", "en") == "It had changed on the server too (some_new_reason)."
