"""The live « Levier / Oui, mais… » board as people use it: projection, phones, console."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import FULL_HD, PHONE, PROJECTOR, join_from_phone

XSS = "<img src=x onerror=alert(1)>"


def open_projection(new_page, live_server, code, key, viewport=PROJECTOR):
    page = new_page(viewport)
    page.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    return page


def open_console(new_page, live_server, code):
    page = new_page({"width": 1440, "height": 900})
    live_server.login(page)
    page.goto(f"{live_server.url}/w/{code}/console")
    expect(page.locator("#status")).to_have_text("Connecté")
    return page


def board_on_projection(live_server, new_page):
    """A new workshop whose projection shows the axis board: (code, key, projection page)."""
    code, key = live_server.workshop()
    with live_server.app.app_context():
        from workshops.extensions import db_session
        from workshops.services.room import workshops
        session = db_session()
        workshops.set_state(session, workshops.get_workshop(session, code), view="board")
    projection = open_projection(new_page, live_server, code, key)
    expect(projection.locator("#view-board")).to_be_visible()
    return code, key, projection


def post(phone, text, kind="Levier"):
    phone.get_by_role("button", name=re.compile("^" + re.escape(kind))).click()
    phone.get_by_label("Votre texte").fill(text)
    phone.get_by_role("button", name="Envoyer").click()


def test_two_phones_fill_the_projection_live_and_follow_the_axis(live_server, new_page):
    code, key = live_server.workshop()
    projection = open_projection(new_page, live_server, code, key)
    expect(projection.locator(".join-code")).to_have_text(code)
    console = open_console(new_page, live_server, code)

    alice, bob = new_page(PHONE), new_page(PHONE)
    join_from_phone(alice, live_server.url, code)
    join_from_phone(bob, live_server.url, code, organisation="Bailleur Est",
                    organisation_type="Bailleur social", profession="Gestion locative")
    expect(projection.locator("#view-join .people-count")).to_have_text("2")
    expect(console.locator("#people-count")).to_have_text("2")
    expect(console.locator("#by-type")).to_contain_text("Bailleur social")

    console.get_by_role("button", name="Tableau de l'axe").click()
    expect(projection.locator("#view-board")).to_be_visible()
    expect(projection.locator(".board-axis-title")).to_have_text(
        "Garantir le respect d'un droit fondamental : le logement")

    post(alice, "Des familles accèdent enfin à un logement.")
    post(bob, XSS, kind="Oui, mais…")
    levers = projection.locator(".board-column.levers")
    limits = projection.locator(".board-column.limits")
    expect(levers).to_contain_text("Des familles accèdent enfin à un logement.")
    expect(limits).to_contain_text(XSS)  # shown as text, not run
    assert projection.locator(".board-column img").count() == 0
    expect(projection.locator("#view-board")).not_to_contain_text("null")  # no empty slot written out

    # Bob answers Alice's lever: the « Oui, mais… » shows with it.
    bob.locator("article.card", has_text="Des familles").get_by_role(
        "button", name="Répondre « Oui, mais… »").click()
    bob.get_by_label("Votre texte").fill("Sans accompagnement, ça coince.")
    bob.get_by_role("button", name="Envoyer").click()
    expect(levers.locator(".reply-item")).to_contain_text("Sans accompagnement, ça coince.")

    # Bob supports Alice's card: counted on the projection.
    bob.locator("article.card", has_text="Des familles").get_by_role(
        "button", name=re.compile("Je soutiens")).click()
    expect(levers.locator(".supports").first).to_have_text("+1")

    # The facilitator changes axis: both phones and the projection follow.
    console.locator("#axis-list button", has_text="Réduire le nombre").click()
    for phone in (alice, bob):
        expect(phone.locator("#axis-title")).to_contain_text("Réduire le nombre de personnes")
    expect(projection.locator(".board-axis-title")).to_contain_text("Réduire le nombre")
    expect(levers).not_to_contain_text("Des familles")

    for page in (alice, bob, projection, console):
        assert page.errors == []


def test_a_phone_offline_keeps_its_cards_and_sends_them_once_back(live_server, new_page):
    code, key = live_server.workshop()
    projection = open_projection(new_page, live_server, code, key)
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    expect(phone.locator("#status")).to_contain_text("Connecté")

    phone.context.set_offline(True)
    expect(phone.locator("#status")).to_contain_text("Hors connexion", timeout=30_000)
    post(phone, "Écrit dans le sous-sol sans réseau")
    post(phone, "Deuxième carte hors ligne")
    expect(phone.locator("#status")).to_contain_text("2 cartes en attente")
    expect(phone.locator("article.card.pending")).to_have_count(2)

    # Even a reload while offline keeps them (they live on the phone).
    phone.context.set_offline(False)
    expect(phone.locator("#status")).to_have_text("Connecté", timeout=30_000)
    expect(phone.locator("article.card.pending")).to_have_count(0, timeout=15_000)

    projection_cards = projection.locator("#view-board .card")
    with live_server.app.app_context():
        from workshops.extensions import db_session
        from workshops.models import Card
        texts = sorted(c.text for c in db_session().query(Card))
    assert texts == ["Deuxième carte hors ligne", "Écrit dans le sous-sol sans réseau"]
    # A reload re-reads the outbox: nothing is sent twice.
    phone.reload()
    expect(phone.locator("#status")).to_have_text("Connecté")
    with live_server.app.app_context():
        assert db_session().query(Card).count() == 2
    assert projection_cards.count() == 0  # projection still on the join screen


def test_locked_room_keeps_the_card_until_reopened(live_server, new_page):
    code, _key = live_server.workshop()
    console = open_console(new_page, live_server, code)
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    console.get_by_role("button", name="Fermer les contributions").click()
    expect(phone.locator(".locked-banner")).to_be_visible()
    expect(phone.get_by_role("button", name="Envoyer")).to_be_disabled()
    console.get_by_role("button", name="Rouvrir les contributions").click()
    expect(phone.locator(".locked-banner")).to_have_count(0)
    post(phone, "Après réouverture")
    expect(console.locator("#card-list")).to_contain_text("Après réouverture")


def test_facilitator_hides_stars_and_fixes_a_card(live_server, new_page):
    code, key = live_server.workshop()
    projection = open_projection(new_page, live_server, code, key)
    console = open_console(new_page, live_server, code)
    console.get_by_role("button", name="Tableau de l'axe").click()
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    post(phone, "Une faute de frape")
    post(phone, "Carte hors sujet")
    card = console.locator("#card-list article", has_text="Carte hors sujet")
    card.get_by_role("button", name="Masquer").click()
    expect(projection.locator("#view-board")).not_to_contain_text("Carte hors sujet")
    expect(phone.locator("#cards")).not_to_contain_text("Carte hors sujet")
    console.locator("#card-list article", has_text="Carte hors sujet").get_by_role(
        "button", name="Rétablir").click()
    expect(projection.locator("#view-board")).to_contain_text("Carte hors sujet")

    typo = console.locator("#card-list article", has_text="Une faute")
    typo.get_by_role("button", name="Corriger").click()
    console.get_by_label("Texte corrigé").fill("Une faute de frappe")
    console.get_by_role("button", name="Enregistrer").click()
    expect(projection.locator("#view-board")).to_contain_text("Une faute de frappe")
    console.locator("#card-list article", has_text="Une faute de frappe").get_by_role(
        "button", name=re.compile("Verbatim")).click()
    expect(projection.locator("#view-board .card.verbatim")).to_have_count(1)


def test_150_cards_fit_the_projection_without_overlap(live_server, new_page):
    code, key = live_server.workshop()
    with live_server.app.app_context():
        from workshops.extensions import db_session
        from workshops.services.board import cards
        from workshops.services.room import participants, workshops as ws

        session = db_session()
        workshop = ws.get_workshop(session, code)
        axis = workshop.axes[0].id
        ws.set_state(session, workshop, view="board")
        person, _ = participants.join(session, workshop, "Foyer", "association", "direction")
        levers = []
        for i in range(90):
            card, _, _ = cards.post_card(session, workshop, person, f"l{i}", axis, "lever",
                                         f"Levier numéro {i} : un texte de longueur réaliste pour une carte")
            levers.append(card.id)
        for i in range(60):
            cards.post_card(session, workshop, person, f"m{i}", axis, "limit",
                            f"Oui mais numéro {i}, avec ses limites", levers[i] if i % 2 else None)
    for viewport in (PROJECTOR, FULL_HD):
        page = open_projection(new_page, live_server, code, key, viewport)
        expect(page.locator("#view-board .card")).to_have_count(150)
        page.wait_for_timeout(300)
        # the cards of the page on screen (the others wait for their page, view.js: pager)
        boxes = page.evaluate("""() => Array.from(document.querySelectorAll('#view-board .card'))
            .filter(c => c.getClientRects().length).map(c => {
            const r = c.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })""")
        body = page.evaluate("""() => { const b = document.querySelector('.board-columns').getBoundingClientRect();
            const size = parseFloat(getComputedStyle(document.querySelector('#view-board .card')).fontSize);
            return [b.left, b.top, b.right, b.bottom, size]; }""")
        left, _top, right, bottom, font_size = body
        assert boxes
        for (l1, t1, r1, b1) in boxes:  # nothing sticks out, sideways or below
            assert l1 >= left - 1 and r1 <= right + 1 and b1 <= bottom + 1
        # no two cards overlap
        ordered = sorted(boxes)
        for i, (l1, t1, r1, b1) in enumerate(ordered):
            for (l2, t2, r2, b2) in ordered[i + 1:i + 40]:
                assert not (l1 < r2 - 1 and l2 < r1 - 1 and t1 < b2 - 1 and t2 < b1 - 1)
        # readable from 10 m (docs/projection.md): 24 px at 1280×720, 32 px at 1920×1080
        assert font_size >= {1280: 24, 1920: 32}[viewport["width"]] - 0.3
        page.screenshot(path=str(live_server.app.instance_path) + f"/board-{viewport['width']}.png")


def test_an_older_event_that_overtakes_a_newer_one_is_not_applied(live_server, new_page):
    """Two handlers can commit in one order and emit in the other: screens keep the newest."""
    code, key = live_server.workshop()
    projection = open_projection(new_page, live_server, code, key)
    expect(projection.locator("#view-join")).to_be_visible()
    axis = projection.evaluate("() => Ensemble.projection.room.state.axis")
    base = projection.evaluate("() => Ensemble.projection.live.lastSeq")
    projection.evaluate("""([base, axis]) => {
        const live = Ensemble.projection.live;
        const card = (seq, text) => ({seq, type: "card", data: {id: 9001, axis, kind: "lever", text,
            parent: null, supports: 0, hidden: false, verbatim: false, author: 1, seq}});
        live.receive({seq: base + 2, type: "state", data: {axis, locked: false, view: "board", seq: base + 2}});
        live.receive({seq: base + 1, type: "state", data: {axis, locked: false, view: "join", seq: base + 1}});
        live.receive(card(base + 4, "Version corrigée"));
        live.receive(card(base + 3, "Version d'origine"));
        live.receive({seq: base, type: "state", data: {axis, locked: false, view: "blank", seq: base}});
    }""", [base, axis])
    expect(projection.locator("#view-board")).to_be_visible()
    expect(projection.locator("#view-board .card")).to_have_text("Version corrigée")


def test_a_few_cards_arriving_live_use_the_whole_column_width(live_server, new_page):
    """A new card flashes, but must not grow: growing made the board fit it in narrow
    sub-columns at once, wasting half the screen."""
    code, key, projection = board_on_projection(live_server, new_page)
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    post(phone, "Le LDA a permis à certaines personnes d'accéder à un logement, alors que "
                "cela leur aurait été refusé précédemment.")
    card = projection.locator("#view-board .board-column.levers .card")
    expect(card).to_have_count(1)
    projection.wait_for_timeout(200)  # the card is still flashing
    widths = projection.evaluate("""() => [
        document.querySelector('.board-column.levers .card').getBoundingClientRect().width,
        document.querySelector('.board-column.levers .col-body').getBoundingClientRect().width]""")
    assert widths[0] > 0.9 * widths[1]


def test_a_resync_hint_brings_back_a_card_whose_event_was_lost(live_server, new_page):
    """With several workers, a Redis restart loses the events published meanwhile; the
    worker then sends `resync` (workshops/realtime/queue.py). A later event may already
    have arrived, so the projection must take a snapshot, not replay from its last seq."""
    code, key, projection = board_on_projection(live_server, new_page)
    socket_id = projection.evaluate("() => Ensemble.projection.live.socket.id")
    with live_server.app.app_context():
        from sqlalchemy.orm import Session

        from workshops.extensions import db_session
        from workshops.services.board import cards
        from workshops.services.room import participants, workshops
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        axis = workshop.axes[0].id
        person, _ = participants.join(session, workshop, "Foyer", "association", "direction")
        # A session outside the app's: its commit is not delivered, as if lost in Redis.
        with Session(live_server.app.extensions["ensemble.db"].engine) as lost:
            cards.post_card(lost, lost.get(type(workshop), workshop.id),
                            lost.get(type(person), person.id), "lost", axis, "lever",
                            "Carte perdue en route")
        session.refresh(workshop)
        cards.post_card(session, workshop, person, "live", axis, "lever",
                        "Carte arrivée ensuite")  # only this one reaches the projection
    board = projection.locator("#view-board")
    expect(board).to_contain_text("Carte arrivée ensuite")
    expect(board).not_to_contain_text("Carte perdue en route")
    live_server.app.extensions["ensemble.socketio"].emit("resync", {})
    # The snapshot is asked and built on a busy CI machine: the client's own sync timeout.
    expect(board).to_contain_text("Carte perdue en route", timeout=15_000)
    expect(board.locator(".card")).to_have_count(2)
    assert projection.evaluate("() => Ensemble.projection.live.socket.id") == socket_id
    assert projection.errors == []


# What a network that refuses the upgrade looks like to the page: the socket fails
# before opening (error, then close 1006).
REFUSE_WEBSOCKETS = """
window.websocketsTried = 0;
window.WebSocket = function () {
  var socket = this;
  window.websocketsTried += 1;
  this.readyState = 0;
  setTimeout(function () {
    socket.readyState = 3;
    if (socket.onerror) socket.onerror(new Event("error"));
    if (socket.onclose) socket.onclose({ code: 1006, reason: "", wasClean: false });
  }, 20);
};
window.WebSocket.prototype.send = function () {};
window.WebSocket.prototype.close = function () {};
"""


def test_a_phone_whose_network_refuses_websockets_still_takes_part(live_server, new_page):
    """Phones open a websocket first; behind a proxy or portal that refuses them they fall
    back to long-polling and the room works the same."""
    code, key = live_server.workshop()
    projection = open_projection(new_page, live_server, code, key)
    console = open_console(new_page, live_server, code)
    console.get_by_role("button", name="Tableau de l'axe").click()

    blocked = new_page(PHONE)
    blocked.add_init_script(REFUSE_WEBSOCKETS)
    polled = []
    blocked.on("request", lambda r: "transport=polling" in r.url and polled.append(r.url))
    join_from_phone(blocked, live_server.url, code)
    other = new_page(PHONE)
    join_from_phone(other, live_server.url, code, organisation="Bailleur Est",
                    organisation_type="Bailleur social", profession="Gestion locative")

    post(blocked, "Envoyé sans websocket.")
    expect(projection.locator(".board-column.levers")).to_contain_text("Envoyé sans websocket.")
    post(other, "Reçu sans websocket.")
    expect(blocked.locator("article.card", has_text="Reçu sans websocket.")).to_be_visible()
    assert blocked.evaluate("window.websocketsTried") > 0 and polled  # tried, then polled
    for page in (blocked, other, projection, console):
        assert page.errors == []


def test_the_empty_column_says_so_across_its_whole_width(live_server, new_page):
    """When the levers need several sub-columns, the empty « Oui, mais… » column's
    « Les cartes apparaîtront ici. » used to wrap in the first narrow one."""
    code, _key, projection = board_on_projection(live_server, new_page)
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    for k in range(6):
        post(phone, f"Levier {k + 1} : l'accompagnement vient vers la personne, chez elle.")
    expect(projection.locator(".board-column.levers .card")).to_have_count(6)
    # The board is fitted on the next animation frame after the sixth card arrives.
    projection.wait_for_function(
        "() => getComputedStyle(document.querySelector('.board-column.levers .col-cards'))"
        ".columnCount !== '1'")
    widths = projection.evaluate("""() => [
        document.querySelector('.board-column.limits .placeholder').getBoundingClientRect().width,
        document.querySelector('.board-column.limits .col-body').getBoundingClientRect().width]""")
    assert widths[0] > 0.9 * widths[1]
