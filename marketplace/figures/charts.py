"""The figures as simple SVG charts drawn by the templates: bars and a line, sized here.

No script and no style attribute (the Content-Security-Policy allows neither inline): each shape
carries its own coordinates, computed from the values in whole viewBox units.
"""

from dataclasses import dataclass

WIDTH = 100  # a bar's length and the line's width, in viewBox units
HEIGHT = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    length: float  # 0..WIDTH


def bars(items: list[tuple[str, float]]) -> list[Bar]:
    """Horizontal bars, the largest value spanning the width (all empty when every value is 0)."""
    largest = max((value for _label, value in items), default=0) or 0
    return [
        Bar(str(label), value, round(WIDTH * value / largest, 2) if largest > 0 else 0.0)
        for label, value in items
    ]


def line(values: list[float]) -> str:
    """A polyline's points for the values, left to right, the largest at the top ("" for none)."""
    if not values:
        return ""
    largest = max(values) or 1
    step = WIDTH / max(len(values) - 1, 1)
    return " ".join(
        f"{round(n * step, 2)},{round(HEIGHT - HEIGHT * value / largest, 2)}"
        for n, value in enumerate(values)
    )


def star_bars(by_stars: dict[str, int]) -> list[Bar]:
    """Products by OCOP stars (`report.goods`' "by_stars"), the most stars first."""
    return bars([(f"{stars}★", by_stars[stars]) for stars in sorted(by_stars, reverse=True)])
