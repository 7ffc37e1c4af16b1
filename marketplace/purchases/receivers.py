"""Purchases follow the sellers: a newly activated shop starts with default shipping options."""

from django.dispatch import receiver

from vendors.signals import seller_activated

from .shipping import shipping_defaults_create


@receiver(seller_activated, dispatch_uid="purchases-shipping-defaults")
def _shipping_defaults(sender, seller, **kwargs) -> None:
    shipping_defaults_create(seller)
