"""Money is whole đồng, shown the Vietnamese way in either interface language."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from marketplace.money import format_vnd


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (1_250_000, "1.250.000\xa0₫"),
        (Decimal("1250000.00"), "1.250.000\xa0₫"),
        (0, "0\xa0₫"),
        (999, "999\xa0₫"),
        (2_800_000_000, "2.800.000.000\xa0₫"),
    ],
)
def test_vnd_is_whole_dong_with_dots_and_the_dong_sign(language, amount, shown):
    with translation.override(language):
        assert format_vnd(amount) == shown


def test_oscar_templates_show_prices_the_same_way():
    with translation.override("en"):
        rendered = Template("{% load currency_filters %}{{ price|currency:'VND' }}").render(
            Context({"price": Decimal("1250000.00")})
        )
    assert rendered == "1.250.000\xa0₫"
