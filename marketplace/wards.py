"""The province's post-2025 wards (phường, xã, đặc khu), from the vietnam-provinces package."""

from functools import cache

from django.conf import settings
from vietnam_provinces import Province, ProvinceCode, Ward


@cache
def province_name(province_code: int | None = None) -> str:
    return Province.from_code(ProvinceCode(province_code or settings.MARKETPLACE_PROVINCE_CODE)).name


@cache
def provinces() -> tuple[Province, ...]:
    """The 34 provinces and cities since 1 July 2025, by name."""
    return tuple(sorted(Province.iter_all(), key=lambda p: p.codename))


def province_choices() -> list[tuple[int, str]]:
    return [(int(p.code), p.name) for p in provinces()]


@cache
def wards(province_code: int | None = None) -> tuple[Ward, ...]:
    """Every ward of the province, sorted by name the Vietnamese way (by code as a tiebreak)."""
    code = province_code or settings.MARKETPLACE_PROVINCE_CODE
    found = [w for w in Ward.iter_all() if int(w.province_code) == code]
    return tuple(sorted(found, key=lambda w: (w.codename, int(w.code))))


@cache
def _by_code() -> dict[int, Ward]:
    return {int(w.code): w for w in Ward.iter_all()}


def ward(code: int) -> Ward | None:
    return _by_code().get(int(code))


def ward_name(code: int | None) -> str:
    found = ward(code) if code else None
    return found.name if found else ""


def ward_choices(province_code: int | None = None) -> list[tuple[int, str]]:
    return [(int(w.code), w.name) for w in wards(province_code)]
