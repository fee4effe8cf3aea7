"""The `ensemble` command, also under `flask --app app …`: serve, accounts, schema, purge.

    ensemble [--env-file FILE] serve | organiser create|list|delete|reset-password EMAIL
                               | db upgrade | purge

Help and messages are in French, or in English when English is asked for: `ENSEMBLE_LANG`,
else the system's language (`LC_ALL`, `LC_MESSAGES`, `LANG`), like the app itself: French
unless the person chose English. `--env-file` (or `ENSEMBLE_ENV_FILE`) reads the same
`KEY=value` file as the systemd units, so an administrator runs
`sudo -u ensemble ensemble --env-file /etc/ensemble/ensemble.env …` from their own shell.
"""
import os
import sys
from importlib.util import find_spec

import click
from flask.cli import ScriptInfo

from workshops.commands import Command, Group, tr, db, organiser, purge
from workshops.factory import create_app
from workshops.server import main as run_server


# The one-process server with gevent's patches applied before anything else is imported
# (app.py does the same): threads, locks and sockets made at import must be gevent's.
GEVENT_SERVER = ("import sys\n"
                 "from gevent import monkey\n"
                 "monkey.patch_all()\n"
                 "from workshops.server import main\n"
                 "sys.exit(main(sys.argv[1:]))\n")


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


@click.group(cls=Group, help=tr("Ensemble : ateliers participatifs en direct.",
                     "Ensemble: live participatory workshops."))
@click.option("--env-file", envvar="ENSEMBLE_ENV_FILE", type=click.Path(dir_okay=False),
              help=tr("Fichier de réglages KEY=valeur (celui des unités systemd).",
                      "Settings file of KEY=value lines (the systemd units' one)."))
@click.pass_context
def ensemble(context, env_file):
    if env_file:
        try:
            os.environ.update(read_env_file(env_file))
        except OSError as error:
            raise click.ClickException(f"{env_file}: {error.strerror}")
    # The instance's commands load the app once the settings are read (commands.py)
    context.obj = ScriptInfo(create_app=create_app)


@ensemble.command(help=tr(
    "Lance le serveur en un seul processus (comme python app.py) : met le schéma à jour, "
    "affiche les adresses et le QR code.",
    "Starts the one-process server (as python app.py does): upgrades the schema, prints "
    "the addresses and the QR code."))
@click.option("--host", default=lambda: os.environ.get("HOST", "0.0.0.0"), show_default="0.0.0.0",
              help=tr("Adresse d'écoute.", "Address to listen on."))
@click.option("--port", type=int, default=lambda: int(os.environ.get("PORT", "5000")),
              show_default="5000", help=tr("Port d'écoute.", "Port to listen on."))
def serve(host, port):
    argv = ["--host", host, "--port", str(port)]
    if find_spec("gevent"):
        os.environ.setdefault("ASYNC_MODE", "gevent")
    if os.environ.get("ASYNC_MODE") == "gevent":
        os.execv(sys.executable, [sys.executable, "-c", GEVENT_SERVER, *argv])
    run_server(argv)


for command in (organiser, db, purge):
    ensemble.add_command(command)
