"""A device's data for the directory and needs screens: the real GEM atlas, the category tree, demo suppliers and
demo needs against the atlas's real plants (models/demo.py), and a few hand-made records whose facts the tests
know, as if synced; and signing an account in without a server (the store's session record)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from models.categories import CATEGORIES
from models.demo import demo_dataset
from models.needs import Answer, Need
from models.suppliers import Supplier
from sync.atlas_import import import_gem_into_store
from sync.store import LocalStore
from views.shell.directory_data import DirectoryData

MOBARAKEH_STEEL = "P100000120584"
MOBARAKEH_STEEL_CO = "E100000001959"
#: A real (register-like, not demo) refractory maker near Mobarakeh, with facts the tests check.
SEPAHAN = "S1042"
SEPAHAN_NEED = "N2031"
YESTERDAY = dt.date.today() - dt.timedelta(days=1)
NEXT_YEAR = dt.date.today() + dt.timedelta(days=400)
NEXT_MONTH = dt.date.today() + dt.timedelta(days=30)


def sepahan() -> Supplier:
    return Supplier.model_validate(
        {
            "id": SEPAHAN,
            "name_fa": "صنایع نسوز سپاهان",
            "name_en": "Sepahan Refractory Industries",
            "company_type": "manufacturer",
            "knowledge_based": True,
            "province": "IR-10",
            "city_fa": "مبارکه",
            "city_en": "Mobarakeh",
            "lat": 32.35,
            "lon": 51.5,
            "size_band": "medium",
            "founded_year": 1998,
            "categories": ["consumables.refractories.shaped"],
            "capabilities": {"processes": ["casting"], "materials": ["magnesia-carbon"]},
            "products": [
                {
                    "name_fa": "آجر منیزیا-کربن",
                    "name_en": "Magnesia-carbon bricks",
                    "category": "consumables.refractories.shaped",
                }
            ],
            "certificates": [
                {
                    "scheme": "ISO 9001",
                    "issuer": "TÜV",
                    "number": "Q-1",
                    "valid_to": NEXT_YEAR.isoformat(),
                    "source": "register",
                },
                {"scheme": "ISO 14001", "valid_to": NEXT_MONTH.isoformat(), "source": "self_declared"},
                {"scheme": "ISO 45001", "valid_to": YESTERDAY.isoformat(), "source": "register"},
            ],
            "qualifications": [
                {
                    "category": "consumables.refractories",
                    "state": "approved",
                    "since": YESTERDAY.isoformat(),
                    "expires": NEXT_YEAR.isoformat(),
                    "source": "visit",
                }
            ],
            "phone": "+98 31 5245 0000",
            "email": "sales@sepahan-refractory.example",
            "website": "https://sepahan-refractory.example",
            "provenance": {"capabilities": "self_declared", "products": "self_declared"},
            "origin": "register",
        }
    )


def sepahan_need(**fields: Any) -> Need:
    data: dict[str, Any] = {
        "id": SEPAHAN_NEED,
        "plant_id": MOBARAKEH_STEEL,
        "producer_org": MOBARAKEH_STEEL_CO,
        "item_fa": "آجر منیزیا-کربن پاتیل",
        "item_en": "Magnesia-carbon ladle bricks",
        "category": "consumables.refractories.shaped",
        "oem": "RHI Magnesita",
        "part_number": "MC-77",
        "annual_qty": 1450,
        "unit": "t",
        "annual_fx_eur": 2_300_000,
        "origin_country": "AT",
        "criticality": "A",
        "deadline": NEXT_YEAR.isoformat(),
        "status": "published",
        "origin": "register",
    }
    data.update(fields)
    return Need.model_validate(data)


def directory_store(
    shared_data: Path, suppliers: int = 1500, folder: Path | None = None, indexed: bool = True
) -> LocalStore:
    """The atlas from ../shared/data, the tree, ``suppliers`` demo suppliers, their needs, and Sepahan with its need."""
    store = LocalStore.in_memory() if folder is None else LocalStore.open(folder)
    import_gem_into_store(store, shared_data)
    demo = demo_dataset(suppliers, store.plants.all())
    answer = Answer(
        need_id=SEPAHAN_NEED,
        supplier_id=SEPAHAN,
        producer_org=MOBARAKEH_STEEL_CO,
        plant_id=MOBARAKEH_STEEL,
        note="نمونه در سه ماه",
        offered_by="sepahan1",
    )
    store.replace_reference(
        {
            "categories": list(CATEGORIES),
            "suppliers": [sepahan(), *demo.suppliers],
            "needs": [sepahan_need(), *demo.needs],
            "answers": [answer],
        },
        origin="sync: test",
    )
    if indexed:
        DirectoryData.of(store).snapshot()  # indexed, as the app has it a moment after start
    return store


def sign_in_as(store: LocalStore, username: str, role: str, org_id: str | None) -> None:
    """What a sign-in leaves in the store (no server needed: these screens read only the session record)."""
    store.user.set_auth(
        {
            "api_url": "http://127.0.0.1:9",
            "username": username,
            "role": role,
            "org_id": org_id,
            "access_token": "t",
            "access_expires_at": "2099-01-01T00:00:00Z",
            "refresh_token": "r",
            "refresh_expires_at": "2099-01-01T00:00:00Z",
        }
    )
