#!/usr/bin/env python3
"""make audit: Lighthouse 12 on every page of every language, as a reader's phone sees it.

    python tools/audit.py [--root DIR] [--lighthouse PATH] [--chrome PATH] [--no-write]

1. Copies the site's sources (site.yaml and its input folders) into a temporary folder,
   sets base_url there to http://127.0.0.1:PORT/ (so hreflang, canonical, sitemap and
   robots.txt are absolute, as on a real host), and builds it with --strict.
2. Serves that build on 127.0.0.1:PORT as an ordinary host would: gzip for text files,
   the site's 404.html for missing files.
3. Runs Lighthouse (mobile profile: simulated slow 4G and a 4x slower CPU) on every
   language's pages and the root index.html, one at a time, with Debian's Chromium.
4. Prints a table (category scores, CLS, TBT, LCP, FCP, bytes transferred and their
   uncompressed size) and writes it into docs/QUALITY.md between the audit markers.

Fails (exit 1) when a page scores below 100 in any category, shifts its layout (CLS
above 0), blocks the main thread for more than 50 ms (TBT), or an article page transfers
more than 100 KB. The reports are kept in test-artifacts/lighthouse/ for reading.
Performance numbers depend on the machine's load: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from reportsite.core.layout import CONFIG_FILE, INPUT_DIRS

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run --disable-sync")
ARTICLE_BUDGET = 100 * 1024  # bytes an article page may transfer (issue 15)
TBT_BUDGET = 50  # milliseconds
RUNS_ON_DOUBT = 3  # runs of a page that misses on its first, the median kept
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".md", ".csv",
              ".cff", ".bib", ".ris"}
START, END = "<!-- audit:start -->", "<!-- audit:end -->"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_sources(root: Path, target: Path, base_url: str) -> None:
    """The site's sources in target, with base_url set in its site.yaml."""
    for name in INPUT_DIRS:
        if (root / name).is_dir():
            shutil.copytree(root / name, target / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
    lines = (root / CONFIG_FILE).read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if not line.startswith("base_url:")]
    lines.append(f"base_url: {base_url}")
    (target / CONFIG_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(source: Path, out: Path, cache: Path) -> None:
    """Build source into out with --strict (the real build, as make site runs it)."""
    subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(source),
                    "--out", str(out), "--cache-dir", str(cache), "--strict", "-q"], check=True)


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files as a host serves them: text gzipped when the client accepts it, and the
    site's own 404.html for anything missing."""

    def send_head(self):
        """Headers for a file, with its body gzipped when it is text and gzip is accepted."""
        path = Path(self.translate_path(self.path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or path.suffix not in COMPRESSED or not accepts:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)

    def send_error(self, code, message=None, explain=None):
        """A missing file gets the site's own 404.html, as on a host."""
        missing = Path(self.directory) / "404.html"
        if code != 404 or not missing.is_file():
            return super().send_error(code, message, explain)
        body = missing.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        """Say nothing per request."""


class _Body:
    """A response body already in memory, read by SimpleHTTPRequestHandler like a file."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        """All of the body at the first read, nothing after."""
        data, self.data = self.data, b""
        return data

    def close(self):
        """Nothing to close."""


def serve(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    """Serve folder on 127.0.0.1:port in a background thread."""
    Handler.extensions_map = {**Handler.extensions_map, ".js": "text/javascript",
                              ".woff2": "font/woff2", ".svg": "image/svg+xml"}
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def pages_of(site: Path) -> list[str]:
    """Every language's pages, then the root index.html (404.html is not a reader's page)."""
    return sorted(p.relative_to(site).as_posix() for p in site.glob("*/*.html")) + ["index.html"]


def lighthouse(binary: str, url: str, report: Path) -> dict:
    """Run Lighthouse on url (mobile, the default profile); its JSON report."""
    subprocess.run([binary, url, "--quiet", "--output=json", "--output=html",
                    f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}",
                    "--only-categories=" + ",".join(CATEGORIES)], check=True)
    return json.loads(report.with_suffix(".report.json").read_text(encoding="utf-8"))


def audit_page(binary: str, port: int, name: str, reports: Path) -> dict:
    """One page's row. Lighthouse's performance score moves between runs of the same page
    (its simulation scales the CPU time it observed), so a page that misses on its first
    run is run twice more and the median run (by performance, then FCP) is the one kept,
    as Lighthouse's own guidance on variability advises; the row says how many runs."""
    runs = []
    for attempt in range(RUNS_ON_DOUBT):
        report = lighthouse(binary, f"http://127.0.0.1:{port}/{name}",
                            reports / (name.replace("/", "-").removesuffix(".html")
                                       + (f"-run{attempt + 1}" if attempt else "")))
        runs.append(summarize(name, report))
        if attempt == 0 and not runs[0]["problems"]:
            break
    runs.sort(key=lambda row: (-row["performance"], row["fcp"]))
    return runs[len(runs) // 2] | {"runs": len(runs)}


def summarize(name: str, report: dict) -> dict:
    """One table row: scores (0-100), metrics, and the bytes of every request."""
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    row = {"page": name}
    row.update({c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES})
    row.update({
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "transfer": sum(r.get("transferSize") or 0 for r in requests),
        "uncompressed": sum(r.get("resourceSize") or 0 for r in requests),
        "requests": len(requests),
    })
    row["problems"] = problems(name, row, report)
    return row


def problems(name: str, row: dict, report: dict) -> list[str]:
    """What keeps a page from passing: low categories (with their failing audits), layout
    shift, blocking time, an article over its byte budget."""
    found = []
    for category in CATEGORIES:
        if row[category] < 100:
            failing = [ref["id"] for ref in report["categories"][category]["auditRefs"]
                       if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
                       and report["audits"][ref["id"]]["scoreDisplayMode"] != "notApplicable"]
            found.append(f"{category} {row[category]} ({', '.join(failing)})")
    if round(row["cls"], 3) > 0:
        found.append(f"CLS {row['cls']:.3f}")
    if row["tbt"] > TBT_BUDGET:
        found.append(f"TBT {row['tbt']:.0f} ms")
    if name.endswith("/article.html") and row["transfer"] > ARTICLE_BUDGET:
        found.append(f"{row['transfer'] / 1024:.1f} KB transferred (budget 100 KB)")
    return found


def table(rows: list[dict]) -> str:
    """The Markdown table of all pages."""
    lines = ["| page | performance | accessibility | best practices | SEO | CLS | TBT | LCP "
             "| FCP | transferred (gzip) | uncompressed | requests | runs |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['page']} | {r['performance']} | {r['accessibility']} | "
            f"{r['best-practices']} | {r['seo']} | {r['cls']:.3f} | {r['tbt']:.0f} ms | "
            f"{r['lcp'] / 1000:.1f} s | {r['fcp'] / 1000:.1f} s | {r['transfer'] / 1024:.1f} KB | "
            f"{r['uncompressed'] / 1024:.1f} KB | {r['requests']} | {r['runs']} |")
    return "\n".join(lines)


def write_table(doc: Path, text: str) -> None:
    """Replace what stands between the audit markers in doc with text."""
    content = doc.read_text(encoding="utf-8")
    head, rest = content.split(START, 1)
    _, tail = rest.split(END, 1)
    doc.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def lighthouse_version(binary: str) -> str:
    """The Lighthouse version that ran."""
    return subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()


def chromium_version() -> str:
    """The Chromium that Lighthouse drove."""
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    return subprocess.run([chrome, "--version"], capture_output=True, text=True).stdout.strip()


def main(argv: list[str] | None = None) -> int:
    """Build, serve, audit every page; print the table, write it, exit 1 on any problem."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO, help="the site folder")
    parser.add_argument("--lighthouse", default=str(REPO / ".venv/node/node_modules/.bin/lighthouse"))
    parser.add_argument("--doc", type=Path, default=REPO / "docs" / "QUALITY.md")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    parser.add_argument("--only", nargs="*", default=None, help="audit only these pages")
    args = parser.parse_args(argv)
    os.environ.setdefault("CHROME_PATH", "/usr/bin/chromium")
    reports = REPO / "test-artifacts" / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="audit-") as work:
        source, out = Path(work) / "src", Path(work) / "site"
        copy_sources(args.root.resolve(), source, f"http://127.0.0.1:{port}/")
        build(source, out, args.root.resolve() / ".cache")
        server = serve(out, port)
        rows = []
        try:
            for name in args.only or pages_of(out):
                rows.append(audit_page(args.lighthouse, port, name, reports))
                print(f"{name}: " + " ".join(str(rows[-1][c]) for c in CATEGORIES)
                      + f" ({rows[-1]['runs']} run(s))"
                      + "".join(f"; {p}" for p in rows[-1]["problems"]), flush=True)
        finally:
            server.shutdown()
    text = (f"{table(rows)}\n\n{lighthouse_version(args.lighthouse)} (Lighthouse), "
            f"{chromium_version()}, mobile profile; transferred = bytes over HTTP with gzip "
            "for text, uncompressed = the same files' sizes.")
    print(text)
    if not args.no_write and not args.only:
        write_table(args.doc, text)
    failed = [(r["page"], p) for r in rows for p in r["problems"]]
    for page, problem in failed:
        print(f"FAIL {page}: {problem}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
