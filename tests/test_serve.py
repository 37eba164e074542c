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


# --- the pages first, the PDF, JATS and EPUB after them (issue 30) ------------------------

ARTICLE = "harvest"  # the tiny site's page made an article here (it then gets a PDF)


def article_site(make_site) -> "Path":
    """The tiny site with its harvest page made with the article template in every
    language (so it gets a PDF, a JATS file and an EPUB)."""
    root = make_site()
    for lang in ("fr", "de", "en"):
        path = root / f"content/{lang}/{ARTICLE}.md"
        path.write_text(path.read_text().replace("order: 2", "order: 2\ntemplate: article", 1))
    return root


class Gate:
    """Holds each full build of the preview (its watcher's thread) at its PDFs until let
    through: the PDFs are made (by pipeline.add_pdfs) only in a full pass, never in the
    pages' first pass."""

    def __init__(self, monkeypatch):
        import reportsite.build.pipeline as pipeline

        self.permits, self.waiting = threading.Semaphore(0), threading.Semaphore(0)
        self.calls = 0
        make = pipeline.add_pdfs

        def held(*args, **kwargs):
            if threading.current_thread() is threading.main_thread():  # the test's own build
                return make(*args, **kwargs)
            self.calls += 1
            self.waiting.release()
            assert self.permits.acquire(timeout=120), "the test never let the PDFs through"
            return make(*args, **kwargs)

        monkeypatch.setattr(pipeline, "add_pdfs", held)

    def reached(self) -> None:
        """Wait until a full build stands at the gate."""
        assert self.waiting.acquire(timeout=120), "no full build reached the PDFs"

    def let_through(self) -> None:
        self.permits.release()


def files_of(folder) -> dict[str, bytes]:
    """Every file under folder (relative path -> bytes), the marker included."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def built_alone(root, tmp_path, name: str) -> dict[str, bytes]:
    """What `build` makes from root's inputs, into a new folder with a cold cache."""
    from reportsite.build.builder import build

    out = tmp_path / name / "site"
    build(root, out, tmp_path / name / "cache", chart_timeout=0)
    return files_of(out)


@pytest.fixture
def article_preview(make_site, chart_cache, monkeypatch):
    """A running preview of the tiny site with an article, whose full builds wait at the
    gate; each site it swaps in is copied (passes: (complete, files), in order)."""
    root = article_site(make_site)
    state = Preview(root, root / "site", strict=False, cache_dir=chart_cache)
    state.build()
    passes, build_once = [], state.build

    def recorded(pages_first: bool = False):
        result = build_once(pages_first)
        if result is not None:  # the watcher's thread: no other build runs meanwhile
            passes.append((state.complete, files_of(state.out_dir)))
        return result

    state.build = recorded
    gate = Gate(monkeypatch)
    server = make_server(state, 0)
    stop = threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=state.watch, args=(stop, 0.05), daemon=True).start()
    yield root, state, f"http://127.0.0.1:{server.server_address[1]}", gate, passes
    stop.set()
    gate.let_through()  # a build still waiting ends
    server.shutdown()
    server.server_close()


def append(root, lang: str, sentence: str) -> None:
    with (root / f"content/{lang}/{ARTICLE}.md").open("a", encoding="utf-8") as f:
        f.write(f"\n{sentence}\n")


def pdf_link(page: str) -> str:
    return re.search(r'href="([^"]+\.pdf)"', page).group(1)


def test_an_edit_shows_its_pages_before_the_pdf_then_the_site_build_makes(article_preview,
                                                                          tmp_path):
    from reportsite.build.stamp import build_digest, read_stamp
    from reportsite.core.inputs import scan_inputs

    root, state, base, gate, passes = article_preview
    page_url = f"{base}/en/{ARTICLE}.html"
    link = pdf_link(get(page_url)[1])
    old_pdf = request(base, f"/en/{link}")[2]
    assert link == "shared-garden-en.pdf" and old_pdf.startswith(b"%PDF")
    append(root, "en", "Seedlings were counted twice.")
    gate.reached()  # the full build is at its PDFs, and stays there
    shown = status(base)
    assert shown["complete"] is False and shown["error"] is None
    code, page = get(page_url)
    assert code == 200 and "Seedlings were counted twice." in page  # the new text, now
    assert pdf_link(page) == link  # still the previous PDF, which is still served
    assert request(base, f"/en/{link}")[:3:2] == (200, old_pdf)
    assert (root / "site" / "en" / link).read_bytes() == old_pdf
    digest = build_digest(scan_inputs(root), {"strict": False})
    assert read_stamp(state.cache_dir, state.out_dir, digest) is None  # no stamp of a partial site
    gate.let_through()
    wait_for(lambda: status(base)["complete"], 120)
    page = get(page_url)[1]
    new_pdf = request(base, f"/en/{pdf_link(page)}")[2]
    assert "Seedlings were counted twice." in page and new_pdf.startswith(b"%PDF")
    assert new_pdf != old_pdf
    assert read_stamp(state.cache_dir, state.out_dir, digest) is not None  # a full build's
    assert [complete for complete, _ in passes] == [False, True]
    assert passes[0][1][f"en/{link}"] == old_pdf and passes[1][1][f"en/{link}"] == new_pdf
    assert files_of(root / "site") == built_alone(root, tmp_path, "alone")  # byte for byte


def test_a_save_during_the_full_build_is_built_after_it_never_mixed(article_preview, tmp_path):
    import shutil

    root, state, base, gate, passes = article_preview
    append(root, "en", "Seedlings were counted twice.")
    gate.reached()  # the first save's full build waits at its PDFs
    first_inputs = tmp_path / "inputs-a"
    shutil.copytree(root, first_inputs, ignore=shutil.ignore_patterns("site"))
    append(root, "en", "Rain came in May.")  # saved while that build runs
    gate.let_through()
    gate.reached()  # the second save's full build
    gate.let_through()
    wait_for(lambda: len(passes) == 4 and status(base)["complete"], 120)
    (first_pages, a_pages), (first_full, a_full), (second_pages, b_pages), (second_full, b_full) = passes
    assert (first_pages, first_full, second_pages, second_full) == (False, True, False, True)
    page = f"en/{ARTICLE}.html"
    assert b"counted twice" in a_pages[page] and b"Rain came" not in a_pages[page]
    assert a_full == built_alone(first_inputs, tmp_path, "a")  # the first save's site, whole
    assert b"Rain came" in b_pages[page]  # the later save, not lost
    pdf = f"en/{pdf_link(b_pages[page].decode())}"
    assert b_pages[pdf] == a_full[pdf] != b_full[pdf]  # the previous site's PDF meanwhile
    assert b_full == files_of(root / "site") == built_alone(root, tmp_path, "b")
    assert gate.calls == 2


def test_a_failing_edit_keeps_the_last_good_site_and_starts_no_full_build(article_preview):
    root, state, base, gate, passes = article_preview
    page_url = f"{base}/en/{ARTICLE}.html"
    before = status(base)
    path = root / f"content/en/{ARTICLE}.md"
    good = path.read_text()
    path.write_text("---\ntitle: [broken\n---\n")
    wait_for(lambda: status(base)["error"] is not None)
    shown = status(base)
    assert shown["version"] == before["version"] and shown["complete"] is True
    code, page = get(page_url)
    assert code == 200 and 'id="reportsite-error"' in page
    assert passes == [] and gate.calls == 0  # nothing swapped in, no PDF started
    path.write_text(good + "\nSeedlings were counted twice.\n")
    gate.reached()
    gate.let_through()
    wait_for(lambda: status(base)["complete"] and status(base)["error"] is None, 120)
    assert "Seedlings were counted twice." in get(page_url)[1]
    assert [complete for complete, _ in passes] == [False, True]


def test_the_status_waits_for_the_next_build_when_asked(preview):
    root, state, base = preview
    now = status(base)
    assert set(now) == {"version", "error", "complete", "builds"}
    answers = []
    waiting = threading.Thread(target=lambda: answers.append(
        json.loads(get(f"{base}/__reportsite/status?after={now['builds']}")[1])))
    waiting.start()
    (root / "content/en/index.md").write_text(
        "---\ntitle: Home\norder: 1\n---\n## The garden {#garden}\n\nWe planted 1200 tulips.\n")
    waiting.join(60)
    assert answers and answers[0]["builds"] > now["builds"]  # answered after a build, not at once
    assert answers[0]["version"] > now["version"]
    assert json.loads(get(f"{base}/__reportsite/status?after=-1")[1])["builds"] >= answers[0]["builds"]


def test_the_open_page_reloads_itself_with_each_pass_in_chromium(article_preview, chromium):
    root, state, base, gate, passes = article_preview
    page = chromium.new_page()
    try:
        page.goto(f"{base}/en/{ARTICLE}.html")
        before = page.evaluate("document.querySelector('a[href$=\".pdf\"]').closest('li, p')"
                               ".innerText")
        append(root, "en", "Seedlings were counted twice.")
        gate.reached()  # only the pages are new: the reload script shows them
        page.wait_for_function("document.body.innerText.includes('Seedlings were counted twice.')",
                               timeout=60000)
        shown = page.evaluate("document.querySelector('a[href$=\".pdf\"]').closest('li, p')"
                              ".innerText")
        assert shown == before  # the previous PDF's link and size, until the full build
        page.evaluate("window.firstPass = true")  # gone once the page reloads again
        gate.let_through()
        page.wait_for_function("window.firstPass === undefined", timeout=120000)
        assert status(base)["complete"]
        assert "Seedlings were counted twice." in page.evaluate("document.body.innerText")
        link = page.evaluate("document.querySelector('a[href$=\".pdf\"]').href")
        assert request(base, link.removeprefix(base))[2] == (root / "site/en" /
                                                             link.rsplit("/", 1)[1]).read_bytes()
    finally:
        page.close()


def test_a_first_pass_without_every_previous_download_is_a_full_build(make_site, chart_cache,
                                                                      tmp_path):
    from reportsite.build.builder import build
    from reportsite.build.stamp import build_digest, read_stamp
    from reportsite.core.inputs import scan_inputs

    root = article_site(make_site)
    out = tmp_path / "out" / "site"
    first = build(root, out, chart_cache, chart_timeout=0, pages_first=True)  # no site yet
    assert first.partial is False and (out / "en/shared-garden-en.epub").is_file()
    (out / "en/shared-garden-en.epub").unlink()  # one download missing: none is carried
    append(root, "en", "Seedlings were counted twice.")
    again = build(root, out, chart_cache, chart_timeout=0, pages_first=True)
    assert again.partial is False
    digest = build_digest(scan_inputs(root), {"strict": False})
    assert read_stamp(chart_cache, out, digest) is not None  # a full build's stamp
    assert files_of(out) == built_alone(root, tmp_path, "alone")
