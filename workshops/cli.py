"""The `ensemble` command, also under `flask --app app …`: serve, accounts, schema, purge.

    ensemble [--env-file FILE] serve | organiser create|list|delete|reset-password EMAIL
                               | db upgrade | purge

Help and messages are in French, or in English when English is asked for: `ENSEMBLE_LANG`,
else the system's language (`LC_ALL`, `LC_MESSAGES`, `LANG`), like the app itself: French
unless the person chose English. `--env-file` (or `ENSEMBLE_ENV_FILE`) reads the same
`KEY=value` file as the systemd units, so an administrator runs
`sudo -u ensemble ensemble --env-file /etc/ensemble/ensemble.env …` from their own shell.
"""
import functools
import os
import sys
from importlib.util import find_spec

import click
from flask import current_app, has_app_context
from flask.cli import ScriptInfo
from flask_babel import force_locale

from workshops.factory import create_app
from workshops.extensions import db_session
from workshops.jobs import purge_now
from workshops.messages import message_for
from workshops.migrate import upgrade
from workshops.server import main as run_server
from workshops.services.base.errors import ServiceError
from workshops.services.room import accounts


def _language() -> str:
    for name in ("ENSEMBLE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(name):
            return "en" if os.environ[name].lower().startswith("en") else "fr"
    return "fr"


LANGUAGE = _language()


def _t(french: str, english: str) -> str:
    """The text in the command line's language (help is built when this module loads)."""
    return english if LANGUAGE == "en" else french


# The one-process server with gevent's patches applied before anything else is imported
# (app.py does the same): threads, locks and sockets made at import must be gevent's.
GEVENT_SERVER = ("import sys\n"
                 "from gevent import monkey\n"
                 "monkey.patch_all()\n"
                 "from workshops.server import main\n"
                 "sys.exit(main(sys.argv[1:]))\n")


class _Command(click.Command):
    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _t("Affiche cette aide.", "Show this message and exit.")
        return option


class _Group(_Command, click.Group):
    command_class = _Command
    group_class = type  # subgroups are _Group too


def read_env_file(path: str) -> dict[str, str]:
    """`KEY=value` lines as systemd's EnvironmentFile reads them (# comments, quotes)."""
    values = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if not line or line.startswith(("#", ";")) or "=" not in line:
                continue
            key, value = (part.strip() for part in line.split("=", 1))
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            values[key] = value
    return values


def _with_app(command):
    """Runs the command inside an app context: Flask's (flask --app app), else a new app."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        if has_app_context():
            return command(*args, **kwargs)
        flask_info = click.get_current_context().find_object(ScriptInfo)
        app = flask_info.load_app() if flask_info else create_app()
        with app.app_context():
            return command(*args, **kwargs)
    return run


def _fail(error: ServiceError) -> click.ClickException:
    with force_locale(LANGUAGE):
        return click.ClickException(str(message_for(error.code, error.params)))


def _account(email: str):
    account = accounts.find_account(db_session(), email)
    if account is None:
        raise click.ClickException(_t(f"Aucun compte pour {email}.", f"No account for {email}."))
    return account


def _new_password(password: str | None) -> str:
    if password is not None:
        return password
    return click.prompt(_t("Mot de passe", "Password"), hide_input=True,
                        confirmation_prompt=True)


@click.group(cls=_Group, help=_t("Ensemble : ateliers participatifs en direct.",
                     "Ensemble: live participatory workshops."))
@click.option("--env-file", envvar="ENSEMBLE_ENV_FILE", type=click.Path(dir_okay=False),
              help=_t("Fichier de réglages KEY=valeur (celui des unités systemd).",
                      "Settings file of KEY=value lines (the systemd units' one)."))
def ensemble(env_file):
    if env_file:
        try:
            os.environ.update(read_env_file(env_file))
        except OSError as error:
            raise click.ClickException(f"{env_file}: {error.strerror}")


@ensemble.command(help=_t(
    "Lance le serveur en un seul processus (comme python app.py) : met le schéma à jour, "
    "affiche les adresses et le QR code.",
    "Starts the one-process server (as python app.py does): upgrades the schema, prints "
    "the addresses and the QR code."))
@click.option("--host", default=lambda: os.environ.get("HOST", "0.0.0.0"), show_default="0.0.0.0",
              help=_t("Adresse d'écoute.", "Address to listen on."))
@click.option("--port", type=int, default=lambda: int(os.environ.get("PORT", "5000")),
              show_default="5000", help=_t("Port d'écoute.", "Port to listen on."))
def serve(host, port):
    argv = ["--host", host, "--port", str(port)]
    if find_spec("gevent"):
        os.environ.setdefault("ASYNC_MODE", "gevent")
    if os.environ.get("ASYNC_MODE") == "gevent":
        os.execv(sys.executable, [sys.executable, "-c", GEVENT_SERVER, *argv])
    run_server(argv)


@ensemble.group(help=_t("Comptes organisateur·rice.", "Organiser accounts."))
def organiser():
    pass


@organiser.command("create", help=_t("Crée un compte organisateur·rice.",
                                      "Creates an organiser account."))
@click.argument("email")
@click.option("--password", help=_t("Mot de passe (demandé s'il est absent).",
                                    "Password (asked for when missing)."))
@_with_app
def create(email, password):
    upgrade(current_app.config["DATABASE_URL"])  # a fresh instance has no tables yet
    try:
        account = accounts.create_account(db_session(), email, _new_password(password))
    except ServiceError as error:
        raise _fail(error)
    click.echo(_t(f"Compte créé : {account.email}", f"Account created: {account.email}"))


@organiser.command("list", help=_t("Liste les comptes : adresse, création, ateliers.",
                                    "Lists the accounts: address, creation, workshops."))
@_with_app
def list_():
    rows = accounts.list_accounts(db_session())
    for account, workshops in rows:
        french = f"{workshops} atelier" + ("s" if workshops > 1 else "")  # 0 and 1: singular
        click.echo(f"{account.email}\t{account.created_at:%Y-%m-%d}\t"
                   + _t(french, f"{workshops} workshop" + ("" if workshops == 1 else "s")))
    if not rows:
        click.echo(_t("Aucun compte.", "No account."))


@organiser.command("delete", help=_t(
    "Supprime un compte (ses jetons, ses formats). Refusé tant qu'il est le seul "
    "organisateur·rice d'un atelier.",
    "Deletes an account (its tokens, its formats). Refused while it is the only organiser "
    "of a workshop."))
@click.argument("email")
@click.option("--yes", is_flag=True, help=_t("Ne pas demander de confirmation.",
                                             "Do not ask for confirmation."))
@_with_app
def delete(email, yes):
    session = db_session()
    account = _account(email)
    orphans = accounts.workshops_only_organised_by(session, account)
    if orphans:
        raise click.ClickException(_t(
            f"{account.email} est le seul organisateur·rice de : {', '.join(orphans)}. "
            "Ajoutez un autre organisateur·rice à ces ateliers ou supprimez-les d'abord.",
            f"{account.email} is the only organiser of: {', '.join(orphans)}. "
            "Add another organiser to these workshops or delete them first."))
    if not yes:
        click.confirm(_t(f"Supprimer le compte {account.email} ?",
                         f"Delete the account {account.email}?"), abort=True)
    accounts.delete_account(session, account)
    click.echo(_t(f"Compte supprimé : {account.email}", f"Account deleted: {account.email}"))


@organiser.command("reset-password", help=_t(
    "Donne un nouveau mot de passe ; les jetons d'API du compte cessent de fonctionner.",
    "Sets a new password; the account's API tokens stop working."))
@click.argument("email")
@click.option("--password", help=_t("Nouveau mot de passe (demandé s'il est absent).",
                                    "New password (asked for when missing)."))
@_with_app
def reset_password(email, password):
    account = _account(email)
    try:
        accounts.set_password(db_session(), account, _new_password(password))
    except ServiceError as error:
        raise _fail(error)
    click.echo(_t(f"Mot de passe changé : {account.email}", f"Password changed: {account.email}"))


@ensemble.group(help=_t("Schéma de la base de données.", "Database schema."))
def db():
    pass


@db.command("upgrade", help=_t(
    "Met la base de données au dernier schéma (migrations Alembic). Sur PostgreSQL, "
    "plusieurs processus peuvent le lancer en même temps : un seul migre.",
    "Upgrades the database to the latest schema (Alembic migrations). On PostgreSQL, "
    "several processes may run it at once: one migrates."))
@_with_app
def db_upgrade():
    upgrade(current_app.config["DATABASE_URL"])
    click.echo(_t("Base de données à jour.", "Database up to date."))


@ensemble.command(help=_t(
    "Efface les données des participant·es des ateliers dont la conservation est échue.",
    "Erases the participants' data of the workshops whose retention period is over."))
@_with_app
def purge():
    codes = purge_now(current_app._get_current_object())
    click.echo(_t(f"Données effacées : {', '.join(codes)}", f"Data erased: {', '.join(codes)}")
               if codes else _t("Aucun atelier à purger.", "No workshop to purge."))


def register(app):
    """The same commands under `flask --app app …` (db-upgrade kept for older notes)."""
    for command in (organiser, db, purge):
        app.cli.add_command(command)
    app.cli.add_command(db_upgrade, "db-upgrade")
