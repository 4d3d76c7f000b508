"""The live preview's rebuild logic (handbook/serve.py), on a copy of the mini fixture with
its own docs/ folder: only changed pages are rewritten, the navigation follows added and
removed tools, and a dirty MkDocs rebuild shows the edit without a 'None' in the nav."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from handbook.build import _copy_hand_written_docs
from handbook.serve import Preview


def _leaves(nav: Any) -> list[tuple[Any, str]]:
    """(title, path) of every page in the navigation."""
    found = []
    if isinstance(nav, list):
        for item in nav:
            found += _leaves(item)
    elif isinstance(nav, dict):
        for title, value in nav.items():
            if isinstance(value, str):
                found.append((title, value))
            else:
                found += _leaves(value)
    else:
        found.append((None, nav))
    return found


@pytest.fixture
def preview(mini: Path, tmp_path: Path) -> Preview:
    docs = tmp_path / "docs"
    _copy_hand_written_docs(docs)
    return Preview(
        tmp_path / "site", "127.0.0.1:0", content=mini, docs=docs, nav_config=tmp_path / "nav.yml"
    )


def _add_tool(mini: Path, tool_id: str, title: str) -> None:
    data = yaml.safe_load((mini / "tools" / "detektiv.yml").read_text(encoding="utf-8"))
    data["title"] = title
    data.pop("part_of", None)
    (mini / "tools" / f"{tool_id}.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )


def test_regenerate_reports_changes_and_structure(preview: Preview, mini: Path) -> None:
    first = preview.regenerate()
    assert first is not None
    changes, structural = first
    assert structural and "redskaber/detektiv.md" in changes.added and not changes.changed
    assert all(title for title, _ in _leaves(preview.nav))  # every page named explicitly
    nav_file = yaml.safe_load(preview.nav_config.read_text(encoding="utf-8"))
    assert nav_file == {"INHERIT": "mkdocs.yml", "nav": preview.nav}

    again = preview.regenerate()
    assert again is not None and not again[1]
    assert (again[0].added, again[0].changed, again[0].removed) == ([], [], [])

    card = mini / "tools" / "detektiv.yml"
    data = yaml.safe_load(card.read_text(encoding="utf-8"))
    data["summary"] += " Redigeret."
    card.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    edited = preview.regenerate()
    assert edited is not None and not edited[1]  # same pages and titles: a dirty build
    assert "redskaber/detektiv.md" in edited[0].changed
    assert "Redigeret." in (preview.docs / "redskaber" / "detektiv.md").read_text(encoding="utf-8")

    _add_tool(mini, "nyt-redskab", "Et helt nyt redskab")
    added = preview.regenerate()
    assert added is not None and added[1]  # a new page: a clean build with a new nav
    assert "redskaber/nyt-redskab.md" in added[0].added
    assert ("Et helt nyt redskab", "redskaber/nyt-redskab.md") in _leaves(preview.nav)

    (mini / "tools" / "nyt-redskab.yml").unlink()
    removed = preview.regenerate()
    assert removed is not None and removed[1]
    # the card's page and its short address (r/<id>/, render/cards.py)
    assert removed[0].removed == ["r/nyt-redskab/index.html", "redskaber/nyt-redskab.md"]
    assert "redskaber/nyt-redskab.md" not in [path for _, path in _leaves(preview.nav)]


def test_bad_content_keeps_the_last_good_pages(preview: Preview, mini: Path, capsys) -> None:
    assert preview.regenerate() is not None
    page = (preview.docs / "redskaber" / "detektiv.md").read_text(encoding="utf-8")
    (mini / "tools" / "detektiv.yml").write_text("title: [unclosed\n", encoding="utf-8")
    assert preview.build() == "skipped"
    assert "detektiv.yml:1: (file): YAML syntax" in capsys.readouterr().out
    assert (preview.docs / "redskaber" / "detektiv.md").read_text(encoding="utf-8") == page


def test_dirty_rebuild_shows_the_edit_and_keeps_nav_titles(preview: Preview, mini: Path) -> None:
    assert preview.build(config=None) == "clean"  # the first build is always clean
    page = preview.site_dir / "redskaber" / "detektiv" / "index.html"
    card = mini / "tools" / "detektiv.yml"
    data = yaml.safe_load(card.read_text(encoding="utf-8"))
    data["summary"] += " Forhåndsvist."
    card.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert preview.build() == "dirty"
    html = page.read_text(encoding="utf-8")
    assert "Forhåndsvist." in html
    assert ">None<" not in html and "None\n" not in html
    _add_tool(mini, "nyt-redskab", "Et helt nyt redskab")
    # A new page: still a dirty build, which also rebuilds the pages whose navigation
    # shows the new tool (test_a_dirty_build_makes_the_clean_builds_site checks all of it).
    assert preview.build() == "dirty"
    assert "Et helt nyt redskab" in page.read_text(encoding="utf-8")  # in its group's nav
    shutil.rmtree(preview.site_dir, ignore_errors=True)


def _site_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _edit(mini: Path, tool_id: str, key: str, text: str) -> None:
    card = mini / "tools" / f"{tool_id}.yml"
    data = yaml.safe_load(card.read_text(encoding="utf-8"))
    data[key] = f"{data[key]} {text}"
    card.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_dirty_build_makes_the_clean_builds_site(
    preview: Preview, mini: Path, tmp_path: Path
) -> None:
    """After each kind of edit the preview's dirty build is, file for file, the site a clean
    build of the same input makes: the pages and their navigation, the search index (all
    pages, mkdocs-material#7638), the tags page, the tag links and tags.json."""
    assert preview.build() == "clean"

    def clean_site() -> dict[str, bytes]:
        fresh = Preview(
            tmp_path / "clean",
            preview.dev_addr,
            content=mini,
            docs=preview.docs,
            nav_config=tmp_path / "clean-nav.yml",
        )
        assert fresh.build() == "clean"
        files = _site_files(fresh.site_dir)
        shutil.rmtree(fresh.site_dir)
        return files

    edits = [
        ("body", lambda: _edit(mini, "detektiv", "definition", "Ny brødtekst.")),
        ("summary", lambda: _edit(mini, "detektiv", "summary", "Nyt resumé.")),
        ("title", lambda: _edit(mini, "detektiv", "title", "(omdøbt)")),
        ("new page", lambda: _add_tool(mini, "nyt-redskab", "Et helt nyt redskab")),
        ("removed page", lambda: (mini / "tools" / "nyt-redskab.yml").unlink()),
    ]
    for name, edit in edits:
        edit()
        assert preview.build() == "dirty", name
        built, clean = _site_files(preview.site_dir), clean_site()
        assert sorted(built) == sorted(clean), name
        assert [rel for rel in clean if built[rel] != clean[rel]] == [], name
    index = json.loads((preview.site_dir / "search" / "search_index.json").read_bytes())
    text = json.dumps(index["docs"], ensure_ascii=False)
    assert "(omdøbt)" in text and "Ny brødtekst." in text


# --- the server itself: Host names, bad paths, signals (issue 24) ------------------------


def test_host_names_and_the_guard() -> None:
    from handbook.serve import allowed_hosts, guard, host_name

    assert host_name("LocalHost:8000") == "localhost"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("127.0.0.1") == "127.0.0.1"
    assert host_name("evil.example:80:81") is None and host_name("[::1") is None
    assert host_name("") is None
    allowed = allowed_hosts("192.168.1.5")
    assert allowed == {"localhost", "127.0.0.1", "::1", "192.168.1.5"}
    assert allowed_hosts("0.0.0.0") == {"localhost", "127.0.0.1", "::1"}

    def site(environ: dict, start_response: Any) -> list[bytes]:
        if environ["PATH_INFO"] == "/boom":
            raise RuntimeError("a bug")
        start_response("200 OK", [("Content-Type", "text/html")])
        return [b"<p>the site</p>"]

    app = guard(site, allowed)
    statuses: list[str] = []

    def call(host: str, path: str = "/") -> bytes:
        body = app({"HTTP_HOST": host, "PATH_INFO": path}, lambda s, h: statuses.append(s))
        return b"".join(body)

    assert call("localhost:8000") == b"<p>the site</p>"
    assert b"the site" not in call("evil.example:8000")
    assert b"the site" not in call("")  # no Host header at all
    call("127.0.0.1:8000", "/\x00")
    call("[::1]:8000", "/a\x1b[2J")
    call("localhost", "/\xff\xfe")  # not UTF-8 once decoded
    call("localhost", "/boom")
    assert [s.split()[0] for s in statuses] == ["200", "421", "421", "400", "400", "400", "500"]


def test_the_server_swaps_in_a_build_made_beside_the_one_it_serves(tmp_path: Path) -> None:
    """`serve` shows the last build at once and the preview's first build when it is done:
    `publish` points the served folder at the new build and moves the epoch the browsers'
    live-reload script waits for, so they reload."""
    import socket
    import urllib.request

    from handbook.serve import PreviewServer, _point

    for name, text in (("last", "the last build"), ("build", "the fresh build")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(f"<p>{text}</p>", encoding="utf-8")
    live = tmp_path / "site"
    _point(live, tmp_path / "last")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = PreviewServer(builder=lambda: None, host="127.0.0.1", port=port, root=str(live))
    server.server_bind()
    server.server_activate()
    server.serve_thread.start()
    try:

        def page() -> str:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                return response.read().decode("utf-8")

        assert "the last build" in page()
        epoch = server._visible_epoch
        server.publish(lambda: _point(live, tmp_path / "build"))
        assert "the fresh build" in page()
        assert server._visible_epoch > epoch  # the browsers' script sees a newer site
        assert live.is_symlink() and not (tmp_path / "site.new").exists()
    finally:
        server.shutdown()
