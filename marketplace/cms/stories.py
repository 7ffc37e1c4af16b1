"""A seller's corner of the CMS: the page under which they draft their shop's stories, and the
group whose permissions cover that page — add and edit, never publish — and nothing else.

Province staff (Wagtail's Moderators, or superusers) approve and publish through the moderation
workflow: submit → approve → publish.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from .models import HomePage, ShopStoriesPage, StoryIndexPage

# What a seller may do with pages in their corner: draft, edit and submit for moderation.
PAGE_PERMISSIONS = ["add_page", "change_page"]
IMAGE_PERMISSIONS = ["add_image", "choose_image"]


def group_name(seller) -> str:
    return f"Người bán: {seller.slug}"[:150]


def story_index() -> StoryIndexPage:
    index = StoryIndexPage.objects.first()
    if index is None:
        home = HomePage.objects.first()
        index = home.add_child(instance=StoryIndexPage(title="Câu chuyện", slug="stories"))
    return index


@transaction.atomic
def corner_for(seller) -> ShopStoriesPage:
    """The seller's corner (made on first use), with the seller given rights to it alone."""
    corner = ShopStoriesPage.objects.filter(shop=seller).first()
    if corner is None:
        corner = story_index().add_child(
            instance=ShopStoriesPage(title=seller.shop_name, slug=seller.slug, shop=seller)
        )
    group, created = Group.objects.get_or_create(name=group_name(seller))
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.create(
                group=group,
                page=corner,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
        for codename in IMAGE_PERMISSIONS:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=Collection.get_first_root_node(),
                permission=Permission.objects.get(content_type__app_label="wagtailimages", codename=codename),
            )
    seller.owner.groups.add(group)
    return corner


def cms_access_grant(seller) -> None:
    """An activated seller gets their corner of the CMS at once (once the site has its home page:
    a shop activated before that opens its corner from the seller centre's Stories page)."""
    if HomePage.objects.exists():
        corner_for(seller)


def cms_access_revoke(seller) -> None:
    """A suspended seller leaves the CMS too; their drafts stay for staff to see."""
    seller.owner.groups.remove(*Group.objects.filter(name=group_name(seller)))
