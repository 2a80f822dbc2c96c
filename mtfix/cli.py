"""The ``mtfix`` command: check, fix, score, rules. ruff-like output and exit codes:
0 clean, 1 issues (check) or changes (fix --diff), 2 usage or input error."""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Sequence

from .formats import InputError, adapter_names, write_atomic
from .ruledata import RuleDataError, registry
from .glossary import GlossaryError
from .cli_docs import _adapter_exts, _cli_values, _config_file, _document, _documents, _err, _options, \
    _settings  # noqa: F401  (the per-file helpers every command uses, below the command line)

EXIT_OK, EXIT_ISSUES, EXIT_ERROR = 0, 1, 2


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    from . import __version__

    p = argparse.ArgumentParser(prog="mtfix", description="Find and fix machine-translation artefacts in English text.")
    p.add_argument("--version", action="version", version=f"mtfix {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    _build_only_used(sub, argv)

    def common(sp: argparse.ArgumentParser) -> None:
        # No prefix matching: `check --source FILE` had been read as `--source-lang FILE` (only
        # `score` takes a source file), and the error then blamed an unknown language.
        sp.allow_abbrev = False
        sp.add_argument("paths", nargs="*", metavar="PATH", help="files to read; '-' reads standard input")
        sp.add_argument("-r", "--recursive", action="store_true", help="check the files inside directories")
        sp.add_argument("--no-ignore", action="store_true",
                        help="with -r, also enter what .gitignore ignores, hidden folders and node_modules/")
        sp.add_argument("--select", help="only these rule codes or prefixes (comma-separated, e.g. MT3,MT201)")
        sp.add_argument("--ignore", help="skip these rule codes or prefixes")
        sp.add_argument("--extend-select", help="add these rule codes or prefixes to the selection")
        sp.add_argument("--source-lang", help="language(s) of the source text (ru, de, zh, fr, es...; "
                        "several as ru,zh; auto: guessed from the source text or the calques)")
        sp.add_argument("--target-lang", help="language of the translation (default: each file's "
                        "metadata or path, else detected from its text, else en)")
        sp.add_argument("--target-locale", choices=["en-US", "en-GB"], help="regional spelling (default en-US)")
        sp.add_argument("--config", metavar="FILE", help="use this config file instead of searching for one")
        sp.add_argument("--isolated", action="store_true", help="ignore every config file")
        sp.add_argument("--languagetool", metavar="URL|local|off",
                        help="also run a LanguageTool server's checks (check only; default: off)")
        sp.add_argument("--glossary", metavar="PATH",
                        help="CSV (source,target) or TBX glossary for the source-aware check MT705")
        sp.add_argument("--format-in", choices=adapter_names(), help="input format (default: by extension)")
        sp.add_argument("--stdin-filename", default="-", help="name to report for standard input")
        sp.add_argument("-v", "--verbose", action="store_true", help="say which files -r skipped and why, and each file's target language and why")
        from .cli_inputs import add_format_options, add_output_options

        add_output_options(sp)
        add_format_options(sp)
        sp.add_argument("-j", "--jobs", type=int, metavar="N",
                        help="process files in N worker processes (0: one per core; default: one per "
                             "core when there are several files); the output is the same as with 1")

    c = sub.add_parser("check", help="report issues")
    common(c)
    c.add_argument("--format", choices=["text", "json", "github", "sarif", "html"], default="text",
                   help="output format (json schema: see README; html: one self-contained page to review)")
    c.add_argument("--fail-on", choices=["error", "warning", "info", "never"],
                   help="exit 1 when issues of this severity or worse remain (default: warning)")
    c.add_argument("--show-suppressed", action="store_true", help="also list issues silenced by mtfix directives")
    c.add_argument("--statistics", action="store_true", help="print counts per rule instead of each issue")
    c.add_argument("--baseline", metavar="FILE",
                   help="report only findings not recorded in FILE (matched by rule, file and the text "
                        "around them, not by line)")
    c.add_argument("--update-baseline", action="store_true",
                   help="record every finding of this run in the --baseline FILE and exit 0")
    f = sub.add_parser("fix", help="show (default) or apply the safe fixes as a unified diff")
    common(f)
    mode = f.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff (default); exit 1 if anything would change")
    mode.add_argument("--write", action="store_true", help="apply the fixes in place (atomically)")
    f.add_argument("--unsafe-fixes", action="store_true", default=None,
                   help="also apply suggested (unsafe) fixes")
    s = sub.add_parser("score", help="fluency score per file (0-100)")
    common(s)
    s.add_argument("--sentences", action="store_true", help="list each sentence with its score, worst first")
    s.add_argument("--source", metavar="FILE",
                   help="the source text of a plain-text or Markdown file (PO/XLIFF carry their own)")
    s.add_argument("--format", choices=["text", "json", "jsonl", "tsv"], default="text",
                   help="jsonl, tsv: one line per segment of a corpus (TSV, JSONL, TMX), streamed")
    _corpus_parsers(sub, s, common)
    r = sub.add_parser("rules", help="list every rule")
    r.add_argument("--pack", help="only rules of this pack (en, ru-en, ...)")
    r.add_argument("--format", choices=["text", "json"], default="text")
    cf = sub.add_parser("config", help="print the resolved configuration and where each value comes from")
    common(cf)
    cf.add_argument("--format", choices=["text", "json"], default="text")
    rv = sub.add_parser("review", help="decide on each suggestion in turn (y/n/a/e/q) and write what you accept")
    common(rv)
    e = sub.add_parser("explain", help="describe a rule: what it finds, why MT produces it, examples")
    e.add_argument("code", metavar="CODE", help="a rule code such as MT301 (or a phrase-pack entry id)")
    return p


def _corpus_parsers(sub, score, common) -> None:
    """The corpus arguments of ``score`` and the ``filter`` command (mtfix/cli_corpus.py)."""
    from .cli_corpus import add_filter_args, add_score_args

    add_score_args(score)
    # conflict_handler="resolve": filter's -o is the kept segments' file (as OpusFilter users
    # expect), so the common --output-file keeps only its long name here.
    fl = sub.add_parser("filter", help="keep the segments of a corpus (TSV, JSONL, TMX) that pass",
                        conflict_handler="resolve")
    common(fl)
    add_filter_args(fl)


class _Unused:
    """The parser of a command this run does not use: not built (argparse spends ~30 us on each
    argument, ~3 ms for all commands, of a pre-commit run on one file)."""

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: self


def _build_only_used(sub, argv: Sequence[str] | None) -> None:
    """When the command line starts with a command, only that command's arguments are built (its
    help and errors are the same); otherwise (``--help``, ``--version``, a typo) all of them."""
    first = list(sys.argv[1:] if argv is None else argv)[:1]
    if not first or first[0] not in COMMANDS:
        return
    add_parser = sub.add_parser

    def add_used_parser(name: str, **kw):
        return add_parser(name, **kw) if name == first[0] else _Unused()

    sub.add_parser = add_used_parser


def cmd_check(a: argparse.Namespace) -> int:
    from . import output
    from .cli_jobs import check_task, in_jobs

    if a.format == "html":
        return _check_html(a)
    report = output.Report()
    status, failing, malformed = EXIT_OK, False, 0
    colour = a.format == "text" and output.use_colour(sys.stdout)
    stream = a.format == "text" and not a.statistics     # print as each file is done
    baseline = None
    if a.update_baseline and not a.baseline:
        _err("--update-baseline needs --baseline FILE (where to record the findings)")
        return EXIT_ERROR
    if a.baseline:
        from .baseline import Baseline, BaselineError

        try:
            baseline = Baseline(a.baseline, a.update_baseline)
        except BaselineError as e:
            _err(str(e))
            return EXIT_ERROR
    _precount(a)
    for doc, results, late in in_jobs(a, check_task, stream=True):
        if isinstance(doc, InputError):
            _err(str(doc))
            status = EXIT_ERROR
            continue
        settings = _settings(a, doc.path)
        report.n_files += 1
        malformed += getattr(doc, "malformed", 0)
        _collect_for_hint(a, doc, _options(a, doc.path))
        fail_on = settings.fail_on          # per file: each file may have its own config
        first_suppressed = len(report.suppressed)
        checked = 0
        try:
            for res in results:
                checked += res.checked
                report.checked += res.checked
                if baseline is not None:
                    res.issues = baseline.new(res.issues, res.contexts)
                report.issues.extend(res.issues)
                report.suppressed.extend(res.suppressed)
                report.ends.update(res.ends)
                failing |= fail_on is not None and any(i.severity >= fail_on for i in res.issues)
                a._failing = failing    # a broken pipe (``| head``) keeps exit 1 (main)
                if stream:
                    for i in res.issues:
                        print(output.text_line(i, colour))
            if late is not None:
                raise late
        except InputError as e:         # a streamed file that became unreadable half-way
            _err(str(e))
            status = EXIT_ERROR
        else:
            if not checked:
                report.unchecked.append(doc.path)
            # (known once the file is read through: a streamed PO file counts as it goes)
            for why, n in (getattr(doc, "skipped", None) or {}).items():
                report.skipped[why] = report.skipped.get(why, 0) + n
        if stream and a.show_suppressed:    # after the file's issues, as for a whole file
            for i in report.suppressed[first_suppressed:]:
                print(output.text_line(i, colour, suppressed=True))
    if baseline is not None:
        report.baselined = baseline.matched
        if a.update_baseline:
            try:
                n = baseline.write()
            except BaselineError as e:
                _err(str(e))
                return EXIT_ERROR
            print(f"Recorded {n} finding{'s' * (n != 1)} in the baseline {a.baseline}.", file=sys.stderr)
            report.issues, failing = [], False
            if a.format == "text" and not a.statistics:
                return status
    if a.statistics:
        output.write_statistics(report, sys.stdout, a.format)
    elif a.format == "json":
        output.write_json(report, sys.stdout, a.show_suppressed)
    elif a.format == "github":
        output.write_github(report, sys.stdout)
    elif a.format == "sarif":
        reg = registry(_options(a).rule_packs)
        output.write_sarif(report, sys.stdout, a.show_suppressed, reg.rules.get)
    elif report.n_files or status == EXIT_OK:    # every input failed: no "All clear" on stdout
        output.write_summary(report, sys.stdout, colour, a.show_suppressed)
    if a.format == "text" and not a.statistics:     # --statistics stays a table
        _print_hint(a, sys.stdout)
    if malformed:       # each was one line above; the run went on, and it ends in exit 2
        _err(f"{malformed} malformed record{'s' * (malformed != 1)} skipped")
        status = EXIT_ERROR
    if status == EXIT_OK and failing:
        status = EXIT_ISSUES
    return status


from .commands import _check_html, _collect_for_hint, _entry_ids, _fix_summary, _precount, _print_hint, \
    cmd_review  # noqa: E402,F401  (they use the helpers above)


def cmd_fix(a: argparse.Namespace) -> int:
    from .cli_jobs import fix_task, in_jobs

    status, changed = EXIT_OK, 0
    n_files = n_fixes = n_left = malformed = 0
    reviewable: list[str] = []
    for doc, res in in_jobs(a, fix_task):
        if isinstance(doc, InputError):
            _err(str(doc))
            status = EXIT_ERROR
            continue
        malformed += getattr(doc, "malformed", 0)
        left = sum(1 for i in res.remaining if i.suggestions or i.fix is not None)
        if not res.changed:
            if a.write and doc.path == a.stdin_filename and "-" in a.paths:
                sys.stdout.write(doc.text)
            n_files, n_left = n_files + 1, n_left + left
            reviewable += [doc.path] * bool(left)
            _collect_for_hint(a, doc, _options(a, doc.path))
            continue
        if a.write and doc.path == a.stdin_filename and "-" in a.paths:
            sys.stdout.write(res.new_text)
        elif a.write:
            try:
                write_atomic(doc.path, doc.encode(res.new_text), getattr(doc, "stamp", None))
            except InputError as e:     # read-only, changed since it was read, not a regular file
                _err(str(e))
                status = EXIT_ERROR
                continue
            except OSError as e:
                _err(f"{doc.path}: cannot write ({e.strerror}); file left unchanged")
                status = EXIT_ERROR
                continue
            n = sum(len(e) for e in res.edits)
            print(f"Fixed {doc.path} ({n} edit{'s' * (n != 1)})", file=sys.stderr)
        else:
            sys.stdout.write(res.diff())
        # Counted only once done: a file whose write was refused is in no summary.
        changed += 1
        n_files, n_left, n_fixes = n_files + 1, n_left + left, n_fixes + sum(len(e) for e in res.edits)
        reviewable += [doc.path] * bool(left)
        _collect_for_hint(a, doc, _options(a, doc.path))
    if n_files:
        # On stderr: the diff on stdout stays a patch, and `fix --write -` stays the text.
        sys.stdout.flush()
        print(_fix_summary(a, n_files, n_fixes, changed, n_left, reviewable), file=sys.stderr)
        _print_hint(a, sys.stderr)
    if malformed:       # left as they are, each reported above; the run ends in exit 2
        _err(f"{malformed} malformed record{'s' * (malformed != 1)} skipped")
        status = EXIT_ERROR
    if not a.write and status == EXIT_OK and changed:
        return EXIT_ISSUES
    return status


def cmd_score(a: argparse.Namespace) -> int:
    from .cli_jobs import in_jobs, score_task

    if a.output_dir and a.format not in ("jsonl", "tsv"):
        _err("--output-dir writes a corpus's scores: give --format jsonl or tsv")
        return EXIT_ERROR
    if a.format in ("jsonl", "tsv"):
        from .cli_corpus import run_score

        return run_score(a, _options(a, a.paths[0]))
    a._score_source = None      # read once here; score_task (maybe in a worker) uses it
    if a.source:
        try:
            a._score_source = Path(a.source).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            _err(f"{a.source}: cannot read the source: {e}")
            return EXIT_ERROR
    status, out = EXIT_OK, []
    for doc, scores in in_jobs(a, score_task):
        if isinstance(doc, InputError):
            _err(str(doc))
            status = EXIT_ERROR
            continue
        out.extend(scores)
    if a.format == "json":
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return status
    for item in out:
        low = "" if item["confidence"] == "high" else f" (confidence {item['confidence']}: {item['confidence_note']})"
        print(f"{item['file']}: {item['score']:.1f}{low}")
        several = len(item["entries"]) > 1 or any(e["key"] or "cue" in e for e in item["entries"])
        for e in item["entries"]:
            if several:
                where = f"cue {e['cue']} {e['time']}" if "cue" in e else (f"[{e['key']}]" if e["key"]
                                                                        else f"line {e['line']}")
                print(f"  {e['score']:5.1f}  {where}")
            if a.sentences:
                for s in e["sentences"]:
                    print(f"  {'  ' if several else ''}{s['score']:5.1f}  line {s['line']}: {s['text']}")
    return status


def cmd_filter(a: argparse.Namespace) -> int:
    from .cli_corpus import run_filter

    return run_filter(a, _options(a, a.paths[0]))


def cmd_rules(a: argparse.Namespace) -> int:
    rules = sorted(registry(_options(a).rule_packs).rules.values(), key=lambda r: r.code)
    if a.pack:
        rules = [r for r in rules if r.pack == a.pack]
        if not rules:
            _err(f"no rule pack named {a.pack!r}")
            return EXIT_ERROR
    if a.format == "json":
        json.dump([{"code": r.code, "name": r.name, "family": r.family, "pack": r.pack,
                    "severity": str(r.severity), "safe": r.safe, "message": r.message,
                    "description": r.description,
                    "targets": "any" if r.targets is None else list(r.targets),
                    "sources": "any" if r.sources is None else list(r.sources)}
                   for r in rules], sys.stdout, indent=2)
        print()
        return EXIT_OK
    import shutil
    import textwrap

    # Wrapped to the terminal (COLUMNS, else 80 off a terminal), continuation lines indented
    # under the description, so a long description never makes a 500-character line.
    width = max(shutil.get_terminal_size((80, 24)).columns, 60)
    for r in rules:
        desc = " ".join((r.description or r.message).split())
        desc = re.split(r"(?<=[a-z)\]'\"”][.;:])\s+(?=[A-Z(“\"])", desc, maxsplit=1)[0]   # its first sentence
        if r.where != "targets en":     # where it holds, when not the English default
            desc += f" [{r.where}]"
        head = f"{r.code}  {r.name:28} {'safe  ' if r.safe else 'unsafe'}  "
        print(textwrap.fill(desc, width, initial_indent=head, subsequent_indent=" " * len(head),
                            break_on_hyphens=False))
    return EXIT_OK


def cmd_config(a: argparse.Namespace) -> int:
    from .config import describe

    path = a.paths[0] if a.paths else None
    settings = _settings(a, path)
    target = None
    if path and path != "-" and os.path.isfile(path):
        target = _corpus_target(a, path, settings.options(path))
        if target is None:
            from .commands import doc_target

            doc = _document(a, path, stream=True)
            if not isinstance(doc, InputError):
                target = doc_target(doc, settings.options(path), why=True)
    if a.format == "json":
        json.dump({"file": str(settings.file) if settings.file else None,
                   "settings": {k: {"value": v, "source": src} for k, v, src in describe(settings)},
                   **({"target": {"lang": target[0], "why": target[1]}} if target else {})},
                  sys.stdout, indent=2)
        print()
        return EXIT_OK
    print(f"# config file: {settings.file or 'none found (defaults)'}")
    for key, value, src in describe(settings):
        shown = "(not set)" if value is None else json.dumps(value, ensure_ascii=False)
        print(f"{key:<16} = {shown:<36} # {src}")
    if path and path != "-" and settings.values["per-file-ignores"]:
        print(f"# ignored for {path}: {', '.join(settings.ignores_for(path)) or 'nothing'}")
    if target:
        print(f"# target language of {path}: {target[0]} ({target[1]})")
    return EXIT_OK


def _corpus_target(a: argparse.Namespace, path: str, options) -> tuple[str, str] | None:
    """(target, why) of a corpus file (TSV, JSONL, TMX, maybe gzipped) as ``score`` and ``filter``
    decide it; None for any other file."""
    from .corpus import corpus_format, file_target

    kind = a.format_in if a.format_in in ("tsv", "jsonl", "tmx") else None
    if a.format_in and kind is None:
        return None
    try:
        kind = corpus_format(path, kind)
        lang, why = file_target(path, options, format_in=kind, target_lang=getattr(a, "target_lang", None))
    except InputError:
        return None
    from .ruledata import lang_base

    return (lang_base(lang) if lang else "named per record", why)


def cmd_explain(a: argparse.Namespace) -> int:
    from .output import explain_rule

    code = a.code.strip()
    reg = registry(_options(a).rule_packs)
    rules = reg.rules
    found = [rules[code.upper()]] if code.upper() in rules else \
        sorted((r for c, r in rules.items() if c.startswith(code.upper()) and len(code) >= 3),
               key=lambda r: r.code)
    try:    # phrase-table entries (issue 4) have ids of their own, not rule codes
        from .checks.phrases import describe_entry
    except ImportError:
        describe_entry = None

    def describe(key: str) -> str | None:
        if describe_entry is None:
            return None
        try:
            return describe_entry(key, reg)      # with the user's own packs
        except TypeError:
            return describe_entry(key)

    if found:
        parts = []
        for r in found:
            text = explain_rule(r)
            entries = describe(r.code) if r.family == "phrases" else None
            if entries:     # a phrase rule is a table: list its entries after the rule itself
                lines = entries.splitlines()
                at = next((k for k, l in enumerate(lines) if l.rstrip().endswith("entries:")), None)
                if at is not None:
                    text += "\n\n" + "\n".join(lines[at:])
            parts.append(text)
        print("\n\n".join(parts))
        return EXIT_OK
    text = describe(code)
    if not text:    # an entry id without its pack prefix: "discuss-about" for en.discuss-about
        texts = [describe(k) for k in _entry_ids(reg, code)]
        text = "\n\n".join(t for t in texts if t)
    if text:
        print(text)
        return EXIT_OK
    if code.upper().startswith("LT:"):
        print(f"{code}: a LanguageTool rule (reported when a LanguageTool server is configured); "
              f"see LanguageTool's own description of rule {code[3:]}.")
        return EXIT_OK
    _err(f"unknown rule code {code} (see `mtfix rules`)")
    return EXIT_ERROR


COMMANDS = {"check": cmd_check, "fix": cmd_fix, "score": cmd_score, "review": cmd_review, "rules": cmd_rules,
            "config": cmd_config, "explain": cmd_explain, "filter": cmd_filter}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser(argv)
    a = parser.parse_args(argv)
    if not a.command:
        parser.print_help()
        return EXIT_ERROR
    if a.command in ("check", "fix", "score", "review", "filter") and not a.paths:
        _err(f"{a.command}: give at least one PATH (or '-' for standard input)")
        return EXIT_ERROR
    from .config import ConfigError

    try:
        if a.command in ("check", "fix", "score", "review", "filter"):
            # Validate the command line (and the config of the first file) before any output.
            first = a.paths[0] if a.paths[0] != "-" else a.stdin_filename
            _settings(a, first)
            glossary = _options(a, first).glossary
            if glossary:
                from .glossary import load

                load(glossary)      # a bad glossary: one error line before any output
        from .cli_inputs import apply_colour, apply_format_options, run_to_file

        if a.command == "review" and getattr(a, "output_file", None):
            _err("review: --output-file is not for review (its questions go to the terminal)")
            return EXIT_ERROR
        apply_colour(getattr(a, "color", None))
        apply_format_options(a)
        return run_to_file(getattr(a, "output_file", None), lambda: COMMANDS[a.command](a))
    except ConfigError as e:
        _err(str(e))
        return EXIT_ERROR
    except RuleDataError as e:
        _err(f"rule data: {e}")
        return EXIT_ERROR
    except GlossaryError as e:
        _err(str(e))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _broken_pipe(a)


def _broken_pipe(a: argparse.Namespace) -> int:
    """The reader went away (``mtfix check ... | head -1``): exit as the run found so far (1
    when issues were printed), and point stdout at /dev/null so the exit flush raises nothing."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_ISSUES if getattr(a, "_failing", False) else EXIT_OK


def entry() -> None:
    # No cyclic garbage collector in the command's process: a run loads its tables once and keeps
    # them, and its analysis objects form no reference cycles (reference counting frees them; a
    # 1 MB check leaves ~700 objects to the collector, all from start-up, at the same peak RSS).
    # The collector would only walk the live objects again and again: ~5% of a one-file pre-commit
    # run, ~7% of a 1 MB check. Library callers (mtfix.check) keep theirs.
    import gc

    gc.disable()
    sys.exit(main())
