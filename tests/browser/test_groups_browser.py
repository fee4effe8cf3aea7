"""Day 2 as people live it: the console forms mixed groups, three phones in two groups draft
at once, the projection shows the groups then the wall growing live; an edit conflict is
merged by hand; the facilitator merges duplicates and opens dot voting."""
import os
import re

from playwright.sync_api import expect

from tests.browser.conftest import PHONE, PROJECTOR, join_from_phone
from tests.browser.test_accessibility import serious_violations

XSS = "<img src=x onerror=alert(1)>"
SHOTS = os.environ.get("ENSEMBLE_SHOTS")  # a folder: keep screenshots to look at


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"groups-{name}.png"), full_page=True)


def open_console(new_page, live_server, code):
    page = new_page({"width": 1440, "height": 1400})
    live_server.login(page)
    page.goto(f"{live_server.url}/w/{code}/console")
    expect(page.locator("#status")).to_have_text("Connecté")
    return page


def group_card(console, name):
    return console.locator(".console-group").filter(
        has=console.locator("h3", has_text=re.compile(f"^{re.escape(name)}$")))


def draft(phone, text, target, theme=None):
    """Fill the « Nouvelle recommandation » form; returns the submit button (not clicked)."""
    form = phone.locator("#rec-compose")
    form.get_by_label(target).check()
    if theme:
        form.get_by_label("Thème").select_option(label=theme)
    form.get_by_label("La recommandation").fill(text)
    return form.get_by_role("button", name="Ajouter au groupe")


def test_three_phones_two_groups_and_the_wall(live_server, new_page):
    code, key = live_server.workshop()
    projection = new_page(PROJECTOR)
    projection.goto(f"{live_server.url}/w/{code}/projection?key={key}")
    console = open_console(new_page, live_server, code)

    phones = [new_page(PHONE) for _ in range(3)]
    join_from_phone(phones[0], live_server.url, code, organisation="Foyer Notre-Dame")
    join_from_phone(phones[1], live_server.url, code, organisation="Bailleur Est",
                    organisation_type="Bailleur social", profession="Gestion locative")
    join_from_phone(phones[2], live_server.url, code, organisation="Métropole",
                    organisation_type="Collectivité locale (commune, métropole, département)",
                    profession="Direction")
    expect(console.locator("#people-count")).to_have_text("3")

    # The facilitator forms two groups (outside a group sequence: on their tab) and projects them.
    console.get_by_role("tab", name="Groupes et mur").click()
    console.get_by_label("Par nombre de groupes").check()
    console.get_by_label("Nombre de groupes", exact=True).fill("2")
    console.get_by_role("button", name="Former les groupes").click()
    expect(console.locator("#announcer")).to_have_text("2 groupes formés.")
    console.get_by_role("button", name="Les groupes", exact=True).click()
    expect(projection.locator("#view-groups")).to_be_visible()
    expect(projection.locator(".pj-group-name")).to_have_text(["Groupe 1", "Groupe 2"])
    expect(projection.locator(".pj-group-size")).to_have_text(["2 personnes", "1 personne"])

    # Each phone now shows its group (name and members); find who is with whom.
    for phone in phones:
        expect(phone.locator("#group-title")).to_have_text(re.compile("^Groupe [12]$"))
    titles = [phone.locator("#group-title").inner_text() for phone in phones]
    pair = [p for p, title in zip(phones, titles) if title == "Groupe 1"]
    solo = next(p for p, title in zip(phones, titles) if title == "Groupe 2")
    assert len(pair) == 2
    pair[0].get_by_text("2 personnes : voir qui").click()
    expect(pair[0].locator(".group-members li")).to_have_count(2)
    expect(pair[0].locator(".group-members")).to_contain_text("(vous)")
    shot(pair[0], "phone-group")
    shot(projection, "projection-groups")
    assert serious_violations(pair[0]) == []
    assert serious_violations(projection) == []

    # Drafting at once, wall closed: each group sees only its own drafts.
    buttons = [
        draft(pair[0], "Former les équipes au Logement d'Abord", "Pour ma structure", "S'organiser"),
        draft(pair[1], "Informer les élus " + XSS, "Pour les institutions", "Informer"),
        draft(solo, "Se former entre pairs", "En tant que professionnel·le", "Me former"),
    ]
    for button in buttons:
        button.click()
    for phone in pair:
        expect(phone.locator(".our-recs article.rec")).to_have_count(2)
    expect(solo.locator(".our-recs article.rec")).to_have_count(1)
    expect(solo.locator(".our-recs")).not_to_contain_text("Informer les élus")
    expect(pair[0].locator(".our-recs")).to_contain_text(XSS)  # as text, never run
    console.get_by_role("button", name="Mur des recommandations").click()
    expect(projection.locator("#view-wall")).to_contain_text("Le mur s'ouvrira bientôt")
    expect(projection.locator("#view-wall")).not_to_contain_text("Former les équipes")
    expect(console.locator("#wall")).to_contain_text("Recommandations (3)")

    # The wall opens: the projection shows every group's drafts by target then theme...
    console.get_by_role("button", name="Ouvrir le mur à toute la salle").click()
    columns = projection.locator(".wall-column")
    expect(columns).to_have_count(4)
    expect(columns.nth(1)).to_contain_text("Former les équipes au Logement d'Abord")
    expect(columns.nth(1).locator(".wall-theme")).to_have_text(["S'organiser"])
    expect(columns.nth(3)).to_contain_text(XSS)
    expect(columns.nth(0)).to_contain_text("Se former entre pairs")
    assert projection.locator("#view-wall img").count() == 0
    # ...and grows live while the groups keep drafting at once.
    more = [draft(pair[1], "Se coordonner avec le SIAO", "Avec les partenaires de ma structure"),
            draft(solo, "Former les salariés au Logement d'Abord", "Pour ma structure",
                  "S'organiser")]
    for button in more:
        button.click()
    expect(projection.locator(".wall-recs article.rec")).to_have_count(5)
    expect(columns.nth(2)).to_contain_text("Se coordonner avec le SIAO")
    solo.get_by_role("button", name=re.compile("^Le mur")).click()
    expect(solo.locator(".wall-phone article.rec")).to_have_count(5)
    shot(projection, "projection-wall")
    assert serious_violations(projection) == []
    assert serious_violations(solo) == []

    # Two members edit the same recommendation at once: the second sees both versions.
    first, second = pair
    for phone in pair:
        phone.locator(".our-recs article.rec", has_text="Former les équipes").get_by_role(
            "button", name=re.compile("^Modifier")).click()
    first.locator(".rec-edit").get_by_label("La recommandation").fill(
        "Former toutes les équipes au Logement d'Abord")
    first.locator(".rec-edit").get_by_role("button", name="Enregistrer").click()
    expect(first.locator("#announcer")).to_have_text("Recommandation enregistrée.")
    second.locator(".rec-edit").get_by_label("La recommandation").fill(
        "Former les équipes et les bénévoles")
    second.locator(".rec-edit").get_by_role("button", name="Enregistrer").click()
    conflict = second.locator(".rec-conflict")
    expect(conflict.locator("blockquote.theirs")).to_have_text(
        "Former toutes les équipes au Logement d'Abord")
    expect(conflict.locator("blockquote.yours")).to_have_text("Former les équipes et les bénévoles")
    shot(second, "phone-conflict")
    assert serious_violations(second) == []
    expect(columns.nth(1)).to_contain_text("Former toutes les équipes")  # nothing overwritten
    conflict.get_by_role("button", name="Mettre les deux textes dans le champ").click()
    conflict.get_by_label("Texte à enregistrer").fill(
        "Former toutes les équipes et les bénévoles au Logement d'Abord")
    conflict.get_by_role("button", name="Enregistrer ce texte").click()
    expect(columns.nth(1)).to_contain_text(
        "Former toutes les équipes et les bénévoles au Logement d'Abord")
    expect(first.locator(".our-recs")).to_contain_text("et les bénévoles")

    # The facilitator merges the two « Former… » duplicates; both origins stay.
    wall = console.locator("#wall")
    for text in ("Former toutes les équipes", "Former les salariés"):
        wall.locator("article.console-rec", has_text=text).get_by_label("Sélectionner").check()
    wall.get_by_role("button", name="Fusionner la sélection (2)").click()
    wall.get_by_label("Texte de la recommandation fusionnée").fill(
        "Former les équipes, salariés et bénévoles au Logement d'Abord")
    wall.get_by_role("button", name="Fusionner", exact=True).click()
    expect(columns.nth(1).locator("article.rec")).to_have_count(1)
    expect(columns.nth(1)).to_contain_text("Former les équipes, salariés et bénévoles")
    merged = wall.locator("article.console-rec", has_text="salariés et bénévoles")
    expect(merged.locator(".origins li")).to_have_count(2)

    # Dot voting: two dots each; one lands on the projection.
    wall.get_by_label("Activer le vote").check()
    wall.get_by_label("Gommettes par personne").fill("2")
    wall.get_by_role("button", name="Appliquer").click()
    expect(solo.locator(".dots-left")).to_have_text("Il vous reste 2 gommettes sur 2.")
    solo.locator(".wall-phone article.rec", has_text="Se coordonner avec le SIAO").get_by_role(
        "button", name=re.compile("^Ajouter une gommette")).click()
    expect(solo.locator(".dots-left")).to_have_text("Il vous reste 1 gommette sur 2.")
    expect(columns.nth(2).locator(".wall-votes")).to_have_text("● 1")
    # a second dot changes no line: the wall is not laid out again, and still says it
    solo.locator(".wall-phone article.rec", has_text="Se coordonner avec le SIAO").get_by_role(
        "button", name=re.compile("^Ajouter une gommette")).click()
    expect(columns.nth(2).locator(".wall-votes")).to_have_text("● 2")
    shot(solo, "phone-wall")
    shot(console, "console")
    assert serious_violations(console) == []

    for page in [projection, console, *phones]:
        assert page.errors == []


def test_a_latecomer_sees_their_group_and_keyboard_moves_work(live_server, new_page):
    code, _key = live_server.workshop()
    console = open_console(new_page, live_server, code)
    early = new_page(PHONE)
    join_from_phone(early, live_server.url, code)
    console.get_by_role("tab", name="Groupes et mur").click()
    console.get_by_label("Personnes par groupe").fill("2")
    console.get_by_role("button", name="Former les groupes").click()
    console.get_by_role("button", name="Ajouter un groupe vide").click()
    expect(console.locator(".console-group h3")).to_have_text(["Groupe 1", "Groupe 2"])
    console.get_by_role("button", name="Les groupes", exact=True).click()

    late = new_page(PHONE)
    join_from_phone(late, live_server.url, code, organisation="Bailleur Est",
                    organisation_type="Bailleur social", profession="Gestion locative")
    # Equal gain of mix everywhere: the latecomer goes to the smallest group.
    expect(late.locator("#group-title")).to_have_text("Groupe 2")
    expect(early.locator(".group-members summary")).to_have_text("1 personne : voir qui")

    # Keyboard alternative to drag and drop: « Déplacer vers… » then rename.
    group2 = group_card(console, "Groupe 2")
    group2.get_by_label(re.compile("^Déplacer .* vers un autre groupe")).select_option(
        label="Groupe 1")
    expect(late.locator("#group-title")).to_have_text("Groupe 1")
    expect(early.locator(".group-members summary")).to_have_text("2 personnes : voir qui")
    group1 = group_card(console, "Groupe 1")
    group1.get_by_label("Nouveau nom pour Groupe 1").fill("Table du fond")
    group1.get_by_role("button", name="Enregistrer").click()
    expect(late.locator("#group-title")).to_have_text("Table du fond")
    expect(early.locator("#group-title")).to_have_text("Table du fond")
    for page in (console, early, late):
        assert page.errors == []
