"""Names sort in Persian alphabetical order, whatever keyboard typed them, with English after."""

from __future__ import annotations

from models.collation import collated, collation_key, collation_string
from models.provinces import PROVINCES


def test_provinces_sort_in_the_persian_alphabet_not_by_code_point() -> None:
    names = [p.name_fa for p in collated(PROVINCES, lambda p: p.name_fa)]
    assert names.index("چهارمحال و بختیاری") < names.index("خراسان جنوبی")  # چ comes before ح and خ
    assert names.index("کردستان") < names.index("کرمان") < names.index("گلستان") < names.index("گیلان")
    assert names.index("گیلان") < names.index("لرستان") < names.index("همدان") < names.index("یزد")
    assert names[0] == "آذربایجان شرقی" and names[-1] == "یزد"
    assert names.index("بوشهر") < names.index("تهران")


def test_arabic_letter_forms_and_half_spaces_sort_as_their_persian_letters() -> None:
    assert collation_key("كرمان") == collation_key("کرمان")  # Arabic kaf
    assert collation_key("ذوب‌آهن") == collation_key("ذوبآهن")  # the half-space is not a letter
    assert collation_key("آهن") < collation_key("آهن اسفنجی") < collation_key("آهنگ")  # the shorter word first


def test_english_names_sort_case_blind_after_persian_ones() -> None:
    assert collated(["zanjan", "Isfahan", "اصفهان", "alborz"], str) == ["اصفهان", "alborz", "Isfahan", "zanjan"]


def test_the_string_key_orders_exactly_as_the_tuple_key() -> None:
    from models.demo import demo_supplier

    names = [p.name_fa for p in PROVINCES] + [p.name_en for p in PROVINCES]
    names += [n for i in range(1, 400) for n in (demo_supplier(i).name_fa, demo_supplier(i).name_en or "")]
    names += ["آهن", "آهن اسفنجی", "آهنگ", "كرمان", "ذوب‌آهن", "Zanjan 2", "zanjan 10", "ø ł", ""]
    assert sorted(names, key=collation_string) == sorted(names, key=collation_key)
    assert all(collation_string(a) == collation_string(b) for a, b in [("كرمان", "کرمان"), ("ذوب‌آهن", "ذوبآهن")])
