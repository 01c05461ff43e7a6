"""An editor sets a library picture's focal point by clicking on it."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from playwright.sync_api import Page, expect

from articles.media.renditions import card_picture, crop_box, crop_name, planned_widths
from tests.support.browser import csp_violations, watch_csp_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The picker must work under the admin's real policy.
    return {**browser_context_args, "bypass_csp": False}


def test_a_click_on_the_picture_sets_the_focal_point_and_moves_the_card_crop(
    live_server, logged_in: Page, make_image
):
    page = logged_in
    console = watch_csp_violations(page)
    # Wide, so the 3:2 card crop (600 by 400) slides across it.
    image = make_image("Lake Sevan, Սևանավանք", size=(1200, 400))
    centred = card_picture(image.file, image.width, image.height, None, None).src
    page.goto(f"{live_server.url}/admin/articles/image/{image.pk}/change/")
    frame = page.get_by_role("group", name="Focal point of the picture")
    expect(frame).to_be_visible()
    expect(page.locator("[data-focal-numbers]")).to_be_hidden()
    status = page.locator(".focal-picker__status")
    expect(status).to_have_text("No focal point: cards show the middle of the picture.")

    box = frame.bounding_box()
    frame.click(position={"x": box["width"] * 0.8, "y": box["height"] * 0.25})
    focal_x, focal_y = page.locator("#id_focal_x"), page.locator("#id_focal_y")
    assert abs(float(focal_x.input_value()) - 0.8) <= 0.01
    assert abs(float(focal_y.input_value()) - 0.25) <= 0.01
    marker = page.locator(".focal-picker__marker")
    expect(marker).to_be_visible()
    expect(status).to_contain_text("across")

    # The keyboard moves it one per cent at a time, ten with Shift.
    x_before = float(focal_x.input_value())
    frame.focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Shift+ArrowDown")
    assert float(focal_x.input_value()) == pytest.approx(x_before - 0.01)
    # Typed numbers move the marker too.
    focal_x.fill("0.9")
    focal_y.fill("0.5")
    expect(status).to_have_text("Focal point: 90% across, 50% down.")
    marker_box = marker.bounding_box()
    frame_box = frame.bounding_box()
    centre = marker_box["x"] + marker_box["width"] / 2 - frame_box["x"]
    assert centre == pytest.approx(frame_box["width"] * 0.9, abs=3)

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.9, 0.5)
    # The card crop is cut around the new point: right of the centre's, and stored.
    left, _top, right, _bottom = crop_box(image.width, image.height, 0.9, 0.5)
    assert left == 600
    widest = planned_widths(right - left)[-1]
    assert default_storage.exists(crop_name(image.file.name, 0.9, 0.5, widest, "jpg"))
    moved = card_picture(image.file, image.width, image.height, 0.9, 0.5).src
    assert moved != centred and "3x2-90-50-" in moved
    assert csp_violations(page, console) == []
