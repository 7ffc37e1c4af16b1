"""Staff secrets stay secret: no staff member reads another's two-factor key in the Django admin,
its extra pages answer 404 for a device that does not exist, and Wagtail's test error pages are not
routed."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db
ADMIN = "/django-admin/otp_totp/totpdevice/"


@pytest.fixture
def colleague_device():
    colleague = StaffFactory(email="dong.nghiep@example.vn")
    return TOTPDevice.objects.create(user=colleague, name="Điện thoại", confirmed=True)


@pytest.fixture
def superuser_client(client):
    boss = get_user_model().objects.create_superuser(
        "giam.doc@example.vn", "giam.doc@example.vn", "pw-123456"
    )
    client.force_login(boss)
    return client


def test_a_colleagues_key_and_qr_code_are_nowhere_in_the_admin(superuser_client, colleague_device):
    listing = superuser_client.get(ADMIN)
    assert listing.status_code == 200
    assert "Điện thoại" in listing.content.decode()
    change = superuser_client.get(f"{ADMIN}{colleague_device.pk}/change/")
    assert change.status_code == 200
    html = change.content.decode()
    assert colleague_device.key not in html and "qrcode" not in html and 'name="key"' not in html
    assert superuser_client.get(f"{ADMIN}{colleague_device.pk}/config/").status_code == 403
    assert superuser_client.get(f"{ADMIN}{colleague_device.pk}/qrcode/").status_code == 403


def test_no_device_is_made_in_the_admin_where_its_maker_would_see_the_new_key(superuser_client):
    assert superuser_client.get(f"{ADMIN}add/").status_code == 403


@pytest.mark.parametrize("page", ["config", "qrcode"])
def test_a_device_that_does_not_exist_is_not_found_not_a_server_error(superuser_client, page):
    assert superuser_client.get(f"{ADMIN}987654/{page}/").status_code == 404


@pytest.mark.parametrize("page", ["/cms/failwhale/", "/cms/test404/"])
def test_wagtails_test_error_pages_are_not_routed(superuser_client, page):
    response = superuser_client.get(page)
    assert response.status_code == 404
