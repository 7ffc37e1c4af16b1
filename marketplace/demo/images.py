"""Product pictures for the demo, drawn with Pillow (the demo never downloads anything)."""

import io
import random
import textwrap
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from marketplace.text import fold

SIZE = 600
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
]
# Background and accent colours by OCOP group.
PALETTES = {
    "food": ("#f6e3c5", "#c8572b"),
    "beverage": ("#e1efd8", "#3f7a3a"),
    "herbal": ("#e9e2f3", "#6a4c93"),
    "handicraft": ("#efe6dc", "#8a5a2b"),
    "ornamental": ("#dff1ef", "#2a7f78"),
    "tourism": ("#dcebf7", "#2f5d8a"),
}


@cache
def _font(size: int):
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size), True
    # Pillow's built-in font has no Vietnamese marks: such text is drawn folded to ASCII.
    return ImageFont.load_default(size=size), False


def product_picture(title: str, subtitle: str, group: str, seed: int) -> bytes:
    """A 600×600 JPEG: the group's colours, a few soft shapes, and the product's name."""
    rng = random.Random(seed)
    background, accent = PALETTES.get(group, PALETTES["food"])
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    for _ in range(5):
        r = rng.randint(60, 180)
        x, y = rng.randint(-40, SIZE), rng.randint(-40, SIZE // 2)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=accent if rng.random() < 0.3 else "#ffffff")
    draw.rectangle((0, SIZE - 230, SIZE, SIZE), fill=accent)
    title_font, unicode_ok = _font(44)
    small_font, _ = _font(28)
    text = title if unicode_ok else fold(title)
    sub = subtitle if unicode_ok else fold(subtitle)
    y = SIZE - 210
    for line in textwrap.wrap(text, width=20)[:3]:
        draw.text((30, y), line, font=title_font, fill="#ffffff")
        y += 54
    draw.text((30, SIZE - 50), sub, font=small_font, fill="#ffe9a8")
    draw.text((SIZE - 130, 20), "OCOP", font=small_font, fill=accent)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def shop_logo(name: str, seed: int) -> bytes:
    """A round 256×256 PNG badge with the shop's initials."""
    rng = random.Random(seed)
    background, accent = rng.choice(list(PALETTES.values()))
    image = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, 252, 252), fill=accent, outline=background, width=10)
    words = [w for w in name.split() if w[:1].isalpha()]
    initials = "".join(w[0] for w in words[-2:]).upper() or "O"
    font, unicode_ok = _font(96)
    text = initials if unicode_ok else fold(initials).upper()
    box = draw.textbbox((0, 0), text, font=font)
    draw.text(
        ((256 - (box[2] - box[0])) / 2 - box[0], (256 - (box[3] - box[1])) / 2 - box[1]),
        text,
        font=font,
        fill="#ffffff",
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def shop_banner(name: str, place: str, seed: int) -> bytes:
    """A 1200×300 JPEG banner: the shop's colours, hills and sea, and its name."""
    rng = random.Random(seed)
    background, accent = rng.choice(list(PALETTES.values()))
    image = Image.new("RGB", (1200, 300), background)
    draw = ImageDraw.Draw(image)
    for i in range(4):
        y = 150 + i * 35
        draw.polygon(
            [
                (0, 300),
                (0, y),
                *[(x, y - rng.randint(10, 60)) for x in range(100, 1200, 200)],
                (1200, y),
                (1200, 300),
            ],
            fill=accent if i % 2 else "#ffffff",
        )
    title_font, unicode_ok = _font(56)
    small_font, _ = _font(30)
    title = name if unicode_ok else fold(name)
    if draw.textlength(title, font=title_font) > 1120:
        title_font, _ = _font(40)
    draw.text((40, 40), title, font=title_font, fill=accent)
    draw.text((42, 110), place if unicode_ok else fold(place), font=small_font, fill="#333333")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()
