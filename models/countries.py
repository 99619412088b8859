"""Countries as ISO 3166-1 alpha-2 codes (a need's current origin), with fa/en names for the usual origins."""

from __future__ import annotations

from models.search import normalize

_CODES = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT
    BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH
    ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT
    HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS
    LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI
    NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG
    SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
    UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""
#: Every officially assigned ISO 3166-1 alpha-2 code.
ISO_ALPHA2: frozenset[str] = frozenset(_CODES.split())

#: Names of the countries Iranian mills buy parts and consumables from most (code → (fa, en)).
COUNTRY_NAMES: dict[str, tuple[str, str]] = {
    "AT": ("اتریش", "Austria"),
    "BE": ("بلژیک", "Belgium"),
    "BR": ("برزیل", "Brazil"),
    "CH": ("سوئیس", "Switzerland"),
    "CN": ("چین", "China"),
    "CZ": ("چک", "Czechia"),
    "DE": ("آلمان", "Germany"),
    "ES": ("اسپانیا", "Spain"),
    "FI": ("فنلاند", "Finland"),
    "FR": ("فرانسه", "France"),
    "GB": ("بریتانیا", "United Kingdom"),
    "IN": ("هند", "India"),
    "IR": ("ایران", "Iran"),
    "IT": ("ایتالیا", "Italy"),
    "JP": ("ژاپن", "Japan"),
    "KR": ("کره جنوبی", "South Korea"),
    "NL": ("هلند", "Netherlands"),
    "PL": ("لهستان", "Poland"),
    "RU": ("روسیه", "Russia"),
    "SE": ("سوئد", "Sweden"),
    "TR": ("ترکیه", "Türkiye"),
    "TW": ("تایوان", "Taiwan"),
    "UA": ("اوکراین", "Ukraine"),
    "US": ("ایالات متحده", "United States"),
    "AE": ("امارات متحده عربی", "United Arab Emirates"),
}

_BY_NAME: dict[str, str] = {}
for _code, (_fa, _en) in COUNTRY_NAMES.items():
    _BY_NAME[normalize(_fa)] = _code
    _BY_NAME[normalize(_en)] = _code
_BY_NAME.update({normalize(n): c for n, c in (("Turkey", "TR"), ("UK", "GB"), ("USA", "US"), ("Korea", "KR"))})


def country_code(text: str) -> str | None:
    """The alpha-2 code of a country written as a code or one of the names above, else None."""
    raw = text.strip()
    if raw.upper() in ISO_ALPHA2 and len(raw) == 2:
        return raw.upper()
    return _BY_NAME.get(normalize(raw))
