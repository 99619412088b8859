"""The supply category tree: dotted lower-case codes under the association's four supply groups, fa/en.

The association groups what the steel chain buys into four supply groups: raw materials,
consumables, mechanical and electrical parts, and advanced technology. Codes are paths
(``consumables.refractories.shaped``) whose first part is one of five *roots*; the third group has
two roots, ``mechanical`` and ``electrical``, because the issue's own codes (``mechanical.rolls``,
``electrical.drives``) and every member's purchasing system keep them apart. ``Category.group``
names the supply group, so screens can show the four groups and the codes stay as the issue wrote
them. The roots themselves are categories (they have names and a place in the tree), but they are
too broad to match anything by (see ``models/matching.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

CODE_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){0,3}$"
_CODE = re.compile(CODE_PATTERN)


class SupplyGroup(StrEnum):
    """The association's four supply groups."""

    RAW_MATERIALS = "raw_materials"
    CONSUMABLES = "consumables"
    MECHANICAL_ELECTRICAL = "mechanical_electrical"
    ADVANCED_TECHNOLOGY = "advanced_technology"


#: Each root code and the supply group it belongs to.
ROOT_GROUPS: dict[str, SupplyGroup] = {
    "raw_materials": SupplyGroup.RAW_MATERIALS,
    "consumables": SupplyGroup.CONSUMABLES,
    "mechanical": SupplyGroup.MECHANICAL_ELECTRICAL,
    "electrical": SupplyGroup.MECHANICAL_ELECTRICAL,
    "advanced_technology": SupplyGroup.ADVANCED_TECHNOLOGY,
}

#: The groups' own names, for headings over their roots.
GROUP_NAMES: dict[SupplyGroup, tuple[str, str]] = {
    SupplyGroup.RAW_MATERIALS: ("مواد اولیه", "Raw materials"),
    SupplyGroup.CONSUMABLES: ("مواد مصرفی", "Consumables"),
    SupplyGroup.MECHANICAL_ELECTRICAL: ("قطعات و تجهیزات مکانیکی و برقی", "Mechanical and electrical parts"),
    SupplyGroup.ADVANCED_TECHNOLOGY: ("فناوری‌های پیشرفته", "Advanced technology"),
}


def parent_code(code: str) -> str | None:
    """``a.b.c`` → ``a.b``; a root has no parent."""
    head, dot, _tail = code.rpartition(".")
    return head if dot else None


def ancestor_codes(code: str) -> list[str]:
    """The codes above ``code``, nearest first (``a.b.c`` → ``[a.b, a]``)."""
    out: list[str] = []
    parent = parent_code(code)
    while parent is not None:
        out.append(parent)
        parent = parent_code(parent)
    return out


def is_within(code: str, ancestor: str) -> bool:
    """True when ``code`` is ``ancestor`` or lies beneath it in the tree."""
    return code == ancestor or code.startswith(ancestor + ".")


def depth(code: str) -> int:
    """1 for a root, 2 for ``consumables.refractories``, …"""
    return code.count(".") + 1


class Category(BaseModel):
    """One node of the tree, as the ``categories`` reference collection serves it (id = ``code``)."""

    # extra="ignore": a newer server may send fields this client does not know yet.
    model_config = ConfigDict(frozen=True, extra="ignore")

    code: str = Field(pattern=CODE_PATTERN, max_length=120)
    parent: str | None = Field(default=None, pattern=CODE_PATTERN)
    group: SupplyGroup
    name_fa: str = Field(min_length=1, max_length=200)
    name_en: str = Field(min_length=1, max_length=200)
    #: Position among its siblings, for display.
    order: int = Field(default=0, ge=0)
    demo: bool = False

    @property
    def id(self) -> str:
        return self.code

    @property
    def is_root(self) -> bool:
        return self.parent is None

    @model_validator(mode="after")
    def _placed(self) -> Category:
        if self.parent != parent_code(self.code):
            raise ValueError(f"the parent of {self.code} is {parent_code(self.code)}, not {self.parent}")
        if ROOT_GROUPS.get(self.code.split(".")[0]) is not self.group:
            raise ValueError(f"{self.code} is not in the {self.group.value} group")
        return self


# (code, Persian, English). Order here is display order among siblings. The subcategories are the
# lines of purchase that Iranian mills localise (refractories, electrodes, rolls, spare parts …).
_TREE: tuple[tuple[str, str, str], ...] = (
    ("raw_materials", "مواد اولیه", "Raw materials"),
    ("raw_materials.iron_ore", "سنگ آهن، کنسانتره و گندله", "Iron ore, concentrate and pellets"),
    ("raw_materials.scrap", "قراضهٔ آهن", "Steel scrap"),
    ("raw_materials.coal_coke", "زغال‌سنگ و کک", "Coal and coke"),
    ("raw_materials.industrial_gases", "گازهای صنعتی", "Industrial gases"),
    ("raw_materials.non_ferrous", "فلزات غیرآهنی", "Non-ferrous metals"),
    ("consumables", "مواد مصرفی", "Consumables"),
    ("consumables.refractories", "نسوز", "Refractories"),
    ("consumables.refractories.shaped", "نسوز شکل‌دار (آجر)", "Shaped refractories (bricks)"),
    ("consumables.refractories.monolithic", "نسوز بی‌شکل (جرم و بتن نسوز)", "Monolithic refractories"),
    ("consumables.refractories.functional", "قطعات نسوز کاربردی (نازل، اسلاید گیت)", "Functional refractories"),
    ("consumables.refractories.insulating", "نسوز عایق", "Insulating refractories"),
    ("consumables.graphite_electrodes", "الکترود گرافیتی", "Graphite electrodes"),
    ("consumables.graphite_electrodes.uhp", "الکترود UHP", "UHP electrodes"),
    ("consumables.graphite_electrodes.hp", "الکترود HP", "HP electrodes"),
    ("consumables.graphite_electrodes.paste", "خمیر الکترود", "Electrode paste"),
    ("consumables.ferroalloys", "فروآلیاژ", "Ferroalloys"),
    ("consumables.ferroalloys.ferrosilicon", "فروسیلیسیم", "Ferrosilicon"),
    ("consumables.ferroalloys.ferromanganese", "فرومنگنز", "Ferromanganese"),
    ("consumables.ferroalloys.silicomanganese", "سیلیکومنگنز", "Silicomanganese"),
    ("consumables.ferroalloys.ferrochrome", "فروکروم", "Ferrochrome"),
    ("consumables.ferroalloys.ferromolybdenum", "فرومولیبدن", "Ferromolybdenum"),
    ("consumables.fluxes", "گدازآورها", "Fluxes"),
    ("consumables.fluxes.lime", "آهک", "Lime"),
    ("consumables.fluxes.dolomite", "دولومیت", "Dolomite"),
    ("consumables.fluxes.fluorspar", "فلورسپار", "Fluorspar"),
    ("consumables.mould_powders", "پودر قالب ریخته‌گری مداوم", "Continuous-casting mould powders"),
    ("consumables.cored_wire", "سیم توپودری (کورد وایر)", "Cored wire"),
    ("consumables.carbon_raisers", "کربن‌دهنده", "Carbon raisers"),
    ("consumables.grinding_media", "گلولهٔ آسیا", "Grinding media"),
    ("consumables.lubricants", "روانکار و گریس", "Lubricants and greases"),
    ("consumables.welding", "مواد جوشکاری و سخت‌کاری", "Welding and hardfacing consumables"),
    ("consumables.chemicals", "مواد شیمیایی و تصفیهٔ آب", "Chemicals and water treatment"),
    ("mechanical", "قطعات و تجهیزات مکانیکی", "Mechanical parts and equipment"),
    ("mechanical.rolls", "غلتک", "Rolls"),
    ("mechanical.rolls.work", "غلتک کاری", "Work rolls"),
    ("mechanical.rolls.backup", "غلتک پشتیبان", "Backup rolls"),
    ("mechanical.rolls.caster", "غلتک ریخته‌گری مداوم", "Caster rolls"),
    ("mechanical.rolls.section", "غلتک نورد مقاطع", "Section mill rolls"),
    ("mechanical.bearings", "یاتاقان و بلبرینگ", "Bearings"),
    ("mechanical.hydraulics", "هیدرولیک", "Hydraulics"),
    ("mechanical.hydraulics.cylinders", "جک هیدرولیک", "Hydraulic cylinders"),
    ("mechanical.hydraulics.pumps", "پمپ هیدرولیک", "Hydraulic pumps"),
    ("mechanical.hydraulics.valves", "شیر هیدرولیک", "Hydraulic valves"),
    ("mechanical.gearboxes", "گیربکس و کوپلینگ", "Gearboxes and couplings"),
    ("mechanical.spare_parts", "قطعات یدکی", "Spare parts"),
    ("mechanical.spare_parts.castings", "قطعات ریختگی", "Cast parts"),
    ("mechanical.spare_parts.forgings", "قطعات آهنگری", "Forged parts"),
    ("mechanical.spare_parts.machined", "قطعات ماشین‌کاری", "Machined parts"),
    ("mechanical.caster_parts", "قطعات ماشین ریخته‌گری مداوم (قالب مسی)", "Caster parts (copper moulds)"),
    ("mechanical.pumps_valves", "پمپ و شیرآلات صنعتی", "Industrial pumps and valves"),
    ("mechanical.cranes", "جرثقیل و تجهیزات حمل", "Cranes and handling"),
    ("mechanical.conveyors", "نوار نقاله", "Conveyors"),
    ("mechanical.seals", "آب‌بندها و واشرها", "Seals and gaskets"),
    ("electrical", "قطعات و تجهیزات برقی", "Electrical parts and equipment"),
    ("electrical.drives", "درایو", "Drives"),
    ("electrical.drives.ac", "درایو AC", "AC drives"),
    ("electrical.drives.dc", "درایو DC", "DC drives"),
    ("electrical.automation", "اتوماسیون و کنترل", "Automation and control"),
    ("electrical.automation.plc", "PLC و کارت‌های کنترل", "PLCs and control cards"),
    ("electrical.automation.dcs_scada", "DCS و SCADA", "DCS and SCADA"),
    ("electrical.motors", "الکتروموتور", "Electric motors"),
    ("electrical.instrumentation", "ابزار دقیق و حسگر", "Instrumentation and sensors"),
    ("electrical.transformers", "ترانسفورماتور (از جمله کورهٔ قوس)", "Transformers (incl. EAF)"),
    ("electrical.switchgear", "تابلو برق و کلیدخانه", "Switchgear and panels"),
    ("electrical.cables", "کابل", "Cables"),
    ("advanced_technology", "فناوری‌های پیشرفته", "Advanced technology"),
    ("advanced_technology.industrial_software", "نرم‌افزار صنعتی و MES", "Industrial software and MES"),
    ("advanced_technology.process_models", "مدل‌های کنترل فرایند", "Process control models"),
    ("advanced_technology.robotics", "رباتیک", "Robotics"),
    ("advanced_technology.machine_vision", "بینایی ماشین و بازرسی", "Machine vision and inspection"),
    ("advanced_technology.advanced_coatings", "پوشش‌های پیشرفته", "Advanced coatings"),
    ("advanced_technology.engineering_design", "طراحی و مهندسی معکوس", "Design and reverse engineering"),
)


def _build(rows: Iterable[tuple[str, str, str]]) -> tuple[Category, ...]:
    order: dict[str | None, int] = {}
    out: list[Category] = []
    for code, fa, en in rows:
        parent = parent_code(code)
        order[parent] = order.get(parent, -1) + 1
        group = ROOT_GROUPS[code.split(".")[0]]
        out.append(Category(code=code, parent=parent, group=group, name_fa=fa, name_en=en, order=order[parent]))
    return tuple(out)


#: The project's category tree. It is served as reference data, so the association can replace it.
CATEGORIES: tuple[Category, ...] = _build(_TREE)


class CategoryTree:
    """A set of categories with the lookups matching and screens need (built once per load)."""

    def __init__(self, categories: Iterable[Category]) -> None:
        self._by_code = {c.code: c for c in categories}
        self._children: dict[str | None, list[Category]] = {}
        for category in sorted(self._by_code.values(), key=lambda c: (c.order, c.code)):
            self._children.setdefault(category.parent, []).append(category)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Category]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str) -> Category | None:
        return self._by_code.get(code)

    def children(self, code: str | None) -> list[Category]:
        """The categories directly beneath ``code`` (the roots for ``None``), in display order."""
        return list(self._children.get(code, []))

    def descendants(self, code: str) -> list[str]:
        """Every code beneath ``code`` (not ``code`` itself), depth first."""
        out: list[str] = []
        for child in self.children(code):
            out.append(child.code)
            out += self.descendants(child.code)
        return out

    def names(self, code: str) -> tuple[str, str]:
        """(Persian, English) name of a code; an unknown code names itself."""
        category = self._by_code.get(code)
        return (category.name_fa, category.name_en) if category else (code, code)

    def problems(self) -> list[str]:
        """What makes this set not a tree: a parent that is missing (empty when it is whole)."""
        return [f"{c.code}: parent {c.parent} is missing" for c in self if c.parent and c.parent not in self]


DEFAULT_TREE = CategoryTree(CATEGORIES)


def is_code(text: str) -> bool:
    return bool(_CODE.fullmatch(text))
