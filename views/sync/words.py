"""Sync in words: states, times in the member's calendar, history entries and the server's reasons."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from models.access import REFUSAL_CODES
from sync import clock
from sync.engine import SyncState
from views.shell import i18n, labels
from views.shell.i18n import Lang, t
from views.sync.state import NOTE_MAX_CHARS, Mark, SyncSession

#: Codes a refused operation's reason starts with (``invalid_data: text: …``) that have words of their own:
#: the protocol's, and the refusals of shared records (needs, answers).
KNOWN_REJECTIONS = (
    "invalid_data",
    "read_only_collection",
    "unknown_collection",
    "invalid_action",
    "invalid_record_id",
    "quota_exceeded",
    "too_many_drafts",
    *REFUSAL_CODES,
)
_FIRST_NUMBER = re.compile(r"\d+")
KNOWN_CONFLICTS = ("base_version_mismatch", "deleted_on_server", "already_exists")
KNOWN_TRIGGERS = ("start", "manual", "sign_in", "local_write", "timer", "connectivity", "resume", "command_line")


def _local(iso: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone()  # the device's own time zone: what the member's clock says


def when(iso: str | None, lang: Lang) -> str:
    """«۱۴۰۵/۰۹/۰۷ ساعت ۱۴:۳۰» / "28 Nov 2026, 14:30"."""
    moment = _local(iso or "")
    if moment is None:
        return t("date_unknown", lang)
    return t("sync_when", lang, date=i18n.date(moment.date(), lang), time=i18n.digits(moment.strftime("%H:%M"), lang))


def ago(iso: str | None, lang: Lang) -> str | None:
    moment = _local(iso or "")
    if moment is None:
        return None
    seconds = (clock.now() - moment).total_seconds()
    if seconds < 60:
        return t("sync_ago_now", lang)
    for size, key in ((86_400, "sync_ago_days"), (3_600, "sync_ago_hours"), (60, "sync_ago_minutes")):
        if seconds >= size:
            return t(key, lang, n=i18n.number(int(seconds // size), lang))
    return None


def when_and_ago(iso: str | None, lang: Lang) -> str:
    relative = ago(iso, lang)
    absolute = when(iso, lang)
    return t("sync_when_ago", lang, when=absolute, ago=relative) if relative else absolute


def state_label(sync: SyncSession, lang: Lang) -> str:
    state = sync.state
    status = sync.status
    if state is SyncState.IDLE:
        if status.pending:
            return t("sync_state_waiting", lang)
        return t("sync_state_idle" if status.last_success_at else "sync_state_never", lang)
    return t(f"sync_state_{state.value}", lang)


def retry_line(sync: SyncSession, lang: Lang) -> str | None:
    seconds = sync.seconds_to_retry()
    return None if seconds is None else t("sync_retry_in", lang, seconds=i18n.number(seconds, lang))


def last_sync_line(sync: SyncSession, lang: Lang, *, relative: bool = True) -> str | None:
    at = sync.status.last_success_at
    if not at:
        return None
    return t("sync_last", lang, when=when_and_ago(at, lang) if relative else when(at, lang))


def pending_badge(count: int, lang: Lang) -> str:
    return t("sync_pending", lang, count=i18n.number(count, lang))


def collection_name(name: str, lang: Lang) -> str:
    key = f"sync_collection_{name}" if name in ("favourites", "notes") else f"collection_{name}"
    return t(key, lang) if key in i18n.CATALOGUE else name


def progress_line(sync: SyncSession, lang: Lang) -> str | None:
    progress = sync.progress()
    if progress is None:
        return None
    phase, collection, done = progress
    if phase == "pull":
        return t(
            "sync_progress_pull", lang, collection=collection_name(collection, lang), count=i18n.number(done, lang)
        )
    return t("sync_progress_push" if phase == "push" else "sync_progress_start", lang)


def error_words(code: str | None, detail: str | None, lang: Lang) -> str:
    """A recorded error (history, status) by its code; the catalogue has words for every code of sync/errors.py,
    and a Persian screen leaves an English detail out (views/shell/i18n.error_words)."""
    return i18n.error_words(code, detail, lang)


def rejection_words(reason: str | None, lang: Lang) -> str:
    """«invalid_data: text: …» → words for the code, the server's own detail kept in English; a Persian screen
    leaves the server's English out (the code's brief words, or the general refusal for a code it does not know)."""
    text = reason or "rejected"
    code, _, detail = text.partition(":")
    code = code.strip()
    if code in KNOWN_REJECTIONS or code == "rejected":
        found = _FIRST_NUMBER.search(detail)  # a limit's refusal names the limit first (docs/api.md)
        limit = i18n.number(int(found.group()), lang) if found else ""
        key = i18n.with_detail(f"rejected_reason_{code}", detail.strip(), lang)
        return t(key, lang, detail=detail.strip(), limit=limit)
    if lang == "fa" and not i18n.has_persian(text):
        return t("rejected_reason_rejected", lang)
    return text


def conflict_words(reason: str, lang: Lang) -> str:
    if reason in KNOWN_CONFLICTS:
        return t(f"conflict_reason_{reason}", lang)
    if lang == "fa" and not i18n.has_persian(reason):  # the server's English code stays off a Persian screen
        return t("conflict_reason_other#brief", lang)
    return t("conflict_reason_other", lang, reason=reason)


def mark_words(mark: Mark, lang: Lang) -> str:
    if mark.kind == "rejected":
        return t("mark_rejected", lang, reason=rejection_words(mark.reason, lang))
    return t(f"mark_{mark.kind}", lang)


def size_words(count: int, lang: Lang) -> str:
    if count >= 1_000_000:
        return t("size_mb", lang, value=i18n.number(count / 1_000_000, lang, 1))
    if count >= 1_000:
        return t("size_kb", lang, value=i18n.number(count / 1_000, lang, 1))
    return t("size_bytes", lang, value=i18n.number(count, lang))


def trigger_words(reason: str, lang: Lang) -> str:
    key = reason.replace(" ", "_")
    return t(f"history_trigger_{key}", lang) if key in KNOWN_TRIGGERS else reason


def history_lines(entry: dict[str, Any], lang: Lang) -> list[str]:
    """What one cycle did: result and trigger, what it sent and received, its error, its traffic."""
    n = lambda value: i18n.number(int(value or 0), lang)  # noqa: E731 — a short local formatter
    lines = [
        t(
            "history_result",
            lang,
            result=t("history_ok" if entry.get("ok") else "history_failed", lang),
            trigger=trigger_words(str(entry.get("reason", "")), lang),
        )
    ]
    changes: list[str] = []
    pushed = entry.get("pushed") or {}
    if pushed.get("applied"):
        changes.append(t("history_pushed", lang, count=n(pushed["applied"])))
    if pushed.get("conflicts"):
        changes.append(t("history_push_conflicts", lang, count=n(pushed["conflicts"])))
    if pushed.get("rejected"):
        changes.append(t("history_push_rejected", lang, count=n(pushed["rejected"])))
    for notice in pushed.get("notices") or []:
        key = f"history_{notice}"
        changes.append(t(key, lang) if key in i18n.CATALOGUE else notice)
    for name, counts in (entry.get("pulled") or {}).items():
        parts = [
            t(f"history_{what}", lang, count=n(counts.get(what)))
            for what in ("added", "changed", "removed")
            if counts.get(what)
        ]
        if parts:
            joiner = "، " if lang == "fa" else ", "
            changes.append(t("history_pulled", lang, collection=collection_name(name, lang), parts=joiner.join(parts)))
    changes += [
        t("history_resync", lang, collection=collection_name(name, lang)) for name in entry.get("resyncs") or []
    ]
    if entry.get("ok") and not changes:
        changes.append(t("history_nothing", lang))
    lines += changes
    if entry.get("error_code"):
        lines.append(error_words(entry["error_code"], entry.get("error_detail"), lang))
    lines.append(
        t(
            "history_traffic",
            lang,
            count=n(entry.get("requests")),
            size=size_words(int(entry.get("bytes") or 0), lang),
            seconds=i18n.number(float(entry.get("duration_s") or 0), lang, 1),
        )
    )
    return lines


def note_limit(lang: Lang) -> str:
    return t("notes_too_long", lang, max=i18n.number(NOTE_MAX_CHARS, lang))


def text_rtl(text: str) -> bool:
    """The direction of what the member wrote, from its first letter: a Persian note reads right to left in
    the English layout too (its full stop would otherwise land at its start), an English one left to right."""
    return labels.reads_rtl(text)
