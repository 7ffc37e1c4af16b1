"""What the application form shows: which fields are required, and the ward chosen before an error."""

import re

import pytest

from tests.factories import UserFactory
from tests.forms import application

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(client):
    client.force_login(UserFactory(email="mark@example.vn"))
    return client


def label_classes(html: str, field: str) -> list[str]:
    return re.search(rf'<label for="id_{field}" class="([^"]*)"', html).group(1).split()


def test_the_document_is_marked_required_like_the_other_required_fields(applicant):
    html = applicant.get("/sell/").content.decode()
    assert "required" in label_classes(html, "legal_name")
    assert "required" in label_classes(html, "document")
    assert "required" not in label_classes(html, "other_document")
    refused = applicant.post("/sell/", application(document=None)).content.decode()
    assert refused.count("Hãy tải lên giấy đăng ký kinh doanh") == 1

    # Once a valid upload is kept across a form error, it is no longer asked for.
    first = applicant.post("/sell/", application(tax_code="123"))
    token = first.context["form"].data["document_token"]
    again = applicant.post("/sell/", application(document=None, document_token=token, tax_code="123"))
    assert "required" not in label_classes(again.content.decode(), "document")
    assert "Hãy tải lên giấy đăng ký kinh doanh" not in again.content.decode()


def test_after_a_form_error_the_ward_chosen_stays_chosen_in_the_list_of_its_province(applicant):
    html = applicant.post("/sell/", application(province_code=1, ward_code=4, legal_name="")).content.decode()
    ward = re.search(r'<select name="ward_code"[^>]*>', html).group(0)
    assert 'data-wards-province="1"' in ward  # wards.js fetches no other list over it
    assert re.search(r'<option value="4" selected>Phường Ba Đình</option>', html)
