"""Provenance: the trace page a QR code leads to, the registry of codes, recognitions that lapse or
are revoked, and sellers' batches — each as a shopper, a seller or the province's staff meets it."""

import datetime
import io

import pytest
import time_machine
import zxingcpp
from biip.gs1_digital_link_uris import GS1DigitalLinkURI
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from marketplace.productsearch.tasks import reindex_products
from tests.factories import SellerFactory, product_for_sale
from tests.pages import text
from vendors import lifecycle, recognitions
from vendors.models import OcopRecognition
from vendors.provenance import gs1, services
from vendors.provenance.models import Batch, RegisteredCode, VietGapCertificate

pytestmark = pytest.mark.django_db
User = get_user_model()
TODAY = timezone.localdate()


def days(n):
    return datetime.timedelta(days=n)


@pytest.fixture
def staff(client):
    User.objects.create_user("tinh@example.vn", "tinh@example.vn", "pw-123456", is_staff=True)
    return lambda: client.login(username="tinh@example.vn", password="pw-123456")


@pytest.fixture
def shop(django_capture_on_commit_callbacks):
    """A seller's shop with a barcoded product grown on a registered area, packed in a registered house."""
    with django_capture_on_commit_callbacks(execute=True):  # the search index follows, as after a commit
        return _shop()


def _shop():
    owner = User.objects.create_user("ban@example.vn", "ban@example.vn", "pw-123456")
    seller = SellerFactory(owner=owner)
    lifecycle.seller_centre_access_set(seller, allowed=True)
    product = product_for_sale(seller, title="Chè hoa vàng Ba Chẽ", price=450_000, stars=4)
    product.upc = gs1.with_check_digit("893555000001")
    product.save()
    area = services.code_issue(
        code="VN-QNOR-7001",
        kind="growing_export",
        crop="Chè hoa vàng",
        area_ha="12.50",
        ward_code=7030,
        latitude="21.1234",
        longitude="107.2345",
        households=14,
        issued_on=TODAY - days(200),
    )
    house = services.code_issue(
        code="VN-QNPH-7001", kind="packing", crop="Chè", ward_code=7030, issued_on=TODAY - days(200)
    )
    batch = services.batch_record(
        product=product,
        lot_code="L2611-07",
        harvested_on=TODAY - days(20),
        packed_on=TODAY - days(18),
        growing_area=area,
        packing_facility=house,
        quantity=300,
    )
    services.batch_event_add(
        batch=batch, kind="planting", happened_on=TODAY - days(150), note="Trồng cây giống"
    )
    services.batch_event_add(batch=batch, kind="harvest", happened_on=TODAY - days(20), note="Hái búp")
    VietGapCertificate.objects.create(
        number="VietGAP-TT-26-03-22-0042",
        producer=product.producer,
        growing_area=area,
        certifying_body="Trung tâm Chứng nhận Quacert",
        scope="Chè hoa vàng",
        area_ha="12.50",
        issued_on=TODAY - days(300),
        expires_on=TODAY - days(300) + days(700),
    )
    return {"seller": seller, "product": product, "area": area, "house": house, "batch": batch}


# --- The trace page and the QR code ------------------------------------------------------------


def test_the_trace_page_says_who_made_it_where_when_and_under_which_certificates(client, shop):
    batch, product = shop["batch"], shop["product"]
    path = f"/01/0{product.upc}/10/L2611-07"
    assert batch.digital_link_path() == path
    page = text(client.get(path))
    assert product.producer.name in page and shop["seller"].shop_name in page  # who
    assert "Chè hoa vàng Ba Chẽ" in page and "L2611-07" in page  # what
    assert "VN-QNOR-7001" in page and "Phường Hoành Bồ" in page and "21,12340, 107,23450" in page  # where
    assert (TODAY - days(20)).strftime("%d-%m-%Y") in page and "Trồng cây giống" in page  # when
    assert "OCOP 4 sao" in page and "VietGAP-TT-26-03-22-0042" in page  # which certificates
    client.post(reverse("set_language"), {"language": "en", "next": path})
    english = text(client.get(path))
    assert "Who made it" in english and "OCOP 4 stars" in english and "in force" in english


def test_bad_links_are_explained_not_guessed(client, shop):
    upc = shop["product"].upc
    wrong_digit = f"0{upc[:-1]}{(int(upc[-1]) + 1) % 10}"
    response = client.get(f"/01/{wrong_digit}/10/L2611-07")
    assert response.status_code == 404 and "sai số kiểm tra" in text(response)
    unknown = client.get(f"/01/0{upc}/10/L9999-99")
    assert unknown.status_code == 404 and "Không có lô L9999-99" in text(unknown)
    assert client.get("/01/12345/10/L2611-07").status_code == 404


def test_the_qr_code_decodes_to_the_absolute_digital_link_a_gs1_parser_accepts(client, shop):
    product = shop["product"]
    png = client.get(reverse("provenance:qr", args=[f"0{product.upc}", "L2611-07", "png"]))
    assert png["Content-Type"] == "image/png"
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    assert found.text == f"http://testserver/01/0{product.upc}/10/L2611-07"
    link = GS1DigitalLinkURI.parse(found.text)
    values = {element.ai.ai: element for element in link.element_strings}
    assert values["01"].gtin.value == f"0{product.upc}" and values["10"].value == "L2611-07"
    svg = client.get(reverse("provenance:qr", args=[f"0{product.upc}", "L2611-07", "svg"]))
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    with override_settings(MARKETPLACE_PUBLIC_URL="https://ocop.quangninh.gov.vn"):
        png = client.get(reverse("provenance:qr", args=[f"0{product.upc}", "L2611-07", "png"]))
    (found,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
    assert found.text == f"https://ocop.quangninh.gov.vn/01/0{product.upc}/10/L2611-07"


def test_the_product_page_links_its_current_batch_and_shows_its_qr(client, shop):
    product = shop["product"]
    html = client.get(product.get_absolute_url()).content.decode()
    assert f'href="/01/0{product.upc}/10/L2611-07"' in html
    assert reverse("provenance:qr", args=[f"0{product.upc}", "L2611-07", "svg"]) in html


# --- Rules on input ---------------------------------------------------------------------------


def test_recognitions_must_fit_their_star_band_level_and_validity(shop):
    product = shop["product"]
    with pytest.raises(ValidationError, match="70–89"):
        recognitions.recognition_record(
            product=product,
            producer=product.producer,
            stars=4,
            score=65,
            group="food",
            decision_number="1/QĐ-UBND",
            decision_date=TODAY - days(3),
        )
    with pytest.raises(ValidationError, match="36"):
        OcopRecognition(
            product=product,
            producer=product.producer,
            stars=3,
            score=55,
            group="food",
            decision_number="2/QĐ-UBND",
            decision_date=TODAY - days(3),
            valid_until=TODAY + days(365 * 4),
            issuing_level="province",
        ).full_clean()
    with pytest.raises(ValidationError, match="5 sao"):
        OcopRecognition(
            product=product,
            producer=product.producer,
            stars=5,
            score=95,
            group="food",
            decision_number="3/QĐ-UBND",
            decision_date=TODAY - days(3),
            valid_until=TODAY + days(300),
            issuing_level="province",
        ).full_clean()
    with pytest.raises(ValidationError, match="tương lai"):
        recognitions.recognition_record(
            product=product,
            producer=product.producer,
            stars=3,
            score=55,
            group="food",
            decision_number="4/QĐ-UBND",
            decision_date=TODAY + days(3),
        )


def test_vietgap_certificates_last_at_most_two_years(shop):
    certificate = VietGapCertificate(
        number="VietGAP-TT-26-01-22-0001",
        producer=shop["product"].producer,
        certifying_body="TQC",
        scope="Chè",
        area_ha="1.00",
        issued_on=TODAY - days(10),
        expires_on=TODAY - days(10) + days(800),
    )
    with pytest.raises(ValidationError, match="hai năm"):
        certificate.full_clean()
    certificate.expires_on = TODAY - days(20)
    with pytest.raises(ValidationError, match="sau ngày cấp"):
        certificate.full_clean()


def test_a_seller_records_a_batch_and_its_steps_and_is_told_what_is_wrong(client, shop):
    client.login(username="ban@example.vn", password="pw-123456")
    url = reverse("dashboard:shop-batches")
    product = shop["product"]
    data = {
        "product": product.pk,
        "lot_code": "L2611-08",
        "harvested_on": TODAY - days(5),
        "packed_on": TODAY - days(9),
        "growing_area": shop["area"].pk,
        "quantity": 100,
        "unit": "hộp",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400 and "Ngày đóng gói không thể trước ngày thu hoạch." in text(refused)
    assert client.post(url, {**data, "packed_on": TODAY - days(4), "lot_code": "L 26/11"}).status_code == 400
    done = client.post(url, {**data, "packed_on": TODAY - days(4)})
    batch = Batch.objects.get(lot_code="L2611-08")
    assert done.url == reverse("dashboard:shop-batch", args=[batch.pk])
    step_url = reverse("dashboard:shop-batch", args=[batch.pk])
    late = client.post(step_url, {"kind": "care", "happened_on": TODAY - days(1), "note": "Tỉa cành"})
    assert late.status_code == 400 and "trước khi thu hoạch" in text(late)
    client.post(step_url, {"kind": "care", "happened_on": TODAY - days(40), "note": "Tỉa cành"})
    assert list(batch.events.values_list("note", flat=True)) == ["Tỉa cành"]
    trace = text(client.get(batch.digital_link_path()))
    assert "Tỉa cành" in trace


def test_sellers_attach_registry_codes_but_cannot_touch_the_registry(client, shop):
    client.login(username="ban@example.vn", password="pw-123456")
    product = shop["product"]
    unknown = client.post(
        reverse("dashboard:shop-codes"), {"product": product.pk, "code": "VN-QNOR-0000"}, follow=True
    )
    assert "Không có mã VN-QNOR-0000 trong sổ đăng ký." in text(unknown)
    revoked = RegisteredCode.objects.create(
        code="VN-QNOR-7999",
        kind="growing_domestic",
        crop="Na",
        ward_code=7030,
        issued_on=TODAY - days(90),
        status="revoked",
    )
    refused = client.post(
        reverse("dashboard:shop-codes"), {"product": product.pk, "code": "vn-qnor-7999"}, follow=True
    )
    assert "đã bị thu hồi" in text(refused) and not product.registered_codes.filter(pk=revoked.pk).exists()
    # The registry is the province's: a seller gets no further than the door.
    assert client.get(reverse("dashboard:registry-codes")).status_code == 403
    assert (
        client.post(
            reverse("dashboard:registry-code", args=[shop["area"].pk]), {"step": "revoke", "reason": "x"}
        ).status_code
        == 403
    )
    shop["area"].refresh_from_db()
    assert shop["area"].status == "active"
    # Another shop's product cannot be given codes either.
    other = product_for_sale(SellerFactory(), title="Hàng của gian khác")
    assert (
        client.post(
            reverse("dashboard:shop-codes"), {"product": other.pk, "code": "VN-QNPH-7001"}
        ).status_code
        == 404
    )


# --- The registry and what the storefront shows ------------------------------------------------


def test_staff_issue_a_code_with_a_soft_warning_on_its_format(client, staff):
    staff()
    response = client.post(
        reverse("dashboard:registry-codes"),
        {
            "code": "QN-CAM-01",
            "kind": "growing_domestic",
            "crop": "Cam",
            "area_ha": "3.5",
            "ward_code": 6994,
            "issued_on": TODAY.isoformat(),
        },
        follow=True,
    )
    page = text(response)
    assert "Đã cấp mã QN-CAM-01." in page and "không giống các mã đã công bố" in page
    code = RegisteredCode.objects.get(code="QN-CAM-01")
    assert code.status == "active" and code.history.count() == 1


def test_revoking_a_code_delists_the_products_relying_on_it_at_once_and_tells_the_seller(
    client, staff, shop, django_capture_on_commit_callbacks
):
    product = shop["product"]
    assert client.get(product.get_absolute_url()).status_code == 200
    assert product.title in text(client.get(reverse("search:search"), {"q": "chè hoa vàng ba chẽ"}))
    staff()
    url = reverse("dashboard:registry-code", args=[shop["area"].pk])
    no_reason = text(client.post(url, {"step": "revoke", "reason": " "}, follow=True))
    assert "Hãy nêu lý do" in no_reason
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"step": "revoke", "reason": "Không duy trì điều kiện vùng trồng."})
    shop["area"].refresh_from_db()
    assert shop["area"].status == "revoked" and shop["area"].history.first().new_status == "revoked"
    client.logout()  # staff may still open any product page; shoppers may not
    assert client.get(product.get_absolute_url()).status_code == 404
    assert product.title not in text(client.get(reverse("search:search"), {"q": "chè hoa vàng ba chẽ"}))
    (told,) = [m for m in mail.outbox if "VN-QNOR-7001" in m.subject]
    assert told.to == ["ban@example.vn"] and "Chè hoa vàng Ba Chẽ" in told.body
    # The trace page still answers the shopper holding the package, and says why.
    trace = text(client.get(shop["batch"].digital_link_path()))
    assert "đã bị thu hồi" in trace and "Không duy trì điều kiện vùng trồng." in trace


@override_settings(MARKETPLACE_REVOKED_CODE_RULE="flag")
def test_under_the_flag_rule_a_revoked_code_keeps_the_product_on_sale_with_a_warning(client, staff, shop):
    staff()
    client.post(
        reverse("dashboard:registry-code", args=[shop["house"].pk]), {"step": "suspend", "reason": "Kiểm tra"}
    )
    client.post(
        reverse("dashboard:registry-code", args=[shop["house"].pk]), {"step": "revoke", "reason": "Đóng cửa"}
    )
    page = client.get(shop["product"].get_absolute_url())
    assert (
        page.status_code == 200 and "VN-QNPH-7001" in text(page) and "đã bị thu hồi: Đóng cửa" in text(page)
    )


def stars_filter(client, stars: int) -> str:
    return text(client.get(reverse("search:search"), {"q": "chè hoa vàng ba chẽ", "stars": str(stars)}))


def test_revoking_a_recognition_removes_the_badge_and_the_star_filter_at_once(
    client, staff, shop, django_capture_on_commit_callbacks
):
    product = shop["product"]
    assert product.title in stars_filter(client, 4)
    assert "ocop-badge" in client.get(product.get_absolute_url()).content.decode()
    staff()
    recognition = product.ocop_recognitions.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("dashboard:registry-recognition-revoke", args=[recognition.pk]),
            {"reason": "Gian lận hồ sơ"},
            follow=True,  # (the confirmation names the product: read it before searching)
        )
    recognition.refresh_from_db()
    assert recognition.status == "revoked"
    assert product.title not in stars_filter(client, 4)
    assert "ocop-badge" not in client.get(product.get_absolute_url()).content.decode()


def test_a_lapsed_recognition_leaves_the_star_filter_when_the_day_turns(client, shop):
    product = shop["product"]
    # The recognition's last day is today, and the index knows it.
    OcopRecognition.objects.filter(product=product).update(valid_until=TODAY + days(1))
    reindex_products([product.pk])
    assert product.title in stars_filter(client, 4)
    # Midnight passes, and nothing is saved to say so: the search reads the date.
    zone = timezone.get_current_timezone()
    next_morning = datetime.datetime.combine(TODAY + days(1), datetime.time(7), zone)
    with time_machine.travel(next_morning, tick=False):
        assert product.title not in stars_filter(client, 4)
        assert "ocop-badge" not in client.get(product.get_absolute_url()).content.decode()
        assert product.ocop_recognitions.get().status == "expired"


def test_the_product_form_checks_the_barcodes_check_digit(shop):
    from oscar.core.loading import get_class

    ProductForm = get_class("dashboard.catalogue.forms", "ProductForm")
    product = shop["product"]

    def form(upc):
        data = {
            "title": product.title,
            "upc": upc,
            "description": "",
            "is_public": "on",
            "slug": product.slug,
        }
        return ProductForm(product.product_class, instance=product, data=data)

    wrong = form("8935550000019" if product.upc[-1] != "9" else "8935550000018")
    assert not wrong.is_valid() and "không khớp" in wrong.errors["upc"][0]
    assert "8, 12, 13 hoặc 14 chữ số" in form("12345").errors["upc"][0]
    good = form(product.upc)
    assert "upc" not in good.errors


def test_shoppers_filter_by_proof_of_origin(client, shop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        plain = product_for_sale(shop["seller"], title="Chè hoa vàng túi lọc", price=150_000, stars=3)
    this_shop = {"q": "chè hoa vàng", "shop": shop["seller"].pk}
    everything = text(client.get(reverse("search:search"), this_shop))
    assert shop["product"].title in everything and plain.title in everything
    assert "Nguồn gốc được chứng nhận" in everything and "Có mã vùng trồng xuất khẩu (1)" in everything
    exported = text(client.get(reverse("search:search"), {**this_shop, "cert": "export"}))
    assert shop["product"].title in exported and plain.title not in exported
    # VietGAP certifies the producer: both its teas count, the plain one too.
    vietgap = text(client.get(reverse("search:search"), {**this_shop, "cert": "vietgap"}))
    assert shop["product"].title in vietgap and plain.title in vietgap and "Đạt VietGAP (2)" in vietgap


def test_a_product_without_a_barcode_is_not_taken_for_a_duplicate(shop):
    from oscar.core.loading import get_class

    ProductForm = get_class("dashboard.catalogue.forms", "ProductForm")
    product_class = shop["product"].product_class
    data = {
        "title": "Miến dong Bình Liêu",
        "upc": "",
        "description": "",
        "is_public": "on",
        "structure": "standalone",
    }
    for _n in range(2):  # other products have no barcode either
        form = ProductForm(product_class, data=data)
        assert form.is_valid(), form.errors
        form.save()


def test_the_register_filters_by_kind_status_and_words_and_ignores_what_is_no_choice(client):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory())
    url = reverse("dashboard:registry-codes")
    every = client.get(url).context["paginator"].count
    revoked = client.get(url, {"status": "revoked"}).context
    assert revoked["filters"]["status"] == "revoked"
    assert {c.status for c in revoked["codes"]} == {"revoked"} and revoked["paginator"].count < every
    for bad in ({"status": "bị thu hồi"}, {"kind": "<script>"}):
        ignored = client.get(url, bad)
        assert ignored.status_code == 200 and ignored.context["paginator"].count == every
    assert client.get(url, {"q": "VN-QNPH"}).context["paginator"].count == 7  # the packing facilities
