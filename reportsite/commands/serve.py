"""Local preview: serve the built site on 127.0.0.1, rebuild on any change, reload the page.

Only the regular files of the output folder are served, with symlinks resolved (a link in
site/ to a file outside it is a 404, like a folder, which is never listed). A failed
rebuild keeps the last good site, and the error is shown in the terminal and on top of the
open page.

A save is shown in two passes: first the pages, made with the previous site's PDFs, JATS
files and EPUBs (carried over unchanged, so every link still leads to a file, with the
size it shows), swapped in at once; then the full build, as `build` makes it, swapped in
when it is done. The open page reloads after each. Both run one after the other in the
watcher's thread, so a save during the full build is built right after it (never lost,
never mixed with it), and a save during the first pass skips that pass's full build.
"""

from __future__ import annotations

import errno
import functools
import gc
import html
import json
import re
import stat
import sys
import threading
import time
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from reportsite.build.builder import BuildResult, build
from reportsite.core.errors import SiteErrors, os_error
from reportsite.core.layout import CACHE_DIR, INPUT_DIRS

WATCHED_FILES = ("site.yaml",)
STATUS_PATH = "/__reportsite/status"
RELOAD_PATH = "/__reportsite/reload.js"
STATUS_WAIT = 20.0  # seconds a status request with ?after= is held before its answer
# The reload script asks for the status after the last build it saw, which the server holds
# until the next build ends: the page reloads as soon as a build is swapped in. After a
# failed request (the preview stopped) it waits before asking again.
RELOAD_JS = b"""(function () {
  var seen = null, builds = -1;
  function poll() {
    fetch("/__reportsite/status?after=" + builds, {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.version !== seen) { location.reload(); return; }
        seen = s.version;
        builds = s.builds;
        var box = document.getElementById("reportsite-error");
        if (s.error && !box) { location.reload(); return; }
        if (!s.error && box) { box.remove(); }
        setTimeout(poll, 0);
      }).catch(function () { setTimeout(poll, 700); });
  }
  poll();
}());
"""


class Preview:
    """The preview's state: the site folder, the served site's version, whether it is
    complete, the last build's error, and how many builds have ended."""

    def __init__(self, root: Path, out_dir: Path, strict: bool, cache_dir: Path | None,
                 chart_timeout: float = 0):
        self.root, self.out_dir, self.strict, self.cache_dir = root.resolve(), out_dir, strict, cache_dir
        self.chart_timeout = chart_timeout
        self.version, self.error = 0, None
        self.complete = True  # the served site is what `build` makes (not a first pass)
        self.builds = 0  # builds ended, failed ones included (the reload script waits on it)
        self.seen: dict[str, float] = {}  # input mtimes the last build started from
        self.lock = threading.Lock()
        self.ended = threading.Condition(self.lock)  # notified when a build ends

    def rebuild(self) -> None:
        """After a change: the pages first, with the previous site's downloads; then, if
        that site is partial and no input changed meanwhile, the full build."""
        first = self.build(pages_first=self.version > 0)
        if first is not None and first.partial and self.snapshot() == self.seen:
            self.build()

    def build(self, pages_first: bool = False) -> BuildResult | None:
        """Build (pages_first: builder.build's); on success bump the version and return
        the result, on failure keep the last good site and return None."""
        started = time.perf_counter()
        self.seen = self.snapshot()
        if pages_first:  # a full collection of the preview's heap (0.1-0.2 s) waits for
            gc.disable()  # the full build, which follows: the pages are not held up by it
        try:
            result = build(self.root, self.out_dir,
                           (self.cache_dir or self.root / CACHE_DIR).resolve(), self.strict,
                           chart_timeout=self.chart_timeout,  # one process, no workers
                           pages_first=pages_first)
        except (SiteErrors, OSError) as e:
            problems = e.errors if isinstance(e, SiteErrors) else [os_error(e, self.out_dir)]
            self._ended(error="\n".join(str(problem) for problem in problems))
            print(f"build failed; still serving the last good site:\n{self.error}", file=sys.stderr)
            return None
        except Exception as e:  # a generator bug must not stop the preview
            self._ended(error=f"internal error: {type(e).__name__}: {e}")
            print(self.error, file=sys.stderr)
            return None
        finally:
            gc.enable()
        self._ended(complete=not result.partial)
        for warning in result.warnings:  # what `build` would say (--strict: errors)
            print(f"warning: {warning}", file=sys.stderr)
        what = "pages rebuilt (PDF, JATS and EPUB follow)" if result.partial else "rebuilt"
        print(f"{what} in {time.perf_counter() - started:.2f} s, "
              f"{len(result.warnings)} warning(s)", file=sys.stderr)
        return result

    def _ended(self, error: str | None = None, complete: bool | None = None) -> None:
        """Record a build's end: its error, or (complete given) a new site swapped in."""
        with self.ended:
            self.error = error
            if complete is not None:
                self.version += 1
                self.complete = complete
            self.builds += 1
            self.ended.notify_all()

    def status(self, after: int | None = None) -> dict:
        """The status the page polls; with after (a number of builds), once more builds
        than that have ended, or STATUS_WAIT seconds have passed."""
        with self.ended:
            if after is not None:
                self.ended.wait_for(lambda: self.builds != after, STATUS_WAIT)
            return {"version": self.version, "error": self.error, "complete": self.complete,
                    "builds": self.builds}

    def snapshot(self) -> dict[str, float]:
        """Modification times of every input file, to notice a change."""
        times = {}
        for name in INPUT_DIRS:
            folder = self.root / name
            if folder.is_dir():
                for path in sorted(folder.rglob("*")):
                    if path.is_file() and not any(p.startswith(".") for p in path.parts[-2:]):
                        times[str(path)] = path.stat().st_mtime_ns
        for name in WATCHED_FILES:
            path = self.root / name
            if path.is_file():
                times[str(path)] = path.stat().st_mtime_ns
        return times

    def watch(self, stop: threading.Event, interval: float = 0.05) -> None:
        """Rebuild whenever an input changes, until stop is set. Inputs are looked at
        every `interval` seconds, or, in a large site folder, every 5 times as long as a
        look takes (the watcher then takes at most a sixth of a core)."""
        wait = interval
        while not stop.wait(wait):
            clock = time.perf_counter()
            changed = self.snapshot() != self.seen
            wait = max(interval, 5 * (time.perf_counter() - clock))
            if changed:
                self.rebuild()


class Handler(SimpleHTTPRequestHandler):
    """Serves the regular files of the output folder only (symlinks resolved, no folder
    listings; the site's 404.html when there is no such file), plus the reload script and
    status. HEAD sends exactly GET's headers."""

    preview: Preview

    def log_message(self, format: str, *args) -> None:  # keep the terminal for build news
        pass

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def _respond(self, with_body: bool) -> None:
        """Answer a request: the same status and headers for GET and HEAD."""
        path, _, query = self.path.split("#", 1)[0].partition("?")
        status, body, headers = self._answer(path, query)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _answer(self, path: str, query: str = "") -> tuple[int, bytes, dict[str, str]]:
        """(status, body, headers) for a request path (and its query: the status's)."""
        if path == STATUS_PATH:
            after = urllib.parse.parse_qs(query).get("after", [""])[0]
            body = json.dumps(self.preview.status(int(after) if after.lstrip("-").isdigit()
                                                  else None))
            return 200, body.encode(), {"Content-Type": "application/json"}
        if path == RELOAD_PATH:
            return 200, RELOAD_JS, {"Content-Type": "text/javascript"}
        asked = resolved_inside(Path(self.directory), Path(self.translate_path(path)))
        if asked is not None and asked.is_dir():
            if not path.endswith("/"):  # relative links need the slash
                return 301, b"", {"Location": path + "/"}
            asked = asked / "index.html"  # a folder is never listed
        found = served_file(Path(self.directory), asked) if asked is not None else None
        status = 200
        if found is None:
            status, found = 404, served_file(Path(self.directory), Path(self.directory) / "404.html")
        try:
            data = found.read_bytes() if found is not None else None
        except OSError:  # swapped away by a rebuild meanwhile
            data = None
        if data is None:
            return 404, b"Not found\n", {"Content-Type": "text/plain; charset=utf-8"}
        if found.suffix == ".html":
            page = data.decode("utf-8", "replace")
            page = rooted(page) if status == 404 else page
            return status, self._decorate(page).encode(), {"Content-Type": "text/html; charset=utf-8"}
        return status, data, {"Content-Type": self.guess_type(str(found))}

    def _decorate(self, page: str) -> str:
        """The page plus the reload script (and the last error), for the preview only."""
        # The preview's reload script polls and its error banner is styled inline; a site's
        # own templates may set a policy that forbids either, so the served copy drops the
        # policy. site/ keeps it.
        start = page.find('<meta http-equiv="Content-Security-Policy"')
        if start >= 0:
            page = page[:start] + page[page.index(">", start) + 1:]
        extra = f'<script src="{RELOAD_PATH}"></script>'
        with self.preview.lock:
            error = self.preview.error
        if error:
            extra += ('<pre id="reportsite-error" style="position:fixed;top:0;left:0;right:0;'
                      'z-index:99;margin:0;padding:1rem;background:#8b0000;color:#fff;'
                      f'white-space:pre-wrap">{html.escape(error)}</pre>')
        return page.replace("</body>", extra + "</body>", 1)


# A link or source that is relative to the page (no scheme, not from the root, not "#...").
_RELATIVE_RE = re.compile(r'(\s(?:href|src)=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)')


def rooted(page: str) -> str:
    """The site's 404.html with its relative links made to start at the root: it is
    served at any depth (/en/missing/), where links written for the root lead nowhere."""
    return _RELATIVE_RE.sub(r"\1/", page)


def resolved_inside(out_dir: Path, path: Path) -> Path | None:
    """path with every symlink resolved, if that exists inside out_dir (itself resolved);
    else None: nothing outside the output folder is ever served, or even said to exist."""
    try:
        folder, real = out_dir.resolve(strict=True), path.resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a loop of links
        return None
    return real if real == folder or folder in real.parents else None


def served_file(out_dir: Path, path: Path) -> Path | None:
    """path resolved (resolved_inside), if it is a regular file (not a folder, a pipe or a
    device); else None."""
    real = resolved_inside(out_dir, path)
    try:
        return real if real is not None and stat.S_ISREG(real.stat().st_mode) else None
    except OSError:
        return None


class PreviewServer(ThreadingHTTPServer):
    """The preview's HTTP server: a queue of 128 waiting connections (the default 5 made
    a page with many files wait), and no traceback when a browser drops a connection."""

    request_queue_size = 128
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def make_server(preview: Preview, port: int, bind: str = "127.0.0.1") -> PreviewServer:
    """An HTTP server on bind (127.0.0.1: this computer only), port (0 picks a free one),
    serving the preview."""
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    factory = functools.partial(handler, directory=str(preview.out_dir))
    return PreviewServer((bind, port), factory)


def serve(root: Path, out_dir: Path, port: int, strict: bool, cache_dir: Path | None,
          bind: str = "127.0.0.1", chart_timeout: float = 0) -> int:
    """Serve, build, and rebuild on change until interrupted."""
    preview = Preview(root, out_dir, strict, cache_dir, chart_timeout)
    try:
        server = make_server(preview, port, bind)  # first: a busy port is said at once
    except OSError as e:
        print(f"error: cannot serve on {bind}:{port}: {e.strerror}; "
              + _port_remedy(e, port), file=sys.stderr)
        return 1
    preview.build()
    if not (out_dir / "index.html").is_file():
        print("nothing to serve yet: fix the errors above and save", file=sys.stderr)
    stop = threading.Event()
    threading.Thread(target=preview.watch, args=(stop,), daemon=True).start()
    print(f"serving {out_dir} at http://{bind}:{server.server_address[1]}/ (Ctrl+C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0


def _port_remedy(error: OSError, port: int) -> str:
    """What to do when the preview cannot listen."""
    if error.errno == errno.EADDRINUSE:
        return (f"another program (another preview?) uses port {port}; choose another with "
                f"--port {port + 1}, or stop that program")
    if error.errno == errno.EACCES:
        return f"ports below 1024 need special rights; choose one above with --port {port + 8000}"
    return "check --bind (an address of this computer, e.g. 127.0.0.1) and --port"
