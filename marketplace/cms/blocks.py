"""StreamField blocks of stories and news: text, pictures with captions, quotes, videos, and "buy"
blocks that show a product's live price and stock."""

from urllib.parse import parse_qs, urlsplit

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from vendors import selectors

from .choosers import product_chooser_viewset

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="marketplace.cms.blocks"
)
# The rich text a story may hold: no raw HTML, no scripts — Wagtail keeps only these features.
TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "cms/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    who = blocks.CharBlock(label=_("Who said it"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "cms/blocks/quote.html"


def video_embed_url(url: str) -> str:
    """A privacy-friendly player address for YouTube and Vimeo links; "" for anything else.

    Built from the link itself (no call to the provider): the marketplace runs without network
    access, and only these two hosts ever reach an <iframe>.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video = ""
    if host == "youtube.com" and parts.path == "/watch":
        video = (parse_qs(parts.query).get("v") or [""])[0]
    elif host == "youtube.com" and parts.path.startswith(("/embed/", "/shorts/")):
        video = parts.path.split("/")[2]
    elif host == "youtu.be":
        video = parts.path.lstrip("/").split("/")[0]
    if video and video.replace("-", "").replace("_", "").isalnum() and len(video) <= 20:
        return f"https://www.youtube-nocookie.com/embed/{video}"
    if host == "vimeo.com" and parts.path.strip("/").isdigit():
        return f"https://player.vimeo.com/video/{parts.path.strip('/')}"
    return ""


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("Video link (YouTube or Vimeo)"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "cms/blocks/video.html"

    def get_context(self, value, parent_context=None):
        ctx = super().get_context(value, parent_context)
        ctx["embed_url"] = video_embed_url(value["url"])
        return ctx


class BuyBlock(blocks.StructBlock):
    """A product to buy from the story: its price and stock are read when the page is shown."""

    product = ProductChooserBlock(label=_("Product"))
    note = blocks.CharBlock(label=_("Why buy it"), required=False, max_length=200)

    class Meta:
        icon = "tag"
        label = _("Buy")
        template = "cms/blocks/buy.html"

    def get_context(self, value, parent_context=None):
        """The product as the story page fetched it, with its card data, when it is on sale
        (`StoryPage.get_context`); elsewhere (a preview of the block) asked on its own."""
        ctx = super().get_context(value, parent_context)
        product = value["product"]
        buyable = (parent_context or {}).get("buyable")
        if product is not None and buyable is not None:
            ctx["product"] = buyable.get(product.pk)
        else:
            ctx["product"] = product if product is not None and selectors.is_sellable(product) else None
        return ctx


class StoryStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=TEXT_FEATURES)
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    buy = BuyBlock()
