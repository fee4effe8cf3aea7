"""The timer is right on every screen within one second: a phone whose own clock is wrong, and
a phone that slept through changes, show what the projection shows."""
import re
import time

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR, join_from_phone
from workshops.extensions import db_session
from workshops.services.room import accounts


def seconds(text: str) -> int:
    minutes, secs = text.strip().split(":")[-2:]
    return int(minutes) * 60 + int(secs)


def timer_api(live_server, code):
    """The facilitator's REST calls, made in the live server's own app (same rooms)."""
    with live_server.app.app_context():
        session = db_session()
        token = accounts.issue_token(session, accounts.find_account(session, "orga@example.org"))
    client = live_server.app.test_client()

    def act(**body):
        response = client.post(f"/api/v1/workshops/{code}/timer", json=body,
                               headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, response.get_json()
        return response.get_json()
    return act


def same_time(projection, phone):
    """Both screens read within the same instant differ by at most one second."""
    for _ in range(5):
        on_screen = projection.locator(".corner-timer .timer-value").inner_text()
        on_phone = phone.locator(".phone-timer .timer-value").inner_text()
        if abs(seconds(on_screen) - seconds(on_phone)) <= 1:
            return True
        time.sleep(0.2)
    return False


def test_a_phone_with_a_wrong_clock_and_a_phone_that_slept_show_the_right_time(live_server, new_page):
    code, key = live_server.workshop()
    act = timer_api(live_server, code)
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")

    skewed = new_page(PHONE)  # this phone's clock is 7 minutes ahead
    skewed.clock.install(time=time.time() + 7 * 60)
    join_from_phone(skewed, live_server.url, code)
    sleeper = new_page(PHONE)
    join_from_phone(sleeper, live_server.url, code, organisation="Bailleur Est")

    act(action="start", minutes=10)
    for phone in (skewed, sleeper):
        expect(phone.locator(".phone-timer .timer-value")).to_have_text(re.compile(r"^(10:00|9:5\d)$"))
        assert same_time(projection, phone)

    # The sleeper's screen goes dark and loses the network; meanwhile time is added and paused.
    sleeper.context.set_offline(True)
    sleeper.evaluate("""() => {
        Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    act(action="add", minutes=5)
    paused = act(action="pause")
    expect(projection.locator(".corner-timer")).to_have_class(re.compile("timer-paused"))
    expect(projection.locator(".corner-timer .timer-value")).to_have_text(
        re.compile("^1[45]:"))
    # It wakes: the network comes back, the page is visible again, it catches up at once.
    sleeper.context.set_offline(False)
    sleeper.evaluate("""() => {
        Object.defineProperty(document, "visibilityState", {value: "visible", configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }""")
    expect(sleeper.locator(".phone-timer")).to_have_class(re.compile("timer-paused"))
    expect(sleeper.locator(".phone-timer .timer-value")).to_have_text(
        f"{paused['remaining'] // 60}:{paused['remaining'] % 60:02d}")
    assert same_time(projection, sleeper) and same_time(projection, skewed)

    act(action="resume")
    for phone in (skewed, sleeper):
        expect(phone.locator(".phone-timer")).to_have_class(re.compile("timer-running"))
        assert same_time(projection, phone)
    for page in (projection, skewed, sleeper):
        assert page.errors == []
