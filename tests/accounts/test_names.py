"""Names as Vietnamese writes them: the family name first, on every page that greets or lists a person."""

import pytest

from tests.factories import seller_shop
from tests.pages import text

pytestmark = pytest.mark.django_db


def test_the_seller_centre_greets_a_seller_family_name_first(client):
    seller = seller_shop()
    owner = seller.owner
    owner.first_name, owner.last_name = "Đức Sơn", "Bùi"
    owner.save()
    client.force_login(owner)
    page = text(client.get("/dashboard/"))
    assert "Bùi Đức Sơn" in page
    assert "Đức Sơn Bùi" not in page


def test_an_account_made_at_checkout_keeps_the_name_as_typed():
    from django.contrib.auth import get_user_model

    user = get_user_model()(first_name="", last_name="Nguyễn Thị Lan")
    assert user.get_full_name() == "Nguyễn Thị Lan"
