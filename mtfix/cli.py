"""The ``mtfix`` command: check, fix, score, rules. ruff-like output and exit codes:
0 clean, 1 issues (check) or changes (fix --diff), 2 usage or input error."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from .formats import InputError, adapter_names, load_document, read_path, write_atomic
from .model import Severity
from .options import Options, parse_codes
from .ruledata import RuleDataError, registry

EXIT_OK, EXIT_ISSUES, EXIT_ERROR = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog="mtfix", description="Find and fix machine-translation artefacts in English text.")
    p.add_argument("--version", action="version", version=f"mtfix {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("paths", nargs="*", metavar="PATH", help="files to read; '-' reads standard input")
        sp.add_argument("-r", "--recursive", action="store_true", help="check the files inside directories")
        sp.add_argument("--select", help="only these rule codes or prefixes (comma-separated, e.g. MT3,MT201)")
        sp.add_argument("--ignore", help="skip these rule codes or prefixes")
        sp.add_argument("--source-lang", help="language of the source text (ru, de, zh, fr, es...)")
        sp.add_argument("--target-locale", default="en-US", choices=["en-US", "en-GB"], help="regional spelling")
        sp.add_argument("--format-in", choices=adapter_names(), help="input format (default: by extension)")
        sp.add_argument("--stdin-filename", default="-", help="name to report for standard input")

    c = sub.add_parser("check", help="report issues")
    common(c)
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.add_argument("--fail-on", choices=["error", "warning", "info", "never"], default="warning",
                   help="exit 1 when issues of this severity or worse remain (default: warning)")
    f = sub.add_parser("fix", help="show (default) or apply the safe fixes as a unified diff")
    common(f)
    mode = f.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff (default); exit 1 if anything would change")
    mode.add_argument("--write", action="store_true", help="apply the fixes in place (atomically)")
    f.add_argument("--unsafe-fixes", action="store_true", help="also apply suggested (unsafe) fixes")
    s = sub.add_parser("score", help="fluency score per file (0-100)")
    common(s)
    s.add_argument("--sentences", action="store_true", help="list each sentence with its score, worst first")
    s.add_argument("--format", choices=["text", "json"], default="text")
    r = sub.add_parser("rules", help="list every rule")
    r.add_argument("--pack", help="only rules of this pack (en, ru-en, ...)")
    r.add_argument("--format", choices=["text", "json"], default="text")
    return p


def _options(a: argparse.Namespace) -> Options:
    return Options(select=parse_codes(a.select), ignore=parse_codes(a.ignore) or (),
                   source_lang=a.source_lang.lower() if a.source_lang else None,
                   target_locale=a.target_locale, unsafe=getattr(a, "unsafe_fixes", False))


def _err(msg: str) -> None:
    print(f"mtfix: error: {msg}", file=sys.stderr)


def _documents(a: argparse.Namespace):
    from .runner import expand_paths

    exts = {e for name in adapter_names() for e in _adapter_exts(name)}
    for item in expand_paths(a.paths, a.recursive, exts):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            if item == "-":
                yield load_document(a.stdin_filename, sys.stdin.buffer.read(), a.format_in)
            else:
                yield read_path(item, a.format_in)
        except InputError as e:
            yield e


def _adapter_exts(name: str) -> tuple[str, ...]:
    from .formats import _REGISTRY

    return _REGISTRY[name].extensions


def cmd_check(a: argparse.Namespace) -> int:
    from .runner import check_document

    options = _options(a)
    fail_on = None if a.fail_on == "never" else Severity.parse(a.fail_on)
    status, n_files, all_issues = EXIT_OK, 0, []
    for doc in _documents(a):
        if isinstance(doc, InputError):
            _err(str(doc))
            status = EXIT_ERROR
            continue
        n_files += 1
        res = check_document(doc, options)
        all_issues.extend(res.issues)
        if a.format == "text":
            for i in res.issues:
                loc = i.location
                sugg = f" (suggestion: {' | '.join(i.suggestions[:3])})" if i.suggestions else ""
                print(f"{loc.path}:{loc.line}:{loc.column}: {i.code} {i.message}{sugg}")
    if a.format == "json":
        json.dump([i.to_dict() for i in all_issues], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        fixable = sum(1 for i in all_issues if i.fix is not None and i.safe)
        if all_issues:
            print(f"Found {len(all_issues)} issue{'s' * (len(all_issues) != 1)} in {n_files} "
                  f"file{'s' * (n_files != 1)} ({fixable} fixable with `mtfix fix`).")
        else:
            print(f"All clear: no issues in {n_files} file{'s' * (n_files != 1)}.")
    if status == EXIT_OK and fail_on is not None and any(i.severity >= fail_on for i in all_issues):
        status = EXIT_ISSUES
    return status


def cmd_fix(a: argparse.Namespace) -> int:
    from .runner import fix_document

    options = _options(a)
    status, changed = EXIT_OK, 0
    for doc in _documents(a):
        if isinstance(doc, InputError):
            _err(str(doc))
            status = EXIT_ERROR
            continue
        res = fix_document(doc, options)
        if not res.changed:
            if a.write and doc.path == a.stdin_filename and "-" in a.paths:
                sys.stdout.write(doc.text)
            continue
        changed += 1
        if a.write:
            if doc.path == a.stdin_filename and "-" in a.paths:
                sys.stdout.write(res.new_text)
                continue
            try:
                write_atomic(doc.path, doc.encode(res.new_text))
            except OSError as e:
                _err(f"{doc.path}: cannot write ({e.strerror}); file left unchanged")
                status = EXIT_ERROR
                continue
            n = sum(len(e) for e in res.edits)
            print(f"Fixed {doc.path} ({n} edit{'s' * (n != 1)})", file=sys.stderr)
        else:
            sys.stdout.write(res.diff())
    if not a.write and status == EXIT_OK and changed:
        return EXIT_ISSUES
    return status


def cmd_score(a: argparse.Namespace) -> int:
    from .scorer import score_text

    options = _options(a)
    status, out = EXIT_OK, []
    for doc in _documents(a):
        if isinstance(doc, InputError):
            _err(str(doc))
            status = EXIT_ERROR
            continue
        for seg in doc.segments:
            sc = score_text(seg, options)
            sents = sorted(sc.sentences, key=lambda s: s.value)
            out.append({"file": doc.path, "key": seg.location.key, "score": sc.value,
                        "sentences": [{"line": seg.position(s.span[0]).line, "start": s.span[0],
                                       "end": s.span[1], "score": s.value, "text": s.text}
                                      for s in sents]})
    if a.format == "json":
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return status
    for item in out:
        key = f" [{item['key']}]" if item["key"] else ""
        print(f"{item['file']}{key}: {item['score']:.1f}")
        if a.sentences:
            for s in item["sentences"]:
                print(f"  {s['score']:5.1f}  line {s['line']}: {s['text']}")
    return status


def cmd_rules(a: argparse.Namespace) -> int:
    rules = sorted(registry().rules.values(), key=lambda r: r.code)
    if a.pack:
        rules = [r for r in rules if r.pack == a.pack]
        if not rules:
            _err(f"no rule pack named {a.pack!r}")
            return EXIT_ERROR
    if a.format == "json":
        json.dump([{"code": r.code, "name": r.name, "family": r.family, "pack": r.pack,
                    "severity": str(r.severity), "safe": r.safe, "message": r.message,
                    "description": r.description} for r in rules], sys.stdout, indent=2)
        print()
        return EXIT_OK
    for r in rules:
        desc = (r.description or r.message).split("\n")[0]
        print(f"{r.code}  {r.name:28} {'safe  ' if r.safe else 'unsafe'}  {desc}")
    return EXIT_OK


COMMANDS = {"check": cmd_check, "fix": cmd_fix, "score": cmd_score, "rules": cmd_rules}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    a = parser.parse_args(argv)
    if not a.command:
        parser.print_help()
        return EXIT_ERROR
    if a.command in ("check", "fix", "score") and not a.paths:
        _err(f"{a.command}: give at least one PATH (or '-' for standard input)")
        return EXIT_ERROR
    try:
        if a.command in ("check", "fix", "score"):
            from .pipeline import unknown_codes

            bad = unknown_codes([*(parse_codes(a.select) or ()), *(parse_codes(a.ignore) or ())], _options(a))
            if bad:
                _err(f"unknown rule code {', '.join(bad)} (see `mtfix rules`)")
                return EXIT_ERROR
        return COMMANDS[a.command](a)
    except RuleDataError as e:
        _err(f"rule data: {e}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def entry() -> None:
    sys.exit(main())
