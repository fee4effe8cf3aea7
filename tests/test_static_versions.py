"""Static files under versioned URLs with a year's cache, and ES modules' imports versioned
through the page's import map, allowed by the CSP by its hash (issue 10, item 6): a reload
sends only the page and the snapshot."""
import json
import re

from workshops.views.assets import import_map_hash


def page_of(client, code):
    response = client.get(f"/j/{code}")
    assert response.status_code == 200
    return response, response.get_data(as_text=True)


def test_every_static_url_of_a_page_is_versioned_and_kept_a_year(client, room):
    workshop_code = room.code
    response, html = page_of(client, workshop_code)
    urls = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert urls and all(re.search(r"\?v=[0-9a-f]{12}$", url) for url in urls), urls
    for url in urls:
        answer = client.get(url)
        assert answer.status_code == 200
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # An unversioned or outdated URL is revalidated, never kept.
    assert client.get("/static/css/app.css").headers["Cache-Control"] == "no-cache"
    assert client.get("/static/css/app.css?v=000000000000").headers["Cache-Control"] == "no-cache"


def test_modules_import_versioned_files_through_an_import_map_the_csp_allows(client, room):
    workshop_code = room.code
    response, html = page_of(client, workshop_code)
    text = re.search(r'<script type="importmap">(.*?)</script>', html).group(1)
    imports = json.loads(text)["imports"]
    assert imports["/static/js/core/dom.js"].startswith("/static/js/core/dom.js?v=")
    assert "/static/js/phone/main.js" in imports and "/static/js/console/main.js" in imports
    assert import_map_hash(text) in response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_the_phone_asks_for_its_whole_module_graph_at_once(client, room):
    """Every module the phone's entry imports, however deep, is announced by a versioned
    modulepreload link: a phone on 3G fetches them together, not one level per round trip."""
    _response, html = page_of(client, room.code)
    preloaded = re.findall(r'<link rel="modulepreload" href="/static/(js/[^"?]+)\?v=[0-9a-f]{12}">', html)
    assert {"js/core/dom.js", "js/core/live.js", "js/store/board.js", "js/phone/screen.js"} <= set(preloaded)
    assert "js/phone/main.js" not in preloaded and "js/console/main.js" not in preloaded
    assert len(preloaded) == len(set(preloaded))
    assert re.search(r'<script type="module" src="/static/js/phone/main.js\?v=[0-9a-f]{12}"></script>', html)
