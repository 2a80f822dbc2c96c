"""Flutter Application Resource Bundles (``.arb``): JSON whose string values are the messages,
keyed by their id. ``@key`` metadata (descriptions, placeholders) and ``@@`` globals are not
messages and are skipped; ICU plural/select skeletons and ``{placeholders}`` are protected (as in
JSON locale files). The target language is ``@@locale``, else the file name's suffix
(``app_de.arb``). Written back as JSON files are: only the fixed characters change."""
from __future__ import annotations

import json
import re
from dataclasses import replace

from ..model import Segment
from . import register
from ._keyed import lang_code, suffix_lang
from .jsonfile import JSONAdapter

_LOCALE = re.compile(r'"@@locale"\s*:\s*("(?:[^"\\]|\\.)*")')


class ARBAdapter(JSONAdapter):
    name = "arb"
    extensions = (".arb",)

    def segments(self, text: str, path: str) -> list[Segment]:
        segs = super().segments(text, path)     # validates the JSON
        m = _LOCALE.search(text)
        target = lang_code(json.loads(m.group(1))) if m else None
        target = target or suffix_lang(path)
        out = []
        for seg in segs:
            key = seg.location.key or ""
            if key.startswith("@"):
                continue
            out.append(replace(seg, target_lang=target) if target else seg)
        return out


register(ARBAdapter())
