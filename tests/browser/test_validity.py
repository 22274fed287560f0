"""Every built page is valid HTML (Nu Html Checker) and light (50 KB with its CSS and JS)."""

import gzip
import json
import subprocess

from tests.browser.conftest import ROOT, require, which

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BUDGET = 50 * 1024


def test_the_nu_html_checker_finds_no_errors_in_the_output(browser_site):
    require(VNU, "vnu-jar")
    java = which("java")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--also-check-css", "--format", "json",
         "--skip-non-html", str(browser_site.output)],
        capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').split('/output/')[-1]}:{m.get('lastLine')}: {m['message']}"
              for m in messages if m.get("type") == "error"]
    assert errors == [], "\n".join(errors[:30])
    assert len(browser_site.html_files()) > 50


def transferred(path) -> int:
    """Bytes sent for ``path`` by a server that compresses text, as static hosts do."""
    return len(gzip.compress(path.read_bytes()))


def test_no_page_weighs_over_50_kb_with_its_styles_and_scripts(browser_site):
    output = browser_site.output
    for path in browser_site.html_files():
        if "pagefind" in path.parts:
            continue
        page = browser_site.page("/" + path.relative_to(output).as_posix())
        assets = [tag.get("href") or tag.get("src") or tag.get("data-import")
                  for tag in page.select('link[rel="stylesheet"], script[src], [data-import]')]
        weight = transferred(path) + sum(transferred(browser_site.file(a)) for a in assets)
        assert weight <= BUDGET, f"{path.relative_to(output)} weighs {weight} bytes"
