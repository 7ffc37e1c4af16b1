"""The seller lifecycle run by province staff from the activation queue in the dashboard."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, SellerFactory, StaffFactory, UserFactory, product_for_sale, seller_shop
from tests.forms import PDF, application
from vendors import lifecycle, selectors
from vendors.models import BusinessKind, Seller, SellerDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    staff = StaffFactory()
    client.force_login(staff)
    return staff


@pytest.fixture
def applied():
    """A cooperative that applied through /sell/, in its own browser."""
    user = UserFactory(email="htx@example.vn")
    browser = Client()
    browser.force_login(user)
    browser.post("/sell/", application())
    return Seller.objects.get(owner=user)


def decide(client, seller, action, reason=""):
    return client.post(
        reverse("dashboard:seller-decide", kwargs={"pk": seller.pk}),
        {"action": action, "reason": reason},
        follow=True,
    )


def test_the_queue_lists_waiting_applicants_and_filters_by_kind_and_ward(client, staff, applied):
    household = SellerFactory(
        kind=BusinessKind.HOUSEHOLD,
        ward_code=applied.ward_code,
        status=Seller.Status.APPLIED,
        activated_at=None,
        applied_at=timezone.now() - datetime.timedelta(days=3),
    )
    refused = SellerFactory(status=Seller.Status.REJECTED, activated_at=None)
    response = client.get(reverse("dashboard:seller-list"))
    html = response.content.decode()
    waiting = Seller.objects.filter(status="applied").count()
    assert f"{waiting} người bán" in html
    newest_first = [v.applied_at for v in response.context["sellers"]]
    assert newest_first == sorted(newest_first, reverse=True)
    in_ward = client.get(reverse("dashboard:seller-list"), {"ward": applied.ward_code})
    assert applied.shop_name in in_ward.content.decode()
    filtered = client.get(
        reverse("dashboard:seller-list"),
        {"status": "applied", "kind": "household", "ward": applied.ward_code},
    )
    assert applied.shop_name not in filtered.content.decode()
    assert household in filtered.context["sellers"]
    assert all(v.kind == "household" for v in filtered.context["sellers"])
    rejected = client.get(reverse("dashboard:seller-list"), {"status": "rejected"})
    assert refused in rejected.context["sellers"]
    assert {v.status for v in rejected.context["sellers"]} == {"rejected"}


def test_staff_open_the_documents_which_are_never_public(client, staff, applied):
    document = applied.documents.get()
    url = reverse("dashboard:seller-document", kwargs={"pk": applied.pk, "document_pk": document.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    client.logout()
    assert client.get(url).status_code in (302, 403)
    assert client.get("/media/" + document.file.name).status_code == 404


def test_activation_opens_the_seller_centre_and_tells_the_seller(
    client, staff, applied, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, applied, "activate")
    assert "Đã kích hoạt" in response.content.decode()
    applied.refresh_from_db()
    assert applied.status == Seller.Status.ACTIVE and applied.activated_at
    owner = applied.owner
    assert owner.has_perm("partner.dashboard_access")
    assert applied.partner.users.filter(pk=owner.pk).exists()
    assert mail.outbox[-1].subject == f"Gian hàng {applied.shop_name} đã được kích hoạt"
    step = applied.transitions.first()
    assert (step.from_status, step.to_status, step.by) == ("applied", "active", staff)


def test_rejection_needs_a_reason_and_the_seller_may_re_apply(
    client, staff, applied, django_capture_on_commit_callbacks
):
    response = decide(client, applied, "reject")
    assert "Hãy nêu lý do" in response.content.decode()
    applied.refresh_from_db()
    assert applied.status == Seller.Status.APPLIED

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, applied, "reject", "Giấy đăng ký kinh doanh đã hết hạn.")
    applied.refresh_from_db()
    assert applied.status == Seller.Status.REJECTED
    assert "Giấy đăng ký kinh doanh đã hết hạn." in mail.outbox[-1].body

    client.force_login(applied.owner)
    page = client.get("/sell/").content.decode()
    assert "Giấy đăng ký kinh doanh đã hết hạn." in page and "Gửi hồ sơ" in page
    new_doc = SimpleUploadedFile("moi.pdf", PDF, "application/pdf")
    client.post(
        "/sell/", application(document=new_doc, shop_name="HTX Chè Hoa Vàng Xanh Mới", slug="htx-moi")
    )
    applied.refresh_from_db()
    assert applied.status == Seller.Status.APPLIED
    assert applied.slug == "htx-moi" and applied.documents.count() == 2
    assert [t.to_status for t in applied.transitions.all()][:3] == ["applied", "rejected", "applied"]


def test_suspension_takes_the_shop_off_the_floor_and_reactivation_brings_it_back(client, staff):
    from tests.oscar_orders import place_oscar_order

    seller = seller_shop()
    product = product_for_sale(seller)
    assert selectors.open_sellers().filter(pk=seller.pk).exists()
    order = place_oscar_order(
        number="SUSP-1", shopper=UserFactory(), lines=[(product, 2)], ward_name="Phường Hạ Long"
    )

    decide(client, seller, "suspend", "Sản phẩm không đúng công bố.")
    seller.refresh_from_db()
    assert seller.status == Seller.Status.SUSPENDED
    assert not selectors.sellable_products().filter(pk=product.pk).exists()
    assert client.get(product.get_absolute_url()).status_code == 200  # staff still see it
    assert not seller.owner.has_perm("partner.dashboard_access")
    client.logout()
    assert client.get(product.get_absolute_url()).status_code == 404
    assert client.get(seller.get_absolute_url()).status_code == 404
    order.refresh_from_db()  # its orders stay intact
    assert order.lines.get().quantity == 2 and order.status == "Pending"

    client.force_login(staff)
    decide(client, seller, "reactivate")
    seller.refresh_from_db()
    assert seller.status == Seller.Status.ACTIVE
    assert selectors.sellable_products().filter(pk=product.pk).exists()


def test_impossible_decisions_are_refused_and_change_nothing(client, staff, applied):
    response = decide(client, applied, "suspend", "x")
    assert "không thể" in response.content.decode()
    applied.refresh_from_db()
    assert applied.status == Seller.Status.APPLIED
    with pytest.raises(ValidationError):
        lifecycle.seller_reactivate(seller=applied, by=staff)


def complete(seller):
    """An applicant with what staff check: a document and a bank account for payouts."""
    seller.bank_code, seller.bank_account_number, seller.bank_account_holder = "VCB", "0011001234567", "HTX"
    seller.save()
    seller.documents.create(
        kind=SellerDocument.Kind.BUSINESS_REGISTRATION,
        file=SimpleUploadedFile("gcn.pdf", PDF),
        content_type="application/pdf",
        size=len(PDF),
        original_name="gcn.pdf",
    )
    return seller


def test_several_applicants_are_approved_at_once(client, staff):
    waiting = [complete(SellerFactory(status=Seller.Status.APPLIED, activated_at=None)) for _ in range(3)]
    already = SellerFactory()
    response = client.post(
        reverse("dashboard:seller-bulk-approve"),
        {"seller": [v.pk for v in waiting] + [already.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "3 người bán đã được kích hoạt." in html
    assert already.shop_name in html  # told it was not waiting
    assert all(v.status == "active" for v in Seller.objects.filter(pk__in=[v.pk for v in waiting]))


@pytest.mark.parametrize("who", ["anonymous", "shopper", "seller"])
def test_only_staff_reach_the_queue(client, who):
    if who == "shopper":
        assert client.login(username=UserFactory().email, password=PASSWORD)
    elif who == "seller":
        assert client.login(username=seller_shop().owner.email, password=PASSWORD)
    response = client.get(reverse("dashboard:seller-list"))
    assert response.status_code in (302, 403)
    seller = SellerFactory(status=Seller.Status.APPLIED, activated_at=None)
    client.post(reverse("dashboard:seller-decide", kwargs={"pk": seller.pk}), {"action": "activate"})
    seller.refresh_from_db()
    assert seller.status == Seller.Status.APPLIED


def test_an_application_without_documents_or_bank_account_is_activated_only_with_a_reason(client, staff):
    bare = SellerFactory(status=Seller.Status.APPLIED, activated_at=None)
    page = client.get(reverse("dashboard:seller-detail", kwargs={"pk": bare.pk})).content.decode()
    assert "Hồ sơ này chưa có giấy tờ, chưa có tài khoản ngân hàng để nhận tiền." in page
    assert (
        'data-confirm="Kích hoạt người bán này? Gian hàng sẽ mở trên sàn và người bán nhận e-mail."' in page
    )
    refused = decide(client, bare, "activate").content.decode()
    assert "chỉ kích hoạt khi đã kiểm tra bằng cách khác" in refused
    bare.refresh_from_db()
    assert bare.status == Seller.Status.APPLIED
    # Left out of a bulk approval, and named.
    listed = client.post(reverse("dashboard:seller-bulk-approve"), {"seller": [bare.pk]}, follow=True)
    assert bare.shop_name in listed.content.decode()
    bare.refresh_from_db()
    assert bare.status == Seller.Status.APPLIED
    decide(client, bare, "activate", reason="Đã đối chiếu bản giấy tại UBND xã Quảng Tân ngày 05/12.")
    bare.refresh_from_db()
    assert bare.status == Seller.Status.ACTIVE
    assert bare.transitions.first().reason.startswith("Đã đối chiếu bản giấy")


@pytest.mark.parametrize(
    ("status", "buttons"),
    [
        (Seller.Status.APPLIED, ["activate", "reject"]),
        (Seller.Status.ACTIVE, ["suspend"]),
        (Seller.Status.SUSPENDED, ["reactivate"]),
        (Seller.Status.REJECTED, []),
    ],
)
def test_the_staff_page_offers_exactly_the_decisions_of_the_lifecycle_table(client, staff, status, buttons):
    seller = SellerFactory(status=status)
    html = client.get(reverse("dashboard:seller-detail", kwargs={"pk": seller.pk})).content.decode()
    offered = re.findall(r'name="action" value="(\w+)"', html)
    assert offered == buttons == [name for name, _decision in lifecycle.decisions_for(seller)]
    assert all(lifecycle.DECISIONS[name].source == status for name in offered)


def test_a_decision_not_in_the_table_is_refused_in_vietnamese(client, staff):
    seller = SellerFactory(status=Seller.Status.ACTIVE)
    response = decide(client, seller, "delete")
    assert "Không thể đưa ra quyết định này cho người bán này." in response.content.decode()
    seller.refresh_from_db()
    assert seller.status == Seller.Status.ACTIVE
