"""A projection for a full room (issue 15): pages that the console turns and holds, a card
in the spotlight, cards sorted by support, and the same counts on the projection, the
phones and the console."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR, join_from_phone, open_console
from workshops.extensions import db_session
from workshops.services.activities import feedback
from workshops.services.agenda import agenda, restitution
from workshops.services.board import cards
from workshops.services.room import participants, workshops


def seeded(live_server, levers=40, limits=20):
    """A workshop showing its first axis with many cards; the 3rd lever has 2 supports."""
    code, key = live_server.workshop()
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        axis = workshop.axes[0].id
        workshops.set_state(session, workshop, view="board")
        people = [participants.join(session, workshop, f"Structure {i}", "association", "direction")[0]
                  for i in range(3)]
        ids = []
        for i in range(levers):
            card, _, _ = cards.post_card(session, workshop, people[0], f"l{i}", axis, "lever",
                                         f"Levier {i} : un texte de longueur ordinaire pour une carte projetée")
            ids.append(card.id)
        for i in range(limits):
            cards.post_card(session, workshop, people[1], f"m{i}", axis, "limit",
                            f"Oui mais {i}, avec ses limites", ids[i] if i % 2 else None)
        for person in people[1:]:
            cards.support(session, workshop, person, ids[2], True)
    return code, key, ids


def test_pages_turn_from_the_console_and_hold(live_server, new_page):
    code, key, _ids = seeded(live_server)
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    page_of = projection.locator(".board-page")
    expect(page_of).to_have_text(re.compile(r"^Page 1 / \d+$"))
    console = open_console(new_page, live_server, code)
    console.get_by_role("button", name="Tenir la page").click()
    expect(page_of).to_have_text(re.compile(r"^Page \d+ / \d+ \(tenue\)$"))
    # pages turn every 12 s until held: on a loaded machine the console may hold page 2
    held, total = map(int, re.findall(r"\d+", page_of.text_content()))
    first = projection.locator("#view-board .card .text").filter(visible=True).first.text_content()
    console.get_by_role("button", name="Page suivante de la projection").click()
    expect(page_of).to_have_text(f"Page {held % total + 1} / {total} (tenue)")
    assert projection.locator("#view-board .card .text").filter(visible=True).first.text_content() != first
    console.get_by_role("button", name="Page précédente de la projection").click()
    expect(page_of).to_have_text(f"Page {held} / {total} (tenue)")
    size = projection.evaluate("parseFloat(getComputedStyle(document.querySelector('#view-board .card .text')).fontSize)")
    assert size >= 24


def test_spotlight_and_sort_by_support(live_server, new_page):
    code, key, ids = seeded(live_server, levers=6, limits=2)
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    console = open_console(new_page, live_server, code)
    console.get_by_role("button", name="Par soutiens").click()
    expect(projection.locator("#view-board .levers .card .text").first).to_have_text(re.compile("^Levier 2 "))
    console.get_by_role("button", name="Par heure").click()
    expect(projection.locator("#view-board .levers .card .text").first).to_have_text(re.compile("^Levier 0 "))
    # the third lever in the spotlight, from its row; E on the row ends it
    row = console.locator(f"#card-list [data-card='{ids[2]}']")
    row.get_by_role("button", name="Mettre en avant").click()
    expect(projection.locator("#view-spotlight")).to_be_visible()
    expect(projection.locator("#view-spotlight .spot-card .text")).to_have_text(re.compile("^Levier 2 "))
    expect(console.locator("#now-screen")).to_have_text("Carte mise en avant")
    size = projection.evaluate("parseFloat(getComputedStyle(document.querySelector('#view-spotlight .spot-card .text')).fontSize)")
    assert size >= 48
    row.get_by_role("button", name="Mettre en avant").press("e")
    expect(projection.locator("#view-board")).to_be_visible()


def test_same_counts_on_projection_phone_and_console(live_server, new_page):
    code, key = live_server.workshop()
    with live_server.app.app_context():
        session = db_session()
        workshops.set_state(session, workshops.get_workshop(session, code), view="board")
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    console = open_console(new_page, live_server, code)
    phone.get_by_role("button", name=re.compile("^Levier")).click()
    phone.get_by_label("Votre texte").fill("Un levier")
    phone.get_by_role("button", name="Envoyer").click()
    phone.get_by_role("button", name=re.compile("^Oui, mais")).click()
    phone.get_by_label("Votre texte").fill("Une limite seule")
    phone.get_by_role("button", name="Envoyer").click()
    expect(projection.locator("#view-board .card")).to_have_count(2)
    # a « Oui, mais… » answering the lever, from the console's point of view too
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        lever = [c for c in cards.list_cards(session, workshop) if c.kind == "lever"][0]
        person, _ = participants.join(session, workshop, "Autre", "association", "direction")
        cards.post_card(session, workshop, person, "r1", workshop.axes[0].id, "limit", "En réponse", lever.id)
    expect(projection.locator("#view-board .card")).to_have_count(3)
    expect(projection.locator("#col-levers .col-count")).to_have_text("(1)")
    expect(projection.locator("#col-limits .col-count")).to_have_text("(1)")
    expect(phone.locator("#title-levers .count")).to_have_text("(1)")
    expect(phone.locator("#title-limits .count")).to_have_text("(1)")
    expect(console.locator("#cards-count")).to_have_text("(3)")
    expect(console.locator("#axis-list [aria-pressed=true] .axis-c")).to_have_text("3 cartes")


def test_groups_on_the_projection_with_their_place_and_members_as_the_organiser_chose(live_server, new_page):
    code, key = live_server.workshop()
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    for name, organisation in (("Marie Dupont", "Foyer A"), ("Karim", "Bailleur B"), ("", "Asso C")):
        phone = new_page(PHONE)
        phone.goto(f"{live_server.url}/j/{code}")
        phone.get_by_label("Type de structure", exact=True).select_option(label="Association")
        phone.get_by_label("Votre structure").fill(organisation)
        phone.get_by_label("Votre profession", exact=True).select_option(label="Travailleur·se social·e")
        if name:
            phone.get_by_label("Votre prénom").fill(name)
        phone.get_by_role("button", name="Rejoindre l'atelier").click()
        phone.locator("#compose-text").wait_for()
    console = open_console(new_page, live_server, code)
    console.get_by_role("tab", name="Groupes et mur").click()
    console.get_by_label("Par nombre de groupes").check()
    console.get_by_label("Nombre de groupes", exact=True).fill("1")
    console.get_by_role("button", name="Former les groupes").click()
    console.get_by_label("Lieu de Groupe 1").fill("Table 4")
    console.get_by_role("button", name="Enregistrer").click()
    console.get_by_role("button", name="Les groupes", exact=True).click()
    group = projection.locator("#view-groups .pj-group")
    expect(group.locator(".pj-group-name")).to_have_text("Groupe 1")
    expect(group.locator(".pj-group-size")).to_have_text("Table 4\u00a0· 3\u00a0personnes")
    expect(group.locator(".pj-group-members")).to_contain_text("M. D.")
    expect(group.locator(".pj-group-members")).to_contain_text("K.")
    expect(group.locator(".pj-group-members")).to_contain_text("1 personne sans prénom")
    expect(group).not_to_contain_text("Foyer A")
    # the organiser chooses first names: the projection follows
    organiser = new_page({"width": 1280, "height": 900})
    live_server.login(organiser)
    organiser.goto(f"{live_server.url}/organisateur/ateliers/{code}")
    organiser.get_by_label("leur prénom (Marie)").check()
    organiser.get_by_role("button", name="Enregistrer").first.click()
    expect(group.locator(".pj-group-members")).to_contain_text("Marie")
    expect(group.locator(".pj-group-members")).not_to_contain_text("Dupont")
    size = projection.evaluate("parseFloat(getComputedStyle(document.querySelector('#view-groups .pj-group-members')).fontSize)")
    assert size >= 24


def test_the_spotlight_ends_when_its_card_is_hidden_or_the_axis_changes(live_server, new_page):
    """QA #12: the projection kept « Cette carte n'est plus affichée. », or the axis-1 card
    while the room was on axis 2."""
    code, key, ids = seeded(live_server, levers=3, limits=0)
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    expect(projection.locator("#view-board")).to_be_visible()

    def in_room(change):
        with live_server.app.app_context():
            session = db_session()
            change(session, workshops.get_workshop(session, code))

    in_room(lambda s, w: workshops.set_state(s, w, spotlight=ids[0]))
    expect(projection.locator("#view-spotlight")).to_be_visible()
    in_room(lambda s, w: cards.moderate(s, w, ids[0], hidden=True))
    expect(projection.locator("#view-board")).to_be_visible()
    expect(projection.get_by_text("Cette carte n'est plus affichée.").filter(visible=True)).to_have_count(0)

    in_room(lambda s, w: workshops.set_state(s, w, spotlight=ids[1]))
    expect(projection.locator("#view-spotlight .spot-card .text")).to_have_text(re.compile("^Levier 1 "))
    in_room(lambda s, w: workshops.set_state(s, w, axis=w.axes[1].id))
    expect(projection.locator("#view-board")).to_be_visible()
    expect(projection.locator("#view-spotlight")).to_be_hidden()


def test_the_restitution_of_a_scale_says_what_its_ends_meant(live_server, new_page):
    """Day 1's form asked « 1 — pas du tout … 5 — tout à fait »; its restitution on day 2
    showed bars labelled 1 to 5 alone, and the room could not tell which end was which."""
    code, key = live_server.workshop()
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        day1, day2 = agenda.days_of(session, workshop)[:2]
        form = next(s for s in day1.sequences if s.activity == "feedback_form")
        agenda.goto(session, workshop, sequence=form.id)
        for device, mark in (("d1", "5"), ("d2", "4"), ("d3", "1")):
            feedback.save_answers(session, workshop, device, {"satisfaction": mark, "revenir": "Oui"})
        agenda.goto(session, workshop, sequence=day2.sequences[0].id)
        index = next(i for i, screen in enumerate(restitution.screens(session, workshop, day1))
                     if [bar["label"] for bar in screen.get("bars", [])][:1] == ["1"])
        restitution.goto(session, workshop, index)
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    labels = projection.locator("#view-restitution .resti-bars .bar-label")
    expect(labels).to_have_text(["1 — pas du tout", "2", "3", "4", "5 — tout à fait"])
    assert projection.errors == []
