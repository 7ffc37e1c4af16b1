"""A shopper's and a seller's steps through the test client: the basket, the checkout form, and a
shop's fulfilment steps in the seller centre."""

from django.urls import reverse

from marketplace import wards

WARD = int(wards.wards(22)[3].code)


def add(client, product, quantity=1):
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    assert response.status_code == 302


def checkout_data(groups_choice=None, **overrides):
    """The checkout form as a guest fills it in, with the delivery chosen for each shop."""
    data = {
        "email": "khach@example.vn",
        "name": "Nguyễn Thị Lan",
        "phone": "0912345678",
        "province_code": 22,
        "ward_code": WARD,
        "street": "Số 5 đường Lê Thánh Tông",
        "payment_method": "cod",
    }
    for seller, option in (groups_choice or {}).items():
        data[f"shipping-{seller.pk}"] = option.pk
    data.update(overrides)
    return data


def option(seller, kind):
    return seller.shipping_options.get(kind=kind)


def step(client, order, step, **extra):
    """A seller moves their shop's order one fulfilment step on."""
    return client.post(
        reverse("dashboard:order-fulfil", kwargs={"number": order.number}),
        {"step": step, **extra},
        follow=True,
    )
