"""`flask --app app …` commands: organiser accounts and the database schema."""
import click
from flask import current_app
from flask.cli import AppGroup

from workshops.extensions import db_session
from workshops.services.room import accounts
from workshops.services.base.errors import ServiceError


def register(app):
    organiser = AppGroup("organiser", help="Comptes organisateur·rice.")
    app.cli.add_command(organiser)

    @organiser.command("create")
    @click.argument("email")
    @click.option("--password", help="Mot de passe (demandé s'il est absent).")
    def create(email, password):
        """Crée un compte organisateur·rice."""
        from workshops.migrate import upgrade

        upgrade(current_app.config["DATABASE_URL"])  # a fresh instance has no tables yet
        if password is None:
            password = click.prompt("Mot de passe", hide_input=True, confirmation_prompt=True)
        try:
            account = accounts.create_account(db_session(), email, password)
        except ServiceError as error:
            raise click.ClickException(_cli_message(error))
        click.echo(f"Compte créé : {account.email}")

    @app.cli.command("db-upgrade")
    def db_upgrade():
        """Met la base de données au dernier schéma (migrations Alembic)."""
        from workshops.migrate import upgrade

        upgrade(current_app.config["DATABASE_URL"])
        click.echo("Base de données à jour.")


    @app.cli.command("purge")
    def purge():
        """Efface les données des participant·es des ateliers dont la conservation est échue."""
        from workshops.jobs import purge_now

        codes = purge_now(current_app._get_current_object())
        click.echo(f"Données effacées : {', '.join(codes)}" if codes
                   else "Aucun atelier à purger.")


def _cli_message(error: ServiceError) -> str:
    from workshops.messages import message_for

    return message_for(error.code, error.params)
