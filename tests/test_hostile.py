"""Content is data, never code: hostile and careless input, as a stranger might type it.

tests/hostile/check/*.yml: each file replaces (or adds) one file of the mini fixture; its
header names the target and every line `check` must print for it, exactly.
tests/hostile/render/*.txt: payloads put straight into the model (past `check`, as if it
had a hole) and rendered: the site and the PDFs must show them as text, never run them.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbook.content import loader
from handbook.content import pages as pages_mod
from handbook.content.book import Handbook
from handbook.content.catalog import load
from handbook.content.model import Glossary, Pack, Term
from handbook.content.outputs import PdfOutput
from handbook.errors import ContentError
from handbook.render import engine
from handbook.render import pdf as pdf_render
from handbook.render.site import plain

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "hostile"
CHECK_CASES = sorted((HOSTILE / "check").glob("*.yml"))
PAYLOADS = sorted((HOSTILE / "render").glob("*.txt"))


def _problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(content)
    return [str(p).replace(f"{content}/", "") for p in info.value.problems]


def _header(raw: bytes, key: str) -> list[str]:
    lines = []
    for line in raw.split(b"\n"):
        if not line.startswith(b"# "):
            break
        text = line.decode("utf-8")
        if text.startswith(f"# {key}: "):
            lines.append(text.removeprefix(f"# {key}: "))
    return lines


def test_there_are_enough_hostile_fixtures() -> None:
    assert len(CHECK_CASES) + len(PAYLOADS) >= 60


@pytest.mark.parametrize("case", CHECK_CASES, ids=lambda p: p.stem)
def test_check_reports_the_exact_lines(case: Path, mini: Path) -> None:
    raw = case.read_bytes()
    (target,) = _header(raw, "target")
    expected = _header(raw, "expect")
    assert expected, f"{case.name} names no expected line"
    path = mini / target
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    assert _problems(mini) == expected


# --- file-system cases that a fixture file cannot hold -------------------------------------


def test_symlink_loop(mini: Path) -> None:
    (mini / "tools" / "loop.yml").symlink_to(mini / "tools" / "loop.yml")
    assert _problems(mini) == ["tools/loop.yml:1: (file): broken or looping symbolic link"]


def test_dangling_symlink(mini: Path) -> None:
    (mini / "tools" / "weg.yml").symlink_to(mini / "tools" / "findes-ikke.yml")
    assert _problems(mini) == ["tools/weg.yml:1: (file): broken or looping symbolic link"]


def test_symlink_out_of_content_is_refused(mini: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    shutil.copy(mini / "tools" / "detektiv.yml", outside)
    (mini / "tools" / "ude.yml").symlink_to(outside)
    assert _problems(mini) == [
        "tools/ude.yml:1: (file): symbolic link points outside the content folder"
    ]


def test_symlink_inside_content_is_fine(mini: Path) -> None:
    (mini / "tools" / "detektiv-kopi.yml").symlink_to(mini / "tools" / "detektiv.yml")
    # Two outputs would share a worksheet title but not a file name (ids differ): valid.
    assert "detektiv-kopi" in load(mini).tools


def test_folder_named_like_a_yaml_file(mini: Path) -> None:
    (mini / "tools" / "mappe.yml").mkdir()
    assert _problems(mini) == ["tools/mappe.yml:1: (file): is a folder, not a YAML file"]


def test_oversized_file(mini: Path) -> None:
    path = mini / "tools" / "stor.yml"
    path.write_text("title: x\n" + "# fyld\n" * (loader.MAX_BYTES // 7), encoding="utf-8")
    assert _problems(mini) == ["tools/stor.yml:1: (file): file is larger than 1000 KB"]


def test_missing_content_folder(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as info:
        load(tmp_path / "findes-ikke")
    assert [p.message for p in info.value.problems] == ["content folder not found"]


def test_check_command_never_prints_a_traceback(mini: Path) -> None:
    (mini / "tools" / "detektiv.yml").write_bytes(b"title: \x00\n")
    env = {**os.environ, "HANDBOOK_CONTENT": str(mini)}
    result = subprocess.run(
        [sys.executable, "build.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "detektiv.yml:1: (file): contains U+0000" in result.stdout


# --- rendering: payloads must stay text ------------------------------------------------------


class _Scan(HTMLParser):
    """Everything in a page that could run code, load something or attach a file."""

    DANGEROUS_TAGS = {"iframe", "object", "embed", "frame", "frameset", "applet", "base"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.scripts: list[str] = []
        self._in: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in self.DANGEROUS_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "link" and "attachment" in a.get("rel", ""):
            self.found.append("<link rel=attachment>")
        if tag == "a" and "attachment" in a.get("rel", ""):
            self.found.append("<a rel=attachment>")
        # The theme's own search-share button is the one javascript: link it writes.
        theme_share = a.get("data-md-component") == "search-share"
        for key, value in a.items():
            low = value.strip().lower().replace("\t", "").replace("\n", "")
            if key.startswith("on") and "alert" in value:
                self.found.append(f"{tag} {key}={value}")
            if (
                key in ("href", "src", "action", "data", "formaction", "xlink:href")
                and low.startswith(("javascript:", "vbscript:", "data:", "file:"))
                and not (theme_share and low == "javascript:void(0)")
            ):
                self.found.append(f"{tag} {key}={value}")
            if key == "src" and tag in ("img", "script") and low.startswith(("http:", "/etc")):
                self.found.append(f"{tag} src={value}")
        if tag == "script":
            self._in.append("script")
            self.scripts.append(a.get("src", ""))
        elif tag == "style":
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script" and "alert" in data:
            self.found.append(f"script text {data[:40]!r}")
        if self._in and self._in[-1] == "style" and ("/etc/passwd" in data or "@import" in data):
            self.found.append(f"style {data[:40]!r}")
        self.text.append(data)


def _payload(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _hostile_book() -> tuple[Handbook, dict[str, str]]:
    """The real handbook with one extra tool per payload, the payload in every text field."""
    book = load(ROOT / "content")
    base = book.tools["detektivspoergsmaal"]
    ids: dict[str, str] = {}
    for path in PAYLOADS:
        text = _payload(path)
        tool_id = f"hostile-{path.stem}"
        tool = base.model_copy(deep=True)
        tool.id = tool_id
        tool.title = text
        tool.label = text[:12]
        tool.summary = text
        tool.definition = text
        tool.value = [text]
        tool.execution.intro = text
        tool.implementation = [text]
        tool.experiences = [text]
        if tool.execution.question_groups:
            tool.execution.question_groups[0].questions[0] = text
        if tool.worksheets:
            tool.worksheets[0].sections[0].fields[0].label = text
        tool.provenance.notes = text
        book.tools[tool_id] = tool
        ids[tool_id] = text
    module = next(m for m in book.modules.values() if m.days)
    block = module.days[0].blocks[0]
    block.description = _payload(PAYLOADS[0])
    block.questions = [_payload(p) for p in PAYLOADS]
    assert book.glossary is not None
    book.glossary = Glossary(
        terms=[
            *book.glossary.terms,
            *(Term(term=f"Hostile {p.stem}", definition=_payload(p)) for p in PAYLOADS),
        ]
    )
    from handbook.content.catalog import index as _index

    _index(book)
    return book, ids


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    from handbook.build import build

    book, ids = _hostile_book()
    target = tmp_path_factory.mktemp("hostile") / "site"
    assert build(book, with_pdfs=False, quiet=True, site_dir=target) == 0
    return target, ids


def test_no_page_runs_or_loads_anything_from_content(
    hostile_site: tuple[Path, dict[str, str]],
) -> None:
    site, ids = hostile_site
    bad = {}
    pages = [site / "redskaber" / tool_id / "index.html" for tool_id in ids]
    pages += [site / "ordliste" / "index.html", site / "redskaber" / "index.html"]
    pages += sorted((site / "moduler").rglob("*.html"))
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        scan = _Scan()
        scan.feed(raw)
        # A title can only end where the theme ends it (no "</title>" from content).
        if raw.count("<title>") != 1 or raw.count("</title>") != 1:
            scan.found.append("title element broken")
        if scan.found:
            bad[str(page.relative_to(site))] = scan.found
        # Scripts are the theme's own and the project's own files, nothing else.
        for src in scan.scripts:
            assert src == "" or "assets/javascripts/" in src or "javascripts/" in src, src
    assert not bad


def test_payloads_show_as_the_text_that_was_typed(
    hostile_site: tuple[Path, dict[str, str]],
) -> None:
    site, _ = hostile_site
    page = site / "redskaber" / "hostile-09-jinja-expression" / "index.html"
    scan = _Scan()
    scan.feed(page.read_text(encoding="utf-8"))
    text = "".join(scan.text)
    assert "{{ 7*7 }}" in text  # never evaluated by mkdocs-macros
    assert "uid=" not in text
    page = site / "redskaber" / "hostile-01-script-tag" / "index.html"
    scan = _Scan()
    scan.feed(page.read_text(encoding="utf-8"))
    assert "<script>alert(1)</script>" in "".join(scan.text)


def test_generated_front_matter_is_exactly_the_metadata(tmp_path: Path) -> None:
    from mkdocs.utils.meta import get_data

    from handbook.render import site

    book, ids = _hostile_book()
    pages = site.render_pages(book, None)
    for tool_id, text in ids.items():
        _, meta = get_data(pages[pages_mod.tool_page(tool_id)])
        assert set(meta) == {"title", "description", "tags", "search"}, tool_id
        assert meta["title"] == plain(text)
        assert "render_macros" not in meta
    for path, page in pages.items():
        if path.endswith(".html"):  # a short address's redirect page (render/cards.py)
            assert "<script" not in page.lower() and "<title>" in page, path
            continue
        _, meta = get_data(page)
        assert "render_macros" not in meta, path
        assert meta.get("title"), path


def test_pdf_html_holds_no_active_content() -> None:
    book, ids = _hostile_book()
    book.packs["hostile"] = Pack(
        id="hostile", title=_payload(PAYLOADS[0]), tools=list(ids), include_glossary=False
    )
    out = PdfOutput(
        kind="pack", filename="hostile.pdf", title="x", description="x", pack_id="hostile"
    )
    html = pdf_render.render_html(book, out)
    scan = _Scan()
    scan.feed(html)
    assert not scan.found
    assert scan.scripts == []
    assert html.count("<link") == 1 and 'href="print.css"' in html
    assert "<img" not in html and "<style" not in html.split("</head>")[1]


def test_pdf_of_hostile_content_touches_nothing_outside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from pypdf import PdfReader

    book, ids = _hostile_book()
    book.packs["hostile"] = Pack(id="hostile", title="Fjendtlig", tools=list(ids)[:8])
    out = PdfOutput(
        kind="pack", filename="hostile.pdf", title="x", description="x", pack_id="hostile"
    )
    with caplog.at_level(logging.WARNING):
        path = pdf_render.write_pdf(book, out, tmp_path)
    assert "refused to load" not in caplog.text  # nothing even asked for
    reader = PdfReader(path)
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            assert annot.get("/Subtype") != "/FileAttachment"
            uri = str(annot.get("/A", {}).get("/URI", ""))
            assert not uri.lower().startswith(("javascript:", "file:", "data:")), uri


def test_the_pdf_fetcher_refuses_everything_but_print_assets(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Defence in depth: even raw hostile HTML handed to WeasyPrint loads nothing."""
    from pypdf import PdfReader
    from weasyprint import HTML

    html = textwrap.dedent(
        """\
        <html><head><link rel="stylesheet" href="print.css">
        <link rel="attachment" href="file:///etc/passwd">
        <style>@import url("http://127.0.0.1:9/x.css"); p { background: url(/etc/hosts) }</style>
        </head><body><p>x<img src="../../README.md"><img src="file:///etc/passwd">
        <img src="http://127.0.0.1:9/i.png"><a rel="attachment" href="/etc/passwd">a</a>
        <svg><image href="file:///etc/passwd"/></svg></p></body></html>"""
    )
    with caplog.at_level(logging.WARNING):
        HTML(
            string=html,
            base_url=f"{engine.TEMPLATE_DIR}/",
            url_fetcher=engine.asset_fetcher(),
        ).write_pdf(tmp_path / "x.pdf")
    refused = caplog.text.count("refused to load")
    assert refused >= 6, caplog.text
    assert "print.css" not in caplog.text.split("refused to load")[-1]
    reader = PdfReader(tmp_path / "x.pdf")
    assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})


# --- a full build opens nothing outside and no socket -----------------------------------------

AUDIT = textwrap.dedent(
    """\
    import os, sys, site, sysconfig
    allowed = [os.path.realpath(p) for p in sys.argv[2:]]
    # Anything that reaches or looks up another machine. (urllib3, imported by
    # mkdocs-macros, binds a socket to ::1 once at import to learn whether IPv6 works; it
    # connects nowhere, so a bind to the loopback address alone is not counted.)
    NETWORK = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
               "socket.gethostbyaddr", "socket.sendto", "socket.sendmsg", "urllib.Request"}
    seen = []
    def hook(event, args):
        if event == "open" and args and isinstance(args[0], (str, bytes)):
            path = os.fsdecode(args[0])
            if not path.startswith("/"):
                path = os.path.join(os.getcwd(), path)
            real = os.path.realpath(path)
            if not any(real == a or real.startswith(a + os.sep) for a in allowed):
                seen.append("open " + real)
        elif event in NETWORK:
            seen.append(event + " " + repr(args[1:])[:80])
        elif event == "socket.bind" and not str(args[1][0]) in ("::1", "127.0.0.1"):
            seen.append("bind " + repr(args[1])[:80])
    sys.addaudithook(hook)
    sys.path.insert(0, os.getcwd())
    from handbook.build import build
    from handbook.content.catalog import load
    code = build(load(), with_pdfs=True, quiet=True, site_dir=__import__("pathlib").Path(sys.argv[1]))
    with open(sys.argv[1] + ".audit", "w") as out:
        out.write("\\n".join(sorted(set(seen))))
    sys.exit(code)
    """
)


def test_full_build_opens_no_outside_file_and_no_socket(tmp_path: Path) -> None:
    import sysconfig

    site_dir = tmp_path / "site"
    allowed = {
        str(ROOT),
        str(tmp_path),
        sys.prefix,
        sys.base_prefix,
        sysconfig.get_paths()["purelib"],
        sysconfig.get_paths()["stdlib"],
        "/usr/share/fonts",  # system fonts, found through fontconfig
        "/usr/local/share/fonts",
        "/etc/fonts",
        "/var/cache/fontconfig",
        "/usr/share/zoneinfo",  # Python's own time zone data
        "/dev/null",
        "/dev/urandom",
        "/proc/self",  # multiprocessing and os.cpu_count
        "/sys/devices/system/cpu",
        "/etc/mime.types",  # mimetypes' system table, read by MkDocs' file handling
        "/etc/localtime",
    }
    scratch = tmp_path / "tmp"  # WeasyPrint's fontconfig files go to the temp folder
    scratch.mkdir()
    env = {
        **os.environ,
        "HANDBOOK_CONTENT": str(ROOT / "tests" / "fixtures" / "pdf_content"),
        "TMPDIR": str(scratch),
    }
    result = subprocess.run(
        [sys.executable, "-c", AUDIT, str(site_dir), *sorted(allowed)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seen = Path(f"{site_dir}.audit").read_text(encoding="utf-8").split("\n")
    assert [s for s in seen if s] == []
    assert (site_dir / "index.html").exists()
