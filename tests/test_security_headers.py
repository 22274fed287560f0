"""The Content-Security-Policy in every page, and `_headers` with it for the host and our servers."""

import urllib.error
import urllib.request

import pytest

from pelicanconf import (CONTENT_SECURITY_POLICY, SECURITY_HEADERS, TABLE_ALIGNMENTS,
                         csp_source_hash)
from security_headers.headers_file import headers_for, parse, render
from tests.conftest import ESSAY, PROJECT_FOLDER, running_task


def test_every_page_carries_the_policy_first_in_its_head(real_site):
    for path in real_site.html_files():
        if "pagefind" in path.parts:
            continue
        head = real_site.page("/" + path.relative_to(real_site.output).as_posix()).head
        first = head.find(["meta", "title", "link", "script", "style", "base"], recursive=False)
        assert first.get("charset") == "utf-8", path
        policy = first.find_next_sibling()
        assert policy.get("http-equiv") == "Content-Security-Policy", path
        assert policy["content"] == CONTENT_SECURITY_POLICY


def test_no_page_needs_inline_script_or_style(real_site):
    for path in real_site.html_files():
        page = real_site.page("/" + path.relative_to(real_site.output).as_posix())
        assert not page.select("[style], style"), path
        for script in page.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", path


def test_the_policy_allows_only_the_sites_own_files():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"  # Pagefind's WebAssembly
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == directives["form-action"] == "'self'"
    assert all("unsafe-inline" not in sources and "*" not in sources and "data:" not in sources
               and "unsafe-eval" not in sources.replace("wasm-unsafe-eval", "")
               for sources in directives.values())


def test_the_build_writes_the_headers_for_every_path(real_site):
    rules = parse(real_site.file("/_headers").read_text(encoding="utf-8"))
    assert list(rules) == ["/*"]
    for path in ["/", "/essays/what-is-customer-service/", "/feeds/all.atom.xml"]:
        assert headers_for(rules, path) == SECURITY_HEADERS
    csp = SECURITY_HEADERS["Content-Security-Policy"]
    assert csp == CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'"
    assert SECURITY_HEADERS["X-Content-Type-Options"] == "nosniff"
    assert SECURITY_HEADERS["X-Frame-Options"] == "DENY"


def test_the_production_build_writes_the_same_headers(make_site, monkeypatch):
    monkeypatch.setenv("SITEURL", "https://blog.example.org")
    site = make_site({"essays/kindness.md": ESSAY}, settings="publishconf.py")
    assert parse(site.file("/_headers").read_text(encoding="utf-8")) == {"/*": SECURITY_HEADERS}
    meta = site.page("/essays/a-small-kindness/").find("meta", attrs={"http-equiv": True})
    assert meta["content"] == CONTENT_SECURITY_POLICY


def test_the_headers_file_reads_back_what_was_written():
    rules = {"/*": {"X-A": "1", "Content-Security-Policy": "default-src 'none'; img-src 'self'"},
             "/feeds/*": {"X-A": "2"}, "/about/": {"X-B": "3"}}
    assert parse(render(rules)) == rules
    assert headers_for(rules, "/feeds/all.atom.xml")["X-A"] == "2"
    assert headers_for(rules, "/about/") == {**rules["/*"], "X-B": "3"}
    assert "X-B" not in headers_for(rules, "/about/more/")


def test_an_aligned_table_column_keeps_exactly_the_style_the_policy_allows(make_site):
    site = make_site({"essays/kindness.md": ESSAY + "\n| a | b | c | d |\n|:--|:-:|--:|---|\n"
                                                    "| 1 | 2 | 3 | 4 |\n"})
    cells = site.page("/essays/a-small-kindness/").select(".prose td")
    assert [cell.get("style") for cell in cells] == [*TABLE_ALIGNMENTS, None]
    allowed = CONTENT_SECURITY_POLICY.split("style-src-attr ")[1].split(";")[0].split()
    assert allowed == ["'unsafe-hashes'", *map(csp_source_hash, TABLE_ALIGNMENTS)]
    assert csp_source_hash("text-align:center") == \
        "'sha256-kFAIUwypIt04FgLyVU63Lcmp2AQimPh/TdYjy04Flxs='"  # openssl's digest


@PROJECT_FOLDER
def test_invoke_serve_sends_the_headers_and_hides_the_headers_file():
    with running_task("serve") as base_url:
        for path in ["/", "/feeds/all.atom.xml", "/theme/css/site.css"]:
            response = urllib.request.urlopen(base_url + path, timeout=5)
            assert {name: response.headers[name] for name in SECURITY_HEADERS} == SECURITY_HEADERS
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base_url + "/_headers", timeout=5)
        assert refused.value.code == 404
