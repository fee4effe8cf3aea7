"""A phone's board comes with its connection: it says the last `seq` it saw when connecting
and the server answers with `synced` (docs/realtime.md), one round trip less than asking
`sync` once connected — on joining, on reloading and on coming back online."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, join_from_phone
from tests.browser.test_phone_keeps import back_online, go_offline, someone_posts


def test_a_phone_gets_the_room_with_its_connection_without_asking(live_server, new_page):
    code, _key = live_server.workshop()
    someone_posts(live_server, code, "Déjà là avant moi", "before-1")
    phone = new_page(PHONE)
    sent = []
    phone.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(frame)))
    join_from_phone(phone, live_server.url, code)
    expect(phone.locator("#status")).to_have_text("Connecté")
    expect(phone.locator("article.card")).to_have_text([re.compile("Déjà là avant moi")])

    phone.reload()
    expect(phone.locator("#status")).to_have_text("Connecté")
    expect(phone.locator("article.card")).to_have_text([re.compile("Déjà là avant moi")])

    go_offline(phone)
    someone_posts(live_server, code, "Posté pendant la coupure", "during-1")
    back_online(phone)
    expect(phone.locator("article.card", has_text="Posté pendant la coupure")).to_be_visible()

    frames = [f if isinstance(f, str) else f.decode() for f in sent]
    connects = [f for f in frames if f.startswith("40")]
    assert len(connects) >= 3 and all('"since":' in f for f in connects)
    assert [f for f in frames if '"sync"' in f] == []  # never asked: answered with connect
    assert phone.errors == []
