"""Every page of the seller centre and the staff's dashboard, opened at 360 px in Chromium as the
seller and as staff, with the objects each one shows: none is wider than the phone, none has a tap
target under 40 px, none shows English, none is a bare error page. Screenshots in var/e2e/pages/.

The pages come from the URL map (tests/floor.py), built on a served copy of the demo database.
"""

import json
import os
import re
import subprocess
import sys

import pytest

from tests.e2e.conftest import ROOT, _copy_test_database, serving
from tests.e2e.journeys import SCREENSHOTS, sign_in
from tests.english import WAGTAIL_UPSTREAM, english_on
from tests.floor import SELLER_PAGES, SHOP_PAGES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]
WIDTH = 360
SMALLEST_TARGET = 40

# What a page shows a person that the phone would get wrong, measured in the browser.
MEASURE = """(smallest) => {
    const width = window.innerWidth, problems = [];
    const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
        + (typeof e.className === 'string' && e.className
           ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
        + ' "' + (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 30) + '"';
    const scroll = document.documentElement.scrollWidth;
    if (scroll > width) {
        const wide = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1).slice(-3).map(describe);
        problems.push(`${scroll} px wide: ${wide.join(' | ')}`);
    }
    const lang = document.documentElement.lang;
    if (!lang.startsWith('vi')) problems.push(`lang="${lang}"`);
    if (!document.querySelector('nav, header, [role=navigation]')) problems.push('no menu: a bare page');
    const seen = e => {
        const box = e.getBoundingClientRect(), style = getComputedStyle(e);
        // A skip link waits above the page until it has the keyboard's focus.
        return box.width > 1 && box.height > 1 && box.bottom > 0
            && style.visibility !== 'hidden' && style.opacity !== '0';
    };
    // A link inside a sentence is sized by the sentence (WCAG 2.5.8's inline exception).
    const inSentence = e => {
        if (e.tagName !== 'A' || getComputedStyle(e).display !== 'inline') return false;
        let block = e.parentElement;
        while (block.parentElement && getComputedStyle(block).display === 'inline') {
            block = block.parentElement;
        }
        return (block.innerText || '').replace(e.innerText, '').trim().length > 0;
    };
    const small = [];
    for (const e of document.querySelectorAll(
        'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=tab]')) {
        if (!seen(e) || inSentence(e)) continue;
        let box = e.getBoundingClientRect();
        // A box's label is its target too (a tap on it ticks the box); select2's search field
        // sits in its box, which takes the tap.
        const label = e.closest('label, .select2-selection')
            || (e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`));
        if (label) {
            const outer = label.getBoundingClientRect();
            if (outer.width * outer.height > box.width * box.height) box = outer;
        }
        if (box.height < smallest || box.width < smallest)
            small.push(`${describe(e)} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    if (small.length) problems.push(`${small.length} small targets: ${small.slice(0, 12).join(' | ')}`);
    return problems;
}"""


@pytest.fixture(scope="module")
def floor_served(django_db_setup, django_db_blocker, tmp_path_factory):
    """A copy of the demo database with the floor built on it (tests/floor.py), served."""
    with django_db_blocker.unblock():
        database_url, drop_copy = _copy_test_database(tmp_path_factory.mktemp("pages-db"), suffix="pages")
    env = {"DJANGO_SETTINGS_MODULE": "marketplace.settings.test", "DATABASE_URL": database_url}
    built = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from tests.floor import main; main()"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    floor = json.loads(built.stdout.strip().splitlines()[-1])
    with serving(database_url) as base:
        yield base, floor
    drop_copy()


def _walk(browser, base, floor, email, paths):
    context = browser.new_context(locale="vi-VN", viewport={"width": WIDTH, "height": 800})
    page = context.new_page()
    sign_in(page, base, email, floor["password"])
    folder = SCREENSHOTS / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    found = {}
    for name, path in paths.items():
        response = page.goto(base + path)
        # Once nothing more loads: the editors and pickers scripts draw are measured too.
        page.wait_for_load_state("networkidle")
        problems = []
        if response.status >= 400:
            problems.append(f"answered {response.status}")
        problems += page.evaluate(MEASURE, SMALLEST_TARGET)
        english = [piece for piece in english_on(page.content()) if piece not in WAGTAIL_UPSTREAM]
        if english:
            problems.append(f"English: {sorted(set(english))[:6]}")
        slug = re.sub(r"[^a-z0-9]+", "-", f"{email.split('@')[0]}-{name}".lower()).strip("-")
        page.screenshot(path=folder / f"{slug}-{WIDTH}.png", full_page=True)
        if problems:
            found[f"{name} {path}"] = problems
    context.close()
    return found


def _report(found):
    return "\n".join(f"{page}\n    " + "\n    ".join(problems) for page, problems in found.items())


def test_every_page_a_seller_opens_fits_a_phone_in_vietnamese(floor_served, browser):
    base, floor = floor_served
    paths = {name: path for name, path in floor["dashboard"].items() if name in SELLER_PAGES}
    paths |= floor["cms"]
    assert len(paths) >= len(SELLER_PAGES)
    found = _walk(browser, base, floor, floor["seller"], paths)
    assert not found, _report(found)


def test_every_page_staff_open_fits_a_phone_in_vietnamese(floor_served, browser):
    base, floor = floor_served
    paths = {name: path for name, path in floor["dashboard"].items() if name not in SHOP_PAGES}
    assert len(paths) > 80
    found = _walk(browser, base, floor, floor["staff"], paths)
    assert not found, _report(found)
