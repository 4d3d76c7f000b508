"""Trust, third round (issue 24): the calendar, the shared PDF cache, the preview server,
the printed addresses, run files and the leftovers of killed builds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_runs import TWO_DAYS, line_of, problems, write_run

from handbook.content.catalog import load
from handbook.text import to_plain

ROOT = Path(__file__).resolve().parent.parent

# A run title that, written unescaped, ends the calendar and starts the author's own.
CALENDAR_PAYLOAD = (
    "Kursus\nEND:VCALENDAR\nBEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:evil@x\n"
    "ATTACH:http://evil.example/x\nEND:VEVENT"
)


# --- the calendar -------------------------------------------------------------------------


def test_a_run_title_with_line_breaks_is_a_check_problem(mini: Path) -> None:
    path = write_run(mini, TWO_DAYS)
    text = path.read_text(encoding="utf-8").replace(
        "title: Testhold", f"title: {CALENDAR_PAYLOAD!r}".replace("'", '"')
    )
    path.write_text(text, encoding="utf-8")
    found = problems(mini)
    assert found == [
        f"{path}:1: title: skal stå på én linje (teksten bliver et kalendernavn, en "
        "begivenhedstitel eller en overskrift): fjern linjeskiftet"
    ]


def test_one_line_fields_of_a_run_refuse_line_breaks(mini: Path) -> None:
    days = TWO_DAYS + '  - date: 2027-03-17\n    end: "10:00"\n    title: "Egen\\ndag"\n'
    days += '    blocks: [{title: "To\\nlinjer", kind: øvelse, minutes: 30}]\n'
    path = write_run(mini, days)
    found = problems(mini)
    line = line_of(path, 'title: "Egen')
    assert [p.split(": skal stå på én linje")[0] for p in found] == [
        f"{path}:{line}: days[2].title",
        f"{path}:{line + 1}: days[2].blocks[0].title",
    ]


def _unescape(value: str) -> str:
    """RFC 5545 TEXT unescaping (icalendar parses an X- property back as raw text)."""
    return re.sub(r"\\([nN\\,;])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def test_calendar_escapes_every_property_even_under_python_O(mini: Path) -> None:
    """With the check bypassed (the model changed after loading), `python -O` (asserts
    off) still writes one calendar with one event per day and the title as typed."""
    write_run(mini, TWO_DAYS)
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from icalendar import Calendar, vText
        from handbook.content.catalog import load
        from handbook.render import ics
        try:
            assert False
        except AssertionError:
            sys.exit("asserts are on: run this with python -O")
        book = load(Path({str(mini)!r}))
        payload = {CALENDAR_PAYLOAD!r}
        run = book.runs["hold"]
        run.title = payload
        run.days[0].title = payload
        run.venue.name = payload
        sys.stdout.buffer.write(ics.calendar(book, "hold"))
        """
    )
    result = subprocess.run(
        [sys.executable, "-O", "-c", script], cwd=ROOT, capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr.decode()
    data = result.stdout
    lines = data.split(b"\r\n")  # a content line; folded continuations start with a space
    assert lines.count(b"BEGIN:VCALENDAR") == 1 and lines.count(b"END:VCALENDAR") == 1
    assert lines.count(b"BEGIN:VEVENT") == 2  # one per day, none of the author's
    assert not [line for line in lines if line.startswith((b"UID:evil", b"ATTACH"))]
    from icalendar import Calendar

    cal = Calendar.from_ical(data)
    # The text as the reader sees it (handbook.text.to_plain: a line break inside a
    # paragraph reads as a space), escaped: the payload is one harmless line of text.
    shown = to_plain(CALENDAR_PAYLOAD)
    assert "\n" not in shown and "END:VCALENDAR" in shown
    assert _unescape(cal["X-WR-CALNAME"].to_ical().decode()) == shown
    events = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == ["hold-1@metodehaandbogen", "hold-2@metodehaandbogen"]
    # Day titles come from the run as resolved at load (content/runs.py), before the payload.
    assert all("\n" not in str(e["SUMMARY"]) for e in events)
    assert str(events[0]["LOCATION"]).startswith(shown)


def test_every_calendar_property_is_typed(book) -> None:
    from icalendar.prop import vUnknown

    from handbook.render import ics

    for run_id in book.runs:
        cal = ics.calendar_object(book, run_id)
        for component in cal.walk():
            for name, value in component.items():
                assert not isinstance(value, vUnknown), (run_id, component.name, name)


def test_green_check_means_the_run_builds(mini: Path, tmp_path: Path) -> None:
    write_run(mini, TWO_DAYS)
    env = {**os.environ, "HANDBOOK_CONTENT": str(mini), "HANDBOOK_CACHE": str(tmp_path / "c")}
    check = subprocess.run(
        [sys.executable, "build.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    book = load(mini)
    from handbook.build import write_run as build_run

    folder = build_run(book, "hold", tmp_path / "runs")
    assert sorted(p.name for p in folder.iterdir()) == [
        "deltagermappe-hold.pdf",
        "drejebog-hold.pdf",
        "hold.ics",
        "manifest.json",  # what the run was built from (content/run_changes.py)
    ]


# --- leftovers of killed builds ------------------------------------------------------------


def _dead_pid() -> int:
    """The pid of a process that has ended (and was reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _stale_folders(root: Path, pid: int) -> list[Path]:
    """Work folders as a build killed during its PDF phase leaves them."""
    folders = [root / f".build-{pid}-trusttest", root / f".pack-{pid}-trusttest"]
    for folder in folders:
        folder.mkdir(parents=True)
        (folder / "half.pdf").write_bytes(b"%PDF-1.7 half")
    return folders


def test_pack_and_run_commands_remove_stale_work_folders(mini: Path, tmp_path: Path) -> None:
    from handbook import build as build_mod

    fixture = ROOT / "tests" / "fixtures" / "pdf_content"
    pack_id = next(p.stem for p in (fixture / "packs").glob("*.yml"))
    stale = _stale_folders(ROOT, _dead_pid())
    assert build_mod.build_pack(load(fixture), pack_id, str(tmp_path / "pack.pdf")) == 0
    assert not [f for f in stale if f.exists()]

    write_run(mini, TWO_DAYS)
    runs = tmp_path / "built-runs"
    stale = _stale_folders(ROOT, _dead_pid()) + _stale_folders(runs, _dead_pid())
    assert build_mod.build_runs(load(mini), ["hold"], runs, quiet=True) == 0
    assert not [f for f in stale if f.exists()]
    assert sorted(p.name for p in runs.iterdir()) == ["hold"]


def test_the_site_command_removes_stale_work_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`build.py site` (and the full build) clean up first: here MkDocs is stopped right
    away, so the build fails fast and leaves docs/ and the site as they were."""
    from handbook import build as build_mod

    stale = _stale_folders(ROOT, _dead_pid())

    def stopped(*args: object, **kwargs: object) -> None:
        raise RuntimeError("MkDocs stopped")

    monkeypatch.setattr(build_mod, "run_mkdocs", stopped)
    book = load(ROOT / "content")
    assert build_mod.build(book, with_pdfs=False, quiet=True, site_dir=tmp_path / "site") == 1
    assert not [f for f in stale if f.exists()]
    assert "MkDocs stopped" in capsys.readouterr().err


def test_a_zombie_builds_folder_is_stale_a_running_ones_is_not(tmp_path: Path) -> None:
    from handbook.build import clean_stale_work

    zombie = subprocess.Popen([sys.executable, "-c", "pass"])  # ends, is not reaped yet
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        for _ in range(100):
            stat = Path(f"/proc/{zombie.pid}/stat").read_text()
            if stat.rpartition(")")[2].split()[0] == "Z":
                break
            import time

            time.sleep(0.05)
        dead = _stale_folders(tmp_path, zombie.pid)
        alive = _stale_folders(tmp_path, running.pid)
        clean_stale_work((tmp_path,))
        assert [f.exists() for f in dead + alive] == [False, False, True, True]
    finally:
        running.kill()
        running.wait()
        zombie.wait()


# --- the PDF cache ------------------------------------------------------------------------

FIXTURE = ROOT / "tests" / "fixtures" / "pdf_content"
KEY = "ab" * 32


def _store(tmp_path: Path):
    from handbook import cache

    store = cache.Store(tmp_path / "cache", "pdf", ".pdf")
    source = tmp_path / "source.pdf"
    source.write_bytes(b"%PDF-1.7 the real one\n%%EOF\n")
    store.put(KEY, source, cache.Entry(2, ("a warning",)))
    return store, store._path(KEY)


def test_a_cache_entry_that_is_a_symlink_is_never_followed(tmp_path: Path) -> None:
    store, path = _store(tmp_path)
    private = tmp_path / "private.txt"
    private.write_bytes(b"the builder's private file")
    path.unlink()
    path.symlink_to(private)
    target = tmp_path / "out.pdf"
    assert store.get(KEY, target) is None
    assert not target.exists()
    assert store.refused == [(KEY, f"{KEY}.pdf is a symbolic link")]


def test_a_symlinked_cache_folder_is_refused(tmp_path: Path) -> None:
    store, path = _store(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    path.parent.rename(elsewhere)
    path.parent.symlink_to(elsewhere)
    assert store.get(KEY, tmp_path / "out.pdf") is None
    assert store.refused == [(KEY, "'ab' is a symbolic link or not a folder")]


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        ("truncated", "the file has 10 bytes, its sidecar says 28"),
        ("replaced", "its sha256 differs from the one in its sidecar"),
        ("fifo", f"{KEY}.pdf is not a regular file"),
        ("placed-without-sidecar", "the file has no sidecar"),
        ("sidecar-not-json", "the sidecar is not JSON"),
        ("sidecar-old-schema", "the sidecar does not have the expected fields"),
        ("sidecar-bad-pages", "the sidecar's size or page count is not a number"),
        ("sidecar-bad-warnings", "the sidecar's warnings are not a short list of texts"),
    ],
)
def test_a_damaged_or_placed_entry_is_a_miss(tmp_path: Path, damage: str, why: str) -> None:
    import json

    store, path = _store(tmp_path)
    meta = path.with_suffix(".json")
    info = json.loads(meta.read_text(encoding="utf-8"))
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:10])
    elif damage == "replaced":  # same size, other bytes: a PDF placed in the cache
        path.write_bytes(b"%PDF-1.7 an evil one!\n%%EOF\n")
    elif damage == "fifo":
        path.unlink()
        os.mkfifo(path)
    elif damage == "placed-without-sidecar":
        meta.unlink()
    elif damage == "sidecar-not-json":
        meta.write_text("{pages: 1", encoding="utf-8")
    elif damage == "sidecar-old-schema":
        meta.write_text('{"pages": 1, "warnings": []}', encoding="utf-8")
    elif damage == "sidecar-bad-pages":
        meta.write_text(json.dumps({**info, "pages": "1; rm -rf /"}), encoding="utf-8")
    else:
        meta.write_text(json.dumps({**info, "warnings": [{"x": 1}]}), encoding="utf-8")
    target = tmp_path / "out.pdf"
    assert store.get(KEY, target) is None
    assert not target.exists()
    assert store.refused == [(KEY, why)]


def test_an_absent_entry_is_a_quiet_miss_and_a_good_one_a_hit(tmp_path: Path) -> None:
    from handbook import cache

    store, path = _store(tmp_path)
    assert store.get("cd" * 32, tmp_path / "x.pdf") is None
    assert store.refused == []
    assert store.get(KEY, tmp_path / "y.pdf") == cache.Entry(2, ("a warning",))
    assert (tmp_path / "y.pdf").read_bytes() == (tmp_path / "source.pdf").read_bytes()


def test_stored_warnings_are_sanitised_before_printing(tmp_path: Path) -> None:
    import json

    from handbook import cache

    store, path = _store(tmp_path)
    meta = path.with_suffix(".json")
    info = json.loads(meta.read_text(encoding="utf-8"))
    info["warnings"] = ["ok \x1b[2J\x1b]0;title\x07gone\r\nFAKE: line \u202edeen\x9b"]
    meta.write_text(json.dumps(info), encoding="utf-8")
    entry = store.get(KEY, tmp_path / "y.pdf")
    assert entry is not None
    assert entry.warnings == ("ok gone  FAKE: line  deen ",)
    assert cache.printable("æøå – fine") == "æøå – fine"


def test_a_refused_entry_is_rendered_again_said_once_and_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from handbook import cache
    from handbook.build import Progress, write_pdfs
    from handbook.content import outputs

    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))
    book = load(FIXTURE)
    plan = [o for o in outputs.plan(book) if o.filename == "intro-pakke.pdf"]
    quiet = Progress(quiet=True)
    first = write_pdfs(book, plan, tmp_path / "a", quiet, jobs=1)
    fresh = (tmp_path / "a" / "intro-pakke.pdf").read_bytes()
    store = cache.pdf_store()
    assert store is not None
    entry = store._path(first.keys["intro-pakke.pdf"])
    entry.write_bytes(fresh[: len(fresh) // 2])  # truncated
    capsys.readouterr()

    second = write_pdfs(book, plan, tmp_path / "b", quiet, jobs=1)
    assert (second.hits, second.misses) == (0, 1)
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("PDF cache: intro-pakke.pdf: entry refused (the file has ")
    assert line.endswith("rendering it again")
    assert (tmp_path / "b" / "intro-pakke.pdf").read_bytes() == fresh

    third = write_pdfs(book, plan, tmp_path / "c", quiet, jobs=1)
    assert (third.hits, third.misses) == (1, 0)  # the entry was replaced: said once
    assert capsys.readouterr().err == ""
    assert (tmp_path / "c" / "intro-pakke.pdf").read_bytes() == fresh


def test_a_cache_folder_that_cannot_be_written_costs_one_line_not_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from handbook.build import Progress, write_pdfs
    from handbook.content import outputs

    monkeypatch.setenv("HANDBOOK_CACHE", str(tmp_path / "cache"))
    book = load(FIXTURE)
    plan = [o for o in outputs.plan(book) if o.filename == "intro-pakke.pdf"]
    # Every entry folder is a link someone placed: reading and writing both refuse it.
    (tmp_path / "cache" / "pdf").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for prefix in range(256):
        (tmp_path / "cache" / "pdf" / f"{prefix:02x}").symlink_to(elsewhere)
    stats = write_pdfs(book, plan, tmp_path / "out", Progress(quiet=True), jobs=1)
    assert stats.misses == 1 and (tmp_path / "out" / "intro-pakke.pdf").is_file()
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("PDF cache")]
    assert len(err) == 2  # refused on reading, not stored on writing
    assert err[1].startswith("PDF cache: intro-pakke.pdf: not stored (")
    assert not list(elsewhere.iterdir())  # nothing written through the link


# --- supply chain -------------------------------------------------------------------------


def _lock_entries(path: Path) -> dict[str, str]:
    """name==version → the entry's text (with its --hash lines) of a hashed lock file."""
    entries: dict[str, str] = {}
    current = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith(("#", "-r ")):
            current = line.split()[0]
            entries[current] = line
        elif current and line.startswith(" "):
            entries[current] += "\n" + line
    return entries


def test_lock_files_pin_and_hash_every_package() -> None:
    build = _lock_entries(ROOT / "requirements.lock")
    test = _lock_entries(ROOT / "requirements-test.lock")
    assert len(build) > 40 and len(test) > 10
    for name, entry in {**build, **test}.items():
        assert "==" in name, name
        assert "--hash=sha256:" in entry, f"{name} has no hash"
    assert not set(build) & set(test)  # the test lock adds, it never repeats
    test_text = (ROOT / "requirements-test.lock").read_text(encoding="utf-8")
    assert "\n-r requirements.lock\n" in f"\n{test_text}"
    for command_file in ("README.md", "Makefile", ".ci/run"):
        text = (ROOT / command_file).read_text(encoding="utf-8")
        installs = [line for line in text.splitlines() if "pip install" in line and "-r " in line]
        assert installs and all("--require-hashes" in line for line in installs), command_file


# --- the preview server -------------------------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_preview(tmp_path: Path, port: int) -> tuple[subprocess.Popen, Path]:
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(
        [sys.executable, "build.py", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return server, temp


def _request(port: int, path: str, host: str) -> tuple[int, bytes]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _stop(server: subprocess.Popen, signum: int) -> str:
    import signal

    os.killpg(server.pid, signum)
    try:
        out, _ = server.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        raise
    return out.decode("utf-8", errors="replace")


def test_preview_refuses_foreign_hosts_and_bad_paths_and_cleans_up_on_sigterm(
    tmp_path: Path,
) -> None:
    import signal
    import time

    port = _free_port()
    server, temp = _start_preview(tmp_path, port)
    try:
        deadline = time.monotonic() + 400
        while True:
            assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
            try:
                status, body = _request(port, "/", f"127.0.0.1:{port}")
                if status == 200 and b"</html>" in body:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the preview did not start"
            time.sleep(0.5)
        assert list(temp.glob("metodehaandbog-preview-*"))  # the site is in TMPDIR
        for host in (f"localhost:{port}", f"[::1]:{port}", "localhost"):
            assert _request(port, "/", host)[0] == 200
        status, body = _request(port, "/", "evil.example")
        assert status in (400, 421) and b"<html" not in body.lower()
        status, body = _request(port, "/redskaber/", f"evil.example:{port}")
        assert status in (400, 421) and b"<html" not in body.lower()
        for path in ("/%00", "/redskaber/%00/", "/%1b[2J"):
            assert _request(port, path, f"127.0.0.1:{port}")[0] in (400, 404), path
        assert _request(port, "/no-such-page/", f"localhost:{port}")[0] == 404
    finally:
        out = _stop(server, signal.SIGTERM)
    assert server.returncode == 0, out
    assert "Traceback" not in out
    assert "refused a request for host 'evil.example'" in out
    assert not list(temp.iterdir())  # the temporary site folder is gone


def test_preview_cleans_up_on_ctrl_c_during_its_first_build(tmp_path: Path) -> None:
    import signal
    import time

    server, temp = _start_preview(tmp_path, _free_port())
    try:
        deadline = time.monotonic() + 120
        while not list(temp.glob("metodehaandbog-preview-*")):
            assert server.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        out = _stop(server, signal.SIGINT)
    assert "Traceback" not in out
    assert not list(temp.iterdir())


# --- run files and plans ------------------------------------------------------------------


def test_a_run_file_linking_out_of_runs_is_refused(mini: Path) -> None:
    write_run(mini, TWO_DAYS)
    secret = mini.parent / "secret.yml"  # inside the project, outside runs/ (like .git/)
    secret.write_text((mini.parent / "runs" / "hold.yml").read_text(encoding="utf-8"))
    link = mini.parent / "runs" / "leak.yml"
    link.symlink_to(secret)
    assert problems(mini) == [f"{link}:1: (file): symbolic link points outside runs/"]


def test_a_link_inside_runs_is_fine(mini: Path) -> None:
    write_run(mini, TWO_DAYS)
    (mini.parent / "runs" / "alias.yml").symlink_to("hold.yml")
    assert sorted(load(mini).runs) == ["alias", "hold"]


def test_a_fifo_is_not_a_folder(mini: Path) -> None:
    write_run(mini, TWO_DAYS)
    fifo = mini.parent / "runs" / "pipe.yml"
    os.mkfifo(fifo)
    tool_fifo = mini / "tools" / "pipe.yml"
    os.mkfifo(tool_fifo)
    found = problems(mini)
    assert (
        f"{fifo}:1: (file): is not a regular file (a FIFO, socket or device), not a YAML file"
        in found
    )
    assert (
        f"{tool_fifo}:1: (file): is not a regular file (a FIFO, socket or device), not a YAML file"
        in found
    )
    assert len(found) == 2


def _many_days(count: int) -> str:
    import datetime as dt

    first = dt.date(2027, 1, 4)
    return "".join(
        f'  - day: modul-a/dag-2\n    date: {first + dt.timedelta(days=i)}\n    end: "09:45"\n'
        for i in range(count)
    )


def test_a_run_has_at_most_60_days(mini: Path) -> None:
    from handbook.content.runs import MAX_RUN_DAYS

    write_run(mini, _many_days(MAX_RUN_DAYS))
    assert len(load(mini).runs["hold"].days) == MAX_RUN_DAYS
    path = write_run(mini, _many_days(MAX_RUN_DAYS + 1))
    line = line_of(path, "days:")
    assert problems(mini) == [
        f"{path}:{line}: days: et forløb har højst 60 dage, dette har 61: del det op i flere "
        "forløbsfiler"
    ]


def test_a_day_has_at_most_40_blocks(mini: Path) -> None:
    from handbook.content.runs import MAX_DAY_BLOCKS

    blocks = ", ".join(
        f"{{title: Blok {i}, kind: øvelse, minutes: 5}}" for i in range(MAX_DAY_BLOCKS + 1)
    )
    days = '  - date: 2027-03-17\n    start: "08:00"\n    end: "12:00"\n    title: Lang dag\n'
    days += f"    blocks: [{blocks}]\n"
    path = write_run(mini, days)
    line = line_of(path, "blocks:")
    assert problems(mini) == [
        f"{path}:{line}: days[0].blocks: en dag har højst 40 blokke, dag 1 har 41: del den op "
        "i flere dage"
    ]


def test_ten_thousand_days_are_refused_quickly(mini: Path) -> None:
    import time

    path = write_run(mini, _many_days(10_000))
    started = time.perf_counter()
    (found,) = problems(mini)
    assert found.startswith(f"{path}:") and "dette har 10000" in found
    assert time.perf_counter() - started < 30


def test_a_pack_named_like_a_built_in_pdf_names_the_pack_file(mini: Path) -> None:
    packs = mini / "packs"
    packs.mkdir()
    pack = packs / "redskabskort.yml"
    pack.write_text("title: Mine kort\ndays: [modul-a/dag-1]\n", encoding="utf-8")
    assert problems(mini) == [
        f"{pack}:1: (file): gives the PDF file name 'redskabskort.pdf', which 'Alle "
        "redskabskort' has already: choose another id or title"
    ]


# --- addresses on paper -------------------------------------------------------------------


def _printed(path: Path) -> tuple[str, set[str]]:
    """The PDF's text (lines joined as they are) and the addresses of its links."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    text = "".join(page.extract_text().replace("\n", "") for page in reader.pages)
    links = {
        str(a.get_object()["/A"]["/URI"])
        for page in reader.pages
        for a in page.get("/Annots") or []
        if "/URI" in a.get_object().get("/A", {})
    }
    return text, links


@pytest.mark.parametrize("site_url", [None, "http://127.0.0.1:8000/", "http://localhost:8000/"])
def test_a_local_build_prints_no_dead_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, site_url: str | None
) -> None:
    from handbook.content import outputs
    from handbook.render import pdf

    if site_url is None:
        monkeypatch.delenv("HANDBOOK_SITE_URL", raising=False)  # mkdocs.yml's default
    else:
        monkeypatch.setenv("HANDBOOK_SITE_URL", site_url)
    book = load(FIXTURE)
    wanted = {
        "implementeringskogebog.pdf",
        "redskabskort.pdf",
        "redskaber/detektiv.pdf",  # a card on its own (issue 20)
        "redskabskort-kortsaet-kontorprinter.pdf",  # the deck
    }
    texts = {}
    for out in outputs.plan(book):
        if out.filename in wanted:
            path = pdf.write_pdf(book, out, tmp_path)
            texts[out.filename] = text, links = _printed(path)
            assert "127.0.0.1" not in text and "localhost" not in text
            assert not [link for link in links if "127.0.0.1" in link or "localhost" in link]
    assert "Metodehåndbogen › redskaber/samtalemodel/" in texts["implementeringskogebog.pdf"][0]
    assert "Metodehåndbogen › moduler/samtalemodul/" in texts["implementeringskogebog.pdf"][0]
    assert (
        "Metodehåndbogen › pdf/skemaer/detektiv-forberedelse-af-samtalen.pdf"
        in texts["redskabskort.pdf"][0]
    )
    assert "Metodehåndbogen › r/detektiv/" in texts["redskaber/detektiv.pdf"][0]
    assert "Metodehåndbogen › r/detektiv/" in texts["redskabskort-kortsaet-kontorprinter.pdf"][0]


def test_a_public_build_prints_full_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    from handbook.content import outputs
    from handbook.render import pdf

    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://example.org/haandbog/")
    book = load(FIXTURE)
    out = next(o for o in outputs.plan(book) if o.filename == "implementeringskogebog.pdf")
    html = pdf.render_html(book, out)
    # ':' is written as a character reference in every printed value (text.escape_text).
    address = "https&#58;//example.org/haandbog/redskaber/samtalemodel/"
    assert f'Metodehåndbogen&#58; <a class="url" href="{address}">{address}</a>' in html
    assert "Metodehåndbogen ›" not in html


def test_the_build_says_once_how_to_set_the_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from handbook import build as build_mod
    from handbook.content import outputs

    monkeypatch.delenv("HANDBOOK_SITE_URL", raising=False)
    monkeypatch.setattr(build_mod, "_said_local_addresses", False)
    book = load(FIXTURE)
    plan = [o for o in outputs.plan(book) if o.filename == "intro-pakke.pdf"]
    quiet = build_mod.Progress(quiet=True)
    build_mod.write_pdfs(book, plan, tmp_path / "a", quiet, jobs=1)
    build_mod.write_pdfs(book, plan, tmp_path / "b", quiet, jobs=1)
    err = capsys.readouterr().err.splitlines()
    notes = [line for line in err if "HANDBOOK_SITE_URL" in line]
    assert len(notes) == 1
    assert "http://127.0.0.1:8000/" in notes[0] and "HANDBOOK_SITE_URL=https://" in notes[0]
    monkeypatch.setattr(build_mod, "_said_local_addresses", False)
    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://example.org/")
    build_mod.write_pdfs(book, plan, tmp_path / "c", quiet, jobs=1)
    assert "HANDBOOK_SITE_URL" not in capsys.readouterr().err
