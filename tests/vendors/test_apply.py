"""Applying to sell at /sell/: what an applicant types is checked, kept on error, and recorded."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import SellerFactory, UserFactory
from tests.forms import PDF, application
from vendors.models import Seller, SellerDocument, SellerTransition

pytestmark = pytest.mark.django_db


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def applicant(client):
    user = UserFactory(email="lan@example.vn")
    client.force_login(user)
    return user


def test_anonymous_visitors_are_asked_to_sign_in_first(client):
    response = client.get("/sell/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_complete_application_creates_a_pending_seller_with_its_document(
    client, applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/sell/", application(), follow=True)
    assert response.status_code == 200
    seller = Seller.objects.get(owner=applicant)
    assert seller.status == Seller.Status.APPLIED
    assert seller.slug == "htx-che-hoa-vang-xanh"
    assert seller.phone == "0912345678"
    assert seller.bank_account_number == "0011004567890"
    assert seller.partner.name == "HTX Chè Hoa Vàng Xanh"
    assert not seller.partner.users.exists()  # no seller centre before activation
    document = seller.documents.get()
    assert document.kind == SellerDocument.Kind.BUSINESS_REGISTRATION
    assert document.content_type == "application/pdf"
    assert document.file.read() == PDF
    transition = SellerTransition.objects.get(seller=seller)
    assert (transition.from_status, transition.to_status, transition.by) == ("", "applied", applicant)
    assert "Đã đăng ký" in response.content.decode()
    assert mail.outbox[-1].to == ["htx.chehoavang@example.vn"]
    assert mail.outbox[-1].subject == "Đã nhận hồ sơ đăng ký gian hàng HTX Chè Hoa Vàng Xanh"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tax_code", "5701234560", "Chữ số kiểm tra"),
        ("tax_code", "57012345", "10 chữ số"),
        ("phone", "12345", "số điện thoại Việt Nam"),
        ("bank_account_number", "12ab", "6 đến 19 chữ số"),
        ("ward_code", "6694", "không thuộc tỉnh"),
    ],
)
def test_bad_input_is_explained_in_vietnamese_next_to_its_field(client, applicant, field, value, message):
    response = client.post("/sell/", application(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    form = response.context["form"]
    assert field in form.errors
    assert not Seller.objects.filter(owner=applicant).exists()
    # Nothing the applicant typed is lost.
    assert 'value="Hợp tác xã Chè Hoa Vàng Ba Chẽ Xanh"' in html
    assert 'value="HTX CHE HOA VANG XANH"' in html


def test_a_branch_tax_code_is_accepted(client, applicant):
    client.post("/sell/", application(tax_code="5701234566-001"))
    assert Seller.objects.get(owner=applicant).tax_code == "5701234566-001"


def test_a_document_is_judged_by_its_content_not_its_name(client, applicant):
    fake = SimpleUploadedFile("giay-phep.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")
    response = client.post("/sell/", application(document=fake))
    assert "PDF, JPEG hoặc PNG" in response.content.decode()
    assert not Seller.objects.filter(owner=applicant).exists()

    png_named_txt = SimpleUploadedFile("scan.txt", png_bytes(), "text/plain")
    client.post("/sell/", application(document=png_named_txt))
    assert Seller.objects.get(owner=applicant).documents.get().content_type == "image/png"


def test_a_document_over_10_mb_is_refused(client, applicant):
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (10 * 1024 * 1024), "application/pdf")
    response = client.post("/sell/", application(document=big))
    assert "lớn hơn 10 MB" in response.content.decode()


def test_a_valid_upload_survives_an_error_elsewhere(client, applicant):
    first = client.post("/sell/", application(phone="123"))
    token = first.context["form"].data["document_token"]
    assert token and "dang-ky.pdf" in first.content.decode()
    second = client.post("/sell/", application(document=None, document_token=token), follow=True)
    assert second.status_code == 200
    seller = Seller.objects.get(owner=applicant)
    assert seller.documents.get().file.read() == PDF


def test_a_forged_document_token_does_not_count_as_an_upload(client, applicant):
    response = client.post("/sell/", application(document=None, document_token="forged:token"))
    assert "Hãy tải lên giấy đăng ký kinh doanh" in response.content.decode()
    assert not Seller.objects.filter(owner=applicant).exists()


def test_a_taken_shop_address_is_refused(client, applicant):
    taken = SellerFactory().slug
    response = client.post("/sell/", application(slug=taken))
    assert "Đường dẫn gian hàng này đã có người dùng" in response.content.decode()


def test_the_ward_list_follows_the_province(client):
    data = client.get("/sell/wards/", {"province": "22"}).json()
    assert len(data["wards"]) == 54
    assert {"code": 7030, "name": "Phường Hoành Bồ"} in data["wards"]
    assert client.get("/sell/wards/", {"province": "x"}).json() == {"wards": []}
