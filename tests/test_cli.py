"""The `ensemble` commands (also `flask --app app …`): accounts, schema, help in two languages."""
import os
import subprocess
import sys

from tests.conftest import PASSWORD
from workshops.cli import read_env_file
from workshops.extensions import db_session
from workshops.services.room import accounts


def _run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def test_organiser_create_list_reset_password_delete(app):
    assert _run(app, "organiser", "create", "a@example.org", "--password", PASSWORD).exit_code == 0
    assert _run(app, "organiser", "create", "b@example.org", input=f"{PASSWORD}\n{PASSWORD}\n"
                ).exit_code == 0
    listed = _run(app, "organiser", "list").output
    assert listed.index("a@example.org") < listed.index("b@example.org")
    assert "0 atelier" in listed and "(s)" not in listed

    with app.app_context():
        token = accounts.issue_token(db_session(), accounts.find_account(db_session(), "a@example.org"))
    result = _run(app, "organiser", "reset-password", "a@example.org", "--password", "nouveau-mdp-1")
    assert result.exit_code == 0, result.output
    with app.app_context():
        session = db_session()
        assert accounts.authenticate(session, "a@example.org", "nouveau-mdp-1")
        assert not accounts.authenticate(session, "a@example.org", PASSWORD)
        assert accounts.account_for_token(session, token) is None  # old tokens revoked

    result = _run(app, "organiser", "delete", "b@example.org", "--yes")
    assert result.exit_code == 0, result.output
    assert "b@example.org" not in _run(app, "organiser", "list").output


def test_short_password_is_refused_with_the_reason(app):
    result = _run(app, "organiser", "create", "a@example.org", "--password", "court")
    assert result.exit_code == 1
    assert "au moins 8 caractères" in result.output


def test_the_only_organiser_of_a_workshop_cannot_be_deleted(room, app):
    result = _run(app, "organiser", "delete", "orga@example.org", "--yes")
    assert result.exit_code == 1
    assert room.code in result.output
    assert "orga@example.org" in _run(app, "organiser", "list").output


def test_delete_asks_for_confirmation(app):
    _run(app, "organiser", "create", "a@example.org", "--password", PASSWORD)
    assert _run(app, "organiser", "delete", "a@example.org", input="n\n").exit_code == 1
    assert "a@example.org" in _run(app, "organiser", "list").output


def test_unknown_account_is_a_clear_error(app):
    result = _run(app, "organiser", "reset-password", "nobody@example.org", "--password", PASSWORD)
    assert result.exit_code == 1
    assert "Aucun compte pour nobody@example.org" in result.output


def _help(language: str, *args) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env["LANG"] = language
    return subprocess.run([sys.executable, "-c", "from workshops.cli import ensemble; ensemble()",
                           *args, "--help"], env=env, capture_output=True, text=True,
                          check=True).stdout


def test_help_follows_the_system_language_french_by_default():
    assert "Comptes organisateur·rice." in _help("fr_FR.UTF-8")
    assert "Organiser accounts." in _help("en_GB.UTF-8")
    assert "Comptes organisateur·rice." in _help("C.UTF-8")
    english = _help("en_US.UTF-8", "organiser")
    for command in ("create", "list", "delete", "reset-password"):
        assert command in english
    assert "Sets a new password" in english


def test_env_file_reads_what_systemd_reads(tmp_path):
    env_file = tmp_path / "ensemble.env"
    env_file.write_text("# comment\nDATABASE_URL=postgresql+psycopg://e@/e?host=/run/pg\n"
                        "SECRET_KEY='abc=def'\n\nPUBLIC_URL=\"https://a.example.org:8443\"\n")
    assert read_env_file(str(env_file)) == {
        "DATABASE_URL": "postgresql+psycopg://e@/e?host=/run/pg", "SECRET_KEY": "abc=def",
        "PUBLIC_URL": "https://a.example.org:8443"}
