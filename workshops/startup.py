"""What `python app.py` prints: where to go, and the latest workshop's QR code."""
import io

import qrcode
from sqlalchemy import select

from workshops.models import Account, Workshop
from workshops.setup import setup_token
from workshops.urls import lan_address


def print_banner(app, host: str, port: int) -> None:
    address = lan_address() if host in ("0.0.0.0", "::") else host
    base = app.config["PUBLIC_URL"] or f"http://{address}:{port}"
    lines = ["", "Ensemble est prêt.", f"  Espace organisateur·rice : {base}/organisateur/"]
    with app.app_context():
        session = app.extensions["ensemble.db"].session()
        if session.scalar(select(Account.id).limit(1)) is None:
            token = setup_token(app.instance_path)
            lines.append(f"  Premier lancement : créez le compte organisateur·rice ici : "
                         f"{base}/installation/{token}")
        workshop = session.scalar(select(Workshop).order_by(Workshop.created_at.desc()).limit(1))
        app.extensions["ensemble.db"].remove()
    if workshop is not None:
        join = f"{base}/j/{workshop.code}"
        lines += [f"  Dernier atelier : « {workshop.title} » — code {workshop.code}",
                  f"  Les participant·es rejoignent : {join}", ""]
        qr = qrcode.QRCode(border=1)
        qr.add_data(join)
        out = io.StringIO()
        qr.print_ascii(out=out, invert=True)
        lines.append(out.getvalue())
    print("\n".join(lines), flush=True)
