"""The English catalogue: complete, placeholders kept, compiled, used by the phone page; the
French one: the plural messages under French's rule."""
import io
import re
from pathlib import Path

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from flask_babel import ngettext

from workshops.messages import message_for

CATALOGUE = Path(__file__).resolve().parent.parent / "workshops" / "translations" / "en" / "LC_MESSAGES"
PO, MO = CATALOGUE / "messages.po", CATALOGUE / "messages.mo"
FRENCH = CATALOGUE.parent.parent / "fr" / "LC_MESSAGES" / "messages.po"
# {name} for str.format and the JavaScript strings, %(name)s for gettext/Jinja.
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\([A-Za-z_][A-Za-z0-9_]*\)[sdif]")


def _forms(value):
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _catalogue():
    with PO.open("rb") as f:
        return read_po(f)


def test_every_message_is_translated_with_the_same_placeholders():
    untranslated, fuzzy, mismatched = [], [], []
    for message in _catalogue():
        if not message.id:
            continue
        ids, strings = _forms(message.id), _forms(message.string)
        if not all(strings):
            untranslated.append(ids[0])
            continue
        if message.fuzzy:
            fuzzy.append(ids[0])
        expected = set(PLACEHOLDER.findall(ids[0]))
        for msgid in ids[1:]:
            expected |= set(PLACEHOLDER.findall(msgid))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != expected:
                mismatched.append((ids[0], string))
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy translations: {fuzzy[:10]}"
    assert not mismatched, f"placeholders differ: {mismatched[:10]}"


def _mo_messages(catalog):
    return {(tuple(_forms(m.id)), tuple(_forms(m.string))) for m in catalog if m.id}


def test_compiled_catalogue_is_up_to_date(tmp_path):
    compiled = tmp_path / "messages.mo"
    with compiled.open("wb") as f:
        write_mo(f, _catalogue(), use_fuzzy=True)
    with compiled.open("rb") as f:
        fresh = _mo_messages(read_mo(f))
    with MO.open("rb") as f:
        shipped = _mo_messages(read_mo(io.BytesIO(f.read())))
    assert shipped == fresh, (
        "messages.mo is out of date: run scripts/i18n.sh "
        f"(missing: {sorted(fresh - shipped)[:5]}, stale: {sorted(shipped - fresh)[:5]})")


def test_phone_page_in_english(room, client):
    french = client.get(f"/j/{room.code}").get_data(as_text=True)
    assert "Rejoindre l&#39;atelier" in french or "Rejoindre l'atelier" in french

    client.set_cookie("lang", "en")
    response = client.get(f"/j/{room.code}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Join the workshop" in page
    assert "Your organisation" in page and "Your profession" in page
    assert "Rejoindre l" not in page and "Votre structure" not in page


ROOT = Path(__file__).resolve().parent.parent
# « carte(s) », « personne(s) », « reçue(s) », « axe(s) »: a count written for both numbers
# at once; counts go through ngettext (templates, Python) or strings.js's plural() (JS).
BOTH_NUMBERS = re.compile(r"[^\W\d_]\((?:e?s|es)\)")
# what a person may read in a template or a module: quoted texts, and a template's text between tags
WORDS = re.compile(r'"([^"\n]*)"|\'([^\'\n]*)\'|`([^`\n]*)`|>([^<>{}\n]+)<')


def test_no_count_is_written_with_a_parenthesised_plural():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")) + sorted((ROOT / "static" / "js").rglob("*.js")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            texts = ["".join(g) for g in WORDS.findall(line.replace("http(s)", ""))]
            if any(BOTH_NUMBERS.search(text) for text in texts):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    for message in _catalogue():
        for text in _forms(message.id) + _forms(message.string):
            if text and BOTH_NUMBERS.search(text.replace("http(s)", "")):
                found.append(f"catalogue: {text}")
    assert not found, "\n".join(found)


def test_counts_in_words_follow_the_language(room, client):
    with room.app.test_request_context():
        one = message_for("warning_empty_axes", {"count": 1, "axes": "Axe 3"})
        two = message_for("warning_empty_axes", {"count": 2, "axes": "Axe 3, Axe 4"})
    assert one.startswith("1 axe sans aucune carte (Axe 3) : le retirer")
    assert two.startswith("2 axes sans aucune carte (Axe 3, Axe 4) : les retirer")
    client = room.login()
    page = client.get("/organisateur/formats").get_data(as_text=True)
    assert "2 journées" in page and "10 axes" in page and "(s)" not in page


def test_french_pages_say_zero_and_one_in_the_singular(room, client):
    """French is the source language; without a catalogue of its own, gettext followed
    English's rule and the Livret said « 0 soutiens » under a card nobody supported."""
    with room.app.test_request_context():
        counts = [ngettext("%(num)s soutien", "%(num)s soutiens", n) for n in (0, 1, 2, 1_000_000)]
    assert counts == ["0 soutien", "1 soutien", "2 soutiens", "1000000 soutiens"]


def test_the_french_catalogue_holds_every_plural_message(tmp_path):
    """scripts/i18n.sh writes it from the extracted messages: each with a plural is there."""
    with PO.open("rb") as f:
        plurals = {m.id for m in read_po(f) if m.id and m.pluralizable}
    with FRENCH.open("rb") as f:
        french = {m.id: m.string for m in read_po(f) if m.id}
    assert plurals and plurals <= set(french), sorted(plurals - set(french))[:5]
    assert all(french[key][0] == key[0] and set(french[key][1:]) == {key[1]} for key in plurals)
