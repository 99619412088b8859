"""Names sort in Persian alphabetical order, whatever keyboard typed them, with English after."""

from __future__ import annotations

from models.collation import collated, collation_key
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
