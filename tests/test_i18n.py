"""The English catalogue: complete, placeholders kept, compiled, used by the phone page."""
import io
import re
from pathlib import Path

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).resolve().parent.parent / "workshops" / "translations" / "en" / "LC_MESSAGES"
PO, MO = CATALOGUE / "messages.po", CATALOGUE / "messages.mo"
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
