"""The command line's per-file helpers, below every command module (cli.py, cli_jobs.py,
commands.py, cli_corpus.py import this; it imports none of them): the settings and options of a
file (config file + command line) and the documents read from the arguments. Imports go one way,
from the command line down: cli.py -> commands.py / cli_jobs.py -> cli_docs.py -> engines."""
from __future__ import annotations

import argparse
import sys

from .formats import InputError, adapter_name, adapter_names, load_document, read_path
from .options import Options, parse_codes


def _cli_values(a: argparse.Namespace) -> dict:
    """Command-line values, keyed like the config file; absent flags are left out so the config
    file (or the default) decides them."""
    def codes(name: str):
        value = getattr(a, name, None)
        return None if value is None else list(parse_codes(value) or ())

    lt = getattr(a, "languagetool", None)
    if lt is not None:
        from .config import languagetool_value

        lt = languagetool_value(lt, "command line: --languagetool") or False
    from .config import _lang, _target   # an unknown --source-lang is one error line, as in a config file
    return {"select": codes("select"), "ignore": codes("ignore"), "extend-select": codes("extend_select"),
            "source-lang": _lang(a.source_lang, "command line: --source-lang")
            if getattr(a, "source_lang", None) else None,
            "target-lang": _target(a.target_lang, "command line: --target-lang")
            if getattr(a, "target_lang", None) else None,
            "target-locale": getattr(a, "target_locale", None), "fail-on": getattr(a, "fail_on", None),
            "unsafe-fixes": getattr(a, "unsafe_fixes", None), "glossary": getattr(a, "glossary", None),
            "languagetool": lt}


def _settings(a: argparse.Namespace, path: str | None = None):
    """The resolved configuration for one file (config found by walking up from it), cached per
    config file for this invocation (on the namespace: in-process callers may run main twice)."""
    from .config import settings_for

    cache = a.__dict__.setdefault("_settings_cache", {})
    config, isolated = getattr(a, "config", None), getattr(a, "isolated", False)
    where = None if path in (None, "-") else path
    key = ("fixed", config, isolated) if (config or isolated) else _config_file(a, where)
    if key not in cache:
        cache[key] = settings_for(where, _cli_values(a), config=config, isolated=isolated)
    return cache[key]


def _config_file(a: argparse.Namespace, where: str | None):
    """``find_config(where)``, walked once per folder for this invocation: a run over 400 files
    of one folder asked the file system about every config name in every parent folder ~3 times
    a file (a sixth of the parent's time under --jobs). A regular file (not a symlink, which
    find_config resolves to its target's folder) has the config of the folder it is in."""
    import os
    import stat

    from .config import find_config

    key = where
    if where is not None:
        try:
            if stat.S_ISREG(os.lstat(where).st_mode):
                key = ("folder", os.path.dirname(where))
        except OSError:
            pass
    cache = a.__dict__.setdefault("_config_cache", {})
    if key not in cache:
        cache[key] = find_config((os.path.dirname(where) or ".") if key != where else where)
    return cache[key]


def _options(a: argparse.Namespace, path: str | None = None, *, languagetool: bool = False) -> Options:
    """Options for one file: config file + command line. LanguageTool only where asked (check):
    its suggestions are never applied, so fix and score would only wait for it."""
    from dataclasses import replace

    options = _settings(a, path).options(path)
    # One translation memory per run: MT706 compares the files checked together.
    memory = a.__dict__.setdefault("_translation_memory", {})
    return replace(options, extra={**(options.extra if languagetool else {}), "translation_memory": memory})


def _err(msg: str) -> None:
    print(f"mtfix: error: {msg}", file=sys.stderr)


def _documents(a: argparse.Namespace, stream: bool = False):
    """Documents to process; with ``stream`` (check) a PO/POT file is a StreamedFile read
    entry by entry, so a 50 MB catalogue is checked in bounded memory."""
    from .runner import expand_paths

    from .cli_inputs import report_skipped

    exts = {e for name in adapter_names() for e in _adapter_exts(name)}
    verbose = getattr(a, "verbose", False)
    for item in expand_paths(a.paths, a.recursive, exts, no_ignore=getattr(a, "no_ignore", False),
                             skipped=lambda path, why: report_skipped(path, why, verbose)):
        yield _document(a, item, stream)


def _document(a: argparse.Namespace, item, stream: bool = False):
    """One item of ``expand_paths`` read as a document (or the InputError that stops it)."""
    if isinstance(item, InputError):
        return item
    from .cli_inputs import refuse_unknown, source_side_format, stdin_format, to_source_side

    try:
        if item == "-":
            data = sys.stdin.buffer.read()
            fmt = stdin_format(a.stdin_filename, data, a.format_in)
            return to_source_side(a, load_document(a.stdin_filename, data, source_side_format(a, a.stdin_filename)
                                                   if fmt is None else "po-msgid" if fmt == "po" and a.side == "source" else fmt))
        if not a.format_in:
            refuse_unknown(item)
        streamed = None
        fmt = source_side_format(a, item)
        # (only a PO file streams: other formats do not import PO support, polib)
        if stream and adapter_name(item, fmt) in ("po", "po-all"):
            from .formats.po_stream import open_streamed

            streamed = open_streamed(item, fmt)
        return streamed if streamed is not None else to_source_side(a, read_path(item, fmt))
    except InputError as e:
        return e


def _adapter_exts(name: str) -> tuple[str, ...]:
    from .formats import adapter_extensions

    return adapter_extensions(name)
