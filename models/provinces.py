"""Iran's 31 provinces: ISO 3166-2:IR codes with Persian and English names, and name matching."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from models.search import normalize


class Province(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    name_fa: str
    name_en: str
    #: Other spellings met in sources (GEM writes "Khouzestan", "Hormuzgan", "... Province").
    aliases: tuple[str, ...] = ()


# Codes and names as in ISO 3166-2:IR (2020 coding); Persian names are the official ones.
PROVINCES: tuple[Province, ...] = (
    Province(code="IR-00", name_fa="مرکزی", name_en="Markazi", aliases=("Central",)),
    Province(code="IR-01", name_fa="گیلان", name_en="Gilan", aliases=("Guilan",)),
    Province(code="IR-02", name_fa="مازندران", name_en="Mazandaran"),
    Province(code="IR-03", name_fa="آذربایجان شرقی", name_en="East Azerbaijan", aliases=("Azarbayjan-e Sharqi",)),
    Province(code="IR-04", name_fa="آذربایجان غربی", name_en="West Azerbaijan", aliases=("Azarbayjan-e Gharbi",)),
    Province(code="IR-05", name_fa="کرمانشاه", name_en="Kermanshah"),
    Province(code="IR-06", name_fa="خوزستان", name_en="Khuzestan", aliases=("Khouzestan", "Khuzistan")),
    Province(code="IR-07", name_fa="فارس", name_en="Fars"),
    Province(code="IR-08", name_fa="کرمان", name_en="Kerman"),
    Province(code="IR-09", name_fa="خراسان رضوی", name_en="Razavi Khorasan", aliases=("Khorasan-e Razavi",)),
    Province(code="IR-10", name_fa="اصفهان", name_en="Isfahan", aliases=("Esfahan",)),
    Province(code="IR-11", name_fa="سیستان و بلوچستان", name_en="Sistan and Baluchestan"),
    Province(code="IR-12", name_fa="کردستان", name_en="Kurdistan", aliases=("Kordestan",)),
    Province(code="IR-13", name_fa="همدان", name_en="Hamadan"),
    Province(
        code="IR-14",
        name_fa="چهارمحال و بختیاری",
        name_en="Chaharmahal and Bakhtiari",
        aliases=("Chaharmahal and Bakhtiyari", "Chaharmahal va Bakhtiari"),
    ),
    Province(code="IR-15", name_fa="لرستان", name_en="Lorestan", aliases=("Luristan",)),
    Province(code="IR-16", name_fa="ایلام", name_en="Ilam"),
    Province(
        code="IR-17",
        name_fa="کهگیلویه و بویراحمد",
        name_en="Kohgiluyeh and Boyer-Ahmad",
        aliases=("Kohgiluye and Buyer Ahmad", "Kohgiluyeh and Boyer Ahmad"),
    ),
    Province(code="IR-18", name_fa="بوشهر", name_en="Bushehr"),
    Province(code="IR-19", name_fa="زنجان", name_en="Zanjan"),
    Province(code="IR-20", name_fa="سمنان", name_en="Semnan"),
    Province(code="IR-21", name_fa="یزد", name_en="Yazd"),
    Province(code="IR-22", name_fa="هرمزگان", name_en="Hormozgan", aliases=("Hormuzgan", "Hormozgan")),
    Province(code="IR-23", name_fa="تهران", name_en="Tehran"),
    Province(code="IR-24", name_fa="اردبیل", name_en="Ardabil"),
    Province(code="IR-25", name_fa="قم", name_en="Qom"),
    Province(code="IR-26", name_fa="قزوین", name_en="Qazvin"),
    Province(code="IR-27", name_fa="گلستان", name_en="Golestan"),
    Province(code="IR-28", name_fa="خراسان شمالی", name_en="North Khorasan"),
    Province(code="IR-29", name_fa="خراسان جنوبی", name_en="South Khorasan"),
    Province(code="IR-30", name_fa="البرز", name_en="Alborz"),
)

PROVINCES_BY_CODE: dict[str, Province] = {p.code: p for p in PROVINCES}


def _spelling_key(name: str) -> str:
    key = normalize(name)
    for noise in (" province", " ostan", "استان "):
        key = key.replace(noise, "")
    return "".join(ch for ch in key if ch.isalnum())


_BY_SPELLING: dict[str, str] = {}
for _p in PROVINCES:
    for _name in (_p.name_en, _p.name_fa, *_p.aliases):
        _BY_SPELLING[_spelling_key(_name)] = _p.code


def province_code_for_name(name: str | None) -> str | None:
    """The ISO code for a province spelled as a source spells it, or None when unrecognised."""
    if not name:
        return None
    return _BY_SPELLING.get(_spelling_key(name))
