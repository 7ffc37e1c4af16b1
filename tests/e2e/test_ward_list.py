"""The address form's ward list follows its province without losing the ward already chosen."""

import pytest

from tests.e2e.journeys import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]
HOANH_BO = "7030"  # Phường Hoành Bồ, Quảng Ninh (22)


def test_the_chosen_ward_survives_a_late_answer_and_a_form_error_and_goes_with_a_real_change(
    served_marketplace, page
):
    base = served_marketplace
    sign_in(page, base, "shopper@ocop.local", "ocop-demo")
    page.goto(base + "/sell/")
    held = []
    page.route("**/sell/wards/?province=1", lambda route: held.append(route))

    # Hà Nội, then straight back to Quảng Ninh and a ward; Hà Nội's list arrives after all that.
    page.select_option("#id_province_code", "1")
    for _ in range(100):  # the held request reaches the route handler while Playwright waits
        if held:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1
    page.select_option("#id_province_code", "22")
    page.select_option("#id_ward_code", HOANH_BO)
    with page.expect_response("**/sell/wards/?province=1"):
        held[0].continue_()
    page.wait_for_timeout(300)
    assert page.input_value("#id_ward_code") == HOANH_BO
    page.unroute("**/sell/wards/?province=1")

    # A form error: the page comes back with the same ward chosen.
    page.fill("#id_legal_name", "Hợp tác xã Thử Phường")
    page.click("button[type=submit].btn-lg")
    page.wait_for_load_state()
    assert page.locator(".error-block").count() > 0
    page.wait_for_timeout(300)
    assert page.input_value("#id_ward_code") == HOANH_BO

    # Only a real change of province lets the ward go, for the new province's list.
    with page.expect_response("**/sell/wards/?province=1"):
        page.select_option("#id_province_code", "1")
    page.wait_for_function("document.querySelector('#id_ward_code option[value=\"4\"]') !== null")
    assert page.input_value("#id_ward_code") == ""
