"""CMS hooks: the product and shop choosers, and what sellers may do and see in the CMS.

A seller's rights cover their shop's corner of the stories (marketplace/cms/stories.py); Wagtail's
page chooser, bulk actions, move views and reports would still name other shops' drafts. Here each
of those doors shows a user only the pages Wagtail's page permission policy lets them explore.
"""

from functools import wraps

from django.http import Http404
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .choosers import product_chooser_viewset, shop_chooser_viewset


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


@hooks.register("register_admin_viewset")
def register_shop_chooser():
    return shop_chooser_viewset


# --- Each user's own corner ------------------------------------------------------------------


def pages_in_reach(user):
    """The pages a user may work on: all for staff who moderate, a seller's corner for a seller."""
    return PagePermissionPolicy().explorable_instances(user)


def pages_on_the_way(user):
    """The pages in reach and the pages above them, which a chooser walks through to get there."""
    policy = PagePermissionPolicy()
    pages = policy.explorable_instances(user)
    for permission in policy.get_cached_permissions_for_user(user):
        pages |= Page.objects.ancestor_of(permission.page)
    return pages


def sees_reports(user) -> bool:
    # Reports list every shop's pages: they are for those who publish (moderators, superusers).
    return PagePermissionPolicy().user_has_permission(user, "publish")


@hooks.register("construct_page_chooser_queryset")
def page_chooser_in_reach(pages, request):
    # Browsing into a page names it as the listing's parent before any hook sees its children: a
    # page out of reach is missing here too.
    parent_id = (request.resolver_match.kwargs if request.resolver_match else {}).get("parent_page_id")
    on_the_way = pages_on_the_way(request.user)
    if parent_id is not None and not on_the_way.filter(pk=parent_id).exists():
        raise Http404
    return pages.filter(pk__in=on_the_way.values("pk"))


@hooks.register("before_move_page")
def move_in_reach(request, page_to_move, destination):
    # Wagtail's move-confirm page shows both titles before it checks any right.
    reach = pages_in_reach(request.user)
    if not reach.filter(pk__in=[page_to_move.pk, destination.pk]).count() == 2:
        raise Http404


class InReachMixin:
    """Bulk actions act on, and list, only pages in the user's reach; others are missing."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        reach = set(
            pages_in_reach(self.request.user)
            .filter(pk__in=[p.pk for p in [*objects, *extra["items_with_no_access"]]])
            .values_list("pk", flat=True)
        )
        objects = [p for p in objects if p.pk in reach]
        extra["items_with_no_access"] = [p for p in extra["items_with_no_access"] if p.pk in reach]
        if not objects and not extra["items_with_no_access"]:
            raise Http404
        return objects, extra


class InReachDeleteBulkAction(InReachMixin, DeleteBulkAction):
    pass


class InReachMoveBulkAction(InReachMixin, MoveBulkAction):
    pass


class InReachPublishBulkAction(InReachMixin, PublishBulkAction):
    pass


class InReachUnpublishBulkAction(InReachMixin, UnpublishBulkAction):
    pass


# After Wagtail's own (order 0): the registry keeps the last class registered for an action.
for action_class in [
    InReachDeleteBulkAction,
    InReachMoveBulkAction,
    InReachPublishBulkAction,
    InReachUnpublishBulkAction,
]:
    hooks.register("register_bulk_action", action_class, order=1)


@hooks.register("insert_global_admin_css")
def phone_sized_controls():
    return format_html('<link rel="stylesheet" href="{}">', static("themes/css/wagtail_phone.css"))


# The help menu's links to wagtail.org (release notes, the editor guide) are English pages on
# another site; the keyboard shortcuts stay.
WAGTAIL_ORG_LINKS = ("whats-new-in-wagtail-", "editor-guide")


@hooks.register("construct_help_menu")
def help_menu_without_wagtail_org(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_ORG_LINKS)]


@hooks.register("construct_reports_menu")
def reports_menu_for_publishers(request, menu_items):
    if not sees_reports(request.user):
        menu_items[:] = []


def reports_for_publishers(view):
    """Wraps Wagtail's report views (marketplace/urls.py): missing for those who do not publish."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not sees_reports(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
