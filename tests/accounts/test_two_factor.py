"""Staff two-factor sign-in (TOTP): staff enrol by QR code and a real code, and once it is on, every
staff area (dashboard, CMS, Django admin) asks for the code after the password; the dashboard asks
staff who have not turned it on to do so."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, StaffFactory, seller_shop

pytestmark = pytest.mark.django_db

STAFF = "so.nnmt@example.vn"
NOTICE = 'id="two-factor-notice"'
STAFF_AREAS = ["/dashboard/", "/cms/", "/django-admin/"]


@pytest.fixture(autouse=True)
def staff_account():
    """Province staff, with a password and no second factor yet."""
    StaffFactory(email=STAFF)


def admin():
    return get_user_model().objects.get(email=STAFF)


def code_for(device, *, steps_ahead=0):
    """The code an authenticator app shows for this device now (or a step later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in_on_the_storefront(client, email):
    response = client.post(
        "/accounts/login/",
        {"login-username": email, "login-password": PASSWORD, "login_submit": "1"},
    )
    assert response.status_code == 302


def test_the_dashboard_asks_staff_without_two_factor_to_turn_it_on(client):
    sign_in_on_the_storefront(client, STAFF)
    page = client.get("/dashboard/").content.decode()
    assert NOTICE in page
    assert "Tài khoản nhân viên của bạn chỉ đăng nhập bằng mật khẩu." in page
    assert 'href="/accounts/two-factor/"' in page


def test_sellers_are_not_asked_and_cannot_enrol(client):
    sign_in_on_the_storefront(client, seller_shop().owner.email)
    assert NOTICE not in client.get("/dashboard/").content.decode()
    assert client.get("/accounts/two-factor/").status_code == 404


def test_staff_enrol_by_qr_code_and_a_real_code_then_the_notice_goes(client):
    sign_in_on_the_storefront(client, STAFF)
    page = client.get("/accounts/two-factor/")
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=admin(), confirmed=False)

    response = client.post("/accounts/two-factor/", {"code": code_for(device)})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    # This session gave its code while enrolling: the dashboard opens, without the notice.
    dashboard = client.get("/dashboard/")
    assert dashboard.status_code == 200
    assert NOTICE not in dashboard.content.decode()


def test_a_wrong_code_does_not_turn_two_factor_on(client):
    sign_in_on_the_storefront(client, STAFF)
    client.get("/accounts/two-factor/")
    device = TOTPDevice.objects.get(user=admin(), confirmed=False)
    wrong = f"{(int(code_for(device)) + 500_000) % 1_000_000:06d}"

    response = client.post("/accounts/two-factor/", {"code": wrong})

    assert response.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=admin(), confirmed=True).exists()
    assert NOTICE in client.get("/dashboard/").content.decode()


def test_once_on_every_staff_area_asks_for_the_code_after_the_password(client):
    device = TOTPDevice.objects.create(user=admin(), name="TOTP", confirmed=True)
    sign_in_on_the_storefront(client, STAFF)

    for area in STAFF_AREAS:
        response = client.get(area)
        assert response.status_code == 302, area
        assert response["Location"].startswith("/accounts/two-factor/verify/?next="), area

    asked = client.get("/accounts/two-factor/verify/?next=/cms/")
    assert asked.status_code == 200
    assert "Nhập mã sáu chữ số" in asked.content.decode()

    wrong = client.post("/accounts/two-factor/verify/", {"code": "12345x", "next": "/cms/"})
    assert wrong.status_code == 200
    assert client.get("/cms/").status_code == 302

    response = client.post("/accounts/two-factor/verify/", {"code": code_for(device), "next": "/cms/"})

    assert response.status_code == 302
    assert response["Location"] == "/cms/"
    for area in STAFF_AREAS:
        assert client.get(area).status_code == 200, area


def test_signing_in_at_the_cms_with_two_factor_on_also_asks_for_the_code(client):
    device = TOTPDevice.objects.create(user=admin(), name="TOTP", confirmed=True)
    response = client.post("/cms/login/", {"username": STAFF, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/two-factor/verify/")

    client.post("/accounts/two-factor/verify/", {"code": code_for(device), "next": "/cms/"})
    assert client.get("/cms/").status_code == 200


def test_a_used_code_cannot_open_a_second_session(client):
    device = TOTPDevice.objects.create(user=admin(), name="TOTP", confirmed=True)
    code = code_for(device)
    sign_in_on_the_storefront(client, STAFF)
    client.post("/accounts/two-factor/verify/", {"code": code, "next": "/dashboard/"})
    assert client.get("/dashboard/").status_code == 200

    other = Client()
    sign_in_on_the_storefront(other, STAFF)
    replay = other.post("/accounts/two-factor/verify/", {"code": code, "next": "/dashboard/"})
    assert replay.status_code == 200
    assert other.get("/dashboard/").status_code == 302


def test_the_code_page_never_sends_anyone_off_site(client):
    device = TOTPDevice.objects.create(user=admin(), name="TOTP", confirmed=True)
    sign_in_on_the_storefront(client, STAFF)
    response = client.post(
        "/accounts/two-factor/verify/", {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/dashboard/"


def test_the_qr_code_carries_no_markup_from_the_account_name(client):
    # The otpauth:// link in the QR code names the account; the SVG is printed unescaped, so a
    # name typed with markup must reach the page only as the code's squares.
    payload = '"><script>alert(1)</script><svg onload=alert(1)>'
    staff = get_user_model().objects.create_user(payload, "doc@example.vn", PASSWORD, is_staff=True)
    client.force_login(staff)
    html = client.get("/accounts/two-factor/").content.decode()
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    assert "<script" not in svg and "onload" not in svg and "alert" not in svg
    assert "<script>alert(1)</script>" not in html


def test_after_signing_in_a_seller_lands_in_the_seller_centre_and_a_shopper_on_the_home_page(client):
    seller = seller_shop()
    seller.owner.set_password(PASSWORD)
    seller.owner.save()
    response = client.post(
        "/accounts/login/",
        {"login-username": seller.owner.email, "login-password": PASSWORD, "login_submit": "1"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/dashboard/"
    shopper = Client()
    get_user_model().objects.create_user("mua@example.vn", "mua@example.vn", PASSWORD)
    response = shopper.post(
        "/accounts/login/",
        {"login-username": "mua@example.vn", "login-password": PASSWORD, "login_submit": "1"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/"
