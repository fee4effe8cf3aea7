"""The booklet's synthesis built from a real workshop in the database, and its curation."""
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from exports import booklet as parts_of
from tests.booklet_helpers import study_day
from workshops.services import curation
from exports.booklet import printed_cards
from workshops.services.booklet import build_synthesis
from workshops.services.base.errors import ServiceError

NOW = dt.datetime(2026, 4, 10, 9, 30)


@pytest.fixture
def day(room, session):
    workshop = session.merge(room.workshop)
    return workshop, study_day(session, workshop)


def texts_of(synthesis) -> str:
    """Every text the booklet's body and annex show, one per line."""
    lines = []
    for axis in synthesis.axes:
        for lever in axis.levers:
            lines += [lever.text] + [a.text for a in lever.answers]
        lines += [limit.text for limit in axis.other_limits]
    for section in synthesis.questions:
        lines += [a.text for a in section.answers]
    lines += [c.text for c in printed_cards(synthesis)]
    return "\n".join(lines)


def test_cover_method_and_attendance_come_from_the_workshop(day, session):
    workshop, d = day
    s = build_synthesis(session, workshop, NOW)
    assert s.title == "Journée test"
    assert s.dates == [dt.date(2026, 3, 12), dt.date(2026, 4, 9)]
    assert s.intro_title.startswith("Le Logement d'Abord")
    assert [day.attendance for day in s.method.days] == [3, 1]
    assert s.method.days[0].sequences[2].activity_label == "Tableau des axes"
    assert s.method.days[0].sequences[2].minutes == 75
    assert len(s.method.guiding_questions) == 3
    assert s.attendance.total == 3
    assert s.attendance.by_type == [("Association", 2), ("Bailleur social", 1)]
    assert s.attendance.organisations is None  # not ticked
    assert s.edito == ""  # the format's draft is only offered in the curation screen
    assert [p.key for p in parts_of.parts(s)][:4] == ["intro", "method", "attendance", "axes"]


def test_organisations_only_when_the_organiser_ticks_it(day, session):
    workshop, _d = day
    curation.update_settings(session, workshop, show_organisations=True, place="Lyon",
                             organiser_name="Collectif Logement Rhône")
    s = build_synthesis(session, workshop, NOW)
    assert s.attendance.organisations == ["Foyer Notre-Dame", "Grand Lyon Habitat"]
    assert (s.place, s.organiser) == ("Lyon", "Collectif Logement Rhône")


def test_levers_most_supported_first_with_their_answers_and_no_hidden_card(day, session):
    workshop, d = day
    s = build_synthesis(session, workshop, NOW)
    axis = s.axes[0]
    assert [lever.text for lever in axis.levers] == [
        "Le logement est un droit, pas une récompense",
        "Le logement est un droit (doublon)", "Un bail glissant rassure les bailleurs"]
    top = axis.levers[0]
    assert (top.supports, top.verbatim) == (2, True)
    assert [a.text for a in top.answers] == ["Oui, mais il manque des logements"]
    assert [limit.text for limit in axis.other_limits] == ["Les délais restent trop longs"]
    assert "masqué" not in texts_of(s)
    assert [c.text for c in s.annex_cards if c.hidden] == ["Texte masqué par l'animation"]
    assert [lever.text for lever in s.axes[1].levers] == ["La coopération avec le 115"]


def test_question_answers_and_revealed_writings_are_paroles_de_la_salle(day, session):
    workshop, d = day
    s = build_synthesis(session, workshop, NOW)
    answers = {section.title: [a.text for a in section.answers] for section in s.questions}
    assert answers[d.question.question] == ["Un logement d'abord, sans condition"]
    assert answers[d.writing_seq.question] == ["J'accompagne vers le logement direct"]
    kinds = {c.kind_label for c in s.annex_cards}
    assert kinds == {"Levier", "Oui, mais…", "Réponse", "Écriture individuelle"}


def test_unrevealed_writing_appears_nowhere(day, session):
    from workshops.services.activities import writing

    workshop, d = day
    writing.reveal(session, workshop, d.writing_seq.id, False)
    s = build_synthesis(session, workshop, NOW)
    assert "J'accompagne" not in texts_of(s)


def test_curated_wording_replaces_the_text_and_the_annex_keeps_the_original(day, session):
    workshop, d = day
    curation.set_card_wording(session, workshop, d.lever_low.id, "Le bail glissant rassure")
    curation.merge_cards(session, workshop, d.lever_top.id, d.duplicate.id)
    s = build_synthesis(session, workshop, NOW)
    levers = s.axes[0].levers
    assert [lever.text for lever in levers] == ["Le logement est un droit, pas une récompense",
                                                "Le bail glissant rassure"]
    assert levers[0].supports == 3  # the duplicate's support counts for the card it joined
    annex = [c.text for c in s.annex_cards]
    assert "Un bail glissant rassure les bailleurs" in annex
    assert "Le logement est un droit (doublon)" in annex
    assert "Le bail glissant rassure" not in annex


def test_recommendations_by_target_then_theme_kept_only_merged_folded(day, session):
    workshop, d = day
    s = build_synthesis(session, workshop, NOW)
    assert [(t.title, [th.title for th in t.themes]) for t in s.recommendations] == [
        ("En tant que professionnel·le", ["Me former"]), ("Pour les institutions", ["Informer"])]
    pro = s.recommendations[0].themes[0].items
    assert [r.text for r in pro] == ["Se former, entre structures, au Logement d'Abord"]
    assert pro[0].group == "Groupe 1, Groupe 2"
    institutions = s.recommendations[1].themes[0].items
    assert [(r.text, r.votes) for r in institutions] == [("Informer les bailleurs", 2)]
    statuses = sorted(r.status for r in s.annex_recommendations)
    assert statuses == ["draft", "kept", "kept", "merged"]


def test_axis_and_recommendation_order_follow_the_curation(day, session):
    workshop, d = day
    curation.move_axis(session, workshop, workshop.axes[1].id, -1)
    curation.update_settings(session, workshop, edito="Notre édito.")
    s = build_synthesis(session, workshop, NOW)
    assert [a.title for a in s.axes[:2]] == [workshop.axes[1].title, workshop.axes[0].title]
    assert [a.number for a in s.axes[:2]] == [1, 2]
    assert s.edito == "Notre édito."
    from workshops.services.groups import recommendations

    recommendations.curate(session, workshop, d.rec_d.id, status="kept")
    recommendations.curate(session, workshop, d.rec_d.id, theme="Informer")
    curation.move_recommendation(session, workshop, d.rec_d.id, -1)
    curation.set_recommendation_wording(session, workshop, d.rec_c.id, "Informer les bailleurs sociaux")
    s = build_synthesis(session, workshop, NOW)
    assert [r.text for r in s.recommendations[1].themes[0].items] == [
        "Brouillon jamais retenu", "Informer les bailleurs sociaux"]


def test_curation_refuses_bad_input(day, session):
    workshop, d = day
    with pytest.raises(ServiceError) as error:
        curation.merge_cards(session, workshop, d.lever_top.id, d.other_limit.id)
    assert error.value.code == "cannot_merge_cards"
    with pytest.raises(ServiceError):
        curation.set_card_wording(session, workshop, d.lever_top.id, "x" * 1001)
    with pytest.raises(ServiceError):
        curation.update_settings(session, workshop, retention_days=0)


def test_unanswered_feedback_questions_are_left_out(day, session):
    workshop, _d = day
    s = build_synthesis(session, workshop, NOW)
    assert s.feedback.answers_count == 2
    labels = [q.label for q in s.feedback.questions]
    assert labels[0].startswith("Dans l'ensemble") and "Qu'est-ce qui vous a été le plus utile ?" in labels
    assert not any(label.startswith("Qu'est-ce qu'il faudrait améliorer") for label in labels)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) missing")
def test_seed_workshop_booklet_from_the_database_renders_to_pages(app, session, tmp_path):
    """The seed 000 workshop stored in the database, built and laid out as the server does;
    the pages are left as PNG files (ENSEMBLE_SCREENSHOTS=<folder> keeps them) for a person."""
    from bench.seed_workshop import seed_workshop
    from exports import pdf
    from workshops.services.room import accounts

    account = accounts.create_account(session, "seed@example.org", "correct horse battery")
    workshop = seed_workshop(session, account)
    s = build_synthesis(session, workshop, NOW)
    assert len(s.axes) == 10 and sum(len(a.levers) + len(a.other_limits) for a in s.axes) >= 25
    assert sum(len(t.items) for target in s.recommendations for t in target.themes) >= 40
    assert s.attendance.total == 94 and [d.attendance for d in s.method.days] == [62, 58]
    path = tmp_path / "livret.pdf"
    path.write_bytes(pdf.render(s))
    out = os.environ.get("ENSEMBLE_SCREENSHOTS") or str(tmp_path)
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "8", str(path),
                    os.path.join(out, "livret-db")], check=True)
    pages = sorted(Path(out).glob("livret-db-*.png"))
    assert len(pages) == 8
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "droit fondamental" in text and "Méthode des rencontres" in text


def test_seed_workshop_docx_has_the_seed_booklet_headings(app, session):
    import io

    import docx as python_docx

    from bench.seed_workshop import seed_workshop
    from exports import docx
    from workshops.services.room import accounts

    account = accounts.create_account(session, "seed@example.org", "correct horse battery")
    workshop = seed_workshop(session, account)
    document = python_docx.Document(io.BytesIO(docx.render(build_synthesis(session, workshop, NOW))))
    headings = [(p.style.name, p.text.replace("\u202f", " ")) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert [text for style, text in headings if style == "Heading 1"] == [
        "Édito", "Le Logement d’Abord ? Mais qu’est-ce que c’est ?", "Méthode des rencontres",
        "Qui était là ?", "Les 10 axes", "Les recommandations", "Et après ?", "Liens utiles",
        "Annexe"]
    level2 = [text for style, text in headings if style == "Heading 2"]
    assert "1. Garantir le respect d’un droit fondamental : le logement" in level2
    assert level2.index("En tant que professionnel·le") < level2.index("Pour les institutions")


def test_annex_prints_each_target_once_in_the_formats_order_and_no_theme_no_arrow(day, session):
    """Recommendations written in mixed target order, one without a theme: the HTML
    annex gives each target one heading, in the format's order; the PDF and DOCX annexes
    one per target and theme, « › theme » only where there is a theme."""
    import io
    import re

    import docx as python_docx

    from exports import docx, html
    from workshops.services.groups import recommendations

    workshop, d = day
    alice, bob = d.people[0], d.people[1]
    recommendations.create(session, workshop, alice, "r5", "organisation", "", "Un référent LDA")
    recommendations.create(session, workshop, bob, "r6", "professional", "Me former",
                           "Des stages croisés")
    recommendations.create(session, workshop, alice, "r7", "institutions", "Financer",
                           "Financer l'accompagnement")
    s = build_synthesis(session, workshop, NOW)
    order = ["En tant que professionnel·le", "Pour ma structure", "Pour les institutions"]

    def plain(text):
        return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())

    page = html.render(s).decode()
    annex = page[page.index('class="annex-recommendations"'):]
    assert [plain(h) for h in re.findall(r"<h4[^>]*>(.*?)</h4>", annex)] == order

    printed = html.render_template("booklet/print.html", s, variant="print", fonts_url="",
                                   annex_cards_elsewhere=False)
    printed = printed[printed.index('class="annex-recommendations"'):]
    by_theme = ["En tant que professionnel·le › Me former", "Pour ma structure",
                "Pour les institutions › Informer", "Pour les institutions › Financer"]
    assert [plain(h) for h in re.findall(r'<h4 class="annex-group">(.*?)</h4>', printed)] == by_theme

    document = python_docx.Document(io.BytesIO(docx.render(s)))
    texts = [(p.style.name, plain(p.text)) for p in document.paragraphs]
    after = texts[texts.index(("Heading 2", "Toutes les recommandations")):]
    assert [text for style, text in after if style == "Heading 3"] == by_theme
    assert not any(text.rstrip().endswith("›") for _style, text in texts)
