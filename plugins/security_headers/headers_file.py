"""The `_headers` format (Netlify, Cloudflare Pages): written by the build, read by our servers.

A rule is a path on its own line (``/*`` ends in a splat: every path under it),
then its headers, one ``Name: value`` per indented line; ``#`` starts a comment.
See https://docs.netlify.com/manage/routing/headers/.
"""

from __future__ import annotations

from pathlib import Path

HEADER = "# Sent with every file by Netlify, Cloudflare Pages and the development server.\n"


def render(rules: dict[str, dict[str, str]]) -> str:
    """The file's text for ``{path pattern: {header name: value}}``."""
    blocks = ["".join([f"{pattern}\n", *(f"  {name}: {value}\n" for name, value in headers.items())])
              for pattern, headers in rules.items()]
    return HEADER + "\n".join(blocks)


def parse(text: str) -> dict[str, dict[str, str]]:
    """``{path pattern: {header name: value}}`` from the file's text."""
    rules: dict[str, dict[str, str]] = {}
    headers: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace():
            name, _, value = line.strip().partition(":")
            headers[name.strip()] = value.strip()
        else:
            headers = rules.setdefault(line.strip(), {})
    return rules


def headers_for(rules: dict[str, dict[str, str]], path: str) -> dict[str, str]:
    """The headers every rule matching the URL ``path`` gives it (later rules win)."""
    found: dict[str, str] = {}
    for pattern, headers in rules.items():
        if path == pattern or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            found.update(headers)
    return found


class HeadersFileMixin:
    """For an ``http.server`` request handler: send what the served folder's `_headers` says.

    The file is read on every request, so a rebuild takes effect at once; like
    the hosts, the server never serves the file itself.
    """

    HEADERS_FILE = "_headers"

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        headers_file = Path(self.translate_path("/" + self.HEADERS_FILE))
        if headers_file.is_file():
            rules = parse(headers_file.read_text(encoding="utf-8"))
            for name, value in headers_for(rules, path).items():
                self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        if self.path.split("?", 1)[0] == "/" + self.HEADERS_FILE:
            self.send_error(404)
            return None
        return super().send_head()
