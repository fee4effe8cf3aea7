"""The whole study day, as a facilitator runs it: day 1's sequences end to end on a projection
and three phones, then day 2 opens (same phones, recognised) on the restitution of day 1."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR, join_from_phone

LEVER = "Le bail glissant rassure les bailleurs."


def seconds(text: str) -> int:
    minutes, secs = text.strip().split(":")[-2:]
    return int(minutes) * 60 + int(secs)


def click_next(console):
    console.get_by_role("button", name="Suivant ▶", exact=True).click()


def expect_sequence(pages, title):
    for page in pages:
        expect(page.locator("#agenda-bar .seq-title")).to_have_text(title)


def test_runs_day_one_end_to_end_then_opens_day_two_on_its_restitution(live_server, new_page):
    code, key = live_server.workshop()
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    console = new_page({"width": 1440, "height": 900})
    console.on("dialog", lambda dialog: dialog.accept())
    live_server.login(console)
    console.goto(f"{live_server.url}/w/{code}/console")
    expect(console.locator("#status")).to_have_text("Connecté")

    phones = [new_page(PHONE) for _ in range(3)]
    join_from_phone(phones[0], live_server.url, code)
    join_from_phone(phones[1], live_server.url, code, organisation="Bailleur Est",
                    organisation_type="Bailleur social", profession="Gestion locative")
    join_from_phone(phones[2], live_server.url, code, organisation="Mairie de Vénissieux",
                    organisation_type="Collectivité locale (commune, métropole, département)",
                    profession="Direction")
    expect(projection.locator("#view-join .people-count")).to_have_text("3")

    # Day 1 opens (its welcome), then its first sequence: individual writing.
    click_next(console)
    for phone in phones:
        expect(phone.locator("[data-activity=welcome]")).to_be_visible()
    click_next(console)
    expect_sequence(phones, "Les pratiques actuelles d'accompagnement")
    expect(phones[0].locator("#agenda-bar .seq-instructions")).to_contain_text("Écrivez seul·e")
    expect(projection.locator("#view-individual_writing")).to_be_visible()

    # The timer: started from the console with the planned 30 minutes, the same on every screen.
    console.get_by_role("button", name="Lancer", exact=True).click()
    corner = projection.locator(".corner-timer .timer-value")
    expect(corner).to_have_text(re.compile(r"^(30:00|29:5\d)$"))
    for phone in phones:
        expect(phone.locator(".phone-timer .timer-value")).to_have_text(re.compile(r"^(30:00|29:5\d)$"))
    on_screen = seconds(corner.inner_text())
    assert all(abs(seconds(p.locator(".phone-timer .timer-value").inner_text()) - on_screen) <= 1
               for p in phones)
    console.get_by_role("button", name="+5 min").click()
    expect(corner).to_have_text(re.compile(r"^3[45]:\d\d$"))
    expect(phones[2].locator(".phone-timer .timer-value")).to_have_text(re.compile(r"^3[45]:\d\d$"))

    # Private writing: nobody else sees a text until the facilitator reveals.
    texts = ["J'accompagne vers le logement ordinaire.", "Nous visitons les logements avec les personnes.",
             "On s'appuie sur les partenaires du quartier."]
    for phone, text in zip(phones, texts):
        phone.locator("#writing-text").fill(text)
        phone.get_by_role("button", name="Garder mon texte").click()
        expect(phone.locator(".saved")).not_to_have_text("")
    for i, phone in enumerate(phones):
        for j, text in enumerate(texts):
            if i != j:
                assert text not in phone.content()
    assert not any(text in projection.content() for text in texts)
    console.get_by_role("button", name="Dévoiler les textes (sans les noms)").click()
    for text in texts:
        expect(projection.locator("#view-individual_writing")).to_contain_text(text)

    # Question board.
    click_next(console)
    expect_sequence(phones, "Les contours du LDA")
    expect(projection.locator(".corner-timer")).to_be_hidden()  # moving on resets the timer
    phones[1].get_by_label("Votre réponse").fill("Le logement d'abord, puis l'accompagnement.")
    phones[1].get_by_role("button", name="Envoyer").click()
    expect(projection.locator("#view-question_board")).to_contain_text("Le logement d'abord, puis")

    # The axis board: levers, a « Oui, mais… », supports.
    click_next(console)
    expect_sequence(phones, "Les freins/leviers/perspectives de l'accompagnement dans le LDA")
    expect(projection.locator("#view-board")).to_be_visible()
    phones[0].get_by_label("Votre texte").fill(LEVER)
    phones[0].get_by_role("button", name="Envoyer").click()
    phones[2].get_by_label("Votre texte").fill("Un autre levier, moins soutenu.")
    phones[2].get_by_role("button", name="Envoyer").click()
    levers = projection.locator(".board-column.levers")
    expect(levers).to_contain_text(LEVER)
    for phone in phones[1:]:
        phone.locator("article.card", has_text=LEVER).get_by_role(
            "button", name=re.compile("Je soutiens")).click()
    expect(levers.locator("li", has_text=LEVER).locator(".supports").first).to_have_text("+2")
    phones[1].get_by_role("button", name=re.compile("^Oui, mais")).click()
    phones[1].get_by_label("Votre texte").fill("Mais il manque des logements.")
    phones[1].get_by_role("button", name="Envoyer").click()
    expect(projection.locator(".board-column.limits")).to_contain_text("Mais il manque des logements.")

    # The two last exchanges, then the feedback form.
    click_next(console)
    expect_sequence(phones, "Les retours d'expériences sur la mise en œuvre du LDA")
    click_next(console)
    expect_sequence(phones, "Le chemin à parcourir dans la pratique du LDA")
    click_next(console)
    expect_sequence(phones, "Votre avis sur la journée")
    expect(phones[0].locator("[data-activity=feedback_form]")).to_be_visible()

    # Planned against actual on the console: the sequences run show an actual time.
    agenda = console.locator("#agenda")
    expect(agenda.locator(".agenda-list li.done").first).to_contain_text("réel")
    expect(agenda).to_contain_text("3 présent·es")

    # Day 2: the same phones come back the next morning (reloaded, no form to fill again).
    click_next(console)
    for phone in phones:
        phone.reload()
        expect(phone.locator("[data-activity=welcome]")).to_contain_text("Élaboration de préconisations")
        expect(phone.locator("#join")).to_be_hidden()
    expect(projection.locator("#view-join")).to_be_visible()  # newcomers can still join
    day2 = console.locator("#agenda .hint", has_text="prévu 135 min")
    expect(day2).to_contain_text("3 présent·es")

    # Day 2 opens on the restitution of day 1, one screen at a time.
    click_next(console)
    expect_sequence(phones, "Temps de restitution")
    view = projection.locator("#view-restitution")
    expect(view).to_be_visible()
    expect(view.locator(".resti-kicker")).to_contain_text("Restitution : État des lieux du Logement d'Abord")
    expect(view.locator(".resti-title")).to_have_text("État des lieux du Logement d'Abord")
    expect(phones[0].locator(".restitution-now")).to_contain_text("État des lieux")

    next_screen = console.get_by_role("button", name="Écran suivant ▶")
    screen_of = console.locator(".agenda-now-title", has_text=re.compile(r"^Écran \d+ sur"))
    for _ in range(10):  # walk to the axis screen, one screen at a time
        shown = screen_of.inner_text()
        if "Garantir le respect" in shown:
            break
        next_screen.click()
        # the next click must start from the screen this one reached, or it skips past it
        expect(screen_of).not_to_have_text(shown)
    expect(view.locator(".resti-title")).to_have_text("Garantir le respect d'un droit fondamental : le logement")
    first_lever = view.locator(".resti-section.lever li").first
    expect(first_lever).to_contain_text(LEVER)  # the most supported first
    expect(first_lever).to_contain_text("+2")
    expect(view.locator(".resti-section.limit")).to_contain_text("Mais il manque des logements.")
    for phone in phones:
        expect(phone.locator(".restitution-now")).to_contain_text("Garantir le respect")

    for page in [projection, console, *phones]:
        assert page.errors == []
