"""A poll made and revealed from the console during the day, in a few actions, while phones
are in the room (issue 15, item 4): the phones get it without reloading, its results stay
hidden on the phones and the projection until the reveal; a word cloud on the projection."""
import os
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import FULL_HD, PHONE, join_from_phone, open_console
from tests.browser.test_activities_browser import serious_violations

SHOTS = Path(os.environ.get("ENSEMBLE_SHOTS", "/tmp/ensemble-shots"))


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"live-poll-{name}.png"))


def test_a_poll_made_and_revealed_from_the_console_reaches_phones_hidden(live_server, new_page):
    code, key = live_server.workshop()
    projection = new_page(FULL_HD)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    expect(projection.locator("#view-join")).to_be_visible()
    alice, bob = new_page(PHONE), new_page(PHONE)
    join_from_phone(alice, live_server.url, code)
    join_from_phone(bob, live_server.url, code, organisation="Bailleur Est")
    console = open_console(new_page, live_server, code)
    phone_urls = (alice.url, bob.url)

    # 1. N opens the form; 2. the kind; 3. the question; 4–6. three answers; 7. « Lancer ».
    console.keyboard.press("n")
    form = console.locator("#launch")
    expect(console.get_by_label("Question", exact=True)).to_be_focused()
    console.get_by_label("Type").select_option(label="Sondage : choix unique")
    console.get_by_label("Question", exact=True).fill("Où en est notre territoire ?")
    console.get_by_role("button", name="Lancer maintenant").click()  # answers missing: said there
    expect(console.locator("#launch-options-error")).to_have_text("Proposez au moins 2 réponses.")
    expect(console.locator("#launch-option-1")).to_be_focused()
    for n, label in enumerate(("Coordination", "Mutualisation", "Intégration"), start=1):
        console.get_by_label(f"Réponse {n}", exact=True).fill(label)
    expect(console.locator("#launch-option-4")).to_be_visible()  # one more field, by itself
    assert form.bounding_box()["y"] + form.bounding_box()["height"] <= 768  # all in view
    shot(console, "console-form")
    assert serious_violations(console) == []
    console.get_by_role("button", name="Lancer maintenant").click()
    expect(form).to_be_hidden()

    for phone in (alice, bob):  # no reload: the same page got the poll
        expect(phone.locator("h1[data-activity=poll]")).to_have_text("Où en est notre territoire ?")
        expect(phone.locator(".results-soon")).to_have_text("Résultats bientôt affichés.")
        expect(phone.locator(".seq-title")).to_be_hidden()  # the question once, not twice
    assert (alice.url, bob.url) == phone_urls
    alice.get_by_label("Coordination").check()
    alice.get_by_role("button", name="Valider mon choix").click()
    bob.get_by_label("Intégration").check()
    bob.get_by_role("button", name="Valider mon choix").click()
    expect(bob.locator(".my-vote")).to_contain_text("Intégration")

    hidden = projection.locator("#view-poll")
    expect(hidden.locator(".results-soon")).to_have_text("Résultats bientôt affichés")
    expect(hidden.locator(".act-total")).to_have_text("2 réponses")
    expect(hidden.locator(".poll-bars")).to_be_hidden()  # the bars are there, not shown
    assert "Mutualisation" not in hidden.inner_text()
    room_polls = projection.evaluate("[...Ensemble.projection.activities.polls.values()]")
    assert all(o["count"] == 0 for p in room_polls for o in p["options"])
    expect(console.locator("#activity-panel tbody tr").first).to_contain_text("Coordination1")
    shot(alice, "phone-hidden")
    shot(projection, "projection-hidden")

    console.locator("body").press("r")  # 8. the reveal, by its shortcut
    bars = projection.locator("#view-poll .poll-bars li")
    expect(bars).to_have_count(3)
    expect(bars.nth(0)).to_contain_text("Coordination")
    expect(bars.nth(0).locator("strong")).to_have_text("1")
    expect(alice.locator(".results-soon")).to_be_hidden()
    expect(console.locator("#poll-reveal")).to_have_text("Masquer les résultats")
    shot(console, "console-revealed")
    shot(projection, "projection-revealed")

    # A word cloud, results live: sized by how often a word comes, whatever its case or accents.
    console.keyboard.press("n")
    console.get_by_label("Type").select_option(label="Nuage de mots (3 mots chacun)")
    console.get_by_label("Question", exact=True).fill("Un mot pour dire la journée ?")
    console.get_by_label("en direct").check()
    console.get_by_role("button", name="Lancer maintenant").click()
    for phone, words in ((alice, ("Confiance", "logement", "")), (bob, ("Logement!", "Lien", ""))):
        expect(phone.locator("h1[data-activity=poll]")).to_have_text("Un mot pour dire la journée ?")
        for n, word in enumerate(words, start=1):
            phone.get_by_label(f"Mot {n}").fill(word)
        phone.get_by_role("button", name="Valider mon choix").click()
    shot(bob, "phone-words")
    assert serious_violations(bob) == []
    cloud = projection.locator("#view-poll .word-cloud li")
    expect(cloud).to_have_count(3)
    expect(cloud.first).to_contain_text("logement")  # counted once for both spellings
    big, small = (float(cloud.nth(i).evaluate("n => parseFloat(getComputedStyle(n).fontSize)"))
                  for i in (0, 1))
    assert big >= 2 * small
    shot(projection, "projection-words")
    assert serious_violations(projection) == []
    for page in (console, alice, bob, projection):
        assert not page.errors
