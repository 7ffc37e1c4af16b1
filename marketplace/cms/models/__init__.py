"""Wagtail page types of the marketplace: the home page, producer stories, experiences, events, news.

The tree: Home → Stories (an index) → one page per shop → that shop's stories; Home → Experiences,
Events and News, each an index of its own pages. A shop's stories live under the shop's own page
so that a seller's permissions in the CMS cover that subtree and nothing else; staff approve and
publish through Wagtail's moderation workflow.

A module per content area (base, home, stories, experiences, events); every page type is
imported here, where Django and Wagtail look for them.
"""

from .base import (
    FEATURED_PRODUCTS,
    FEATURED_SHOPS,
    FEATURED_STORIES,
    FoldedSlugMixin,
    IllustratedPage,
    SectionIndexPage,
    SeoMixin,
)
from .events import EventIndexPage, EventPage, EventShop, NewsIndexPage, NewsPage
from .experiences import ExperienceDate, ExperienceIndexPage, ExperiencePage
from .home import FeaturedProduct, FeaturedShop, FeaturedStory, HomePage, in_order
from .stories import ShopStoriesPage, StoryIndexPage, StoryPage, StoryProduct

__all__ = [
    "FEATURED_PRODUCTS",
    "FEATURED_SHOPS",
    "FEATURED_STORIES",
    "EventIndexPage",
    "EventPage",
    "EventShop",
    "ExperienceDate",
    "ExperienceIndexPage",
    "ExperiencePage",
    "FeaturedProduct",
    "FeaturedShop",
    "FeaturedStory",
    "FoldedSlugMixin",
    "HomePage",
    "IllustratedPage",
    "NewsIndexPage",
    "NewsPage",
    "SectionIndexPage",
    "SeoMixin",
    "ShopStoriesPage",
    "StoryIndexPage",
    "StoryPage",
    "StoryProduct",
    "in_order",
]
