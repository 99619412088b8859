"""Who is signed in, as what, and for whom: the account's user name, role and organisation with its names.

Every screen may ask (the header shows it; the needs screens show only the actions the role may take),
so it lives in the shell, worked out from the signed-in session the store keeps and the names the
atlas (a producer is one of its owner companies) and the directory (a supplier) give.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from models.atlas import Asset, OwnerShare
from models.orgs import ASSOCIATION_ORG_ID, OrgKind, Role, Viewer, org_kind
from sync.registers import plant_owners
from views.shell import i18n
from views.shell.i18n import Lang


@dataclass(frozen=True)
class Identity:
    """The signed-in account as screens show it."""

    username: str
    role: Role | None  # None: a role this app does not know (a newer server's)
    org_id: str | None
    org_fa: str | None = None
    org_en: str | None = None

    @property
    def viewer(self) -> Viewer | None:
        """What the access rules (models/access.py) take; None for a role this app does not know."""
        return None if self.role is None else Viewer(role=self.role, org_id=self.org_id)

    @property
    def org_kind(self) -> OrgKind | None:
        return org_kind(self.org_id) if self.org_id else None

    def org_name(self, lang: Lang) -> str:
        if not self.org_id:
            return i18n.t("org_none", lang)
        name = self.org_fa if lang == "fa" else self.org_en
        return name or self.org_en or self.org_fa or i18n.t("org_unknown", lang, id=i18n.ltr(self.org_id))

    def role_words(self, lang: Lang) -> str:
        return role_name(self.role.value if self.role else None, lang)

    def line(self, lang: Lang) -> str:
        """ "sara · member · Mobarakeh Steel Company" """
        return i18n.t(
            "who_line", lang, user=i18n.ltr(self.username), role=self.role_words(lang), org=self.org_name(lang)
        )


def role_can(who: Identity, lang: Lang) -> str:
    """What the account may do in the app, in a sentence (the account screen says it under the role)."""
    key = f"role_can_{who.role.value}" if who.role else ""
    return i18n.t(key, lang) if key in i18n.CATALOGUE else ""


def role_name(role: str | None, lang: Lang) -> str:
    key = f"role_{role}"
    return i18n.t(key, lang) if key in i18n.CATALOGUE else (role or "")


def identity_of(
    session: Mapping[str, Any] | None,
    *,
    owner_names: Callable[[str], tuple[str | None, str | None] | None],
    supplier_names: Callable[[str], tuple[str | None, str | None] | None],
) -> Identity | None:
    """The identity of a signed-in ``session`` (the store's auth record), or None when no one is signed in.

    ``owner_names(org_id)`` and ``supplier_names(org_id)`` give an organisation's (Persian, English) names
    when the atlas or the directory knows it.
    """
    if not session or not session.get("username"):
        return None
    raw_role = session.get("role")
    role = Role(raw_role) if raw_role in {r.value for r in Role} else None
    org_id = session.get("org_id") or None
    names: tuple[str | None, str | None] | None = None
    if org_id == ASSOCIATION_ORG_ID:
        names = (i18n.t("org_association", "fa"), i18n.t("org_association", "en"))
    elif org_id is not None and org_kind(org_id) is OrgKind.PRODUCER:
        names = owner_names(org_id)
    elif org_id is not None and org_kind(org_id) is OrgKind.SUPPLIER:
        names = supplier_names(org_id)
    fa, en = names or (None, None)
    return Identity(username=str(session["username"]), role=role, org_id=org_id, org_fa=fa, org_en=en)


def org_assets(org_id: str | None, assets: Iterable[Asset]) -> list[Asset]:
    """The plants and mines ``org_id`` owns directly or through a parent (what a member raises needs for):
    the rule the server applies to a pushed need (models/access.py, ``plant_orgs``)."""
    if not org_id:
        return []
    return [a for a in assets if org_id in asset_orgs(a)]


def asset_orgs(asset: Asset) -> frozenset[str]:
    """The organisations that own an asset, as the server decides it (sync/registers.py: ``plant_owners``): its
    owners' and parents' GEM entity ids (not GEM's "small shareholders"), and the ids the names table merged."""

    def share(o: OwnerShare) -> dict[str, Any]:
        return {"gem_id": o.gem_id, "name": o.name, "source_name": o.source_name, "source_gem_id": o.source_gem_id}

    owners = plant_owners(
        {"id": asset.id, "owners": [share(o) for o in asset.owners], "parents": [share(o) for o in asset.parents]}
    )
    return frozenset(owners.orgs) | frozenset(owners.merged)
