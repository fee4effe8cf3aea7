"""How quickly `python app.py` answers, and how much a phone downloads.

    python bench/bench_pages.py [--json] [--tree CHECKOUT] [--port PORT]

Starts the real one-process server on a fresh instance folder, times how long it takes
to answer its first request, then opens the participant page in Debian's Chromium at
360×740, joins, and counts every byte the phone receives (decoded, and as transferred:
gzip-compressed by the server) and every request that leaves the server.

Then, on an emulated « Regular 3G » network (750 kbit/s down, 250 up, 100 ms latency, as
Chromium's DevTools preset) with the CPU slowed four times: the time from « Rejoindre » to
the board live (« Connecté »), and a reload: its time to live and the bytes it fetched over
HTTP (the snapshot comes over the websocket and is counted apart). Both times are read in
the page (PAGE_CLOCK), with Playwright's coarser polled wait printed beside. `--tree` runs the
server from another checkout (e.g. main, to compare in the same minute on a busy machine).
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base, path, body, token=None):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to serve")
    parser.add_argument("--port", type=int, help="the server's port (default: a free one)")
    args = parser.parse_args()
    tree = args.tree.resolve()
    instance = tempfile.mkdtemp(prefix="ensemble-bench-")
    env = dict(os.environ, ENSEMBLE_INSTANCE=instance)
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "flask", "--app", "app", "organiser", "create",
                    "bench@example.org", "--password", "bench-password"], cwd=tree, env=env,
                   check=True, capture_output=True)
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)],
                              cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/sante", timeout=1).read()
                break
            except OSError:
                if time.perf_counter() - started > 30:
                    raise SystemExit("the server did not answer within 30 s")
                time.sleep(0.02)
        startup = time.perf_counter() - started
        token = api(base, "/api/v1/tokens", {"email": "bench@example.org",
                                              "password": "bench-password"})["token"]
        code = api(base, "/api/v1/workshops", {"title": "Banc d'essai",
                                               "format": "logement-d-abord-10-axes"}, token)["code"]
        figures = phone_weight(base, code)
        figures.update(slow_phone(base, code))
    finally:
        server.terminate()
        server.wait(timeout=10)
    figures["startup_seconds"] = round(startup, 2)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"python app.py answers after   {figures['startup_seconds']:.2f} s")
        print(f"phone page (join form)        {figures['join_raw_kb']:.1f} KB raw, "
              f"{figures['join_sent_kb']:.1f} KB transferred, {figures['join_requests']} requests")
        print(f"phone after joining (board)   {figures['total_raw_kb']:.1f} KB raw, "
              f"{figures['total_sent_kb']:.1f} KB transferred, {figures['total_requests']} requests")
        print(f"requests leaving the server   {figures['outside_requests']}")
        print(f"3G, CPU ×4: join → board live {figures['join_live_seconds']:.2f} s "
              f"(Playwright's polled wait: {figures['join_live_polled_seconds']:.2f} s)")
        print(f"3G, CPU ×4: reload → live     {figures['reload_live_seconds']:.2f} s "
              f"(polled: {figures['reload_live_polled_seconds']:.2f} s), "
              f"{figures['reload_http_kb']:.1f} KB over HTTP in {figures['reload_requests']} requests "
              f"(+ snapshot {figures['snapshot_kb']:.1f} KB over the websocket)")


def phone_weight(base: str, code: str) -> dict:
    from playwright.sync_api import sync_playwright

    seen = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"])
        page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()

        def record(response):
            try:
                body = response.body()
                sent = response.request.sizes()["responseBodySize"]  # as transferred
            except Exception:  # redirects and aborted requests have no body
                body, sent = b"", 0
            seen.append((response.url, len(body), sent))

        page.on("response", record)
        page.goto(f"{base}/j/{code}")
        page.wait_for_load_state("networkidle")
        join = list(seen)
        page.get_by_label("Type de structure", exact=True).select_option("association")
        page.get_by_label("Votre structure").fill("Foyer")
        page.get_by_label("Votre profession", exact=True).select_option("direction")
        page.get_by_role("button", name="Rejoindre l'atelier").click()
        page.locator("#status", has_text="Connecté").wait_for()
        page.wait_for_timeout(1000)
        browser.close()
    outside = [url for url, _, _ in seen if not url.startswith(base)]
    return {
        "join_raw_kb": sum(r for _, r, _ in join) / 1024,
        "join_sent_kb": sum(g for _, _, g in join) / 1024,
        "join_requests": len(join),
        "total_raw_kb": sum(r for _, r, _ in seen) / 1024,
        "total_sent_kb": sum(g for _, _, g in seen) / 1024,
        "total_requests": len(seen),
        "outside_requests": outside,
    }


REGULAR_3G = {"offline": False, "latency": 100, "downloadThroughput": 750 * 1024 / 8,
              "uploadThroughput": 250 * 1024 / 8}

# Timed inside the page, on the browser's clock (performance.timeOrigin + now, comparable across
# the reload's two documents): the tap's `click` event, and the first frame drawn once the
# status says « Connecté ». Playwright's own wait polls the page at growing intervals (up to
# 500 ms apart), which added 0 to 0.5 s at random to the wall clock it gives.
PAGE_CLOCK = """
(() => {
  const now = () => performance.timeOrigin + performance.now();
  window.addEventListener("click", () => { window.__tapAt ??= now(); }, { capture: true });
  window.__liveAt = new Promise((resolve) => {
    const live = () => document.getElementById("status")?.textContent.includes("Connecté");
    const observer = new MutationObserver(() => {
      if (!live()) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(now()));
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true });
  });
})();
"""


def slow_phone(base: str, code: str) -> dict:
    """Join, then reload, on emulated Regular 3G with the CPU slowed ×4 (Chromium's CDP)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"])
        page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
        page.add_init_script(PAGE_CLOCK)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", REGULAR_3G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        cached, loaded, frames = set(), {}, []
        cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
        cdp.on("Network.loadingFinished", lambda e: loaded.__setitem__(e["requestId"], e["encodedDataLength"]))
        cdp.on("Network.webSocketFrameReceived", lambda e: frames.append(len(e["response"]["payloadData"])))
        page.goto(f"{base}/j/{code}")
        page.get_by_label("Type de structure", exact=True).select_option("association")
        page.get_by_label("Votre structure").fill("Foyer")
        page.get_by_label("Votre profession", exact=True).select_option("direction")
        started = time.perf_counter()
        page.get_by_role("button", name="Rejoindre l'atelier").click()
        page.locator("#status", has_text="Connecté").wait_for(timeout=60_000)
        join_polled = time.perf_counter() - started
        join_live = (page.evaluate("window.__liveAt") - page.evaluate("window.__tapAt")) / 1000
        page.wait_for_timeout(1500)
        cached.clear(), loaded.clear(), frames.clear()
        asked = page.evaluate("performance.timeOrigin + performance.now()")
        started = time.perf_counter()
        page.reload()
        page.locator("#status", has_text="Connecté").wait_for(timeout=60_000)
        reload_polled = time.perf_counter() - started
        reload_live = (page.evaluate("window.__liveAt") - asked) / 1000
        page.wait_for_timeout(1500)
        browser.close()
    fetched = {rid: size for rid, size in loaded.items() if rid not in cached}
    return {
        "join_live_seconds": round(join_live, 2),
        "reload_live_seconds": round(reload_live, 2),
        "join_live_polled_seconds": round(join_polled, 2),
        "reload_live_polled_seconds": round(reload_polled, 2),
        "reload_http_kb": round(sum(fetched.values()) / 1024, 1),
        "reload_requests": len(fetched),
        "snapshot_kb": round(max(frames, default=0) / 1024, 1),
    }


if __name__ == "__main__":
    main()
