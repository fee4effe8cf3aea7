"""A full room on the projection: 150 cards on one axis, read at 1280×720 and 1920×1080.

    python bench/bench_projection.py [--cards 150] [--json]

Starts Ensemble in this process (threaded Werkzeug, a fresh SQLite file), seeds one axis
with `--cards` cards (levers, « Oui, mais… » answering some of them, loose « Oui, mais… »,
texts of about 50 to 190 characters), opens the projection in Debian's Chromium at both sizes
and turns every page from the console's « Page ▶ ». Reports, per size: pages, whether every
card was shown within one cycle, the smallest card text (px) and label (px) seen, and how
long fitting the board took. The 10 m rule (docs/projection.md) asks ≥ 24 px at 1280×720
and ≥ 32 px at 1920×1080.
"""
import argparse
import json
import os
import random
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workshops.factory import create_app  # noqa: E402
from workshops.extensions import db_session  # noqa: E402
from workshops.formats import get_builtin  # noqa: E402
from workshops.services.board import cards  # noqa: E402
from workshops.services.room import accounts, participants, workshops  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SIZES = ({"width": 1280, "height": 720}, {"width": 1920, "height": 1080})
GOAL = {1280: 24, 1920: 32}
WORDS = ("accompagnement logement droit commun partenaires bailleur coordination "
         "référent parcours accès maintien santé ressources formation écoute").split()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(app, count: int):
    """A workshop whose first axis holds `count` cards; returns (code, key, texts)."""
    rng = random.Random(15)
    with app.app_context():
        session = db_session()
        account = accounts.create_account(session, "bench@example.org", "bench-password")
        workshop = workshops.create_workshop(session, account, "Banc d'essai",
                                             get_builtin("logement-d-abord-10-axes"))
        fmt = workshop.format_data
        people = [participants.join(session, workshop, organisation=f"Structure {i}",
                                    organisation_type=fmt["organisation_types"][0]["key"],
                                    profession=fmt["professions"][0]["key"])[0]
                  for i in range(30)]
        axis = workshop.axes[0].id
        texts, levers = [], []
        for i in range(count):
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 24)))
            text = f"Carte {i + 1} : {words}"[:260]
            kind = "lever" if i % 2 == 0 or not levers else "limit"
            parent = rng.choice(levers) if kind == "limit" and rng.random() < 0.5 else None
            card, _created, _events = cards.post_card(session, workshop, people[i % 30], f"b{i}",
                                                      axis, kind, text, parent=parent)
            if kind == "lever":
                levers.append(card.id)
            texts.append(text)
        return workshop.code, workshop.projection_key, texts


def measure(browser, base, code, key, texts, size, shots=None):
    context = browser.new_context(viewport=size)
    console_context = browser.new_context(viewport={"width": 1366, "height": 768})
    projection = context.new_page()
    console = console_context.new_page()
    console.goto(f"{base}/connexion")
    console.get_by_label("Adresse e-mail").fill("bench@example.org")
    console.get_by_label("Mot de passe").fill("bench-password")
    console.get_by_role("button", name="Se connecter").click()
    console.wait_for_url("**/organisateur/**")
    console.goto(f"{base}/w/{code}/console")
    console.get_by_role("button", name="Tableau de l'axe").click()
    console.get_by_role("button", name="Tenir la page").click()
    started = time.perf_counter()
    projection.goto(f"{base}/w/{code}/projection?key={key}")
    projection.locator("#view-board .col-cards li").nth(0).wait_for()
    projection.wait_for_function("document.querySelectorAll('#view-board .card').length > 0")
    projection.wait_for_timeout(500)
    loaded = time.perf_counter() - started
    seen, smallest_text, smallest_label, pages = set(), 999.0, 999.0, 0
    indicator = projection.locator(".board-page")
    total = 1
    while True:
        shown = projection.evaluate("""() => {
          const visible = (el) => el.getClientRects().length > 0 && !el.closest('[hidden]');
          const size = (el) => parseFloat(getComputedStyle(el).fontSize);
          const texts = [...document.querySelectorAll('#view-board .card .text')].filter(visible);
          const labels = [...document.querySelectorAll('#view-board .reply-label, #view-board .supports')].filter(visible);
          const box = (el) => el.getBoundingClientRect();
          const inside = texts.filter((el) => { const b = box(el); return b.bottom <= innerHeight && b.right <= innerWidth; });
          return {texts: inside.map((el) => el.textContent), min: Math.min(...texts.map(size)),
                  label: Math.min(...labels.map(size)), page: document.querySelector('.board-page').textContent};
        }""")
        pages += 1
        if shots and pages <= 2:
            projection.screenshot(path=f"{shots}/projection-{size['width']}-page{pages}.png")
        seen.update(shown["texts"])
        smallest_text = min(smallest_text, shown["min"])
        smallest_label = min(smallest_label, shown["label"])
        if indicator.is_hidden():
            break
        total = int(shown["page"].split("/")[1].split()[0])
        if pages >= total:
            break
        before = shown["page"]
        console.get_by_role("button", name="Page suivante de la projection").click()
        projection.wait_for_function(
            "(before) => document.querySelector('.board-page').textContent !== before", arg=before)
    console.get_by_role("button", name="Tenir la page").click()  # back to turning by itself
    context.close()
    console_context.close()
    return {"size": f"{size['width']}×{size['height']}", "cards": len(texts), "pages": total,
            "every_card_shown": seen >= set(texts), "missing": len(set(texts) - seen),
            "smallest_card_text_px": round(smallest_text, 1),
            "smallest_label_px": round(smallest_label, 1),
            "goal_px": GOAL[size["width"]], "first_page_s": round(loaded, 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=150)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--shots", help="a folder for a screenshot of each size's first pages")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    folder = tempfile.mkdtemp(prefix="ensemble-bench-projection-")
    os.environ["ENSEMBLE_INSTANCE"] = folder
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = create_app({"DATABASE_URL": f"sqlite:///{folder}/bench.db", "CREATE_TABLES": True,
                      "SECRET_KEY": "bench", "PUBLIC_URL": base})
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    code, key, texts = seed(app, args.cards)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        results = [measure(browser, base, code, key, texts, size, args.shots) for size in SIZES]
        browser.close()
    server.shutdown()
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    for r in results:
        ok = r["every_card_shown"] and r["smallest_card_text_px"] >= r["goal_px"]
        print(f"{r['size']}: {r['cards']} cards on {r['pages']} page(s), every card shown: "
              f"{r['every_card_shown']} (missing {r['missing']}), smallest card text "
              f"{r['smallest_card_text_px']} px, smallest label {r['smallest_label_px']} px "
              f"(goal ≥ {r['goal_px']}), first page in {r['first_page_s']} s — "
              f"{'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
