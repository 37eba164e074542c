"""The preview server: serves only the site, rebuilds on change, keeps the last good site."""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
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


# --- only regular files of the site, the site's 404, HEAD, the queue, the port (issue 26) ---

def request(base: str, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """(status, headers but the date, body) of one request, redirects not followed."""
    connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        headers = {k: v for k, v in response.getheaders() if k not in ("Date", "Server")}
        return response.status, headers, response.read()
    finally:
        connection.close()


def test_symlinks_in_the_site_folder_never_lead_out(preview):
    root, _, base = preview
    site = root / "site"
    (site / "passwd").symlink_to("/etc/passwd")
    (site / "etc").symlink_to("/etc")
    (site / "same.html").symlink_to(site / "en" / "index.html")  # inside: a regular file
    os.mkfifo(site / "pipe.html")  # not a regular file: never opened
    for path in ("/passwd", "/etc/passwd", "/etc/", "/etc", "/pipe.html"):
        status, _, body = request(base, path)
        assert status == 404 and b"root:" not in body, path
    status, _, body = request(base, "/same.html")
    assert status == 200 and b"We planted" in body


def test_folders_are_never_listed_and_a_404_is_the_sites_own(preview):
    root, _, base = preview
    assert request(base, "/en") == (301, {"Location": "/en/", "Content-Length": "0",
                                          "Cache-Control": "no-store"}, b"")
    status, headers, body = request(base, "/en/")
    assert status == 200 and b"We planted" in body
    own_404 = (root / "site/404.html").read_bytes()
    policy = re.search(rb'<meta http-equiv="Content-Security-Policy"[^>]*>', own_404).group()
    links = re.findall(rb' href="([^"]+)"', own_404)
    assert links == [b"index.html", b"fr/index.html", b"de/index.html", b"en/index.html"]
    for path in ("/assets/", "/nothing-here.html", "/fr/missing/"):
        status, headers, body = request(base, path)
        assert status == 404 and headers["Content-Type"] == "text/html; charset=utf-8", path
        assert b"Directory listing" not in body and b"<li><a href" not in body
        expected = own_404.replace(policy, b"")
        for link in links:  # served at any depth, so its links start at the root
            expected = expected.replace(b' href="%s"' % link, b' href="/%s"' % link)
        assert body.replace(b'<script src="/__reportsite/reload.js"></script>', b"") == expected
    for link in links:  # and each leads to its page
        status, _, body = request(base, "/" + link.decode())
        assert status == 200 and b"<h1" in body, link


@pytest.mark.parametrize("path", ["/", "/en/index.html", "/assets/site.css", "/nothing.html",
                                  "/fr", "/__reportsite/reload.js"])
def test_head_sends_exactly_the_headers_of_get(preview, path):
    _, _, base = preview
    get_status, get_headers, get_body = request(base, path)
    head_status, head_headers, head_body = request(base, path, "HEAD")
    assert (head_status, head_headers, head_body) == (get_status, get_headers, b"")
    assert int(get_headers["Content-Length"]) == len(get_body)


def test_the_queue_holds_many_requests_at_once(preview):
    _, _, base = preview
    port = base.rsplit(":", 1)[1]
    listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True,
                               text=True).stdout.split()
    assert listening[0] == "LISTEN" and int(listening[2]) >= 128  # the backlog (Python's: 5)
    results = []

    def fetch(n: int) -> None:
        results.append(request(base, ["/", "/en/index.html", "/assets/site.css"][n % 3])[0])

    threads = [threading.Thread(target=fetch, args=(n,)) for n in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == [200] * 60


def test_a_busy_port_says_to_choose_another(make_site, capsys):
    from reportsite.commands.serve import serve

    root = make_site()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert serve(root, root / "site", port, False, None) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"error: cannot serve on 127.0.0.1:{port}: Address already in use; another program "
        f"(another preview?) uses port {port}; choose another with --port {port + 1}, or stop "
        "that program"]
    assert not (root / "site").exists()  # said before building


def test_the_preview_listens_on_this_computer_only_unless_told(preview):
    from reportsite.cli import make_parser

    assert make_parser().parse_args(["serve"]).bind == "127.0.0.1"
    assert make_parser().parse_args(["serve", "--bind", "0.0.0.0"]).bind == "0.0.0.0"
    _, state, base = preview
    assert base.startswith("http://127.0.0.1:")
