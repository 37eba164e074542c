"""The preview server: serves only the site, rebuilds on change, keeps the last good site."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request

import pytest

from reportsite.commands.serve import Preview, make_server


@pytest.fixture
def preview(make_site, chart_cache):
    root = make_site()
    state = Preview(root, root / "site", strict=False, cache_dir=chart_cache)
    state.build()
    server = make_server(state, 0)
    stop = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=state.watch, args=(stop, 0.1), daemon=True).start()
    yield root, state, f"http://127.0.0.1:{server.server_address[1]}"
    stop.set()
    server.shutdown()
    server.server_close()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, ""


def wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def status(base: str) -> dict:
    return json.loads(get(base + "/__reportsite/status")[1])


def test_a_change_appears_after_reload(preview):
    root, state, base = preview
    code, page = get(base + "/en/index.html")
    assert code == 200 and "tulips" not in page and "/__reportsite/reload.js" in page
    assert "/__reportsite/" not in (root / "site/en/index.html").read_text()  # preview only
    version = status(base)["version"]
    (root / "content/en/index.md").write_text(
        "---\ntitle: Home\norder: 1\n---\n## The garden {#garden}\n\nWe planted 1200 tulips.\n")
    wait_for(lambda: status(base)["version"] > version)
    assert "tulips" in get(base + "/en/index.html")[1]
    assert get(base + "/__reportsite/reload.js")[0] == 200


def test_a_failed_build_keeps_the_last_good_site_and_shows_the_error(preview):
    root, state, base = preview
    (root / "content/en/index.md").write_text("---\ntitle: [broken\n---\n")
    wait_for(lambda: status(base)["error"] is not None)
    assert status(base)["error"].startswith("content/en/index.md:2: invalid YAML")
    code, page = get(base + "/en/index.html")
    assert code == 200 and "We planted" in page  # the last good page
    assert 'id="reportsite-error"' in page and "invalid YAML" in page
    (root / "content/en/index.md").write_text("---\ntitle: Home\n---\n## The garden {#garden}\n\nWe planted 1200 bulbs.\n")
    wait_for(lambda: status(base)["error"] is None)


@pytest.mark.parametrize("path", ["/../site.yaml", "/%2e%2e/site.yaml", "/..%2fsite.yaml",
                                  "/en/../../site.yaml", "//etc/passwd"])
def test_only_the_output_folder_is_served(preview, path):
    _, _, base = preview
    code, body = get(base + path)
    assert code == 404 and "languages" not in body and "root:" not in body
