"""The organiser curates the booklet in a browser (keyboard for the order), then downloads
the PDF and the DOCX: the curated wording is in both files, the original stays in the annex."""
import datetime as dt
import os
import shutil
import subprocess

import docx as python_docx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select

from tests.booklet_helpers import study_day
from tests.browser.conftest import PHONE, PROJECTOR, join_from_phone
from workshops.extensions import db_session
from workshops.models import Participant, Workshop
from workshops.services.board import cards

SHOTS = os.environ.get("ENSEMBLE_SCREENSHOTS")  # a folder to keep screenshots in, for people


def serious_violations(page):
    results = Axe().run(page)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def card_of(page, text):
    """The curation card whose own text (not a merge choice) is ``text``."""
    return page.locator("li.curation-card").filter(has=page.locator("p.text", has_text=text))


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) missing")
def test_curate_then_download_pdf_and_docx(live_server, new_page, tmp_path):
    code, _key = live_server.workshop(title="Journée d'étude du Rhône")
    phone = new_page(PHONE)
    join_from_phone(phone, live_server.url, code, organisation="Habitat et Humanisme")
    with live_server.app.app_context():
        session = db_session()
        workshop = session.scalar(select(Workshop).where(Workshop.code == code))
        for day in study_day(session, workshop).days:  # recent: the hourly purge leaves it
            day.date = dt.date.today()
        person = session.scalar(select(Participant).where(Participant.organisation == "Habitat et Humanisme"))
        session.commit()
        cards.post_card(session, workshop, person, "phone-1", workshop.axes[0].id, "lever",
                        "Posté depuis un téléphone")
        second_axis = workshop.axes[1].title
        first_axis_title = workshop.axes[0].title

    page = new_page(PROJECTOR)
    live_server.login(page)
    page.goto(f"{live_server.url}/organisateur/ateliers/{code}/livret")
    shot(page, "booklet-1280")
    assert serious_violations(page) == []

    # The édito (prefilled with the format's draft), the cover and the organisations.
    page.get_by_label("Organisé par (couverture)").fill("Collectif Logement Rhône")
    page.get_by_label("Édito").fill("Un édito écrit par l'organisation.\n\nDeuxième paragraphe.")
    page.get_by_label("Citer le nom des structures présentes").check()
    page.get_by_role("button", name="Enregistrer les textes").click()
    expect(page.get_by_text("Textes du livret enregistrés.")).to_be_visible()

    # Reword a lever for the booklet (the original stays in the annex).
    card = card_of(page, "Un bail glissant rassure les bailleurs")
    card.get_by_text("Reformuler pour le livret").click()
    card.get_by_label("Formulation dans le livret").fill("Le bail glissant rassure vraiment les bailleurs")
    card.get_by_role("button", name="Enregistrer la formulation").click()
    saved = card_of(page, "Le bail glissant rassure vraiment les bailleurs").locator(".flash")
    expect(saved).to_have_text("Formulation enregistrée.")
    expect(saved).to_be_in_viewport()

    # Keyboard only: the second axis goes first.
    up = page.get_by_role("button", name=f"Monter : {second_axis}")
    up.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#axes .order-list li").first).to_contain_text(second_axis)

    # Star a verbatim (its axis is now second, folded: open it), with the keyboard: the
    # page is updated in place (no reload) and the focus stays on the button.
    page.locator("#cartes summary", has_text=first_axis_title).click()
    page.evaluate("window.stillHere = true")
    star = card_of(page, "Les délais restent trop longs").get_by_role("button", name="Citer en verbatim")
    star.focus()
    page.keyboard.press("Enter")
    expect(card_of(page, "Les délais restent trop longs").get_by_role(
        "button", name="Citer en verbatim")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("window.stillHere") is True
    expect(page.locator("#cartes summary", has_text=first_axis_title).locator("xpath=..")
           ).to_have_attribute("open", "")
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"

    phone_page = new_page(PHONE)
    live_server.login(phone_page)
    phone_page.goto(f"{live_server.url}/organisateur/ateliers/{code}/livret")
    shot(phone_page, "booklet-360")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360

    files = {}
    for label, fmt in (("PDF (impression A4)", "pdf"), ("Word (DOCX)", "docx")):
        page.get_by_role("button", name=label).click()
        link = page.locator("#export-jobs li", has_text=label).get_by_role("link", name="Télécharger")
        expect(link).to_be_visible(timeout=90_000)
        with page.expect_download() as download_info:
            link.click()
        download = download_info.value
        assert download.suggested_filename.startswith("livret-journee-d-etude-du-rhone-")
        assert download.suggested_filename.endswith(f".{fmt}")
        files[fmt] = tmp_path / download.suggested_filename
        download.save_as(files[fmt])
    shot(page, "booklet-exports-1280")
    assert page.errors == []

    text = subprocess.run(["pdftotext", "-layout", str(files["pdf"]), "-"], capture_output=True,
                          check=True, text=True).stdout.replace("\u202f", " ")
    flat = " ".join(text.split())
    assert "Le bail glissant rassure vraiment les bailleurs" in flat
    assert "Un édito écrit par l’organisation." in flat
    assert "Habitat et Humanisme" in flat
    assert "C O L L E C T I F LO G E M E N T R H Ô N E" in flat  # the cover, letter-spaced
    assert "Posté depuis un téléphone" in flat
    assert "masqué" not in flat

    document = python_docx.Document(str(files["docx"]))
    paragraphs = [p.text.replace("\u202f", " ") for p in document.paragraphs]
    assert "Le bail glissant rassure vraiment les bailleurs" in " ".join(paragraphs)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    first_axis = next(h for h in headings if h[:2] == "1.")
    assert first_axis == f"1. {second_axis}".replace(":", "\u202f:")
    annex = " ".join(cell.text for table in document.tables for row in table.rows
                     for cell in row.cells)
    assert "Un bail glissant rassure les bailleurs" in annex


def test_ready_to_send_then_export_and_the_html_on_a_phone(live_server, new_page, tmp_path):
    """Issue 12: the Livret screen says what would print wrongly, the export is refused
    until the organiser fixes it or overrides; the HTML export reads on a 360 px phone and
    prints on A4."""
    code, _key = live_server.workshop(title="Journée d'étude du Rhône")
    with live_server.app.app_context():
        session = db_session()
        workshop = session.scalar(select(Workshop).where(Workshop.code == code))
        for day in study_day(session, workshop).days:
            day.date = dt.date.today()
        session.commit()
    page = new_page({"width": 1366, "height": 900})
    live_server.login(page)
    page.goto(f"{live_server.url}/organisateur/ateliers/{code}/livret")
    page.get_by_role("button", name="Enregistrer les textes").click()  # the format's draft
    warnings = page.locator("#warnings")
    expect(warnings).to_contain_text("« [territoire] » serait imprimé tel quel")
    expect(warnings).not_to_contain_text("[nombre] personnes")  # filled by the app
    expect(warnings).to_contain_text("Recommandations retenues : 2 sur 3")
    shot(page, "livret-ready-1366")
    assert serious_violations(page) == []

    page.get_by_role("button", name="PDF (impression A4)").click()
    expect(page.locator("#export-error")).to_contain_text("[territoire]")
    page.get_by_label("Seulement les retenues (2 sur 3)").check()
    page.get_by_label("Les garder avec « Aucune contribution sur cet axe »").check()
    page.get_by_role("button", name="Enregistrer ces choix").click()
    expect(page.locator("#warnings")).not_to_contain_text("Recommandations retenues")
    page.get_by_label("Exporter quand même").check()
    page.get_by_role("button", name="Page web (HTML)").click()
    link = page.locator("#export-jobs li", has_text="Page web").get_by_role("link", name="Télécharger")
    expect(link).to_be_visible(timeout=60_000)
    with page.expect_download() as download_info:
        link.click()
    html = tmp_path / "livret.html"
    download_info.value.save_as(html)
    assert page.errors == []

    narrow = new_page(PHONE)
    live_server.login(narrow)
    narrow.goto(f"{live_server.url}/organisateur/ateliers/{code}/livret")
    shot(narrow, "livret-ready-360")
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 360

    phone = new_page(PHONE)
    phone.goto(html.as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360  # was 791 px
    wide = phone.locator(".annex-cards .table-scroll")
    assert wide.evaluate("e => e.scrollWidth > e.clientWidth || e.clientWidth <= 360")
    title = phone.locator(".cover-title")
    assert title.evaluate("e => e.scrollWidth <= e.clientWidth")  # not clipped
    shot(phone, "livret-html-360")
    phone.emulate_media(media="print")
    assert phone.locator(".card").first.evaluate(
        "e => getComputedStyle(e).breakInside") == "avoid"
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(phone.pdf(format="A4"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "page 2 / " in text  # page numbers from the print styles


def livret_of_a_study_day(live_server, new_page, add=None):
    """The Livret screen at 1366×768 of a workshop holding the study day (dated today), and
    `add(session, workshop, day)`'s additions."""
    code, _key = live_server.workshop(title="Journée d'étude du Rhône")
    with live_server.app.app_context():
        session = db_session()
        workshop = session.scalar(select(Workshop).where(Workshop.code == code))
        d = study_day(session, workshop)
        for day in d.days:
            day.date = dt.date.today()
        if add:
            add(session, workshop, d)
        session.commit()
    page = new_page({"width": 1366, "height": 768})
    live_server.login(page)
    page.goto(f"{live_server.url}/organisateur/ateliers/{code}/livret")
    return page, d


def test_a_refused_then_a_done_card_merge_is_said_next_to_the_card(live_server, new_page):
    """QA #4: « C'est un doublon… » → a card number that does not exist → Fusionner: the
    refusal is in view beside the card, not at the top of a long page; a real merge's
    confirmation likewise shows in view, at the card that was kept."""
    page, d = livret_of_a_study_day(live_server, new_page)
    kept_id = d.lever_top.id

    card = card_of(page, "Le logement est un droit (doublon)")
    card.get_by_text("C'est un doublon…").click()
    card.get_by_label("Fusionner cette carte dans la carte n°").fill("9999")
    card.get_by_role("button", name="Fusionner").click()
    refusal = card_of(page, "Le logement est un droit (doublon)").locator(".flash")
    expect(refusal).to_have_text("Cette carte n'existe pas ou plus.")
    expect(refusal).to_be_in_viewport()

    card = card_of(page, "Le logement est un droit (doublon)")  # its fold stayed open
    card.get_by_label("Fusionner cette carte dans la carte n°").fill(str(kept_id))
    card.get_by_role("button", name="Fusionner").click()
    done = card_of(page, "Le logement est un droit, pas une récompense").locator(".flash")
    expect(done).to_have_text("Cartes fusionnées dans le livret.")
    expect(done).to_be_in_viewport()
    expect(refusal).to_have_count(0)
    assert page.errors == []


def test_an_answer_in_doublons_or_recommandations_is_seen_and_said_where_the_organiser_acted(
        live_server, new_page):
    """The answers to a merge in « Doublons suggérés » and to a rewording in « Recommandations »
    were shown at the top of the page, out of view of the organiser who clicked far below:
    they are now beside the control, said by the live region, the focus kept there; one
    rewording opens no other recommendation's fold."""
    from workshops.services.groups import recommendations

    def twin(session, workshop, d):
        recommendations.create(session, workshop, d.people[0], "r-twin", "institutions",
                               "Informer", "informer les bailleurs !")
    page, _d = livret_of_a_study_day(live_server, new_page, twin)

    suggestion = page.locator("#doublons li", has_text="« informer les bailleurs ! »")
    suggestion.get_by_role("button", name="Fusionner").click()
    merged = page.locator("#doublons .flash", has_text="Recommandations fusionnées.")
    expect(merged).to_be_in_viewport()
    expect(page.get_by_role("status").filter(has_text="Recommandations fusionnées.")).not_to_have_count(0)
    assert page.evaluate("document.getElementById('doublons').contains(document.activeElement)")

    rec = page.locator("#recommandations li", has_text="Informer les bailleurs")
    rec.get_by_text("Reformuler pour le livret").click()
    rec.get_by_label("Formulation dans le livret").fill("Informer tous les bailleurs")
    rec.get_by_role("button", name="Enregistrer la formulation").click()
    rec = page.locator("#recommandations li", has_text="Informer tous les bailleurs")
    saved = rec.locator(".flash")
    expect(saved).to_have_text("Formulation enregistrée.")
    expect(saved).to_be_in_viewport()
    expect(page.locator("#curation-status")).to_have_text("Formulation enregistrée.")
    expect(rec.get_by_role("button", name="Enregistrer la formulation")).to_be_focused()
    expect(page.locator("#recommandations details[open]")).to_have_count(1)
    assert page.errors == []


def test_a_card_starred_on_page_two_of_a_long_axis_stays_in_view(live_server, new_page):
    """A 300-card axis stays usable: starring a card on its axis's second page updates the
    page in place and keeps that page (it showed page 1 again, the card gone from view)."""
    from workshops.models import Card

    def many(session, workshop, _d):
        session.add_all(Card(workshop_id=workshop.id, axis_id=workshop.axes[0].id, kind="lever",
                             client_id=f"bulk-{i}", text=f"Carte numéro {i} du long axe")
                        for i in range(150))
    page, _d = livret_of_a_study_day(live_server, new_page, many)
    page.get_by_role("link", name="Suivantes →").first.click()
    card = card_of(page, "Carte numéro 140 du long axe")
    card.get_by_role("button", name="Citer en verbatim").focus()
    page.keyboard.press("Enter")
    star = card_of(page, "Carte numéro 140 du long axe").get_by_role("button", name="Citer en verbatim")
    expect(star).to_have_attribute("aria-pressed", "true")
    expect(star).to_be_focused()
    expect(page.locator("#cartes .pages").first).to_contain_text("Page 2 sur 2")
    assert page.errors == []
