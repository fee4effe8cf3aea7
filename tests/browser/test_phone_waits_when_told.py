"""The phone's outbox honours the server's « wait »: past the posting limit the card stays
on the phone, then goes by itself after `retry_after` seconds, once (static/js/core/outbox.js)."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, LiveServer, join_from_phone
from tests.browser.test_live_board import open_projection, post


def test_cards_past_the_limit_wait_and_then_arrive_once(tmp_path, monkeypatch, new_page):
    monkeypatch.setenv("RATE_LIMIT_POST", "2 per 10 seconds")
    server = LiveServer(tmp_path, monkeypatch)
    try:
        code, key = server.workshop()
        with server.app.app_context():
            from workshops.extensions import db_session
            from workshops.services.room import workshops
            session = db_session()
            workshops.set_state(session, workshops.get_workshop(session, code), view="board")
        projection = open_projection(new_page, server, code, key)
        phone = new_page(PHONE)
        join_from_phone(phone, server.url, code)
        for i in range(4):
            post(phone, f"Levier numéro {i}")
        levers = projection.locator(".board-column.levers")
        expect(levers).to_contain_text("Levier numéro 1")
        # the third waits: refused once with retry_after, not dropped, not shown yet
        expect(levers).not_to_contain_text("Levier numéro 2", timeout=1000)
        for i in range(4):
            expect(levers.locator("article", has_text=re.compile(f"Levier numéro {i}$"))
                   ).to_have_count(1, timeout=25_000)
        assert phone.errors == []
    finally:
        server.stop()
