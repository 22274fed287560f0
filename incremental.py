"""Render and write only what changed: the Writer of the warm edit loop (``editloop.py``).

Each page Pelican asks to write gets a fingerprint: a hash of the template's
name and of every value the template (with the templates it extends or
imports) reads from its context, as Jinja's own parser lists them.  A name a
template only tests (``{% if topics %}``) counts by its truth alone.  When a
page's fingerprint is the one it had in the previous build and that build's
file is still in place, the file is linked into the new output instead of
rendered; a page that is rendered but comes out byte for byte the same is
linked too, so that its file is never rewritten.  Feeds are fingerprinted by
their entries, title and address.

What a value's fingerprint covers:

- plain values, lists, dicts, dates, dataclasses: everything in them;
- an essay or page (a Pelican ``Content``): all its fields, its content as
  templates see it (internal links resolved), and the fields of the contents
  it refers to directly (neighbours, related essays), down to their URLs;
- a page of a list (a Pelican paginator's ``Page``): its number, URL and paginator, and
  its items one content less deep: an essay's own fields and the URLs of the contents
  it refers to, as a list of essays shows them (so editing one essay does not render
  again every page that lists an essay related to it);
- a tag, category or author (a Pelican ``URLWrapper``): its kind and name, and
  its slug when one was set: its URLs follow from them and the settings, which
  do not change in the life of a warm worker (a change starts another);
- an object with a ``__fingerprint__(depth)`` method: what that returns
  (the topics plugin's index and topic pages say what their pages show);
- anything else: no fingerprint, and the page is rendered every time.

So a template may show an essay's neighbour's title, but not its neighbour's
neighbour's; a theme that needs more changes the depth here.

What cannot change (a tuple, frozen set, date or frozen dataclass that holds nothing
else, however deep) is encoded once: ``Fingerprints.kept`` hands its codes, by identity,
to the next build of a warm worker, where the vocabulary's topics and the tags of the
essays that did not change are the very same objects (``tagging._Remembered``).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import operator
import os
from pathlib import Path
from typing import Any, Iterator

from jinja2 import Template, meta, nodes
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper
from pelican.writers import FileOverwriteFailedError, Writer

DEPTH = 2  # a page's own contents, and the contents they refer to
_SCALARS = {kind: f"{kind.__name__}:" for kind in (str, int, float, bool, type(None))}
SKIPPED_FIELDS = {"settings", "_context", "_content"}  # Content: shared, or replaced by .content


class Unfingerprintable(Exception):
    """A value whose fingerprint would not cover what a template may show of it."""


@dataclasses.dataclass
class Written:
    """One file of a finished build: its fingerprint, and its inode to know it unchanged."""

    fingerprint: str | None
    inode: int
    mtime_ns: int


class Fingerprints:
    """Fingerprints of the values of one build.

    Nothing a template reads changes while Pelican writes, so every object, list
    and dict met inside a value is encoded once per depth, and found again by
    its identity (each kept alive, so that no id is reused).
    """

    def __init__(self, lasting: dict[int, tuple[Any, str]] | None = None) -> None:
        self._lasting = lasting or {}  # an earlier build's ``kept``
        self.kept: dict[int, tuple[Any, str]] = {}  # id: (value, code) of what never changes
        self._same: dict[int, tuple[Any, str]] = {}  # id: (value, code) at every depth
        self._at: dict[tuple[int, int], tuple[Any, str]] = {}  # (id, depth): (value, code)
        self._urls: dict[int, tuple[Content, str]] = {}
        self._contents: dict[int, tuple[Content, tuple[str, list[Content]]]] = {}
        self._deep = 0  # how many depth-dependent values have been met
        self._changeable = 0  # how many values that may change have been met
        self._templates: dict[tuple[int, str], tuple[tuple[str, ...], frozenset[str]] | None] = {}

    def page(self, template: Template, context: dict) -> str | None:
        """The fingerprint of rendering ``template`` with ``context``, or None."""
        names = self._names(template)
        if names is None:
            return None
        read, tested = names
        parts = [repr(template.name), repr(context.get("output_file", ""))]
        try:
            for name in read:
                if name in context:
                    value = context[name]
                    parts.append(f"\n{name}=")
                    if name in tested:
                        parts.append("true;" if value else "false;")
                    else:
                        self._encode(value, DEPTH, parts)
        except Unfingerprintable:
            return None
        return _hash("".join(parts))

    def feed(self, elements: list, **details: Any) -> str | None:
        try:
            return self._fresh([elements, sorted(details.items())], DEPTH - 1)
        except Unfingerprintable:
            return None

    def of(self, value: Any, depth: int = DEPTH) -> str:
        """The fingerprint of ``value`` seen ``depth`` contents deep."""
        parts: list[str] = []
        self._encode(value, depth, parts)
        return _hash("".join(parts))

    def _fresh(self, items: list, depth: int) -> str:
        """The fingerprint of a list made for the call (so not kept)."""
        parts: list[str] = []
        self._items(items, depth, parts)
        return _hash("".join(parts))

    def _encode(self, value: Any, depth: int, parts: list[str]) -> None:
        prefix = _SCALARS.get(type(value))  # the commonest kinds first, by identity
        if prefix is not None:
            parts.append(f"{prefix}{value!r};")
            return
        key = id(value)
        found = self.kept.get(key)
        if found is None:
            found = self._lasting.get(key)
            if found is not None:
                self.kept[key] = found
            else:
                found = self._same.get(key)
                if found is None:
                    found = self._at.get((key, depth))
                    if found is None:
                        found = self._new(value, depth)
                    else:
                        self._deep += 1
                        self._changeable += 1
                else:
                    self._changeable += 1
        parts.append(found[1])

    def _new(self, value: Any, depth: int) -> tuple[Any, str]:
        """Encode ``value`` and keep its code: for good (``kept``) if neither it nor anything
        in it can change; for this build, at every depth unless a content (or an object
        that says what it shows at each depth) was met on the way, else at this depth."""
        deep, changeable = self._deep, self._changeable
        found = (value, self._encoded(value, depth))
        if self._changeable == changeable and _unchangeable(type(value)):
            self.kept[id(value)] = found
            return found
        self._changeable += 1
        if self._deep == deep:
            self._same[id(value)] = found
        else:
            self._at[id(value), depth] = found
        return found

    def _encoded(self, value: Any, depth: int) -> str:
        if isinstance(value, (str, int, float)):  # bool is an int
            return f"{type(value).__name__}:{value!r};"
        if isinstance(value, (datetime.date, datetime.time)):
            return f"date:{value.isoformat()}:{getattr(value, 'tzinfo', None)!s};"
        if isinstance(value, datetime.tzinfo):
            return f"zone:{value!s};"
        parts: list[str] = []
        if isinstance(value, (list, tuple)):
            self._items(value, depth, parts)
        elif isinstance(value, dict):
            parts.append("{")
            for key in sorted(value, key=repr):
                self._encode(key, depth, parts)
                self._encode(value[key], depth, parts)
            parts.append("}")
        elif isinstance(value, (set, frozenset)):
            parts.append("{" + ",".join(sorted(self.of(item, depth) for item in value)) + "}")
        else:
            parts.append(f"<{type(value).__name__}:{self._object(value, depth)}>")
        text = "".join(parts)
        return text if len(text) < 64 else _hash(text)  # a long one counts by its hash

    def _items(self, items, depth: int, parts: list[str]) -> None:
        parts.append("[")
        for item in items:
            prefix = _SCALARS.get(type(item))
            if prefix is None:
                self._encode(item, depth, parts)
            else:
                parts.append(f"{prefix}{item!r};")
        parts.append("]")

    def _object(self, value: Any, depth: int) -> str:
        kind = _KINDS.get(type(value))
        if kind is None:
            kind = _KINDS[type(value)] = _kind(type(value))
        if kind is Content:
            self._deep += 1  # what it shows depends on the depth
            if depth <= 0:
                return self._url(value)
            own, refers_to = self._content(value)
            return _hash(own + "".join(self.of(other, depth - 1) for other in refers_to))
        if kind is FINGERPRINTED:
            self._deep += 1
            shown = value.__fingerprint__(depth)
            return self._fresh(shown, depth - 1) if type(shown) is list \
                else self.of(shown, depth - 1)
        if kind is Page:  # its items as a list shows them: their own fields
            parts: list[str] = []
            self._items([value.number, value.url, value.save_as, value.paginator], depth, parts)
            self._items(value.object_list, depth - 1, parts)
            return _hash("".join(parts))
        if kind is Paginator:
            return self._fresh([value.num_pages, value.count, value.per_page], depth)
        if kind is URLWrapper:  # its slug and URLs follow from these and the settings
            return self._fresh([type(value).__name__, value.name,
                                None if value._slug_from_name else value.slug], depth)
        if type(kind) is tuple:  # a dataclass's fields
            return self._fresh([getattr(value, name) for name in kind], depth)
        raise Unfingerprintable(type(value).__name__)

    def _url(self, content: Content) -> str:
        """A content's URL (Pelican works it out afresh on every access)."""
        found = self._urls.get(id(content))
        if found is None:
            found = self._urls[id(content)] = (content, content.url)
        return found[1]

    def _content(self, content: Content) -> tuple[str, list[Content]]:
        """A content's own fields, and the contents its fields refer to (in order)."""
        found = self._contents.get(id(content))
        if found is None:
            refers_to: list[Content] = []
            parts = []
            for name, field in sorted(vars(content).items()):
                if name not in SKIPPED_FIELDS:
                    parts.append(f"{name}=")
                    self._encode(_without_contents(field, refers_to), 0, parts)
            parts.append(f"{content.content!r};{self._url(content)!r};{content.save_as!r}")
            found = self._contents[id(content)] = (
                content, (_hash("".join(parts)), refers_to))
        return found[1]

    def _names(self, template: Template) -> tuple[tuple[str, ...], frozenset[str]] | None:
        """The context names ``template`` reads, A–Z, and those it only tests; None if
        unknown."""
        key = (id(template.environment), template.name or "")
        if key not in self._templates:
            names = template_names(template)
            self._templates[key] = names and (tuple(sorted(names[0])), names[1])
        return self._templates[key]


FINGERPRINTED = "__fingerprint__"  # the kind of an object that says what it shows
_KINDS: dict[type, Any] = {}  # each type met, and how its values are fingerprinted


def _kind(cls: type) -> Any:
    """How values of ``cls`` are fingerprinted: as a content, by their ``__fingerprint__``,
    as a page of a list, a paginator or a URL wrapper, by a dataclass's fields (their
    names), or None: not at all."""
    if issubclass(cls, Content):
        return Content
    if hasattr(cls, FINGERPRINTED):
        return FINGERPRINTED
    kind = next((kind for kind in (Page, Paginator, URLWrapper) if issubclass(cls, kind)), None)
    if kind is None and dataclasses.is_dataclass(cls):
        return tuple(field.name for field in dataclasses.fields(cls))
    return kind


@functools.cache
def _unchangeable(cls: type) -> bool:
    """Whether a value of ``cls`` never changes while what it holds does not: a tuple, a
    frozen set, a date or time zone, a frozen dataclass."""
    params = getattr(cls, "__dataclass_params__", None)
    return issubclass(cls, (tuple, frozenset, datetime.date, datetime.time, datetime.tzinfo)) \
        or bool(params and params.frozen and not hasattr(cls, FINGERPRINTED))


def template_names(template: Template) -> tuple[frozenset[str], frozenset[str]] | None:
    """What ``template`` and every template it extends, imports or includes read from the
    context, and the part of it they only test; None when a template is chosen at run time."""
    environment, pending, seen = template.environment, [template.name], set()
    read: set[str] = set()
    uses: dict[str, bool] = {}  # name -> only ever tested
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        source = environment.loader.get_source(environment, name)[0]
        undeclared, tested, referenced = _analysed(environment, source)
        read |= undeclared
        for used, only_tested in tested.items():
            uses[used] = uses.get(used, True) and only_tested
        if None in referenced:
            return None
        pending.extend(referenced)
    return frozenset(read), frozenset(name for name in read if uses.get(name, False))


# Each template source's names, by its text and the syntax it is parsed with: a warm worker
# parses a template again only once it has changed.
_ANALYSED: dict[tuple, tuple[frozenset[str], dict[str, bool], tuple]] = {}


def _analysed(environment, source: str) -> tuple[frozenset[str], dict[str, bool], tuple]:
    """The names one template's ``source`` reads, whether each is only tested there, and the
    templates it refers to (None for one chosen at run time)."""
    syntax = (environment.block_start_string, environment.block_end_string,
              environment.variable_start_string, environment.variable_end_string,
              environment.comment_start_string, environment.comment_end_string,
              environment.line_statement_prefix, environment.line_comment_prefix,
              environment.trim_blocks, environment.lstrip_blocks,
              tuple(sorted(environment.extensions)))
    key = (syntax, source)
    if key not in _ANALYSED:
        tree = environment.parse(source)
        uses: dict[str, bool] = {}
        _record_uses(tree, False, uses)
        _ANALYSED[key] = (frozenset(meta.find_undeclared_variables(tree)), uses,
                          tuple(meta.find_referenced_templates(tree)))
    return _ANALYSED[key]


def _record_uses(node: nodes.Node, tested: bool, uses: dict[str, bool]) -> None:
    """Note, for every name loaded under ``node``, whether it is only ever tested."""
    if isinstance(node, nodes.Name):
        uses[node.name] = uses.get(node.name, True) and tested
        return
    test = getattr(node, "test", None) if isinstance(node, (nodes.If, nodes.CondExpr,
                                                            nodes.For)) else None
    for child in node.iter_child_nodes():
        # "a and b" tests a and b where it is itself tested; an if tests its condition
        _record_uses(child, child is test or (tested and isinstance(
            node, (nodes.And, nodes.Or, nodes.Not))), uses)


def _without_contents(value: Any, found: list[Content]) -> Any:
    """``value`` with each content in its lists and dicts replaced by its place in
    ``found``; ``value`` itself when it holds none."""
    if type(value) in _SCALARS:
        return value
    if isinstance(value, Content):
        found.append(value)
        return f"content #{len(found)}"
    if isinstance(value, (list, tuple)):
        items = [_without_contents(item, found) for item in value]
        return value if all(map(operator.is_, items, value)) else items
    if isinstance(value, dict):
        items = {key: _without_contents(item, found) for key, item in value.items()}
        return value if all(map(operator.is_, items.values(), value.values())) else items
    return value


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class ReusingWriter(Writer):
    """Pelican's Writer, that links unchanged files from ``previous`` instead of writing them.

    ``previous`` is the output of the last build and ``earlier`` its files; the
    files of this build are in ``self.written`` once it has finished.  The output
    folder may be an older build's, made ready by ``recycle``: ``recycled`` is what
    it holds, each file's inode by name; ``remove_leftovers`` deletes what this build
    did not write.
    """

    previous: Path | None = None
    earlier: dict[str, Written] = {}
    recycled: dict[str, int] = {}
    lasting: dict[int, tuple[Any, str]] = {}  # an earlier build's ``Fingerprints.kept``

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.fingerprints = Fingerprints(self.lasting)
        self.written: dict[str, Written] = {}
        self.reused = self.rendered = 0
        self._fingerprint: str | None = None

    def write_file(self, name, template, context, *args, **kwargs):
        return super().write_file(name, _Reusable(template, self), context, *args, **kwargs)

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom",
                   override_output=False, feed_title=None):
        if path:
            self._fingerprint = self.fingerprints.feed(
                elements[:self.settings["FEED_MAX_ITEMS"]], path=path, url=url,
                feed_type=feed_type, feed_title=feed_title)
            if self._reuse(path):
                return None
        feed = super().write_feed(elements, context, path, url, feed_type, override_output,
                                  feed_title)
        if path:
            self._record(path)  # as feed_written's receivers left it
        return feed

    def reusable(self, name: str, fingerprint: str | None) -> bool:
        """Whether the last build's file for ``name`` is what rendering would give."""
        self._fingerprint = fingerprint
        earlier = self.earlier.get(name)
        return fingerprint is not None and earlier is not None \
            and earlier.fingerprint == fingerprint and self._unchanged(name, earlier)

    def _reuse(self, name: str) -> bool:
        """Link the last build's ``name`` if its fingerprint is this one's."""
        if not self.reusable(name, self._fingerprint):
            return False
        self._book(os.path.join(self.output_path, name), override=False)
        self._link(name)
        self.reused += 1
        return True

    def _unchanged(self, name: str, earlier: Written) -> bool:
        try:
            stat = os.stat(os.path.join(self.previous, name))
        except OSError:
            return False
        return (stat.st_ino, stat.st_mtime_ns) == (earlier.inode, earlier.mtime_ns)

    def _link(self, name: str) -> None:
        """Link the last build's ``name`` into the output: in the common case, one call,
        and none when the recycled folder holds that very file."""
        earlier = self.earlier[name]  # a link: the same inode, and its time unchanged
        if name in self.written or self.recycled.get(name) != earlier.inode:
            source = os.path.join(self.previous, name)
            target = os.path.join(self.output_path, name)
            try:
                os.link(source, target)
            except FileNotFoundError:  # its folder is not there yet
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(source, target)
            except FileExistsError:  # an older version, or written before and overridden now
                os.unlink(target)
                os.link(source, target)
        self.written[name] = Written(self._fingerprint, earlier.inode, earlier.mtime_ns)

    def _record(self, name: str) -> None:
        stat = os.stat(os.path.join(self.output_path, name))
        self.written[name] = Written(self._fingerprint, stat.st_ino, stat.st_mtime_ns)

    def remove_leftovers(self) -> None:
        """Delete the recycled folder's files this build did not write, and the folders
        that leaves empty."""
        for name in self.recycled.keys() - self.written.keys():
            os.unlink(os.path.join(self.output_path, name))
            folder = os.path.dirname(name)
            while folder:
                try:
                    os.rmdir(os.path.join(self.output_path, folder))
                except OSError:  # not empty
                    break
                folder = os.path.dirname(folder)

    def _book(self, filename: str, override: bool) -> None:
        """Pelican's rule: a file is written once, unless one write may override it."""
        if filename in self._overridden_files and override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
        if filename in self._written_files and not override and \
                filename not in self._overridden_files:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" as Pelican has '
                                           "already written to it previously")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)

    def _open_w(self, filename, encoding, override=False):
        if filename in self._overridden_files and not override:
            return open(os.devnull, "w", encoding=encoding)  # noqa: SIM115 (Pelican's rule)
        self._book(filename, override)
        return _PendingFile(self, os.path.relpath(filename, self.output_path), encoding)


def recycle(folder: Path, record: dict[str, Written], trash: Path) -> dict[str, int]:
    """Make ``folder``, a finished build whose Writer wrote the files of ``record``, ready
    to be built over, its folders already made: keep those files, move every other
    file and folder (static files, Pagefind's index) into ``trash``; return the files
    kept, each with its inode."""
    folders = set()  # every folder that holds one of them, however deep
    for name in record:
        while name := os.path.dirname(name):
            folders.add(name)
    kept: dict[str, int] = {}
    moved = 0

    def visit(path: str, prefix: str) -> None:
        nonlocal moved
        with os.scandir(path) as entries:
            for entry in entries:
                name = prefix + entry.name
                if entry.is_dir(follow_symlinks=False) and name in folders:
                    visit(entry.path, name + os.sep)
                elif name in record and entry.is_file(follow_symlinks=False):
                    kept[name] = entry.inode()
                else:
                    if not moved:
                        trash.mkdir()
                    os.rename(entry.path, trash / str(moved))
                    moved += 1

    visit(str(folder), "")
    return kept


class _Reusable:
    """A template whose rendering is skipped when the last build's file will do."""

    def __init__(self, template: Template, writer: ReusingWriter) -> None:
        self.template, self.writer = template, writer

    def __getattr__(self, name):
        return getattr(self.template, name)

    def render(self, context: dict) -> str:
        fingerprint = self.writer.fingerprints.page(self.template, context)
        if self.writer.reusable(context["output_file"], fingerprint):
            return REUSE
        self.writer.rendered += 1
        return self.template.render(context)


class _Reuse(str):
    """What ``_Reusable.render`` returns instead of a page: link the last build's file."""


REUSE = _Reuse("")


class _PendingFile:
    """A file of the new output, linked from the last build when its bytes are the same."""

    def __init__(self, writer: ReusingWriter, name: str, encoding: str) -> None:
        self.writer, self.name, self.encoding = writer, name, encoding
        self.parts: list = []  # str from templates, bytes from feeds

    def write(self, text: str | bytes) -> int:
        self.parts.append(text)
        return len(text)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        if exc_info[0] is not None:
            return
        writer = self.writer
        if self.parts == [REUSE]:
            writer.reused += 1
            writer._link(self.name)
            return
        data = b"".join(part if isinstance(part, bytes) else part.encode(self.encoding)
                        for part in self.parts)
        if writer.previous and self.name in writer.earlier \
                and _same_bytes(os.path.join(writer.previous, self.name), data) \
                and writer._unchanged(self.name, writer.earlier[self.name]):
            writer._link(self.name)
            return
        target = os.path.join(writer.output_path, self.name)
        try:
            file = open(target, "xb")  # noqa: SIM115: never through a link to the last build
        except FileExistsError:
            os.unlink(target)
            file = open(target, "xb")  # noqa: SIM115
        with file:
            file.write(data)
        writer._record(self.name)


def _same_bytes(path: str, data: bytes) -> bool:
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as file:
            return file.read() == data
    except OSError:
        return False
