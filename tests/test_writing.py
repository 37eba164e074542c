"""Writing the site never destroys a user's files: foreign folders are refused, the swap
leaves the old site or the new one even when killed, two builds at once both finish, and a
full or read-only disk leaves nothing half-written and says what was written (issue 26:
D1, D5, D6, D7, E1)."""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, snapshot

MARKER = ".reportsite-output"
FULL = ("No space left on device; the disk is full: free some space, or write elsewhere with "
        "--out, --dist or --cache-dir")


def cli(root: Path, *args: str | Path, wait: bool = True, timeout: float = 600):
    """python build.py in a fresh process (wait=False: the running Popen)."""
    command = [sys.executable, str(REPO / "build.py"), *map(str, args)]
    if not wait:
        return subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    return subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=timeout)


def leftovers(*folders: Path) -> list[str]:
    """Temporary files and folders of a build: staging and old sites, partial zips, cache
    entries being written."""
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if re.match(r"\.site\.(new|old)-|.*\.(part|tmp)$", path.name):
                found.append(path.relative_to(folder).as_posix())
    return sorted(found)


def warm(versions, tmp_path: Path) -> Path:
    """A copy of the cache that built both versions of the tiny site (builds take seconds)."""
    shutil.copytree(versions[0].parent / "cache", tmp_path / "cache")
    return tmp_path / "cache"


def bump_version(root: Path, version: str = "1.3.0") -> None:
    """A new version: every page's footer, the records and the zip's name change."""
    config = root / "site.yaml"
    config.write_text(config.read_text().replace('version: "1.2.0"', f'version: "{version}"'))


# --- D1: never delete what the build did not write --------------------------------------

def test_out_refuses_a_folder_holding_files_it_did_not_write(make_site, run, tmp_path):
    root, out = make_site(), tmp_path / "Documents"
    for name in ("index.html", "notes.txt", "photos/garden.jpg", "photos/2024/pond.jpg",
                 "taxes.pdf", "thesis.tex", "zz.txt"):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(f"the user's {name}")
    before = snapshot(out)
    code, stdout, err = run("build", "--root", root, "--out", out)
    assert code == 1 and stdout == ""
    assert err.splitlines() == [
        f"error: {out}: refusing to write the site here: it holds files reportsite did not "
        "write (index.html, notes.txt, photos/, taxes.pdf, thesis.tex and 1 more), and a build "
        "replaces the whole folder; move them away, or choose another --out (a folder "
        "reportsite writes carries a .reportsite-output file)", "1 error(s); nothing was written"]
    assert snapshot(out) == before


def test_a_site_built_before_the_marker_is_still_replaced_but_not_its_new_files(make_site, run):
    root = make_site()
    assert run("build", "--root", root)[0] == 0
    (root / "site" / MARKER).unlink()  # as a build before issue 26 left it
    assert run("build", "--root", root)[0] == 0  # every file is in its SHA256SUMS.txt
    assert (root / "site" / MARKER).is_file()
    (root / "site" / MARKER).unlink()
    (root / "site" / "notes.txt").write_text("mine")
    code, _, err = run("build", "--root", root)
    assert code == 1 and "it holds files reportsite did not write (notes.txt)" in err
    assert (root / "site" / "notes.txt").read_text() == "mine"


# --- D5: a kill at any point of the swap ------------------------------------------------

KILLER = """
import os, signal, sys
from pathlib import Path
from reportsite.build import writing
from reportsite.cli import main

def killed(function):
    def run(*args):
        result = function(*args)
        os.kill(os.getpid(), signal.SIGKILL)
        return result
    return run

point = sys.argv[1]
if point == "between the renames":  # a system without an exchange: two renames
    writing.exchange = lambda a, b: False
    rename = Path.rename
    Path.rename = lambda self, target: (killed(rename) if ".site.old-" in str(target)
                                        else rename)(self, target)
elif point == "after the exchange":
    writing.exchange = killed(writing.exchange)
else:  # "while staging": every file written, nothing swapped yet
    writing._fill = killed(writing._fill)
sys.exit(main(sys.argv[2:]))
"""


@pytest.fixture(scope="module")
def versions(tmp_path_factory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """The tiny site built (site/ and its cache beside it), then given a new version: the
    folder, and the snapshots of the old and the new site."""
    work = tmp_path_factory.mktemp("versions")
    root = work / "src"
    shutil.copytree(REPO / "tests/fixtures/tiny", root)
    assert cli(root, "build", "--cache-dir", work / "cache", "-q").returncode == 0
    old = snapshot(root / "site")
    bump_version(root)
    assert cli(root, "build", "--cache-dir", work / "cache", "--out", work / "new",
               "-q").returncode == 0
    return root, old, snapshot(work / "new")


@pytest.mark.parametrize("point", ["while staging", "between the renames", "after the exchange"])
def test_a_build_killed_during_the_swap_leaves_a_site_and_the_next_one_cleans_up(
        versions, tmp_path, point):
    template, old, new = versions
    root, cache = tmp_path / "src", tmp_path / "cache"
    shutil.copytree(template, root)  # the old site/, the new inputs
    shutil.copytree(template.parent / "cache", cache)  # warm: the builds below are quick
    env = dict(os.environ, PYTHONPATH=str(REPO))
    killed = subprocess.run([sys.executable, "-c", KILLER, point, "build", "--root", str(root),
                             "--cache-dir", str(cache), "-q"], env=env, capture_output=True,
                            text=True, timeout=600)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    if point == "between the renames":  # no site/ for a moment; the old one is beside it
        assert not (root / "site").exists()
        kept = [p for p in root.iterdir() if p.name.startswith(".site.old-")]
        assert len(kept) == 1 and snapshot(kept[0] / "site") == old
    else:
        assert snapshot(root / "site") == (new if point == "after the exchange" else old)
        assert [p.name[:10] for p in root.iterdir() if p.name.startswith(".site.")] == \
            [".site.new-"]
    again = cli(root, "build", "--cache-dir", cache)
    assert again.returncode == 0, again.stderr
    assert snapshot(root / "site") == new
    assert leftovers(root, cache) == []


# --- D6: two builds, two zips at once ---------------------------------------------------

@pytest.mark.parametrize("command", ["build", "zip"])
def test_two_builds_at_once_both_finish(make_site, tmp_path, command):
    root, cache = make_site(), tmp_path / "cache"
    dist = ["--dist", tmp_path / "cold-dist"] if command == "zip" else []
    assert cli(root, command, "--cache-dir", tmp_path / "cold-cache", "--out", tmp_path / "cold",
               *dist, "-q").returncode == 0
    for pair in range(2 if command == "build" else 1):  # cold: both make the same files
        shutil.rmtree(cache, ignore_errors=True)
        builds = [cli(root, command, "--cache-dir", cache, "-q", wait=False) for _ in range(2)]
        results = [(b.wait(timeout=600), b.stderr.read()) for b in builds]
        assert [code for code, _ in results] == [0, 0], results
        assert snapshot(root / "site") == snapshot(tmp_path / "cold")
        assert leftovers(root, cache) == []
        if command == "zip":
            assert (root / "dist/shared-garden-1.2.0.zip").read_bytes() == \
                (tmp_path / "cold-dist/shared-garden-1.2.0.zip").read_bytes()


def test_a_second_build_into_the_same_folder_waits_and_says_so(make_site, tmp_path, versions):
    root, cache = make_site(), warm(versions, tmp_path)
    holder = os.open(root, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # as a build that is writing root/site holds it
    try:
        build = cli(root, "build", "--cache-dir", cache, "-q", wait=False)
        said = []
        reader = threading.Thread(target=lambda: said.extend(build.stderr), daemon=True)
        reader.start()
        deadline = time.monotonic() + 600
        while not said and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert said == [f"waiting for another build that is writing in {root} ...\n"]
        assert build.poll() is None and not (root / "site").exists()  # it waits
    finally:
        fcntl.flock(holder, fcntl.LOCK_UN)
        os.close(holder)
    assert build.wait(timeout=600) == 0
    assert (root / "site" / "index.html").is_file()


# --- D7, E1: a full disk, a read-only folder, a mount point -----------------------------

@pytest.fixture
def disk(tmp_path):
    """A small file system of its own (tmpfs, 8 MB), or a skip where none can be mounted
    (test_a_full_disk_during_writing_leaves_nothing_half_written covers it then)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()})")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(folder: Path, leave: int) -> None:
    """Fill folder's file system but `leave` bytes."""
    with open(folder / "filler", "wb") as f:
        try:
            while True:
                f.write(b"\0" * (1 << 16))
                f.flush()
        except OSError as e:
            assert e.errno == errno.ENOSPC
    os.truncate(folder / "filler", max(0, (folder / "filler").stat().st_size - leave))


@pytest.mark.parametrize("command", ["build", "zip"])
def test_a_full_disk_leaves_the_old_site_no_partial_files_and_says_so(make_site, tmp_path,
                                                                     disk, command, versions):
    root, out, dist, cache = make_site(), disk / "site", disk / "dist", warm(versions, tmp_path)
    assert cli(root, "zip", "--out", out, "--dist", dist, "--cache-dir", cache,
               "-q").returncode == 0
    site, archive = snapshot(out), (dist / "shared-garden-1.2.0.zip").read_bytes()
    fill(disk, 100_000)  # the new zip needs 600 KB, the new site's changed files 250 KB
    bump_version(root)
    zipping = ["--dist", dist] if command == "zip" else []
    result = cli(root, command, "--out", out, *zipping, "--cache-dir", cache)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    failed = "dist/shared-garden-1.3.0.zip" if command == "zip" else "site/[^:]+"
    assert re.fullmatch(f"error: {disk}/{failed}: {re.escape(FULL)}", lines[0]), lines
    assert lines[1:] == [f"1 error(s); nothing was written: {out} is as it was"
                         + (f"; {dist} got no zip" if command == "zip" else "")]
    assert snapshot(out) == site
    assert sorted(p.name for p in dist.iterdir()) == ["shared-garden-1.2.0.zip"]
    assert (dist / "shared-garden-1.2.0.zip").read_bytes() == archive
    assert leftovers(disk, cache) == []


def test_a_full_disk_under_the_cache_is_said_with_its_path(make_site, tmp_path, disk):
    root = make_site()
    fill(disk, 50_000)
    result = cli(root, "build", "--cache-dir", disk / "cache")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert re.fullmatch(f"error: {disk}/cache/\\S+: {re.escape(FULL)}", lines[0]), lines
    assert lines[1:] == ["1 error(s); nothing was written"]
    assert leftovers(disk) == [] and not (root / "site").exists()


def test_a_read_only_output_folder_is_said_with_its_path(make_site, tmp_path, disk, versions):
    root, out, cache = make_site(), disk / "site", warm(versions, tmp_path)
    assert cli(root, "build", "--out", out, "--cache-dir", cache, "-q").returncode == 0
    site = snapshot(out)
    assert subprocess.run(["mount", "-o", "remount,ro", str(disk)]).returncode == 0
    bump_version(root)
    result = cli(root, "build", "--out", out, "--cache-dir", cache)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {disk}: Read-only file system; the file system is read-only: write elsewhere "
        "with --out, --dist or --cache-dir", f"1 error(s); nothing was written: {out} is as it was"]
    assert snapshot(out) == site


def test_an_output_folder_that_is_a_mount_point_is_refused_at_once(make_site, tmp_path, disk,
                                                                   versions):
    root, cache = make_site(), warm(versions, tmp_path)
    result = cli(root, "build", "--out", disk, "--cache-dir", cache)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {disk}: refusing to write the site here: it is a mount point, which cannot be "
        f"replaced in one step; write into a folder inside it: --out {disk}/disk",
        "1 error(s); nothing was written"]
    assert "pages" not in result.stdout  # refused before anything was rendered
    assert cli(root, "build", "--out", disk / "disk", "--cache-dir", cache, "-q").returncode == 0


def test_a_full_disk_during_writing_leaves_nothing_half_written(make_site, run, tmp_path,
                                                               monkeypatch):
    """The same without a tmpfs: every write of the new site and of the zip fails half-way."""
    root = make_site()
    assert run("zip", "--root", root, "--cache-dir", tmp_path / "cache")[0] == 0
    site = snapshot(root / "site")
    bump_version(root)
    real_write_bytes, real_writestr = Path.write_bytes, zipfile.ZipFile.writestr

    def half_write(self, data):
        if ".site.new-" in str(self):
            real_write_bytes(self, bytes(data)[:len(data) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", half_write)
    code, _, err = run("build", "--root", root)
    assert code == 1
    assert err.splitlines()[1:] == [f"1 error(s); nothing was written: {root / 'site'} is "
                                    "as it was"]
    assert re.fullmatch(f"error: {root}/site/\\S+: {re.escape(FULL)}", err.splitlines()[0])
    monkeypatch.setattr(Path, "write_bytes", real_write_bytes)

    def failing_writestr(self, info, data, *args, **kwargs):
        real_writestr(self, info, data, *args, **kwargs)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(zipfile.ZipFile, "writestr", failing_writestr)
    code, _, err = run("zip", "--root", root, "--cache-dir", tmp_path / "cache")
    assert code == 1
    assert err.splitlines() == [
        f"error: {root}/dist/shared-garden-1.3.0.zip: {FULL}",
        f"1 error(s); nothing was written: {root / 'site'} is as it was; {root / 'dist'} got no zip"]
    assert snapshot(root / "site") == site
    assert sorted(p.name for p in (root / "dist").iterdir()) == ["shared-garden-1.2.0.zip"]
    assert leftovers(root, tmp_path / "cache") == []
