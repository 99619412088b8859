"""Every query the server makes, reads included, as keyword-only functions on a session."""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.tables import (
    VERSION_COUNTER,
    Attachment,
    ClientState,
    Counter,
    Import,
    KnownSignIn,
    PushResult,
    Record,
    SignInAttempt,
    Token,
    TokenFamily,
    TombstoneHorizon,
    User,
    UserUsage,
)


class DuplicateUser(Exception):
    """A user with this name exists already."""


# ---- the version counter -------------------------------------------------------------------------
def lock_versions(session: Session) -> None:
    """Hold the counter row until commit, before reading what the write will depend on.

    Every writer locks it first, so writers are serialised and versions are handed out in commit
    order. SQLite's ``BEGIN IMMEDIATE`` (see ``server.db``) already did the same.
    """
    if session.get_bind().dialect.name == "sqlite":
        return
    session.execute(sa.select(Counter.value).where(Counter.name == VERSION_COUNTER).with_for_update())


def next_version(session: Session) -> int:
    """Take the next version; the counter row stays locked until this transaction ends."""
    statement = (
        sa.update(Counter)
        .where(Counter.name == VERSION_COUNTER)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    )
    return int(session.execute(statement).scalar_one())


def current_version(session: Session) -> int:
    """The last version handed out by a committed transaction (as this transaction sees it)."""
    return int(session.execute(sa.select(Counter.value).where(Counter.name == VERSION_COUNTER)).scalar_one())


# ---- records -------------------------------------------------------------------------------------
def get_record(session: Session, *, collection: str, owner: str, record_id: str) -> Record | None:
    return session.get(Record, (collection, owner, record_id))


def write_record(
    session: Session,
    *,
    collection: str,
    owner: str,
    record_id: str,
    version: int,
    data: dict[str, Any] | None,
    now: dt.datetime,
) -> Record:
    """Store a live record (``data``) or a tombstone (``data=None``) under ``version``."""
    record = session.get(Record, (collection, owner, record_id))
    if record is None:
        record = Record(collection=collection, owner=owner, record_id=record_id)
        session.add(record)
    record.version = version
    record.deleted = data is None
    record.data = data
    record.updated_at = now
    # No flush here: an import writes thousands of rows, and one flush at commit sends them in
    # batches (a flush per row made a 20,000-row import take 10-20 s instead of 1-3 s).
    return record


def feed_page(
    session: Session,
    *,
    collection: str,
    owner: str,
    after_version: int,
    after_id: str,
    omit_tombstones_up_to: int | None,
    limit: int,
) -> Sequence[Record]:
    """Records after ``(after_version, after_id)`` in (version, record_id) order.

    Tombstones with a version up to ``omit_tombstones_up_to`` are left out: they were deleted before
    the client's snapshot began, so it never had those records.
    """
    # A row-value comparison, which both backends answer with a range scan of ix_records_feed.
    after = sa.tuple_(Record.version, Record.record_id) > sa.tuple_(
        sa.literal(after_version, sa.BigInteger), sa.literal(after_id, sa.String)
    )
    statement = sa.select(Record).where(Record.collection == collection, Record.owner == owner, after)
    if omit_tombstones_up_to is not None:
        statement = statement.where(sa.or_(Record.deleted.is_(False), Record.version > omit_tombstones_up_to))
    statement = statement.order_by(Record.version, Record.record_id).limit(limit)
    return session.scalars(statement).all()


def records_with_prefix(session: Session, *, collection: str, owner: str, prefix: str) -> Sequence[Record]:
    """Records whose id starts with ``prefix`` (a need's answers: ``<need id>:``), tombstones included."""
    # substr, not LIKE: SQLite's LIKE ignores case, and an exact comparison needs no escaping
    statement = sa.select(Record).where(
        Record.collection == collection,
        Record.owner == owner,
        sa.func.substr(Record.record_id, 1, len(prefix)) == prefix,
    )
    return session.scalars(statement).all()


def reference_records(session: Session, *, collection: str) -> dict[str, Record]:
    """Every stored record of a reference collection, tombstones included, by id."""
    statement = sa.select(Record).where(Record.collection == collection, Record.owner == "")
    return {record.record_id: record for record in session.scalars(statement)}


def get_horizon(session: Session, *, collection: str, owner: str) -> tuple[int, str] | None:
    row = session.get(TombstoneHorizon, (collection, owner))
    return None if row is None else (row.version, row.record_id)


@dataclass(frozen=True)
class PurgedFeed:
    collection: str
    owner: str
    count: int


def purge_tombstones(session: Session, *, deleted_before: dt.datetime) -> list[PurgedFeed]:
    """Delete tombstones older than ``deleted_before`` and raise each feed's horizon past them."""
    stale = sa.and_(Record.deleted.is_(True), Record.updated_at < deleted_before)
    groups = session.execute(
        sa.select(Record.collection, Record.owner, sa.func.count(), sa.func.max(Record.version))
        .where(stale)
        .group_by(Record.collection, Record.owner)
    ).all()
    purged: list[PurgedFeed] = []
    for collection, owner, count, max_version in groups:
        max_id = session.execute(
            sa.select(sa.func.max(Record.record_id)).where(
                stale, Record.collection == collection, Record.owner == owner, Record.version == max_version
            )
        ).scalar_one()
        horizon = session.get(TombstoneHorizon, (collection, owner))
        if horizon is None:
            session.add(TombstoneHorizon(collection=collection, owner=owner, version=max_version, record_id=max_id))
        elif (max_version, max_id) > (horizon.version, horizon.record_id):
            horizon.version, horizon.record_id = max_version, max_id
        purged.append(PurgedFeed(collection, owner, int(count)))
    session.execute(sa.delete(Record).where(stale))
    session.flush()
    return purged


# ---- users and tokens ----------------------------------------------------------------------------
def create_user(
    session: Session, *, username: str, password_hash: str, role: str, now: dt.datetime, org_id: str | None = None
) -> User:
    user = User(
        username=username, password_hash=password_hash, role=role, disabled=False, created_at=now, org_id=org_id
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError as error:
        raise DuplicateUser(username) from error
    return user


def get_user_by_name(session: Session, *, username: str) -> User | None:
    return session.scalars(sa.select(User).where(User.username == username)).one_or_none()


def get_user(session: Session, *, user_id: int) -> User | None:
    return session.get(User, user_id)


def set_password_hash(session: Session, *, user_id: int, password_hash: str) -> None:
    session.execute(sa.update(User).where(User.id == user_id).values(password_hash=password_hash))


def add_tokens(session: Session, *, tokens: Iterable[Token]) -> None:
    session.add_all(list(tokens))
    session.flush()


def find_token(session: Session, *, token_hash: str, kind: str, now: dt.datetime) -> tuple[Token, User] | None:
    """A token that exists, is of ``kind``, has not expired or been revoked, of an enabled user."""
    statement = (
        sa.select(Token, User)
        .join(User, User.id == Token.user_id)
        .where(
            Token.token_hash == token_hash,
            Token.kind == kind,
            Token.revoked_at.is_(None),
            Token.expires_at > now,
            User.disabled.is_(False),
        )
    )
    row = session.execute(statement).one_or_none()
    return None if row is None else (row[0], row[1])


def revoke_token(session: Session, *, token_id: int, now: dt.datetime) -> bool:
    """Revoke one token; False when someone else revoked it first (a refresh race)."""
    result = session.execute(
        sa.update(Token).where(Token.id == token_id, Token.revoked_at.is_(None)).values(revoked_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def revoke_pair(session: Session, *, pair_id: str, now: dt.datetime) -> None:
    session.execute(sa.update(Token).where(Token.pair_id == pair_id, Token.revoked_at.is_(None)).values(revoked_at=now))


def add_family(session: Session, *, family_id: str, user_id: int, now: dt.datetime, expires_at: dt.datetime) -> None:
    session.add(TokenFamily(id=family_id, user_id=user_id, created_at=now, expires_at=expires_at))
    session.flush()


def find_refresh_token(session: Session, *, token_hash: str) -> tuple[Token, TokenFamily, User] | None:
    """A refresh token as stored, spent or not: reusing a spent one must be recognised as such."""
    statement = (
        sa.select(Token, TokenFamily, User)
        .join(TokenFamily, TokenFamily.id == Token.family_id)
        .join(User, User.id == Token.user_id)
        .where(Token.token_hash == token_hash, Token.kind == "refresh")
    )
    row = session.execute(statement).one_or_none()
    return None if row is None else (row[0], row[1], row[2])


def revoke_families(
    session: Session, *, now: dt.datetime, reason: str, family_id: str | None = None, user_id: int | None = None
) -> int:
    """Revoke one family (``family_id``) or every family of a user, with all their tokens; how many families."""
    where = TokenFamily.id == family_id if family_id is not None else TokenFamily.user_id == user_id
    token_where = Token.family_id == family_id if family_id is not None else Token.user_id == user_id
    session.execute(sa.update(Token).where(token_where, Token.revoked_at.is_(None)).values(revoked_at=now))
    result = session.execute(
        sa.update(TokenFamily)
        .where(where, TokenFamily.revoked_at.is_(None))
        .values(revoked_at=now, revoked_reason=reason)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def set_disabled(session: Session, *, user_id: int, disabled: bool) -> None:
    session.execute(sa.update(User).where(User.id == user_id).values(disabled=disabled))


def delete_dead_tokens(session: Session, *, before: dt.datetime) -> int:
    """Forget tokens that expired or were revoked before ``before``."""
    dead = sa.or_(Token.expires_at < before, Token.revoked_at < before)
    count = int(session.execute(sa.delete(Token).where(dead)).rowcount)  # type: ignore[attr-defined]
    # A family is kept while any token of it is: reusing a spent refresh token must still find its family.
    empty = ~sa.exists().where(Token.family_id == TokenFamily.id)
    family_dead = sa.or_(TokenFamily.expires_at < before, TokenFamily.revoked_at < before)
    session.execute(sa.delete(TokenFamily).where(family_dead, empty))
    return count


# ---- push state ----------------------------------------------------------------------------------
def client_state(session: Session, *, client_id: str, user_id: int, now: dt.datetime) -> ClientState:
    """The push state of one install for one user, created at ``last_seq = 0`` on first use."""
    state = session.get(ClientState, (client_id, user_id))
    if state is None:
        state = ClientState(client_id=client_id, user_id=user_id, last_seq=0, updated_at=now)
        session.add(state)
        session.flush()
    return state


def read_last_seq(session: Session, *, client_id: str, user_id: int) -> int:
    state = session.get(ClientState, (client_id, user_id))
    return 0 if state is None else state.last_seq


def stored_result(session: Session, *, client_id: str, user_id: int, seq: int) -> PushResult | None:
    return session.get(PushResult, (client_id, user_id, seq))


def consume_seq(
    session: Session,
    *,
    state: ClientState,
    seq: int,
    op_id: str,
    result: dict[str, Any],
    now: dt.datetime,
) -> None:
    """Record the answer to op ``seq`` and move the client's ``last_seq`` to it."""
    session.add(
        PushResult(
            client_id=state.client_id, user_id=state.user_id, seq=seq, op_id=op_id, result=result, created_at=now
        )
    )
    state.last_seq = seq
    state.updated_at = now
    session.flush()


def prune_results(session: Session, *, client_id: str, user_id: int, through_seq: int) -> int:
    """Forget the stored answers up to ``through_seq``: the client has applied them and will not replay them."""
    statement = sa.delete(PushResult).where(
        PushResult.client_id == client_id, PushResult.user_id == user_id, PushResult.seq <= through_seq
    )
    return int(session.execute(statement).rowcount)  # type: ignore[attr-defined]


def delete_old_results(session: Session, *, before: dt.datetime) -> int:
    """The backstop for clients that never acknowledge: answers older than the retention period."""
    return int(session.execute(sa.delete(PushResult).where(PushResult.created_at < before)).rowcount)  # type: ignore[attr-defined]


# ---- per-user usage (quotas) ---------------------------------------------------------------------------
def usage(session: Session, *, user_id: int) -> UserUsage:
    """The user's usage row (made at zero on first use); read under the counter lock, so exact."""
    row = session.get(UserUsage, user_id)
    if row is None:
        row = UserUsage(user_id=user_id, records=0, bytes=0)
        session.add(row)
        session.flush()
    return row


def count_drafts(session: Session, *, collection: str, author: str) -> int:
    """Live shared records of ``collection`` that ``author`` keeps in the ``draft`` state (visits)."""
    statement = sa.select(sa.func.count()).where(
        Record.collection == collection,
        Record.owner == "",
        Record.deleted.is_(False),
        Record.data["author"].as_string() == author,
        Record.data["state"].as_string() == "draft",
    )
    return int(session.scalar(statement) or 0)


# ---- users: removal and hand-over ------------------------------------------------------------------------
def user_records(session: Session, *, owner: str, collections: Sequence[str]) -> Sequence[Record]:
    statement = sa.select(Record).where(Record.owner == owner, Record.collection.in_(collections))
    return session.scalars(statement).all()


def delete_user(session: Session, *, user_id: int, collections: Sequence[str]) -> int:
    """Delete a user with everything that is theirs; how many of their records (live or not) went too.

    Records name their owner by a plain value, so they are deleted here explicitly; tokens, push state
    and usage go by the foreign keys' cascade, and are deleted explicitly as well (SQLite without
    foreign keys enforced would keep them).
    """
    owner = str(user_id)
    where = sa.and_(Record.owner == owner, Record.collection.in_(collections))
    count = int(session.execute(sa.delete(Record).where(where)).rowcount)  # type: ignore[attr-defined]
    session.execute(sa.delete(TombstoneHorizon).where(TombstoneHorizon.owner == owner))
    session.execute(sa.delete(PushResult).where(PushResult.user_id == user_id))
    for table in (ClientState, Token, TokenFamily, UserUsage, KnownSignIn):
        session.execute(sa.delete(table).where(table.user_id == user_id))  # type: ignore[attr-defined]
    session.execute(sa.delete(User).where(User.id == user_id))
    return count


# ---- the sign-in limiter -----------------------------------------------------------------------------
#: Any number will do: with the address's own number it names the advisory lock of one address's check.
_LIMITER_LOCK = 7_203_311
#: Old attempts deleted by one sign-in at most: the cleanup never makes one sign-in slow.
FORGET_BATCH = 500


def lock_limiter(session: Session, address: str) -> None:
    """Serialise the limiter's count-and-charge for ``address``: two guesses in flight must never both see room
    for one. Both limits count attempts of one address, so sign-ins from different addresses need not wait for
    each other (a global lock made 200 phones signing in at once queue one by one, each holding a pooled
    connection while it waited, until other requests timed out waiting for the pool: bench/load.py).

    SQLite's ``BEGIN IMMEDIATE`` already serialises writers; PostgreSQL takes a transaction advisory lock
    (not the version counter's row, so sign-ins never wait for pushes).
    """
    if session.get_bind().dialect.name != "sqlite":
        key = zlib.crc32(address.encode("utf-8")) - 2**31  # PostgreSQL's lock keys are signed 32-bit numbers
        session.execute(sa.select(sa.func.pg_advisory_xact_lock(_LIMITER_LOCK, key)))


def count_attempts(
    session: Session, *, address: str, since: dt.datetime, username: str | None = None
) -> tuple[int, dt.datetime | None]:
    """Attempts (in flight or failed) from ``address`` since ``since``, for ``username`` if given: (count, oldest)."""
    statement = sa.select(sa.func.count(), sa.func.min(SignInAttempt.at)).where(
        SignInAttempt.address == address, SignInAttempt.at > since
    )
    if username is not None:
        statement = statement.where(SignInAttempt.username == username)
    count, oldest = session.execute(statement).one()
    return int(count), oldest


def add_attempt(session: Session, *, username: str, address: str, now: dt.datetime) -> int:
    attempt = SignInAttempt(username=username, address=address, at=now, outcome="pending")
    session.add(attempt)
    session.flush()
    return attempt.id


def fail_attempt(session: Session, *, attempt_id: int) -> None:
    session.execute(sa.update(SignInAttempt).where(SignInAttempt.id == attempt_id).values(outcome="failed"))


def clear_attempts(session: Session, *, attempt_id: int, username: str, address: str) -> None:
    """A right password: this attempt and the pair's earlier failures no longer count."""
    session.execute(
        sa.delete(SignInAttempt).where(
            sa.or_(
                SignInAttempt.id == attempt_id,
                sa.and_(SignInAttempt.username == username, SignInAttempt.address == address),
            )
        )
    )


def forget_attempts(session: Session, *, before: dt.datetime) -> None:
    """Delete attempts older than the window (of every address), a batch at a time. On PostgreSQL the rows
    another sign-in is deleting are skipped, not waited for: sign-ins of different addresses run at once and
    must not queue (or deadlock) over each other's leftovers."""
    old = sa.select(SignInAttempt.id).where(SignInAttempt.at < before).limit(FORGET_BATCH)
    if session.get_bind().dialect.name != "sqlite":
        old = old.with_for_update(skip_locked=True)
    session.execute(sa.delete(SignInAttempt).where(SignInAttempt.id.in_(old.scalar_subquery())))


def known_sign_in(session: Session, *, username: str, address: str, since: dt.datetime) -> bool:
    """Whether ``username`` signed in successfully from ``address`` since ``since``."""
    statement = (
        sa.select(KnownSignIn.last_at)
        .join(User, User.id == KnownSignIn.user_id)
        .where(User.username == username, KnownSignIn.address == address, KnownSignIn.last_at > since)
    )
    return session.execute(statement).first() is not None


def remember_sign_in(session: Session, *, user_id: int, address: str, now: dt.datetime) -> None:
    row = session.get(KnownSignIn, (user_id, address))
    if row is None:
        session.add(KnownSignIn(user_id=user_id, address=address, last_at=now))
    else:
        row.last_at = now


# ---- imports -------------------------------------------------------------------------------------
def add_import(
    session: Session,
    *,
    now: dt.datetime,
    imported_by: str,
    source: str,
    version: int,
    counts: dict[str, Any],
    issues: int,
) -> Import:
    entry = Import(
        imported_at=now, imported_by=imported_by, source=source, version=version, counts=counts, issues=issues
    )
    session.add(entry)
    session.flush()
    return entry


def list_imports(session: Session, *, limit: int = 20) -> Sequence[Import]:
    return session.scalars(sa.select(Import).order_by(Import.id.desc()).limit(limit)).all()


# ---- the Fund ------------------------------------------------------------------------------------
def shared_records_with_prefix(session: Session, *, collection: str, prefix: str) -> Sequence[Record]:
    """Shared records of ``collection`` whose id starts with ``prefix`` (an application's reviews)."""
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    statement = sa.select(Record).where(
        Record.collection == collection, Record.owner == "", Record.record_id.like(pattern, escape="\\")
    )
    return session.scalars(statement).all()


def fund_applications_of(session: Session, *, supplier_id: str, call_id: str) -> Sequence[Record]:
    """A supplier's live applications to one call (read from the stored JSON on both backends)."""
    statement = sa.select(Record).where(
        Record.collection == "fund_applications",
        Record.owner == "",
        Record.deleted.is_(False),
        Record.data["supplier_id"].as_string() == supplier_id,
        Record.data["call_id"].as_string() == call_id,
    )
    return session.scalars(statement).all()


def enabled_usernames(session: Session, *, role: str) -> set[str]:
    statement = sa.select(User.username).where(User.role == role, User.disabled.is_(False))
    return set(session.scalars(statement))


def next_counter(session: Session, *, name: str) -> int:
    """The next value of a named counter (1 for a new one), inside the caller's write transaction; the
    caller already holds the version counter's lock, so two writers never draw the same number."""
    row = session.get(Counter, name)
    if row is None:
        row = Counter(name=name, value=0)
        session.add(row)
    row.value += 1
    session.flush()
    return int(row.value)


# ---- attachments (photos by content hash) -----------------------------------------------------------------
def get_attachment(session: Session, *, sha256: str) -> Attachment | None:
    return session.get(Attachment, sha256)


def start_attachment(session: Session, *, sha256: str, length: int, user_id: int, now: dt.datetime) -> Attachment:
    row = Attachment(
        sha256=sha256, length=length, offset=0, complete=False, uploaded_by=user_id, created_at=now, updated_at=now
    )
    session.add(row)
    session.flush()
    return row


def delete_attachment(session: Session, *, sha256: str) -> None:
    session.execute(sa.delete(Attachment).where(Attachment.sha256 == sha256))
    session.flush()


def stale_partial_attachments(session: Session, *, before: dt.datetime) -> Sequence[Attachment]:
    """Uploads begun and left unfinished before ``before`` (their bytes can be thrown away)."""
    statement = sa.select(Attachment).where(Attachment.complete.is_(False), Attachment.updated_at < before)
    return session.scalars(statement).all()
