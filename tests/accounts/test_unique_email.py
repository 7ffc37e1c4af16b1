"""One account per e-mail address, letter case aside: every form that changes one refuses a taken
address, the database refuses it too, and sign-in never fails with an error."""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction

from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
STAFF, SHOPPER = "can.bo@example.vn", "shopper@example.vn"
migration = importlib.import_module("marketplace.accounts.migrations.0001_unique_email")


@pytest.fixture(autouse=True)
def accounts():
    """Province staff, who edit accounts in the CMS and Django's admin, and a shopper whose
    address the other forms try to take."""
    StaffFactory(email=STAFF)
    UserFactory(email=SHOPPER)


def shopper():
    return User.objects.get(email=SHOPPER)


def account_page(**fields):
    """What Wagtail's account page posts: every panel's fields, as the page offers them."""
    return {
        "name_email-first_name": "Sở",
        "name_email-last_name": "QN",
        "locale-preferred_language": "",
        "locale-current_time_zone": "",
        "theme-theme": "system",
        "theme-density": "default",
        "theme-contrast": "system",
        **fields,
    }


def test_wagtail_account_page_refuses_another_accounts_address(client):
    client.login(username=STAFF, password=PASSWORD)
    page = client.get("/cms/account/")
    assert page.status_code == 200
    assert 'name="email-email"' in page.content.decode()

    response = client.post(
        "/cms/account/",
        account_page(**{"email-email": "Shopper@EXAMPLE.vn"}),
    )

    assert response.status_code == 200
    assert "Tài khoản khác đã dùng địa chỉ e-mail này." in response.content.decode()
    assert User.objects.get(email__iexact=STAFF).first_name != "Sở"
    client.logout()
    # The address's owner still signs in.
    assert client.login(username=SHOPPER, password=PASSWORD)


def test_wagtail_account_page_still_changes_the_address_to_a_free_one(client):
    client.login(username=STAFF, password=PASSWORD)
    response = client.post(
        "/cms/account/",
        account_page(**{"email-email": "so.nnmt@example.vn"}),
    )
    assert response.status_code == 302
    assert User.objects.filter(email="so.nnmt@example.vn", is_superuser=True).exists()


def test_wagtail_user_admin_refuses_a_taken_address(client):
    user = UserFactory(email="bien.tap@example.vn", first_name="Biên", last_name="Tập")
    client.login(username=STAFF, password=PASSWORD)
    response = client.post(
        f"/cms/users/edit/{user.pk}/",
        {
            "username": user.username,
            "email": "SHOPPER@example.vn",
            "first_name": "Biên",
            "last_name": "Tập",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "Tài khoản khác đã dùng địa chỉ e-mail này." in response.content.decode()
    user.refresh_from_db()
    assert user.email == "bien.tap@example.vn"


def test_django_admin_refuses_a_taken_address_on_change_and_on_add(client):
    user = UserFactory(email="nhan.vien@example.vn")
    client.login(username=STAFF, password=PASSWORD)
    response = client.post(
        f"/django-admin/auth/user/{user.pk}/change/",
        {
            "username": user.username,
            "email": "shopper@EXAMPLE.VN",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 200
    assert "Tài khoản khác đã dùng địa chỉ e-mail này." in response.content.decode()
    user.refresh_from_db()
    assert user.email == "nhan.vien@example.vn"

    response = client.post(
        "/django-admin/auth/user/add/",
        {"username": "hai", "email": "Shopper@example.vn", "usable_password": "false"},
    )
    assert response.status_code == 200
    assert "Tài khoản khác đã dùng địa chỉ e-mail này." in response.content.decode()
    assert not User.objects.filter(username="hai").exists()


def test_storefront_registration_refuses_a_taken_address_in_other_letters(client):
    response = client.post(
        "/accounts/login/",
        {
            "registration-email": "SHOPPER@example.vn",
            "registration-password1": "mat-khau-rat-dai-1",
            "registration-password2": "mat-khau-rat-dai-1",
            "registration_submit": "1",
        },
    )
    assert response.status_code == 200
    assert User.objects.filter(email__iexact=SHOPPER).count() == 1


def test_storefront_profile_refuses_a_taken_address_in_other_letters(client):
    user = UserFactory(email="khach@example.vn")
    client.force_login(user)
    response = client.post(
        "/accounts/profile/edit/", {"email": "Shopper@Example.Vn", "first_name": "", "last_name": ""}
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.email == "khach@example.vn"


def test_the_database_refuses_a_second_account_with_the_same_address_in_other_letters():
    UserFactory(email="Lan.Nguyen@example.vn")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="lan.nguyen@EXAMPLE.vn")
    # Accounts without an address are not each other's duplicates.
    UserFactory(email="", username="khong-email-1")
    UserFactory(email="", username="khong-email-2")


def _drop_unique_index():
    # Inside the test's transaction: rolled back with it on PostgreSQL and SQLite alike.
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {migration.INDEX_NAME}")


def test_sign_in_with_an_address_two_old_accounts_share_is_refused_not_an_error(client):
    _drop_unique_index()
    twin = UserFactory(email="SHOPPER@example.vn", username="twin")
    twin.set_password(PASSWORD)
    twin.save()

    response = client.post(
        "/accounts/login/",
        {"login-username": SHOPPER, "login-password": PASSWORD, "login_submit": "1"},
    )

    # No 500: the address is ambiguous, so it is the account whose user name it is that signs in.
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(shopper().pk)

    response = client.post(
        "/accounts/login/",
        {"login-username": "Shopper@example.vn", "login-password": PASSWORD, "login_submit": "1"},
    )
    assert response.status_code in (200, 302)


def test_the_migration_lists_accounts_that_share_an_address_and_stops():
    _drop_unique_index()
    twin = UserFactory(email="Shopper@Example.Vn", username="twin")

    with pytest.raises(RuntimeError) as refused:
        migration.refuse_duplicates(django_apps(), None)

    message = str(refused.value)
    assert SHOPPER in message
    assert str(twin.pk) in message and str(shopper().pk) in message


def django_apps():
    from django.apps import apps

    return apps
