"""What the CMS does when something happens: an experience's product follows its page's publishing,
and a seller's corner opens with the seller centre and closes with it."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from vendors.signals import seller_access_changed

from .experiences import product_sync, product_withdraw
from .models import ExperiencePage
from .stories import cms_access_grant, cms_access_revoke


@receiver(page_published, sender=ExperiencePage, dispatch_uid="cms-experience-published")
@receiver(page_unpublished, sender=ExperiencePage, dispatch_uid="cms-experience-unpublished")
def _experience_product(sender, instance, **kwargs) -> None:
    """A published experience is on sale as a product, with the published title, price and picture;
    an unpublished or deleted one is not (its product stays, hidden, for the orders that name it)."""
    product_sync(instance)


@receiver(post_delete, sender=ExperiencePage, dispatch_uid="cms-experience-deleted")
def _experience_deleted(sender, instance, **kwargs) -> None:
    product_withdraw(instance)


@receiver(seller_access_changed, dispatch_uid="cms-seller-corner")
def _seller_corner(sender, seller, allowed: bool, **kwargs) -> None:
    if allowed:
        cms_access_grant(seller)
    else:
        cms_access_revoke(seller)
