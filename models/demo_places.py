"""Where demo suppliers are: Iran's industrial towns with real coordinates, weighted the way industry is.

Province weights follow where Iran's manufacturing sits (Isfahan and Tehran far ahead, then Khorasan
Razavi, Yazd, Markazi, Khuzestan, Kerman, Azerbaijan, Alborz, Semnan, Qazvin, Fars …); within a
province, the towns with industrial estates and mills. Each town's point is checked against the
province outlines the app ships, and so is every point a town's spread can reach
(tests/models/test_demo.py). Area codes are the provinces' real
telephone codes; demo numbers use them with subscriber numbers that begin with 0, which Iran never
assigns (0 is the trunk prefix), so no demo number can ring anyone.
"""

from __future__ import annotations

from typing import NamedTuple


class Town(NamedTuple):
    name_fa: str
    name_en: str
    lat: float
    lon: float
    weight: float
    #: How far (degrees) suppliers spread around the centre; less where a provincial border is near.
    spread: float = 0.025


class DemoProvince(NamedTuple):
    code: str
    weight: float
    area_code: str
    towns: tuple[Town, ...]


PROVINCES: tuple[DemoProvince, ...] = (
    DemoProvince("IR-10", 16.0, "31", (
        Town("اصفهان", "Isfahan", 32.6546, 51.6680, 5),
        Town("نجف‌آباد", "Najafabad", 32.6342, 51.3668, 2),
        Town("مبارکه", "Mobarakeh", 32.3464, 51.5044, 2),
        Town("شاهین‌شهر", "Shahin Shahr", 32.8580, 51.5529, 2),
        Town("کاشان", "Kashan", 33.9850, 51.4100, 2),
        Town("زرین‌شهر", "Zarrin Shahr", 32.3897, 51.3766, 1),
        Town("فلاورجان", "Falavarjan", 32.5553, 51.5097, 1),
        Town("شهرضا", "Shahreza", 32.0089, 51.8668, 1),
        Town("گلپایگان", "Golpayegan", 33.4537, 50.2884, 1),
    )),
    DemoProvince("IR-23", 14.0, "21", (
        Town("تهران", "Tehran", 35.6892, 51.3890, 5),
        Town("اسلام‌شهر", "Eslamshahr", 35.5522, 51.2350, 1),
        Town("شهریار", "Shahriar", 35.6597, 51.0592, 1, spread=0.005),
        Town("ورامین", "Varamin", 35.3242, 51.6457, 1),
        Town("پاکدشت", "Pakdasht", 35.4669, 51.6861, 1),
        Town("رباط‌کریم", "Robat Karim", 35.4846, 51.0829, 1),
        Town("پرند", "Parand", 35.4897, 50.9419, 1),
    )),
    DemoProvince("IR-09", 7.0, "51", (
        Town("مشهد", "Mashhad", 36.2605, 59.6168, 5),
        Town("نیشابور", "Neyshabur", 36.2133, 58.7958, 2),
        Town("سبزوار", "Sabzevar", 36.2126, 57.6819, 1),
        Town("تربت حیدریه", "Torbat-e Heydarieh", 35.2740, 59.2195, 1),
        Town("چناران", "Chenaran", 36.6455, 59.1212, 1),
    )),
    DemoProvince("IR-21", 6.0, "35", (
        Town("یزد", "Yazd", 31.8974, 54.3569, 4),
        Town("اردکان", "Ardakan", 32.3100, 54.0175, 2),
        Town("میبد", "Meybod", 32.2501, 54.0166, 1),
        Town("بافق", "Bafq", 31.6035, 55.4025, 1),
        Town("ابرکوه", "Abarkuh", 31.1304, 53.2825, 1),
    )),
    DemoProvince("IR-00", 6.0, "86", (
        Town("اراک", "Arak", 34.0917, 49.6892, 5),
        Town("ساوه", "Saveh", 35.0213, 50.3566, 2),
        Town("خمین", "Khomein", 33.6389, 50.0788, 1),
        Town("محلات", "Mahallat", 33.9114, 50.4531, 1),
        Town("دلیجان", "Delijan", 33.9905, 50.6838, 1),
    )),
    DemoProvince("IR-06", 6.0, "61", (
        Town("اهواز", "Ahvaz", 31.3183, 48.6706, 5),
        Town("ماهشهر", "Mahshahr", 30.5589, 49.1981, 1),
        Town("دزفول", "Dezful", 32.3811, 48.4058, 1),
        Town("آبادان", "Abadan", 30.3392, 48.3043, 1),
        Town("شوشتر", "Shushtar", 32.0455, 48.8567, 1),
    )),
    DemoProvince("IR-08", 5.0, "34", (
        Town("کرمان", "Kerman", 30.2839, 57.0834, 4),
        Town("سیرجان", "Sirjan", 29.4520, 55.6814, 2),
        Town("رفسنجان", "Rafsanjan", 30.4067, 55.9939, 1),
        Town("زرند", "Zarand", 30.8127, 56.5639, 1),
        Town("بردسیر", "Bardsir", 29.9275, 56.5722, 1),
    )),
    DemoProvince("IR-03", 5.0, "41", (
        Town("تبریز", "Tabriz", 38.0800, 46.2919, 5),
        Town("مراغه", "Maragheh", 37.3917, 46.2394, 1),
        Town("مرند", "Marand", 38.4329, 45.7749, 1),
        Town("بناب", "Bonab", 37.3404, 46.0561, 1),
        Town("میانه", "Mianeh", 37.4211, 47.7150, 1),
    )),
    DemoProvince("IR-30", 5.0, "26", (
        Town("کرج", "Karaj", 35.8400, 50.9391, 4),
        Town("اشتهارد", "Eshtehard", 35.7255, 50.3662, 2),
        Town("نظرآباد", "Nazarabad", 35.9521, 50.6075, 1),
        Town("هشتگرد", "Hashtgerd", 35.9619, 50.6799, 1),
    )),
    DemoProvince("IR-20", 4.0, "23", (
        Town("سمنان", "Semnan", 35.5729, 53.3971, 3),
        Town("شاهرود", "Shahroud", 36.4182, 54.9763, 2),
        Town("گرمسار", "Garmsar", 35.2182, 52.3409, 1),
        Town("دامغان", "Damghan", 36.1679, 54.3429, 1),
    )),
    DemoProvince("IR-26", 4.0, "28", (
        Town("قزوین", "Qazvin", 36.2688, 50.0041, 3),
        Town("محمدیه (شهر صنعتی البرز)", "Mohammadiyeh (Alborz Industrial City)", 36.2235, 50.1870, 2),
        Town("تاکستان", "Takestan", 36.0696, 49.6959, 1),
        Town("آبیک", "Abyek", 36.0400, 50.5310, 1, spread=0.005),
    )),
    DemoProvince("IR-07", 4.0, "71", (
        Town("شیراز", "Shiraz", 29.5918, 52.5837, 4),
        Town("مرودشت", "Marvdasht", 29.8742, 52.8025, 1),
        Town("نی‌ریز", "Neyriz", 29.1988, 54.3277, 1),
        Town("جهرم", "Jahrom", 28.5000, 53.5605, 1),
        Town("آباده", "Abadeh", 31.1608, 52.6506, 1),
    )),
    DemoProvince("IR-19", 2.5, "24", (
        Town("زنجان", "Zanjan", 36.6736, 48.4787, 3),
        Town("ابهر", "Abhar", 36.1468, 49.2180, 1),
        Town("خرمدره", "Khorramdarreh", 36.2030, 49.1915, 1),
    )),
    DemoProvince("IR-25", 2.5, "25", (
        Town("قم", "Qom", 34.6399, 50.8759, 4),
        Town("سلفچگان", "Salafchegan", 34.4784, 50.4580, 1),
    )),
    DemoProvince("IR-02", 2.0, "11", (
        Town("ساری", "Sari", 36.5633, 53.0601, 2),
        Town("آمل", "Amol", 36.4696, 52.3507, 1),
        Town("بابل", "Babol", 36.5387, 52.6770, 1),
        Town("قائم‌شهر", "Qaem Shahr", 36.4631, 52.8600, 1),
    )),
    DemoProvince("IR-22", 2.0, "76", (
        Town("بندرعباس", "Bandar Abbas", 27.1832, 56.2666, 4),
        Town("میناب", "Minab", 27.1467, 57.0801, 1),
    )),
    DemoProvince("IR-13", 1.5, "81", (
        Town("همدان", "Hamadan", 34.7983, 48.5148, 3),
        Town("ملایر", "Malayer", 34.2969, 48.8235, 1),
        Town("نهاوند", "Nahavand", 34.1885, 48.3769, 1),
    )),
    DemoProvince("IR-01", 1.5, "13", (
        Town("رشت", "Rasht", 37.2808, 49.5832, 3),
        Town("لاهیجان", "Lahijan", 37.2072, 50.0039, 1),
    )),
    DemoProvince("IR-04", 1.5, "44", (
        Town("ارومیه", "Urmia", 37.5527, 45.0761, 3),
        Town("خوی", "Khoy", 38.5503, 44.9521, 1),
        Town("میاندوآب", "Miandoab", 36.9694, 46.1027, 1),
    )),
    DemoProvince("IR-18", 1.5, "77", (
        Town("بوشهر", "Bushehr", 28.9684, 50.8385, 2),
        Town("برازجان", "Borazjan", 29.2699, 51.2188, 1),
        Town("کنگان", "Kangan", 27.8370, 52.0645, 1),
    )),
    DemoProvince("IR-15", 1.0, "66", (
        Town("خرم‌آباد", "Khorramabad", 33.4878, 48.3558, 2),
        Town("بروجرد", "Borujerd", 33.8973, 48.7516, 1),
        Town("ازنا", "Azna", 33.4558, 49.4555, 1),
    )),
    DemoProvince("IR-05", 1.0, "83", (
        Town("کرمانشاه", "Kermanshah", 34.3142, 47.0650, 3),
        Town("اسلام‌آباد غرب", "Eslamabad-e Gharb", 34.1094, 46.5275, 1),
    )),
    DemoProvince("IR-14", 1.0, "38", (
        Town("شهرکرد", "Shahrekord", 32.3256, 50.8644, 2, spread=0.005),
        Town("فارسان", "Farsan", 32.2574, 50.5617, 1),
    )),
    DemoProvince("IR-12", 0.7, "87", (
        Town("سنندج", "Sanandaj", 35.3219, 46.9862, 2),
        Town("قروه", "Qorveh", 35.1664, 47.8056, 1),
    )),
    DemoProvince("IR-24", 0.7, "45", (
        Town("اردبیل", "Ardabil", 38.2498, 48.2933, 2),
        Town("مشگین‌شهر", "Meshginshahr", 38.3989, 47.6819, 1),
    )),
    DemoProvince("IR-27", 0.7, "17", (
        Town("گرگان", "Gorgan", 36.8427, 54.4439, 2),
        Town("گنبد کاووس", "Gonbad-e Kavus", 37.2500, 55.1672, 1),
    )),
    DemoProvince("IR-28", 0.6, "58", (
        Town("بجنورد", "Bojnurd", 37.4747, 57.3290, 2),
        Town("اسفراین", "Esfarayen", 37.0765, 57.5101, 1),
    )),
    DemoProvince("IR-29", 0.6, "56", (
        Town("بیرجند", "Birjand", 32.8649, 59.2262, 2),
        Town("قائن", "Qaen", 33.7265, 59.1844, 1),
        Town("طبس", "Tabas", 33.5959, 56.9244, 1),
    )),
    DemoProvince("IR-11", 0.5, "54", (
        Town("زاهدان", "Zahedan", 29.4963, 60.8629, 2),
        Town("چابهار", "Chabahar", 25.2919, 60.6430, 1),
        Town("ایرانشهر", "Iranshahr", 27.2025, 60.6848, 1),
    )),
    DemoProvince("IR-17", 0.4, "74", (
        Town("یاسوج", "Yasuj", 30.6682, 51.5880, 2, spread=0.005),
        Town("دوگنبدان", "Dogonbadan", 30.3586, 50.7981, 1),
    )),
    DemoProvince("IR-16", 0.3, "84", (
        Town("ایلام", "Ilam", 33.6374, 46.4227, 2),
        Town("دهلران", "Dehloran", 32.6941, 47.2679, 1),
    )),
)  # fmt: skip
