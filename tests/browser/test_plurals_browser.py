"""Counts in words (issue 15): « 1 présent·e », never « présent·e(s) », and the restitution's
« … et 14 autres » / « … et 1 autre » shown whole under their list, at both projector sizes."""
from playwright.sync_api import expect

from tests.browser.conftest import FULL_HD, PHONE, PROJECTOR, join_from_phone, open_console
from workshops.extensions import db_session
from workshops.services.agenda import agenda, restitution
from workshops.services.board import cards
from workshops.services.room import participants, workshops


def test_the_console_counts_one_person_present_in_the_singular(live_server, new_page):
    code, _key = live_server.workshop()
    console = open_console(new_page, live_server, code)
    console.get_by_role("button", name="Suivant ▶", exact=True).click()
    join_from_phone(new_page(PHONE), live_server.url, code)
    console.get_by_role("tab", name="Programme").click()
    expect(console.locator("#agenda")).to_contain_text("1 présent·e ·")
    expect(console.locator("#agenda")).not_to_contain_text("(s)")


def restitution_of_a_full_axis(live_server, levers=20, limits=7):
    """Day 2's restitution on its screen of axis 1: 20 levers and 7 « Oui, mais… »."""
    code, key = live_server.workshop()
    with live_server.app.app_context():
        session = db_session()
        workshop = workshops.get_workshop(session, code)
        axis = workshop.axes[0].id
        person = participants.join(session, workshop, "Structure", "association", "direction")[0]
        for i in range(levers):
            cards.post_card(session, workshop, person, f"l{i}", axis, "lever", f"Levier numéro {i}")
        for i in range(limits):
            cards.post_card(session, workshop, person, f"m{i}", axis, "limit", f"Oui mais numéro {i}")
        day2 = agenda.days_of(session, workshop)[1]
        agenda.goto(session, workshop, sequence=day2.sequences[0].id)
        restitution.goto(session, workshop, 1)  # the cover, then axis 1
    return code, key


def test_restitution_says_how_many_more_whole_and_in_the_right_number(live_server, new_page):
    code, key = restitution_of_a_full_axis(live_server)
    for size in (PROJECTOR, FULL_HD):
        projection = new_page(size)
        projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
        more = projection.locator("#view-restitution .resti-more")
        expect(more).to_have_text(["… et 14 autres", "… et 1 autre"])
        # measured at once: the view is fitted again (and redrawn) once it has its size
        placed = projection.evaluate("""() => [...document.querySelectorAll(
            '#view-restitution .resti-section')].map((section) => {
              const more = section.querySelector('.resti-more').getBoundingClientRect();
              const box = section.getBoundingClientRect();
              return { inside: more.top >= box.top && more.bottom <= box.bottom + 0.5,
                       onScreen: more.bottom <= innerHeight,
                       whole: section.querySelector('.resti-more').scrollWidth
                         <= section.querySelector('.resti-more').clientWidth }; })""")
        assert len(placed) == 2 and all(p == {"inside": True, "onScreen": True, "whole": True}
                                        for p in placed), (size, placed)
        assert projection.errors == []
