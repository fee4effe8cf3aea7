"""The commands that work on an instance: organiser accounts, schema, purge.

They run in an app context: `flask --app app …` gives them the app (the factory registers
them on `app.cli`); the `ensemble` command (cli.py) makes one. Help and messages are in
French, or in English when the command line asks for it (`ENSEMBLE_LANG`, else `LC_ALL`,
`LC_MESSAGES`, `LANG`), like the app itself: French unless English is chosen.
"""
import functools
import os

import click
from flask import current_app, has_app_context
from flask.cli import ScriptInfo
from flask_babel import force_locale

from workshops.extensions import db_session
from workshops.jobs import purge_now
from workshops.messages import message_for
from workshops.migrate import upgrade
from workshops.services.base.errors import ServiceError
from workshops.services.room import accounts


def _language() -> str:
    for name in ("ENSEMBLE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(name):
            return "en" if os.environ[name].lower().startswith("en") else "fr"
    return "fr"


LANGUAGE = _language()


def tr(french: str, english: str) -> str:
    """The text in the command line's language (help is built when this module loads)."""
    return english if LANGUAGE == "en" else french


class Command(click.Command):
    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = tr("Affiche cette aide.", "Show this message and exit.")
        return option


class Group(Command, click.Group):
    command_class = Command
    group_class = type  # subgroups are Group too


def _with_app(command):
    """Runs the command inside an app context: the one Flask's CLI pushed, else the app of
    the ScriptInfo that `flask --app app` or the `ensemble` command (cli.py) set up."""
    @functools.wraps(command)
    def run(*args, **kwargs):
        if has_app_context():
            return command(*args, **kwargs)
        flask_info = click.get_current_context().find_object(ScriptInfo)
        app = flask_info.load_app()
        with app.app_context():
            return command(*args, **kwargs)
    return run


def _fail(error: ServiceError) -> click.ClickException:
    with force_locale(LANGUAGE):
        return click.ClickException(str(message_for(error.code, error.params)))


def _account(email: str):
    account = accounts.find_account(db_session(), email)
    if account is None:
        raise click.ClickException(tr(f"Aucun compte pour {email}.", f"No account for {email}."))
    return account


def _new_password(password: str | None) -> str:
    if password is not None:
        return password
    return click.prompt(tr("Mot de passe", "Password"), hide_input=True,
                        confirmation_prompt=True)


@click.group(cls=Group, help=tr("Comptes organisateur·rice.", "Organiser accounts."))
def organiser():
    pass


@organiser.command("create", help=tr("Crée un compte organisateur·rice.",
                                      "Creates an organiser account."))
@click.argument("email")
@click.option("--password", help=tr("Mot de passe (demandé s'il est absent).",
                                    "Password (asked for when missing)."))
@_with_app
def create(email, password):
    upgrade(current_app.config["DATABASE_URL"])  # a fresh instance has no tables yet
    try:
        account = accounts.create_account(db_session(), email, _new_password(password))
    except ServiceError as error:
        raise _fail(error)
    click.echo(tr(f"Compte créé : {account.email}", f"Account created: {account.email}"))


@organiser.command("list", help=tr("Liste les comptes : adresse, création, ateliers.",
                                    "Lists the accounts: address, creation, workshops."))
@_with_app
def list_():
    rows = accounts.list_accounts(db_session())
    for account, workshops in rows:
        french = f"{workshops} atelier" + ("s" if workshops > 1 else "")  # 0 and 1: singular
        click.echo(f"{account.email}\t{account.created_at:%Y-%m-%d}\t"
                   + tr(french, f"{workshops} workshop" + ("" if workshops == 1 else "s")))
    if not rows:
        click.echo(tr("Aucun compte.", "No account."))


@organiser.command("delete", help=tr(
    "Supprime un compte (ses jetons, ses formats). Refusé tant qu'il est le seul "
    "organisateur·rice d'un atelier.",
    "Deletes an account (its tokens, its formats). Refused while it is the only organiser "
    "of a workshop."))
@click.argument("email")
@click.option("--yes", is_flag=True, help=tr("Ne pas demander de confirmation.",
                                             "Do not ask for confirmation."))
@_with_app
def delete(email, yes):
    session = db_session()
    account = _account(email)
    orphans = accounts.workshops_only_organised_by(session, account)
    if orphans:
        raise click.ClickException(tr(
            f"{account.email} est le seul organisateur·rice de : {', '.join(orphans)}. "
            "Ajoutez un autre organisateur·rice à ces ateliers ou supprimez-les d'abord.",
            f"{account.email} is the only organiser of: {', '.join(orphans)}. "
            "Add another organiser to these workshops or delete them first."))
    if not yes:
        click.confirm(tr(f"Supprimer le compte {account.email} ?",
                         f"Delete the account {account.email}?"), abort=True)
    accounts.delete_account(session, account)
    click.echo(tr(f"Compte supprimé : {account.email}", f"Account deleted: {account.email}"))


@organiser.command("reset-password", help=tr(
    "Donne un nouveau mot de passe ; les jetons d'API du compte cessent de fonctionner.",
    "Sets a new password; the account's API tokens stop working."))
@click.argument("email")
@click.option("--password", help=tr("Nouveau mot de passe (demandé s'il est absent).",
                                    "New password (asked for when missing)."))
@_with_app
def reset_password(email, password):
    account = _account(email)
    try:
        accounts.set_password(db_session(), account, _new_password(password))
    except ServiceError as error:
        raise _fail(error)
    click.echo(tr(f"Mot de passe changé : {account.email}", f"Password changed: {account.email}"))


@click.group(cls=Group, help=tr("Schéma de la base de données.", "Database schema."))
def db():
    pass


@db.command("upgrade", help=tr(
    "Met la base de données au dernier schéma (migrations Alembic). Sur PostgreSQL, "
    "plusieurs processus peuvent le lancer en même temps : un seul migre.",
    "Upgrades the database to the latest schema (Alembic migrations). On PostgreSQL, "
    "several processes may run it at once: one migrates."))
@_with_app
def db_upgrade():
    upgrade(current_app.config["DATABASE_URL"])
    click.echo(tr("Base de données à jour.", "Database up to date."))


@click.command(cls=Command, help=tr(
    "Efface les données des participant·es des ateliers dont la conservation est échue.",
    "Erases the participants' data of the workshops whose retention period is over."))
@_with_app
def purge():
    codes = purge_now(current_app._get_current_object())
    click.echo(tr(f"Données effacées : {', '.join(codes)}", f"Data erased: {', '.join(codes)}")
               if codes else tr("Aucun atelier à purger.", "No workshop to purge."))


def register(app):
    """The same commands under `flask --app app …` (db-upgrade kept for older notes)."""
    for command in (organiser, db, purge):
        app.cli.add_command(command)
    app.cli.add_command(db_upgrade, "db-upgrade")
