"""The report as tables (one per section), and those tables as an XLSX workbook, one CSV file or a
printable PDF (A4, Roboto embedded: every Vietnamese mark prints).

`sections` is the one place the report becomes rows, so the workbook, the CSV and the printed page
show the same cells. Every text cell goes through `safe_cell`: a shop's or a product's name that
starts like a formula is shown as text.
"""

import csv
import io
from decimal import Decimal

import font_roboto
from django.conf import settings
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace
from openpyxl import Workbook

from marketplace import wards
from marketplace.figures import charts
from marketplace.purchases.status import OrderStatus
from marketplace.spreadsheets import safe_row
from vendors.models import BusinessKind, OcopGroup, Seller
from vendors.provenance.models import RegisteredCode

SHEET_TITLE_LENGTH = 31  # Excel's limit


def _plain(value):
    """A cell's value as a spreadsheet takes it: translated labels as text, areas as numbers."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def _scope_rows(scope) -> list[list]:
    return [
        [_("Figures at the end of"), scope.at.strftime("%d/%m/%Y")],
        [_("Ward"), wards.ward_name(scope.ward) if scope.ward else _("All wards")],
        [_("OCOP group"), OcopGroup(scope.group).label if scope.group else _("All groups")],
    ]


def sections(figures: dict) -> list[tuple[str, list[list]]]:
    """(title, rows) for each section of the report, the first row of each its header."""
    # Visits are counted for the whole province: a report narrowed to a ward or a group says so.
    narrowed = bool(figures["scope"].ward or figures["scope"].group)
    visits_label = _("Visits (whole province)") if narrowed else _("Visits")
    accounts, products, codes, expiring = _floor_rows(figures)
    money, states, payments, top, trends, by_ward = _trade_rows(figures, visits_label)
    return [
        (_("Overview"), _overview_rows(figures, narrowed, visits_label)),
        (_("Seller accounts"), accounts),
        (_("Products"), products),
        (_("Codes"), codes),
        (_("Expiring recognitions"), expiring),
        (_("Orders and money"), money),
        (_("Orders by state"), states),
        (_("Payment methods"), payments),
        (_("Top shops and products"), top),
        (_("By month"), trends),
        (_("By ward"), by_ward),
    ]


def _overview_rows(figures: dict, narrowed: bool, visits_label) -> list[list]:
    """Every figure of the report, one per row: the overview the dashboard and /so-lieu/ name alike."""
    accounts, goods, codes = figures["accounts"], figures["goods"], figures["codes"]
    scope, seen = figures["scope"], figures["visits"]
    return [
        [_("Figure"), _("Value")],
        *_scope_rows(scope),
        [_("Seller accounts"), accounts["total"]],
        [_("Activated accounts"), accounts["by_status"][Seller.Status.ACTIVE]],
        [_("Shops trading"), goods["shops_trading"]],
        [_("Products on sale"), goods["products"]],
        [_("Producers"), goods["producers"]],
        [_("VietGAP certificates in force"), figures["vietgap"]["certificates"]],
        [_("VietGAP area (ha)"), float(figures["vietgap"]["hectares"])],
        [_("Growing-area codes"), codes["growing"]["export"] + codes["growing"]["domestic"]],
        [_("Growing-area codes for export"), codes["growing"]["export"]],
        [_("Growing-area codes, domestic"), codes["growing"]["domestic"]],
        [_("Growing area under code (ha)"), float(codes["growing"]["hectares"])],
        [_("Packing-facility codes"), codes["packing"]],
        [_("Codes suspended"), codes["suspended"]],
        [_("Codes revoked"), codes["revoked"]],
        [visits_label, seen["visits"]],
        [_("Daily visitors (whole province)") if narrowed else _("Daily visitors"), seen["visitors"]],
        [_("OCOP recognitions expiring within %(days)s days") % {"days": figures["expiring"]["days"]},
         figures["expiring"]["count"]],
    ]  # fmt: skip


def _floor_rows(figures: dict) -> tuple[list[list], ...]:
    """The floor's tables: accounts by status and kind, products by stars and group, codes by kind
    and status, the recognitions expiring soonest."""
    accounts, goods, codes = figures["accounts"], figures["goods"], figures["codes"]
    account_rows = [[_("Status"), _("Accounts")]]
    account_rows += [[Seller.Status(s).label, n] for s, n in accounts["by_status"].items()]
    account_rows += [[_("Kind"), _("Accounts")]]
    account_rows += [[BusinessKind(k).label, n] for k, n in accounts["by_kind"].items()]
    product_rows = [[_("OCOP stars"), _("Products")]]
    product_rows += [[f"{s}★", goods["by_stars"][s]] for s in sorted(goods["by_stars"], reverse=True)]
    product_rows += [[_("No recognition in force"), goods["unrated"]], [_("OCOP group"), _("Products")]]
    product_rows += [[OcopGroup(g).label, n] for g, n in goods["by_group"].items()]
    code_rows = [[_("Kind"), _("Status"), _("Codes"), _("Area (ha)")]]
    for kind, statuses in codes["table"].items():
        for status, cell in statuses.items():
            kind_label, status_label = RegisteredCode.Kind(kind).label, RegisteredCode.Status(status).label
            hectares = float(cell["hectares"])
            code_rows.append([capfirst(kind_label), capfirst(status_label), cell["count"], hectares])
    expiring_rows = [[_("Product"), _("Producer"), _("Stars"), _("Valid until")]]
    expiring_rows += [
        [r["product"], r["producer"], r["stars"], r["last_day"].strftime("%d/%m/%Y")]
        for r in figures["expiring"]["soonest"]
    ]
    return account_rows, product_rows, code_rows, expiring_rows


def _trade_rows(figures: dict, visits_label) -> tuple[list[list], ...]:
    """The trade's tables: orders and money, states, payment methods, top shops and products, months,
    wards."""
    money, seen = figures["money"], figures["visits"]
    money_rows = [[_("Figure"), _("This month"), _("Since the beginning")]]
    for key, label in (
        ("orders", _("Orders placed")),
        ("purchases", _("Purchases")),
        ("gmv", _("Goods value (GMV, ₫)")),
        ("commission", _("Commission (₫)")),
    ):
        money_rows.append([label, money["month"][key], money["all"][key]])
    money_rows.append([visits_label, seen["month_visits"], seen["visits"]])
    state_rows = [[_("State"), _("Orders this month")]]
    state_rows += [[OrderStatus.label_of(s), n] for s, n in figures["orders_by_state"].items()]
    payment_rows = [[_("Payment method"), _("Purchases this month"), _("Share (%)")]]
    payment_rows += [[p["label"], p["purchases"], p["share"]] for p in figures["payment_methods"]]
    top_rows = [[_("Shop"), _("Goods value (₫)"), _("Orders placed")]]
    top_rows += [[r["shop"], r["gmv"], r["orders"]] for r in figures["top"]["shops"]]
    top_rows += [[_("Product"), _("Goods value (₫)"), _("Units")]]
    top_rows += [[r["product"], r["gmv"], r["units"]] for r in figures["top"]["products"]]
    trend_rows = [[_("Month"), _("Visits"), _("Orders placed"), _("Goods value (GMV, ₫)")]]
    trend_rows += [
        [t["month"].strftime("%m/%Y"), t["visits"], t["orders"], t["gmv"]] for t in figures["trends"]
    ]
    ward_rows = [[_("Ward"), _("Accounts"), _("Activated"), _("Shops trading"), _("Products on sale"),
                  _("Goods value this month (₫)")]]  # fmt: skip
    ward_rows += [
        [w["name"], w["accounts"], w["active"], w["shops"], w["products"], w["gmv"]] for w in figures["wards"]
    ]
    return money_rows, state_rows, payment_rows, top_rows, trend_rows, ward_rows


def xlsx(figures: dict) -> bytes:
    """One sheet per section."""
    return workbook(sections(figures))


def workbook(titled_rows: list[tuple[str, list[list]]]) -> bytes:
    """An XLSX book of a sheet for each (title, rows)."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in titled_rows:
        sheet = book.create_sheet(title=title[:SHEET_TITLE_LENGTH])
        for row in rows:
            sheet.append(safe_row([_plain(v) for v in row]))
        sheet.column_dimensions["A"].width = 42
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(figures: dict) -> str:
    """Every section in one CSV, each row led by its section's title."""
    return csv_of(sections(figures))


def csv_of(titled_rows: list[tuple[str, list[list]]]) -> str:
    """One CSV of every (title, rows), each row led by its title (UTF-8 with a BOM, which
    spreadsheet programs need to read Vietnamese marks)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    for title, rows in titled_rows:
        for row in rows:
            writer.writerow(safe_row([title, *(_plain(v) for v in row)]))
    return out.getvalue()


def _printable(value) -> str:
    """A cell as the PDF prints it: the font has no star, so "5★" reads "5 sao"."""
    value = _plain(value)
    if isinstance(value, float):
        value = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    elif isinstance(value, int):
        value = f"{value:,}".replace(",", ".")
    return str(value).replace("★", " " + _("stars"))


class _Printed(FPDF):
    """A4 pages numbered at their foot ("Trang 2/3"), for an officer to file."""

    def footer(self):
        self.set_y(-12)
        self.set_font("Roboto", "", 8)
        label = _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 6, label, align="C")


def _is_number(value) -> bool:
    return isinstance(_plain(value), int | float) and not isinstance(value, bool)


def _chart(document: FPDF, title: str, bars: list) -> None:
    """Horizontal bars with their labels and values, as the dashboard draws them (charts.bars)."""
    document.ln(2)
    document.set_font("Roboto", "B", 10)
    document.multi_cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
    document.set_font("Roboto", "", 8.5)
    label_width, value_width = 55, 18
    room = document.epw - label_width - value_width - 2
    for bar in bars:
        y = document.get_y()
        document.cell(label_width, 5, _printable(bar.label))
        document.set_fill_color(46, 125, 50)
        if bar.length:
            length = room * bar.length / charts.WIDTH
            document.rect(document.l_margin + label_width, y + 0.8, length, 3.4, "F")
        document.set_xy(document.l_margin + label_width + room + 2, y)
        document.cell(value_width, 5, _printable(bar.value), align="R", new_x="LMARGIN", new_y="NEXT")


def pdf(figures: dict) -> bytes:
    """The report for print: the issuing office's heading, the day, the stars and groups charts, then
    each section as a table (its first row the header, numbers right-aligned), pages numbered."""
    scope, goods = figures["scope"], figures["goods"]
    document = _Printed(format="A4")
    document.set_title(_("Figures at the end of %(day)s") % {"day": scope.at.strftime("%d/%m/%Y")})
    document.set_creator(str(settings.OSCAR_SHOP_NAME))
    document.add_font("Roboto", "", font_roboto.Roboto)
    document.add_font("Roboto", "B", font_roboto.RobotoBold)
    document.set_margins(15, 15, 15)
    document.set_auto_page_break(True, margin=18)
    document.add_page()
    document.set_font("Roboto", "B", 10)
    for line in settings.MARKETPLACE_REPORT_ISSUER.split("|"):
        document.multi_cell(0, 5, line.strip(), new_x="LMARGIN", new_y="NEXT")
    document.ln(3)
    document.set_font("Roboto", "B", 15)
    document.multi_cell(0, 8, str(settings.OSCAR_SHOP_NAME), new_x="LMARGIN", new_y="NEXT")
    document.set_font("Roboto", "", 11)
    month = scope.at.strftime("%m/%Y")
    document.multi_cell(
        0,
        6,
        _("The province's figures, month %(month)s, at the end of %(day)s")
        % {"month": month, "day": scope.at.strftime("%d/%m/%Y")},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    _chart(document, _("OCOP products by stars"), charts.star_bars(goods["by_stars"]))
    _chart(
        document,
        _("Products by OCOP group"),
        charts.bars([(OcopGroup(g).label, n) for g, n in goods["by_group"].items()]),
    )
    heading = FontFace(emphasis="BOLD", fill_color=(232, 240, 232))
    for title, rows in sections(figures):
        document.ln(3)
        document.set_font("Roboto", "B", 11)
        document.multi_cell(0, 7, str(title), new_x="LMARGIN", new_y="NEXT")
        document.set_font("Roboto", "", 8.5)
        widths = max(len(row) for row in rows)
        with document.table(
            headings_style=heading, line_height=5, first_row_as_headings=True, text_align="LEFT"
        ) as table:
            for row in rows:
                cells = table.row()
                for value in [*row, *([""] * (widths - len(row)))]:
                    cells.cell(_printable(value), align="RIGHT" if _is_number(value) else "LEFT")
    return bytes(document.output())


def shop_sections(figures: dict) -> list[tuple[str, list[list]]]:
    """A shop's figures (`shop.figures`): the period's totals, each day, the top products."""
    period = figures["period"]
    totals = [
        [_("From"), period.since.isoformat()],
        [_("Until"), period.until.isoformat()],
        [_("Visitors"), figures["visitors"]],
        [_("Product views"), figures["product_views"]],
        [_("Added to basket"), figures["basket_adds"]],
        [_("Orders"), figures["orders"]],
        [_("Conversion rate (%)"), figures["conversion"] if figures["conversion"] is not None else ""],
        [_("Revenue (₫)"), figures["revenue"]],
        [_("Goods value (₫)"), figures["goods"]],
        [_("Average order value (₫)"), figures["average_order"]],
        [_("Repeat shoppers"), figures["repeat_shoppers"]],
    ]
    days = [
        [
            _("Day"),
            _("Visitors"),
            _("Product views"),
            _("Added to basket"),
            _("Orders"),
            _("Goods value (₫)"),
            _("Revenue (₫)"),
        ]
    ]
    days += [
        [
            d["day"].isoformat(),
            d["visitors"],
            d["product_views"],
            d["basket_adds"],
            d["orders"],
            d["goods"],
            d["revenue"],
        ]
        for d in figures["days"]
    ]
    top = [[_("Product"), _("Units"), _("Goods value (₫)")]]
    top += [[p["title"], p["units"], p["goods"]] for p in figures["top_products"]]
    return [(_("Summary"), totals), (_("By day"), days), (_("Top products"), top)]
