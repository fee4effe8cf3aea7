"""The booklet an organiser can send as it comes out (issue 12): the ready-to-send check,
the organisation's identity edited in the app, and the organiser's choices."""
import base64
import io
from pathlib import Path

import pytest
import yaml
from PIL import Image

from exports.synthesis import Synthesis
from tests.booklet_helpers import day  # noqa: F401 (fixture)
from workshops.services.readiness import Facts, fill, placeholders

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
SVG_OK = (b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
          b'<defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/></linearGradient></defs>'
          b'<rect width="120" height="40" fill="url(#g)"/></svg>')
SVG_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
SVG_HANDLER = b'<svg xmlns="http://www.w3.org/2000/svg"><rect onload="alert(1)"/></svg>'
SVG_EXTERNAL = (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                b'<image xlink:href="https://tracker.example/x.png"/></svg>')
SVG_ENTITY = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
              b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>')


def booklet_url(room, rest=""):
    return f"/api/v1/workshops/{room.code}/booklet{rest}"


def patch(room, **changes):
    return room.client.patch(booklet_url(room), json=changes, headers=room.auth)


ROOT = Path(__file__).resolve().parent.parent
WARNING_CODES = set(yaml.safe_load((ROOT / "workshops" / "api" / "openapi.yaml").read_text(
    encoding="utf-8"))["components"]["schemas"]["BookletWarning"]["properties"]["code"]["enum"])


def warnings(room) -> list[dict]:
    """The API's warnings, each with a code API v1 documents (a new one broke its clients)."""
    response = room.client.get(booklet_url(room), headers=room.auth)
    assert response.status_code == 200
    found = response.get_json()["warnings"]
    assert {w["code"] for w in found} <= WARNING_CODES, found
    return found


# --- placeholders


def test_known_facts_fill_their_placeholders():
    facts = Facts(people=94, organisations=26, dates=(__import__("datetime").date(2021, 12, 14),),
                  place="Lyon", organiser="Collectif Logement Rhône")
    text = ("[Nom du collectif] réunit [nombre] structures. Le [date], à [lieu], "
            "[nombre] personnes ont participé sur [territoire].")
    assert fill(text, facts) == ("Collectif Logement Rhône réunit 26 structures. Le 14 décembre "
                                 "2021, à Lyon, 94 personnes ont participé sur [territoire].")
    assert placeholders(fill(text, facts)) == ["[territoire]"]


def test_brackets_glued_to_words_are_the_authors_not_placeholders():
    assert placeholders("[re]penser et [ré]organiser") == []
    assert placeholders("Près de [nombre] personnes") == ["[nombre]"]


def test_et_apres_kept_from_the_format_prints_how_many_came(room, day):
    """The defect: « [nombre] personnes ont participé » printed as is."""
    drafts = room.client.get(booklet_url(room), headers=room.auth).get_json()
    assert drafts["settings"]["et_apres"] is None
    patch(room, et_apres="L'invitation a trouvé un écho : [nombre] personnes ont participé.")
    text = room.client.get(f"/api/v1/workshops/{room.code}/export?format=md",
                           headers=room.auth).get_data(as_text=True)
    assert "3 personnes ont participé" in text and "[nombre]" not in text


def test_an_export_never_prints_a_placeholder_unless_overridden(room, day):
    patch(room, edito="Sur [territoire], nous avons travaillé ensemble.")
    found = warnings(room)
    blocking = [w for w in found if w["blocking"]]
    assert blocking == [{"code": "placeholder", "blocking": True,
                         "params": {"where": "Édito", "text": "[territoire]"},
                         "message": "Édito : « [territoire] » serait imprimé tel quel."}]
    for fmt in ("pdf", "docx", "html", "md"):
        refused = room.client.get(f"/api/v1/workshops/{room.code}/export?format={fmt}",
                                  headers=room.auth)
        assert refused.status_code == 409
        error = refused.get_json()["error"]
        assert error["code"] == "booklet_not_ready"
        assert "[territoire]" in error["warnings"][0]["message"]
    job = room.client.post(f"/api/v1/workshops/{room.code}/exports", json={"format": "pdf"},
                           headers=room.auth)
    assert job.status_code == 409 and job.get_json()["error"]["code"] == "booklet_not_ready"
    # Raw data has no édito: never refused.
    assert room.client.get(f"/api/v1/workshops/{room.code}/export?format=xlsx",
                           headers=room.auth).status_code == 200
    forced = room.client.get(f"/api/v1/workshops/{room.code}/export?format=md&override=1",
                             headers=room.auth)
    assert forced.status_code == 200 and "\\[territoire\\]" in forced.get_data(as_text=True)
    job = room.client.post(f"/api/v1/workshops/{room.code}/exports",
                           json={"format": "md", "override": True}, headers=room.auth)
    assert job.status_code == 202


# --- empty axes, recommendations not retained


def test_axes_with_no_card_are_said_then_left_out_or_mentioned(room, day):
    """The defect: axes with no card printed as bare stacked banners."""
    empty = [w for w in warnings(room) if w["code"] == "empty_axes"]
    assert empty and empty[0]["params"]["count"] == 8 and not empty[0]["blocking"]
    patch(room, empty_axes="omit")
    assert not [w for w in warnings(room) if w["code"] == "empty_axes"]
    text = room.client.get(f"/api/v1/workshops/{room.code}/export?format=md",
                           headers=room.auth).get_data(as_text=True)
    assert "## Les 2 axes" in text and "### 3\\." not in text
    patch(room, empty_axes="mention")
    text = room.client.get(f"/api/v1/workshops/{room.code}/export?format=md",
                           headers=room.auth).get_data(as_text=True)
    assert "## Les 10 axes" in text and text.count("*Aucune contribution sur cet axe.*") == 8


def test_recommendations_not_retained_are_an_explicit_choice(room, day):
    """The defect: ticking « Retenir » on some recommendations silently dropped the others."""
    found = [w for w in warnings(room) if w["code"] == "recommendations_not_kept"]
    assert found[0]["params"] == {"kept": 2, "total": 3}
    assert "2 sur 3" in found[0]["message"]
    patch(room, recommendations_shown="all")
    assert not [w for w in warnings(room) if w["code"] == "recommendations_not_kept"]
    text = room.client.get(f"/api/v1/workshops/{room.code}/export?format=md",
                           headers=room.auth).get_data(as_text=True)
    assert "Brouillon jamais retenu" in text.split("## Annexe")[0]
    patch(room, recommendations_shown="kept")
    text = room.client.get(f"/api/v1/workshops/{room.code}/export?format=md",
                           headers=room.auth).get_data(as_text=True)
    assert "Brouillon jamais retenu" not in text.split("## Annexe")[0]
    assert patch(room, recommendations_shown="some").status_code == 400


# --- the organiser's choices


def test_support_counts_hidden_and_top_cards_per_axis(room, day):
    text = room.client.get(f"/api/v1/workshops/{room.code}/export?format=md",
                           headers=room.auth).get_data(as_text=True)
    assert "soutiens" in text.split("## Annexe")[0]
    patch(room, show_supports=False, top_cards=1)
    body = room.client.get(f"/api/v1/workshops/{room.code}/export?format=md",
                           headers=room.auth).get_data(as_text=True).split("## Annexe")
    assert "soutien" not in body[0]
    # Axis 1: the most supported lever (also the verbatim) stays, the others go to the annex.
    assert "Le logement est un droit, pas une récompense" in body[0]
    assert "Un bail glissant rassure les bailleurs" not in body[0]
    assert "Un bail glissant rassure les bailleurs" in body[1]
    assert patch(room, top_cards=-1).status_code == 400


# --- identity


def test_links_are_the_organisations_own_and_http_only(room, day):
    """The defect: another organisation's « Liens utiles » printed in every booklet."""
    text = room.client.get(f"/api/v1/workshops/{room.code}/export?format=md",
                           headers=room.auth).get_data(as_text=True)
    assert "Liens utiles" not in text and "collectif-logement-rhone" not in text
    refused = patch(room, links="Notre site | javascript:alert(1)")
    assert refused.status_code == 400
    assert "http" in refused.get_json()["error"]["message"]
    assert patch(room, links="Notre site | https://notre.example.org").status_code == 200
    text = room.client.get(f"/api/v1/workshops/{room.code}/export?format=md",
                           headers=room.auth).get_data(as_text=True)
    assert "## Liens utiles" in text and "notre.example.org" in text


def test_every_text_is_bounded_with_the_limit_in_the_message(room):
    response = patch(room, colophon="x" * 20_001)
    assert response.status_code == 400 and "20000" in response.get_json()["error"]["message"]
    response = patch(room, organiser_name="x" * 201)
    assert response.status_code == 400 and "200" in response.get_json()["error"]["message"]
    response = patch(room, accent_colour="red")
    assert response.status_code == 400 and "#RRVVBB" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("data, code", [
    (b"not an image at all", "logo_not_image"),
    (SVG_SCRIPT, "logo_unsafe_svg"),
    (SVG_HANDLER, "logo_unsafe_svg"),
    (SVG_EXTERNAL, "logo_unsafe_svg"),
    (SVG_ENTITY, "logo_unsafe_svg"),
    (b"GIF89a" + b"\0" * 30, "logo_not_image"),
])
def test_bad_logos_are_refused_in_french_and_nothing_is_stored(room, data, code):
    response = room.client.put(booklet_url(room, "/logo"), data=data, headers=room.auth)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == code and "rien n'a été enregistré" in error["message"] \
        or "refusé" in error["message"]
    settings = room.client.get(booklet_url(room), headers=room.auth).get_json()["settings"]
    assert settings["has_logo"] is False


def test_a_logo_over_2_mb_is_refused(room):
    big = io.BytesIO()
    Image.effect_noise((1300, 1300), 100).convert("RGB").save(big, "PNG")
    assert big.tell() > 2 * 1024 * 1024
    response = room.client.put(booklet_url(room, "/logo"), data=big.getvalue(), headers=room.auth)
    assert response.status_code == 413
    assert "2 Mo" in response.get_json()["error"]["message"]


def test_logo_colour_partners_and_credits_reach_every_format(room, day):
    assert room.client.put(booklet_url(room, "/logo"), data=SVG_OK,
                           headers=room.auth).status_code == 204
    assert room.client.post(booklet_url(room, "/partners"), headers=room.auth,
                            data={"name": "Fondation Exemple",
                                  "logo": (io.BytesIO(PNG), "f.png")}).status_code == 201
    patch(room, accent_colour="#8A1C4A", colophon="© Atelier graphique Exemple",
          axes_intro="Les axes tels que nous les avons travaillés.",
          recommendations_intro="Quatre cibles, des thèmes.")
    html = room.client.get(f"/api/v1/workshops/{room.code}/export?format=html",
                           headers=room.auth).get_data(as_text=True)
    assert 'class="cover-logo" src="data:image/svg+xml;base64,' in html
    assert "--accent: #8a1c4a" in html and "Fondation Exemple" in html
    assert "Atelier graphique Exemple" in html and "Quatre cibles, des thèmes." in html
    md = room.client.get(f"/api/v1/workshops/{room.code}/export?format=md",
                         headers=room.auth).get_data(as_text=True)
    assert "Les axes tels que nous les avons travaillés." in md and "Fondation Exemple" in md
    pdf = room.client.get(f"/api/v1/workshops/{room.code}/export?format=pdf", headers=room.auth)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert room.client.delete(booklet_url(room, "/partners/0"),
                              headers=room.auth).status_code == 204
    assert room.client.delete(booklet_url(room, "/partners/0"),
                              headers=room.auth).status_code == 404


def test_the_next_workshop_starts_from_the_organisers_last_identity(room, app):
    patch(room, organiser_name="Collectif Exemple", accent_colour="#123456",
          links=[{"label": "Site", "url": "https://exemple.org"}], colophon="Merci !")
    room.client.put(booklet_url(room, "/logo"), data=PNG, headers=room.auth)
    created = room.client.post("/api/v1/workshops", headers=room.auth, json={
        "title": "Deuxième journée", "format": "logement-d-abord-10-axes"})
    assert created.status_code == 201, created.get_json()
    code = created.get_json()["code"]
    settings = room.client.get(f"/api/v1/workshops/{code}/booklet",
                               headers=room.auth).get_json()["settings"]
    assert settings["organiser_name"] == "Collectif Exemple"
    assert settings["accent_colour"] == "#123456" and settings["has_logo"]
    assert settings["links"] == [{"label": "Site", "url": "https://exemple.org"}]
    assert settings["colophon"] == "Merci !" and settings["edito"] is None


def test_empty_synthesis_has_nothing_to_fill():
    assert fill("", Facts()) == "" and Synthesis(title="x").partners == []


def test_the_formats_draft_shown_but_not_saved_is_said_as_such(room):
    """The Livret shows the format's édito and « Et après ? » in their boxes, while « Prêt à
    envoyer ? » said « Édito : partie vide » — text in front of the organiser, called empty.
    It now says the draft is not saved yet; once saved, its placeholders are what is said."""
    said = {w["params"].get("where"): w for w in warnings(room)}
    for where in ("Édito", "Et après ?"):
        # API v1's codes are unchanged: an empty part, which a param says is a draft
        assert said[where]["code"] == "empty_part" and said[where]["params"]["draft_not_saved"]
        assert "pas encore enregistrée" in said[where]["message"]
        assert "partie vide" not in said[where]["message"]
    assert patch(room, edito="", et_apres="").status_code == 200  # emptied on purpose
    said = {w["params"].get("where"): w for w in warnings(room)}
    assert said["Édito"]["code"] == said["Et après ?"]["code"] == "empty_part"
    assert "draft_not_saved" not in said["Édito"]["params"] and "partie vide" in said["Édito"]["message"]
