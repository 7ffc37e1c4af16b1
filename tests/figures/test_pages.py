"""Where staff and the public read the figures: the dashboard, its exports, the command, /so-lieu/."""

import csv
import io
import json
from decimal import Decimal

import pypdf
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from marketplace.demo.history import ARTICLE_END
from marketplace.figures import report
from tests.factories import StaffFactory, product_for_sale, seller_shop
from tests.shopping import add, checkout_data, option
from vendors.models import Seller

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    client.force_login(StaffFactory())
    return client


def todays_visits() -> int:
    """The demo's visits to this day: the article's 96,000 of its half-year and those since."""
    return report.summary(report.today_scope())["visits"]


def vn(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def figure(html: str, name: str) -> str:
    marker = f'data-figure="{name}">'
    start = html.index(marker) + len(marker)
    return html[start : html.index("<", start)]


def test_staff_open_the_dashboard_on_the_articles_figures(staff):
    html = staff.get(reverse("dashboard:index")).content.decode()
    assert "Số liệu của tỉnh" in html
    assert figure(html, "seller_accounts") == "332"
    assert figure(html, "active_shops") == "129"
    assert figure(html, "products") == "432"
    assert figure(html, "visits") == vn(todays_visits())
    assert todays_visits() > 96_000
    assert "169 đã kích hoạt" in html and "của 235 chủ thể" in html
    # Oscar's statistics (which count every order and basket on each visit) are not on it.
    assert "Thống kê cửa hàng" not in html


def test_an_earlier_day_shows_that_days_figures(staff):
    day = ARTICLE_END - timezone.timedelta(days=200)  # inside the demo's history
    html = staff.get(reverse("dashboard:index"), {"at": day.isoformat()}).content.decode()
    expected = report.summary(report.Scope(day))
    assert expected["seller_accounts"] < 332
    assert figure(html, "seller_accounts") == str(expected["seller_accounts"])
    assert f'value="{day.isoformat()}"' in html


@pytest.mark.parametrize(
    "query, message",
    [
        ({"at": "31/02/2026"}, "Nhập một ngày như 31/12/2026."),
        ({"at": "2999-01-01"}, "Không thể xem số liệu của một ngày chưa đến."),
        ({"ward": "999999"}, "Hãy chọn một lựa chọn hợp lệ."),
        ({"group": "<script>"}, "Hãy chọn một lựa chọn hợp lệ."),
    ],
)
def test_a_bad_choice_is_said_and_todays_figures_shown(staff, query, message):
    response = staff.get(reverse("dashboard:index"), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert figure(html, "seller_accounts") == "332"
    assert "<script>" not in html.split('id="province-figures"')[1].split("</form>")[0]


def test_a_seller_sees_their_own_home_and_cannot_export(client):
    shop = seller_shop()
    client.force_login(shop.owner)
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    assert 'id="province-figures"' not in response.content.decode()
    export = client.get(reverse("dashboard:figures-export", args=["xlsx"]))
    assert export.status_code in (302, 403) and not export.get("Content-Disposition")


def test_a_visitor_is_sent_to_sign_in_for_an_export(client):
    response = client.get(reverse("dashboard:figures-export", args=["csv"]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_xlsx_has_a_sheet_per_section_and_the_articles_figures(staff):
    response = staff.get(reverse("dashboard:figures-export", args=["xlsx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="so-lieu-ocop-')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Tổng quan" and len(book.sheetnames) == 11
    overview = {row[0]: row[1] for row in book["Tổng quan"].iter_rows(values_only=True)}
    assert overview["Tài khoản người bán"] == 332
    assert overview["Cửa hàng đang bán"] == 129
    assert overview["Diện tích VietGAP (ha)"] == pytest.approx(322.35)
    assert overview["Lượt truy cập"] == todays_visits()


def test_a_shop_name_that_looks_like_a_formula_is_text_in_both_exports(staff):
    shop = seller_shop(shop_name='=HYPERLINK("http://x.example","Bấm")')
    product = product_for_sale(shop, title="+cmd|' /C calc'!A0", price=40_000)
    shopper = Client()
    add(shopper, product, 1)
    shopper.post(reverse("checkout:index"), checkout_data({shop: option(shop, "flat")}))
    book = load_workbook(io.BytesIO(staff.get(reverse("dashboard:figures-export", args=["xlsx"])).content))
    cells = [c for row in book["Bán chạy"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert '\'=HYPERLINK("http://x.example","Bấm")' in cells
    assert "'+cmd|' /C calc'!A0" in cells
    text = staff.get(reverse("dashboard:figures-export", args=["csv"])).content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    assert ["Tổng quan", "Tài khoản người bán", "333"] in rows  # the new shop counts


def test_the_pdf_prints_the_month_in_vietnamese_with_its_font_embedded(staff):
    response = staff.get(reverse("dashboard:figures-export", args=["pdf"]), {"ward": "", "group": ""})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('.pdf"')
    document = pypdf.PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in document.pages)
    month = timezone.localdate().strftime("%m/%Y")
    assert f"Số liệu của tỉnh, tháng {month}" in text
    assert "Tài khoản người bán 332" in text and "Cửa hàng đang bán 129" in text
    assert "Diện tích vùng trồng được cấp mã (ha) 1.049,32" in text
    assert "5 sao 5" in text and "Hợp tác xã (HTX)" in text
    fonts = {
        font.get_object()["/BaseFont"].split("+")[-1]
        for page in document.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts == {"Roboto", "RobotoBold"}
    embedded = [
        font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        for font in document.pages[0]["/Resources"]["/Font"].values()
    ]
    assert all("/FontFile2" in descriptor for descriptor in embedded)


@pytest.mark.parametrize("query", [{"at": "not-a-day"}, {"ward": "x"}])
def test_an_export_of_a_bad_choice_is_refused_with_the_reason(staff, query):
    response = staff.get(reverse("dashboard:figures-export", args=["xlsx"]), query)
    assert response.status_code == 400
    assert response.content.decode() in (
        "Nhập một ngày như 31/12/2026.",
        "Hãy chọn một lựa chọn hợp lệ. x không phải là một trong các lựa chọn khả thi.",
    )


def test_an_unknown_export_format_is_a_400(staff):
    assert staff.get(reverse("dashboard:figures-export", args=["docx"])).status_code == 400


def test_the_command_prints_the_promised_keys_with_the_articles_figures():
    out = io.StringIO()
    call_command("marketplace_stats", "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["seller_accounts"] == 332 and figures["activated_accounts"] == 169
    assert figures["active_shops"] == 129 and figures["products"] == 432 and figures["producers"] == 235
    assert figures["products_by_stars"] == {"3": 320, "4": 107, "5": 5}
    assert figures["vietgap_hectares"] == pytest.approx(322.35)
    assert figures["growing_area_codes"] == {"export": 34, "domestic": 20, "hectares": pytest.approx(1049.32)}
    assert figures["packing_codes"] == 7 and figures["revoked_codes"] == 12 and figures["visits"] > 96_000
    assert figures == json.loads(json.dumps(report.summary(report.today_scope())))
    # As of the article's day, the article itself.
    out = io.StringIO()
    call_command("marketplace_stats", "--at", "2025-06-30", "--json", stdout=out)
    article = json.loads(out.getvalue())
    accounts = (article["seller_accounts"], article["activated_accounts"], article["active_shops"])
    assert accounts == (332, 169, 129)
    assert (article["products"], article["producers"], article["visits"]) == (432, 235, 96_000)
    assert article["growing_area_codes"] == {"export": 34, "domestic": 20, "hectares": pytest.approx(1049.32)}
    assert article["packing_codes"] == 7 and article["revoked_codes"] == 12


def test_the_command_reads_an_earlier_day_and_prints_a_table():
    day = timezone.localdate() - timezone.timedelta(days=300)
    out = io.StringIO()
    call_command("marketplace_stats", "--at", day.isoformat(), "--json", stdout=out)
    assert (
        json.loads(out.getvalue())["seller_accounts"] == report.summary(report.Scope(day))["seller_accounts"]
    )
    table = io.StringIO()
    call_command("marketplace_stats", stdout=table)
    assert "Tài khoản người bán" in table.getvalue() and "332" in table.getvalue()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--at", "05/12/2026"], "không phải là một ngày"),
        (["--at", "2999-01-01"], "chưa đến"),
        (["--ward", "1"], "Không có phường, xã nào có mã 1"),
    ],
)
def test_the_command_refuses_a_bad_day_or_ward_with_the_reason(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("marketplace_stats", *args, stdout=io.StringIO())


def test_the_public_page_shows_the_open_figures_and_no_ones_name(client):
    html = client.get("/so-lieu/").content.decode()
    assert figure(html, "seller_accounts") == "332"
    assert figure(html, "active_shops") == "129"
    assert figure(html, "products") == "432"
    assert figure(html, "vietgap_hectares") == "322,35"
    assert figure(html, "growing_area_codes") == "54"
    assert figure(html, "packing_codes") == "7" and figure(html, "revoked_codes") == "12"
    assert figure(html, "visits") == vn(todays_visits())
    assert "Lượt truy cập" in html and "Tài khoản được kích hoạt" in html
    some_shop = Seller.objects.filter(status=Seller.Status.ACTIVE).first()
    main = html.split("<main", 1)[-1].split("</main>")[0] if "<main" in html else html
    assert some_shop.shop_name not in main and "@" not in main.split('id="open-figures"')[1].split("</dl>")[0]


def test_the_footer_links_the_public_page(client):
    assert 'href="/so-lieu/"' in client.get("/").content.decode()


def test_the_public_page_is_served_from_the_page_cache(settings, django_assert_num_queries):
    settings.MARKETPLACE_PAGE_CACHE_SECONDS = 600
    assert Client().get("/so-lieu/").status_code == 200
    with django_assert_num_queries(0):
        assert Client().get("/so-lieu/").status_code == 200


def _walked_days():
    """From before the first record of the floor to today: the empty floor, its first days, today."""
    from vendors.models import SellerTransition

    first = timezone.localdate(SellerTransition.objects.earliest("at").at)
    today = timezone.localdate()
    return [
        first - timezone.timedelta(days=400),
        first - timezone.timedelta(days=1),
        first,
        first + timezone.timedelta(days=3),
        today - timezone.timedelta(days=200),
        today,
    ]


def test_every_day_from_before_the_first_shop_to_today_gives_a_report(staff):
    for day in _walked_days():
        at = day.isoformat()
        page = staff.get(reverse("dashboard:index"), {"at": at})
        assert page.status_code == 200, at
        for kind in ("xlsx", "csv", "pdf"):
            export = staff.get(reverse("dashboard:figures-export", args=[kind]), {"at": at})
            assert export.status_code == 200, (at, kind)
        out = io.StringIO()
        call_command("marketplace_stats", "--at", at, "--json", stdout=out)
        figures = json.loads(out.getvalue())
        assert figures == json.loads(json.dumps(report.summary(report.Scope(day))))
    # Before anything was recorded, every count is 0 and every list empty.
    empty = report.summary(report.Scope(_walked_days()[0]))
    assert empty["seller_accounts"] == empty["active_shops"] == empty["products"] == 0
    assert empty["orders"] == 0 and not any(empty["products_by_stars"].values())


def test_the_dashboard_shows_the_articles_totals_in_vietnamese_numbers(staff):
    html = staff.get(reverse("dashboard:index")).content.decode()
    assert figure(html, "growing_hectares") == "1.049,32"
    assert figure(html, "revoked_codes") == "12"
    public = Client().get("/so-lieu/").content.decode()
    assert "1.049,32 ha" in public and "1049,32" not in public


def test_a_report_narrowed_to_a_ward_and_group_says_its_visits_are_the_whole_provinces(staff):
    ward = Seller.objects.filter(status=Seller.Status.ACTIVE).values_list("ward_code", flat=True).first()
    query = {"ward": str(ward), "group": "food"}
    html = staff.get(reverse("dashboard:index"), query).content.decode()
    assert "Toàn tỉnh: lượt truy cập không được đếm theo xã, phường hay nhóm sản phẩm." in html
    export = staff.get(reverse("dashboard:figures-export", args=["csv"]), query)
    text = export.content.decode("utf-8-sig")
    assert "Lượt truy cập (toàn tỉnh)" in text
    assert "%(" not in text and "ngày qua" not in text  # no msgid left unformatted
    disposition = export["Content-Disposition"]
    assert disposition.endswith('-thuc-pham.csv"') and "food" not in disposition
    assert "toàn tỉnh" not in staff.get(reverse("dashboard:index")).content.decode()


def test_a_period_report_adds_up_to_the_running_totals_and_splits_exactly():
    days = _walked_days()
    before, today = days[0], days[-1]
    out = io.StringIO()
    call_command(
        "marketplace_stats", "--from", before.isoformat(), "--to", today.isoformat(), "--json", stdout=out
    )
    figures = json.loads(out.getvalue())
    whole = figures["period"]
    # From before the first record to today, the period is everything the running totals count.
    assert whole["new_accounts"] == figures["seller_accounts"] == 332
    assert whole["visits"] == figures["visits"] == todays_visits()
    for key in ("orders", "purchases", "gmv", "commission"):
        assert whole[key] == figures[key], key
    assert whole["activations"] >= figures["activated_accounts"]
    # Two halves add up to the whole.
    middle = days[3]
    first = report.period(before, middle)
    second = report.period(middle + timezone.timedelta(days=1), today)
    for key in ("new_accounts", "activations", "visits", "visitors", "orders", "gmv", "commission"):
        assert first[key] + second[key] == whole[key], key


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2025-01-01"], "cả --from và --to"),
        (["--from", "2025-06-30", "--to", "2025-01-01"], "trước khi"),
    ],
)
def test_a_period_needs_both_ends_in_order(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("marketplace_stats", *args, stdout=io.StringIO())


def test_staff_read_a_period_on_the_dashboard_and_a_half_period_is_refused_in_vietnamese(staff):
    days = _walked_days()
    query = {"period-since": days[0].isoformat(), "period-until": days[-1].isoformat()}
    html = staff.get(reverse("dashboard:index"), query).content.decode()
    whole = report.period(days[0], days[-1])
    assert figure(html, "period_visits") == vn(todays_visits()) == vn(whole["visits"])
    assert figure(html, "period_new_accounts") == "332"
    assert f"Từ {days[0]:%d/%m/%Y} đến {days[-1]:%d/%m/%Y}" in html
    half = staff.get(reverse("dashboard:index"), {"period-since": days[0].isoformat()}).content.decode()
    assert "Hãy chọn cả ngày đầu và ngày cuối." in half and 'id="figures-period"' not in half
    backwards = {"period-since": days[-1].isoformat(), "period-until": days[0].isoformat()}
    assert "kết thúc trước khi bắt đầu" in staff.get(reverse("dashboard:index"), backwards).content.decode()


def test_the_pdf_is_one_an_officer_can_file(staff, settings):
    settings.MARKETPLACE_REPORT_ISSUER = "UBND TỈNH QUẢNG NINH|SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
    response = staff.get(reverse("dashboard:figures-export", args=["pdf"]))
    document = pypdf.PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in document.pages]
    assert pages[0].startswith("UBND TỈNH QUẢNG NINH\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
    # Each page numbered at its foot, of how many.
    total = len(pages)
    assert total >= 2
    assert all(f"Trang {n}/{total}" in text for n, text in enumerate(pages, start=1))
    # The stars and groups charts, under the dashboard's own titles, with their values.
    assert "Sản phẩm OCOP theo hạng sao" in pages[0] and "Sản phẩm theo nhóm OCOP" in pages[0]
    # Numbers right-aligned: in the overview's value column, numbers of different lengths end at
    # the same edge, so they start at different places.
    starts = {}

    def seen(text, cm, tm, font, size):
        if text.strip() in {"332", "1.049,32"} and text.strip() not in starts:
            starts[text.strip()] = tm[4]

    document.pages[0].extract_text(visitor_text=seen)
    assert set(starts) == {"332", "1.049,32"}
    assert starts["332"] > starts["1.049,32"]


def _number(text: str) -> Decimal:
    """A figure as a page prints it ("1.049,32", "96.000") or an export stores it (1049.32)."""
    text = str(text).strip()
    if isinstance(text, str) and ("," in text or ("." in text and len(text.rsplit(".", 1)[1]) == 3)):
        text = text.replace(".", "").replace(",", ".")
    return Decimal(text)


def _labelled(soup, selector) -> dict[str, str]:
    """{label: value} of the figures a page shows: each [data-figure]'s label is its row's header,
    the line above it, or its card's heading."""
    found = {}
    for element in soup.select(selector):
        row = element.find_parent("tr")
        if element.name == "dd":
            label = element.find_previous_sibling("dt")
        elif row and row.find("th"):
            label = row.find("th")
        else:
            card = element.find_parent(class_="card")
            label = element.find_previous_sibling() or card.select_one(".card-header")
        found[" ".join(label.get_text(" ").split())] = element.get_text(" ", strip=True)
    return found


def test_the_dashboard_the_exports_and_the_public_page_say_the_same_in_the_same_words(staff):
    from bs4 import BeautifulSoup

    exported = staff.get(reverse("dashboard:figures-export", args=["csv"])).content.decode("utf-8-sig")
    rows = [row for row in csv.reader(io.StringIO(exported)) if row[0] == "Tổng quan"]
    overview = {row[1]: row[2] for row in rows[1:]}  # the first row names the columns
    workbook = staff.get(reverse("dashboard:figures-export", args=["xlsx"])).content
    sheet = load_workbook(io.BytesIO(workbook)).worksheets[0]
    assert {str(r[0]): str(r[1]) for r in sheet.iter_rows(min_row=2, values_only=True)} == overview
    printed = staff.get(reverse("dashboard:figures-export", args=["pdf"])).content
    printed = pypdf.PdfReader(io.BytesIO(printed))
    printed = " ".join(" ".join(page.extract_text().split()) for page in printed.pages)

    dashboard = BeautifulSoup(staff.get(reverse("dashboard:index")).content, "html.parser")
    public = BeautifulSoup(Client().get("/so-lieu/").content, "html.parser")
    shown = {
        "dashboard": _labelled(dashboard, "[data-figure]:not([data-figure^=period_])"),
        "public page": _labelled(public, "#open-figures dd[data-figure]"),
    }
    assert len(shown["dashboard"]) >= 8 and len(shown["public page"]) >= 10
    for where, figures in shown.items():
        for label, value in figures.items():
            assert label in overview, f"{where}: “{label}” is not a figure of the exports"
            assert _number(value) == _number(overview[label]), (where, label, value, overview[label])
            assert f"{label} {value}" in printed, (where, label, value)
