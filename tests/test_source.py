"""Everyone who uses a server gets the source of the code it runs (AGPL-3.0 section 13)."""
import io
import tarfile


def _names(response) -> set[str]:
    with tarfile.open(fileobj=io.BytesIO(response.data)) as tar:
        return set(tar.getnames())


def test_the_source_of_the_running_code_is_offered(client):
    response = client.get("/source")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].endswith('filename="ensemble-source.tar.gz"')
    names = _names(response)
    for name in ("LICENSE", "app.py", "pyproject.toml", "workshops/runtime/source.py",
                 "exports/pdf.py", "templates/base.html", "static/js/phone/main.js"):
        assert f"ensemble-source/{name}" in names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    assert not [name for name in names if name.split("/")[1] in ("instance", ".venv", ".git")]


def test_a_configured_repository_is_offered_instead(app, client):
    app.config["SOURCE_URL"] = "https://forge.example.org/ensemble/-/tree/v1.4"
    response = client.get("/source")
    assert response.status_code == 302
    assert response.headers["Location"] == "https://forge.example.org/ensemble/-/tree/v1.4"


def test_every_page_links_to_the_source(client):
    for page in ("/connexion", "/"):
        assert b'href="/source"' in client.get(page, follow_redirects=True).data
