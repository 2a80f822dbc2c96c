"""YAML locale files: Rails (``de:`` at the root, ``%{name}`` interpolation), i18next and
vue-i18n nesting. Each string value is a segment keyed by its dotted path.

Read with PyYAML's composer (already a dependency for the rule packs), which gives every scalar
its position and style without building any object (no tags are constructed, so nothing a file
says is executed). A fix is spliced into the scalar as it is written: plain and quoted scalars on
one line (``''`` and the double-quoted escapes kept), block and folded scalars line by line (a
quoted value with escapes over several lines is left out). Anchors, aliases, merge keys and comments
stay as they were: an aliased value is checked once, where it is anchored. After a write the
file is read back with PyYAML and each value must be the fixed text, or the write is refused.
The target language is the Rails root key, else the folder (``locales/de/``) or file name
(``de.yml``, ``app_de.yml``).
"""
from __future__ import annotations

import os
import re
from typing import Sequence

from ..model import Edit, Segment
from . import Document, InputError, register
from ._escaped import STYLES, LineIndex, splice
from ._keyed import aligned_literals, folder_lang, keyed_segment, lang_code, suffix_lang

STYLES["yaml-dq"] = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.S)
STYLES["yaml-sq"] = re.compile(r"''")
_DQ = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
       "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
       "L": "\u2028", "P": "\u2029"}
_STR = "tag:yaml.org,2002:str"
_PROPERTIES = re.compile(r"(?:[&!][^\s]*\s+)+")
MAX_DEPTH = 200


def _unescape_dq(m: re.Match) -> str:
    esc = m.group()
    if esc[1] in "xuU":
        return chr(int(esc[2:], 16))
    return _DQ.get(esc[1], esc)


def _escape_dq(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t"))


def _escape_sq(text: str) -> str:
    return text.replace("'", "''")


def _compose(text: str, path: str):
    import yaml

    try:
        return list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise InputError(f"{path}{where}: not valid YAML ({e.problem or e.context})") from None
    except yaml.YAMLError as e:
        raise InputError(f"{path}: not valid YAML ({str(e).splitlines()[0] if str(e) else 'unreadable'})") from None
    except RecursionError:
        raise InputError(f"{path}: not supported: YAML nested too deeply") from None


def _scalars(node, names: list, out: list, seen: set) -> None:
    """(dotted key, scalar node) for every string value under ``node``; each node once."""
    import yaml

    if id(node) in seen or len(names) > MAX_DEPTH:
        return
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR and names:
            out.append((".".join(names), node))
    elif isinstance(node, yaml.SequenceNode):
        for k, item in enumerate(node.value):
            _scalars(item, names + [str(k)], out, seen)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else "?"
            if name == "<<":
                continue        # a merge key: the merged values are checked where anchored
            _scalars(value, names + [str(name)], out, seen)


def _literals(text: str, node) -> tuple[list, str] | None:
    """The literals of a scalar in the file and their style, or None when it is not spliceable
    (a quoted value with escapes over several lines)."""
    s, e, style = node.start_mark.index, node.end_mark.index, node.style
    prefix = _PROPERTIES.match(text, s, e)      # (a node's mark starts at its anchor or tag)
    if prefix:
        s = prefix.end()
    if style in ('"', "'"):
        if s >= e or text[s] != style:
            return None
        if "\n" not in text[s:e]:
            return [(s + 1, e - 1)], ("yaml-dq" if style == '"' else "yaml-sq")
        s, e = s + 1, e - 1
    elif style in ("|", ">"):
        s = text.find("\n", s, e) + 1
        if s == 0:
            return None
    # Folded lines: the line break and indentation a fold drops are left out of the literals
    # (the space a fold makes maps to one of the indentation's); _verify catches the rest.
    lits = aligned_literals(text, s, e, node.value)
    return (lits, "raw") if lits is not None else None


def file_lang(path: str, roots: list) -> str | None:
    import yaml

    for root in roots:
        if isinstance(root, yaml.MappingNode) and len(root.value) == 1:
            key = root.value[0][0]
            if isinstance(key, yaml.ScalarNode) and len(key.value) <= 10:
                code = lang_code(key.value)
                if code is not None:
                    return code
    stem = os.path.splitext(os.path.basename(path))[0]
    return folder_lang(path) or suffix_lang(path) or (lang_code(stem) if len(stem) <= 10 else None)


def looks_like_locale(path: str, head: str) -> bool:
    """Whether a YAML file found by ``-r`` is a locale file (not CI or app configuration): a
    language root key, or a language as its name or folder."""
    stem = os.path.splitext(os.path.basename(path))[0]
    if re.match(r"(?:---[^\n]*\n|#[^\n]*\n|\s*\n)*['\"]?[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?['\"]?:\s*(?:#[^\n]*)?\n", head):
        return True
    return bool(lang_code(stem) and len(stem) <= 10 or folder_lang(path) and
                re.search(r"(?:^|[\\/])(?:locales?|i18n|translations|lang)(?:[\\/]|$)", os.path.dirname(os.path.abspath(path))))


class YamlAdapter:
    name = "yaml"
    extensions = (".yml", ".yaml")

    def segments(self, text: str, path: str) -> list[Segment]:
        from .jsonfile import i18n_protected

        roots = [r for r in _compose(text, path) if r is not None]
        target = file_lang(path, roots)
        found: list = []
        seen: set = set()
        for root in roots:
            _scalars(root, [], found, seen)
        lines = LineIndex(text)
        out: list[Segment] = []
        for key, node in found:
            value = node.value
            if not value.strip():
                continue
            got = _literals(text, node)
            if got is None:
                continue        # (escapes over several lines: not spelled in the file as read)
            lits, style = got
            out.append(keyed_segment(value, lits, path, key, lines, text, style, i18n_protected(value), target))
        return out

    def rebuild(self, doc: Document, edits: Sequence[Sequence[Edit]]) -> str:
        new = splice(doc.text, doc.segments, edits,
                     {"raw": lambda t: t, "yaml-sq": _escape_sq, "yaml-dq": _escape_dq}, None)
        self._verify(doc, edits, new)
        return new

    def _verify(self, doc: Document, edits, new: str) -> None:
        """The rewritten file must read back with the same keys and each value as fixed."""
        from ..fixer import apply_edits

        try:
            roots = [r for r in _compose(new, doc.path) if r is not None]
        except InputError:
            roots = []
        found: list = []
        seen: set = set()
        for root in roots:
            _scalars(root, [], found, seen)
        values = {key: node.value for key, node in found}
        for seg, seg_edits in zip(doc.segments, edits):
            want = apply_edits(seg.text, list(seg_edits)) if seg_edits else seg.text
            if values.get(seg.location.key) != want:
                raise InputError(f"{doc.path}: a fix to {seg.location.key!r} would change the YAML "
                                 f"structure; not written (quote the value first)")


register(YamlAdapter())
