"""Local preview: serve the built site on 127.0.0.1, rebuild on any change, reload the page.

Only the output folder is served. A failed rebuild keeps the last good site, and the
error is shown in the terminal and on top of the open page.
"""

from __future__ import annotations

import functools
import html
import json
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from reportsite.build.builder import build
from reportsite.core.errors import SiteErrors
from reportsite.core.layout import CACHE_DIR, INPUT_DIRS

WATCHED_FILES = ("site.yaml",)
STATUS_PATH = "/__reportsite/status"
RELOAD_PATH = "/__reportsite/reload.js"
RELOAD_JS = b"""(function () {
  var seen = null;
  function poll() {
    fetch("/__reportsite/status", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.version !== seen) { location.reload(); return; }
        seen = s.version;
        var box = document.getElementById("reportsite-error");
        if (s.error && !box) { location.reload(); }
        if (!s.error && box) { box.remove(); }
      }).catch(function () {}).then(function () { setTimeout(poll, 700); });
  }
  poll();
}());
"""


class Preview:
    """The preview's state: the site folder, the last build's version and error."""

    def __init__(self, root: Path, out_dir: Path, strict: bool, cache_dir: Path | None):
        self.root, self.out_dir, self.strict, self.cache_dir = root.resolve(), out_dir, strict, cache_dir
        self.version, self.error = 0, None
        self.seen: dict[str, float] = {}  # input mtimes the last build started from
        self.lock = threading.Lock()

    def build(self) -> None:
        """Rebuild; on success bump the version, on failure keep the last good site."""
        started = time.perf_counter()
        self.seen = self.snapshot()
        try:
            result = build(self.root, self.out_dir,
                           (self.cache_dir or self.root / CACHE_DIR).resolve(),
                           self.strict)  # one process: forking a threaded server is avoided
        except SiteErrors as e:
            with self.lock:
                self.error = "\n".join(str(problem) for problem in e.errors)
            print(f"build failed; still serving the last good site:\n{self.error}", file=sys.stderr)
            return
        except Exception as e:  # a generator bug must not stop the preview
            with self.lock:
                self.error = f"internal error: {type(e).__name__}: {e}"
            print(self.error, file=sys.stderr)
            return
        with self.lock:
            self.version += 1
            self.error = None
        for warning in result.warnings:  # what `build` would say (--strict: errors)
            print(f"warning: {warning}", file=sys.stderr)
        print(f"rebuilt in {time.perf_counter() - started:.2f} s, "
              f"{len(result.warnings)} warning(s)", file=sys.stderr)

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

    def watch(self, stop: threading.Event, interval: float = 0.3) -> None:
        """Rebuild whenever an input changes, until stop is set."""
        while not stop.wait(interval):
            if self.snapshot() != self.seen:
                self.build()


class Handler(SimpleHTTPRequestHandler):
    """Serves files from the output folder only, plus the reload script and status."""

    preview: Preview

    def log_message(self, format: str, *args) -> None:  # keep the terminal for build news
        pass

    def do_GET(self) -> None:
        if self.path == STATUS_PATH:
            with self.preview.lock:
                body = json.dumps({"version": self.preview.version, "error": self.preview.error})
            return self._send(body.encode(), "application/json")
        if self.path == RELOAD_PATH:
            return self._send(RELOAD_JS, "text/javascript")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._send(self._decorate(path.read_text(encoding="utf-8")).encode(),
                              "text/html; charset=utf-8")
        return super().do_GET()

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

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def make_server(preview: Preview, port: int) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1 (port 0 picks a free one) serving the preview."""
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    factory = functools.partial(handler, directory=str(preview.out_dir))
    return ThreadingHTTPServer(("127.0.0.1", port), factory)


def serve(root: Path, out_dir: Path, port: int, strict: bool, cache_dir: Path | None) -> int:
    """Build, serve and rebuild on change until interrupted."""
    preview = Preview(root, out_dir, strict, cache_dir)
    preview.build()
    if not (out_dir / "index.html").is_file():
        print("nothing to serve yet: fix the errors above and save", file=sys.stderr)
    stop = threading.Event()
    threading.Thread(target=preview.watch, args=(stop,), daemon=True).start()
    server = make_server(preview, port)
    print(f"serving {out_dir} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0
