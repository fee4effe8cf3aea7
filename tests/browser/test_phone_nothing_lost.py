"""What the person types or does on the phone is never lost nor left unsaid (QA.md #2, #15),
360×740: only a lever offers « Répondre », a post the server refuses comes back in its box
with the reason under it, and deleting one's card leaves the focus somewhere sensible.
(Drafts kept over a reload, #13, and the offline +1 counted at once, #14: test_phone_keeps.py
and test_phone_offline.py.)"""
import re

from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import PHONE, join_from_phone
from tests.browser.test_phone_keeps import a_phone_and_a_card, back_online, go_offline, room, someone_posts
from workshops.models import Card
from workshops.services.board import cards
from workshops.services.room import participants

REPLY = "Répondre « Oui, mais… »"


def test_only_a_lever_is_answered_and_a_refused_reply_comes_back_under_the_box(live_server, new_page):
    code, _key = live_server.workshop()
    someone_posts(live_server, code, "Un levier à discuter", "other-1")
    with live_server.app.app_context():
        session, workshop = room(live_server, code)
        person, _ = participants.join(session, workshop, "Bailleur", "association", "direction")
        lever = session.scalar(select(Card)).id
        cards.post_card(session, workshop, person, "other-2", workshop.axes[0].id, "limit", "Sans lien")
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code)
    expect(phone.locator("article.card")).to_have_count(2)
    expect(phone.locator("article.card.limit").get_by_role("button", name=REPLY)).to_have_count(0)

    phone.locator("article.card.lever").get_by_role("button", name=REPLY).click()
    expect(phone.locator(".compose-context p")).to_have_text("En réponse au levier :")
    text = phone.get_by_label("Votre texte")
    expect(text).to_be_focused()
    go_offline(phone)
    text.fill("Oui, mais pas sans moyens")
    phone.get_by_role("button", name="Envoyer").click()
    expect(text).to_have_value("")
    with live_server.app.app_context():  # meanwhile the lever is deleted
        session, workshop = room(live_server, code)
        cards.moderate(session, workshop, lever, delete_card=True)
    back_online(phone)

    expect(text).to_have_value("Oui, mais pas sans moyens")
    error = phone.locator("#compose-text-error")
    expect(error).to_be_visible()
    expect(error).to_have_text("La carte à laquelle vous répondez n'existe pas.")
    expect(text).to_have_attribute("aria-invalid", "true")
    expect(text).to_have_accessible_description(re.compile("La carte à laquelle vous répondez n'existe pas"))
    phone.reload()  # still there: the refused text is the box's draft
    expect(phone.get_by_label("Votre texte")).to_have_value("Oui, mais pas sans moyens")
    assert phone.errors == []


def test_after_deleting_ones_card_the_focus_goes_to_the_next_card_then_the_text_box(live_server, new_page):
    _code, phone = a_phone_and_a_card(live_server, new_page, "La carte d'une autre personne")
    expect(phone.locator("article.card")).to_have_count(1)
    phone.on("dialog", lambda dialog: dialog.accept())
    text = phone.get_by_label("Votre texte")
    text.fill("Ma carte à effacer")
    phone.get_by_role("button", name="Envoyer").click()
    mine = phone.locator("article.card.mine")
    expect(mine).to_have_count(1)

    mine.get_by_role("button", name="Supprimer").click()
    expect(mine).to_have_count(0)
    expect(phone.locator("article.card").get_by_role("button", name=re.compile("^Je soutiens"))).to_be_focused()
    # (said with « Carte envoyée. » when both come within the announcer's 50 ms)
    expect(phone.locator("#announcer")).to_have_text(re.compile("Carte supprimée\\.$"))

    text.fill("Une seconde, seule dans sa colonne")
    phone.locator("button.kind.limit").click()
    phone.get_by_role("button", name="Envoyer").click()
    expect(mine).to_have_count(1)
    mine.get_by_role("button", name="Supprimer").click()
    expect(mine).to_have_count(0)
    expect(text).to_be_focused()
    assert phone.evaluate("document.activeElement.tagName") != "BODY"
    assert phone.errors == []
