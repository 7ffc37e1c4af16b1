"""The CMS follows the sellers: a seller's corner opens with the seller centre and closes with it."""

from django.dispatch import receiver

from vendors.signals import seller_access_changed

from .stories import cms_access_grant, cms_access_revoke


@receiver(seller_access_changed, dispatch_uid="cms-seller-corner")
def _seller_corner(sender, vendor, allowed: bool, **kwargs) -> None:
    if allowed:
        cms_access_grant(vendor)
    else:
        cms_access_revoke(vendor)
