"""Folding Vietnamese the way shoppers type it without diacritics."""

import pytest

from marketplace.text import fold, slugify_vi

VOWELS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
}


@pytest.mark.parametrize(("base", "variants"), VOWELS.items())
def test_every_vietnamese_vowel_folds_to_its_base_letter_in_both_cases(base, variants):
    assert fold(variants) == base * len(variants)
    assert fold(variants.upper()) == base * len(variants)


def test_d_with_stroke_folds_to_d():
    assert fold("Đông Triều đặc sản") == "dong trieu dac san"


def test_slugs_are_ascii_and_keep_every_word():
    assert slugify_vi("Chả mực Hạ Long – hộp 500 g") == "cha-muc-ha-long-hop-500-g"
    assert slugify_vi("Gốm Đông Triều") == "gom-dong-trieu"


def test_oscar_makes_product_slugs_with_the_vietnamese_slug_function():
    from oscar.core.utils import slugify

    assert slugify("Trà hoa vàng Đồng Sơn") == "tra-hoa-vang-dong-son"
