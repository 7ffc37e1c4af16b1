"""Oscar orders made directly with Oscar's OrderCreator, bypassing the marketplace's checkout.

The checkout never makes an order holding several shops' lines; these tests need one (as a
staff-made or imported order could be) to prove a seller still sees only their own lines."""

from oscar.apps.order.utils import OrderCreator
from oscar.apps.shipping.methods import Free
from oscar.core.loading import get_class, get_model

from shop.partner.strategy import Default

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
Country = get_model("address", "Country")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")


def place_oscar_order(*, number: str, shopper, lines, ward_name: str):
    """Place order `number` for the shopper with (product, quantity) lines, unless it exists."""
    existing = Order.objects.filter(number=number).first()
    if existing is not None:
        return existing
    basket = Basket.objects.create(owner=shopper)
    basket.strategy = Default()
    for product, quantity in lines:
        basket.add_product(product, quantity)
    method = Free()
    shipping_charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, shipping_charge)
    address = ShippingAddress(
        first_name=shopper.first_name,
        last_name=shopper.last_name,
        line1="Số 12 đường Trần Hưng Đạo",
        line4=ward_name,
        state="Quảng Ninh",
        country=Country.objects.get(iso_3166_1_a2="VN"),
        phone_number="+84912345678",
    )
    address.save()
    order = OrderCreator().place_order(
        basket=basket,
        total=total,
        shipping_method=method,
        shipping_charge=shipping_charge,
        user=shopper,
        shipping_address=address,
        order_number=number,
        status="Pending",
    )
    basket.submit()
    return order
