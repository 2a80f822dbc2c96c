"""``mtfix check --format html``: one self-contained page to review a run's findings.

Everything is inline (CSS, a little JavaScript, SVG charts), nothing is fetched, so the file
opens offline and can be mailed. Every piece of text that came from a file is escaped with
``html.escape`` and only ever placed in element content or quoted attributes: a translation
that contains ``<script>`` is shown as text, never run. The JavaScript reads the page's own
elements (no data is embedded as code).

Layout: a summary with severity and rule filters and a per-rule bar chart; then per file a
fluency strip (one bar per sentence, coloured by its 0-100 score) and either the file's text
(plain text, Markdown) or a table of entries with source and translation side by side (PO,
XLIFF, JSON, subtitles), with every issue highlighted by severity, its message and suggestions
in a tooltip and, on click, in the detail panel; and the list of the file's issues.
"""
from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import IO, Sequence

from .model import Issue, Segment

_SEVERITIES = ("error", "warning", "info")


@dataclass
class FileView:
    """What the page shows of one file: its segments, their issues and sentence scores."""

    path: str
    segments: Sequence[Segment]
    issues: list[list[Issue]]                       # per segment
    scores: list[list[tuple[int, int, float]]]      # per segment: (start, end, 0-100)
    entries: bool = False                           # table of entries (translation files)
    text: str | None = None                         # the whole file, for text views
    offsets: Sequence[int] = field(default_factory=list)   # where each segment sits in ``text``
    # per segment: (start, end, probability that a post-editor changes the word), from MT802's
    # word model; empty where it does not run (no source, or a target other than English)
    heat: list[list[tuple[int, int, float]]] = field(default_factory=list)


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def _colour(score: float) -> str:
    return f"hsl({max(0.0, min(score, 100.0)) * 1.2:.0f},65%,45%)"


def _tip(issue: Issue) -> str:
    sugg = f" \u2192 {' | '.join(issue.suggestions[:3])}" if issue.suggestions else ""
    return f"{issue.code} {issue.message}{sugg}"


def _highlight(text: str, spans: list[tuple[int, int, int, Issue]]) -> str:
    """``text`` escaped, with each stretch covered by issues in one ``<mark>`` listing them
    (``data-i``); zero-width issues (insertions) get an empty caret mark."""
    cuts = {0, len(text)}
    for s, e, _, _ in spans:
        cuts.update((s, e))
    cuts = sorted(c for c in cuts if 0 <= c <= len(text))
    out = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        for s, e, n, issue in spans:
            if s == e == a:
                out.append(f'<mark class="hl ins sev-{issue.severity}" data-i="{n}" tabindex="0" '
                           f'title="{_e(_tip(issue))}"></mark>')
        if b is None:
            break
        piece = _e(text[a:b])
        cover = [(n, issue) for s, e, n, issue in spans if s < b and a < e]
        if not cover:
            out.append(piece)
            continue
        worst = max(cover, key=lambda t: t[1].severity)[1].severity
        ids = " ".join(str(n) for n, _ in cover)
        tip = "\n".join(_tip(i) for _, i in cover)
        out.append(f'<mark class="hl sev-{worst}" data-i="{ids}" tabindex="0" title="{_e(tip)}">{piece}</mark>')
    return "".join(out)


def _strip(view: FileView) -> str:
    """The fluency strip: one bar per sentence, width by length, colour by score."""
    bars = [(seg, s, e, v) for seg, scores in zip(view.segments, view.scores) for s, e, v in scores]
    total = sum(max(e - s, 1) for _, s, e, _ in bars) or 1
    x, rects = 0.0, []
    for seg, s, e, v in bars:
        w = 1000.0 * max(e - s, 1) / total
        line = seg.position(s).line
        sent = " ".join(seg.text[s:e].split())
        label = f"line {line}: {v:.0f}/100 \u2014 {sent[:160]}"
        rects.append(f'<rect class="sent" x="{x:.2f}" y="0" width="{max(w - 0.6, 0.4):.2f}" height="18" '
                     f'fill="{_colour(v)}" data-score="{v:.1f}"><title>{_e(label)}</title></rect>')
        x += w
    if not rects:
        return ""
    return ('<p class="legend">Fluency per sentence, 0 red to 100 green (hover a bar for its score and text)</p>'
            '<svg class="strip" viewBox="0 0 1000 18" preserveAspectRatio="none" role="img" '
            f'aria-label="fluency per sentence">{"".join(rects)}</svg>')


def _heat(text: str, words: list[tuple[int, int, float]]) -> str:
    """The word heat strip of one entry: one cell per word, width by its length, from pale (a
    post-editor would likely keep it) to red (likely change it); hover shows the probability."""
    if not words:
        return ""
    total = sum(max(e - s, 1) for s, e, _ in words) or 1
    x, rects = 0.0, []
    for s, e, p in words:
        w = 1000.0 * max(e - s, 1) / total
        rects.append(f'<rect class="word" x="{x:.2f}" y="0" width="{max(w - 0.6, 0.4):.2f}" height="8" '
                     f'fill="{_heat_colour(p)}" data-p="{p:.3f}"><title>{_e(text[s:e])}: {p:.0%}</title></rect>')
        x += w
    return ('<svg class="heat" viewBox="0 0 1000 8" preserveAspectRatio="none" role="img" '
            f'aria-label="how likely a post-editor changes each word">{"".join(rects)}</svg>')


def _heat_colour(p: float) -> str:
    p = max(0.0, min(p, 1.0))
    return f"hsl({(1.0 - p) * 50:.0f},{40 + 50 * p:.0f}%,{92 - 42 * p:.0f}%)"


def _issue_item(n: int, issue: Issue) -> str:
    loc = issue.location
    where = f"{loc.line}:{loc.column}" if loc else ""
    sugg = "".join(f"<code>{_e(s)}</code>" for s in issue.suggestions[:5])
    safe = ' <span class="safe">safe fix</span>' if issue.fix is not None and issue.safe else ""
    return (f'<li class="issue sev-{issue.severity}" id="i{n}" data-i="{n}" data-code="{_e(issue.code)}" '
            f'data-sev="{issue.severity}"><span class="where">{_e(where)}</span> '
            f'<b class="code">{_e(issue.code)}</b> <span class="name">{_e(issue.name)}</span>{safe} '
            f'<span class="msg">{_e(issue.message)}</span>'
            + (f' <span class="sugg">\u2192 {sugg}</span>' if sugg else "") + "</li>")


def _file_section(view: FileView, numbered: list[tuple[int, Issue]], k: int) -> str:
    per_seg: list[list[tuple[int, int, int, Issue]]] = []
    it = iter(numbered)
    for seg, issues in zip(view.segments, view.issues):
        n_text = len(seg.text)
        per_seg.append([(min(i.start, n_text), min(max(i.end, i.start), n_text), n, i)
                        for (n, i) in (next(it) for _ in issues)])
    if view.entries:
        has_source = any(seg.source for seg in view.segments)
        head = "<tr><th>where</th>" + ("<th>source</th>" if has_source else "") + "<th>translation</th></tr>"
        rows = []
        heats = view.heat or [[] for _ in view.segments]
        for seg, spans, heat in zip(view.segments, per_seg, heats):
            key = seg.location.key     # a PO key is the msgid: shown only when it says more
            where = f"{seg.location.line}" + (f" <small>{_e(key)}</small>" if key and key != seg.source else "")
            src = f'<td class="src">{_e(seg.source or "")}</td>' if has_source else ""
            rows.append(f'<tr class="entry"><td class="key">{where}</td>{src}'
                        f'<td class="tgt">{_highlight(seg.text, spans)}{_heat(seg.text, heat)}</td></tr>')
        body = f'<table class="entries">{head}{"".join(rows)}</table>'
    else:
        text = view.text if view.text is not None else "\n\n".join(s.text for s in view.segments)
        offsets = view.offsets or _joined_offsets(view.segments)
        spans = [(s + off, e + off, n, i) for off, seg_spans in zip(offsets, per_seg) for s, e, n, i in seg_spans]
        body = f'<div class="text">{_highlight(text, spans)}</div>'
    items = "".join(_issue_item(n, i) for n, i in numbered)
    count = len(numbered)
    legend = ('<p class="legend">Under each translation: how likely a post-editor would change each '
              'word, pale to red (hover a cell for its probability)</p>' if any(view.heat) else "")
    return (f'<section class="file" id="f{k}"><h2>{_e(view.path)} <small>{count} issue'
            f'{"s" * (count != 1)}</small></h2>{_strip(view)}{legend}{body}'
            f'<details open><summary>Issues in this file</summary><ol class="issues">{items}</ol></details></section>')


def _joined_offsets(segments: Sequence[Segment]) -> list[int]:
    out, pos = [], 0
    for s in segments:
        out.append(pos)
        pos += len(s.text) + 2
    return out


def _chart(counts: Counter, names: dict[str, str], sevs: dict[str, str]) -> str:
    if not counts:
        return ""
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top, h = rows[0][1], 20
    bars = []
    for y, (code, n) in enumerate(rows):
        w = 300.0 * n / top
        bars.append(f'<g class="bar" data-code="{_e(code)}" transform="translate(0,{y * h})">'
                    f'<text x="0" y="14">{_e(code)} {_e(names[code])}</text>'
                    f'<rect class="sev-{sevs[code]}" x="260" y="3" width="{w:.1f}" height="14"/>'
                    f'<text x="{266 + w:.1f}" y="14">{n}</text></g>')
    return (f'<svg class="chart" width="620" height="{len(rows) * h}" role="img" '
            f'aria-label="issues per rule">{"".join(bars)}</svg>')


def render(views: list[FileView], title: str = "mtfix report") -> str:
    """The whole page."""
    numbered: list[list[tuple[int, Issue]]] = []
    n = 0
    for v in views:
        flat = []
        for issues in v.issues:
            for i in issues:
                flat.append((n, i))
                n += 1
        numbered.append(flat)
    all_issues = [i for flat in numbered for _, i in flat]
    counts = Counter(i.code for i in all_issues)
    names = {i.code: i.name for i in all_issues}
    sevs = {i.code: str(i.severity) for i in all_issues}
    by_sev = Counter(str(i.severity) for i in all_issues)
    sev_boxes = "".join(f'<label class="sev-{s}"><input type="checkbox" data-sev="{s}" checked> {s} '
                        f'({by_sev[s]})</label>' for s in _SEVERITIES)
    rule_boxes = "".join(f'<label><input type="checkbox" data-code="{_e(c)}" checked> {_e(c)} '
                         f'<span class="name">{_e(names[c])}</span> ({counts[c]})</label>'
                         for c in sorted(counts))
    files = "".join(_file_section(v, flat, k) for k, (v, flat) in enumerate(zip(views, numbered)))
    n_files = len(views)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{_e(title)}</title><style>{_CSS}</style></head>
<body>
<header><h1>{_e(title)}</h1>
<p class="summary"><span id="shown">{n}</span> of {n} issue{"s" * (n != 1)} shown, in {n_files} file{"s" * (n_files != 1)}</p>
<div class="filters"><fieldset><legend>Severity</legend>{sev_boxes}</fieldset>
<fieldset class="rules"><legend>Rules <button type="button" id="all">all</button> <button type="button" id="none">none</button></legend>{rule_boxes}</fieldset>
<div class="chartbox">{_chart(counts, names, sevs)}</div></div></header>
<main>{files}</main>
<aside id="detail" hidden><button type="button" id="close" aria-label="close">\u00d7</button><ol></ol></aside>
<script>{_JS}</script>
</body></html>
"""


def write_html(views: list[FileView], out: IO[str]) -> None:
    out.write(render(views))


def view_of(doc, options, suppressed: list[Issue] | None = None) -> FileView:  # noqa: ANN001 - a formats.Document
    """Check ``doc`` (as ``mtfix check`` does, chunk by chunk) and score its sentences."""
    from .formats import SpanAdapter
    from .pipeline import check_segments
    from .runner import _chunks
    from .scorer import score_text

    per_seg: list[list[Issue]] = []
    for chunk in _chunks(doc.segments):
        per_seg.extend(check_segments(chunk, options, suppressed=suppressed))
    # Scored segment by segment: without the run's translation memory, which counts each
    # segment once, as the check above did.
    alone = replace(options, extra={k: v for k, v in options.extra.items() if k != "translation_memory"})
    scores = [[(sc.span[0], sc.span[1], sc.value) for sc in score_text(seg, alone).sentences]
              for seg in doc.segments]
    text_view = isinstance(doc.adapter, SpanAdapter) and doc.adapter.name in ("text", "markdown")
    heat = [] if text_view else [_word_heat(seg, sents, options) for seg, sents in zip(doc.segments, scores)]
    return FileView(doc.path, doc.segments, per_seg, scores, entries=not text_view,
                    text=doc.text if text_view else None, offsets=doc.offsets if text_view else [],
                    heat=heat)


def _word_heat(seg: Segment, sentences: list[tuple[int, int, float]], options) -> list[tuple[int, int, float]]:  # noqa: ANN001 - Options
    """MT802's word probabilities for each sentence of an entry with a source and an English
    target (the only place the model was fitted for); nothing elsewhere."""
    from .pipeline import target_of

    if not seg.source or target_of(seg, options) != "en":
        return []
    from . import wordmodel
    from .checks.phrases import detect

    lang = options.source_lang or seg.source_lang
    lang = lang.lower().split("-")[0].split("_")[0] if lang else detect(seg.source)
    out = []
    for start, end, _ in sentences:
        out.extend((start + s, start + e, p)
                   for s, e, p in wordmodel.probabilities(seg.text[start:end], seg.source, lang))
    return out


_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#fff;border-bottom:1px solid #ddd;padding:.6em 1.2em}
h1{font-size:1.3em;margin:.2em 0}h2{font-size:1.05em;margin:.2em 0 .4em}h2 small{color:#777;font-weight:normal}
.filters{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}
fieldset{border:1px solid #ddd;border-radius:4px;padding:.3em .6em}
fieldset.rules{max-height:9em;overflow-y:auto;overflow-x:hidden;max-width:30em}fieldset label{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.name{color:#666}main{padding:.6em 1.2em}
.file{background:#fff;border:1px solid #ddd;border-radius:4px;padding:.6em 1em;margin-bottom:1em}
.text{white-space:pre-wrap;font-family:Georgia,serif;font-size:16px;line-height:1.7}
.strip{width:100%;height:18px;display:block;margin:.2em 0 .6em;border-radius:3px}
.legend{margin:0;font-size:.8em;color:#777}
svg.heat{width:100%;height:8px;display:block;margin-top:.2em;border-radius:2px}
mark.hl{background:none;border-bottom:2px solid transparent;cursor:pointer;color:inherit}
mark.hl.on.sev-error{background:#fdd;border-color:#c00}
mark.hl.on.sev-warning{background:#ffefc2;border-color:#d80}
mark.hl.on.sev-info{background:#def;border-color:#38c}
mark.ins.on::after{content:"\\2038";color:#c00;font-weight:bold}
mark.hl.sel{outline:2px solid #333}
table.entries{border-collapse:collapse;width:100%}
.entries td,.entries th{border-top:1px solid #eee;padding:.3em .5em;vertical-align:top;text-align:left}
.entries td.key{color:#777;width:6em}.entries td.src{color:#444;width:45%}
ol.issues{padding-left:1.6em;margin:.3em 0}li.issue{margin:.15em 0}li.issue[hidden]{display:none}
.where{color:#777;font-family:monospace}.code{font-family:monospace}
li.sev-error .code{color:#c00}li.sev-warning .code{color:#b60}li.sev-info .code{color:#27a}
.sugg code{background:#efe;border:1px solid #cdc;border-radius:3px;padding:0 .25em;margin-right:.3em}
.safe{font-size:.8em;color:#070;border:1px solid #9c9;border-radius:3px;padding:0 .2em}
svg.chart text{font:12px system-ui,sans-serif;fill:#333}svg.chart .bar{cursor:pointer}
svg.chart .bar.off{opacity:.3}
rect.sev-error{fill:#c00}rect.sev-warning{fill:#e90}rect.sev-info{fill:#38c}
label.sev-error{color:#c00}label.sev-warning{color:#b60}label.sev-info{color:#27a}
#detail{position:fixed;right:1em;bottom:1em;max-width:32em;max-height:40vh;overflow:auto;background:#fff;
border:1px solid #999;border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.2);padding:.4em .8em}
#close{float:right;border:none;background:none;font-size:1.2em;cursor:pointer}
"""

# Filters hide issue list items and switch highlights off when none of their issues is shown;
# clicking a highlight lists its issues in the detail panel. Only the page's own DOM is read.
_JS = """
(function(){
var sev=document.querySelectorAll('input[data-sev]'),rul=document.querySelectorAll('input[data-code]');
var items=document.querySelectorAll('li.issue'),marks=document.querySelectorAll('mark.hl');
var RANK={info:1,warning:2,error:3},NAME=['','info','warning','error'],info={};items.forEach(function(li){info[li.dataset.i]=li;});
function on(set){var o={};set.forEach(function(b){if(b.checked)o[b.dataset.sev||b.dataset.code]=1;});return o;}
function apply(){
 var s=on(sev),r=on(rul),shown=0,vis={};
 items.forEach(function(li){var v=!!(s[li.dataset.sev]&&r[li.dataset.code]);li.hidden=!v;if(v){vis[li.dataset.i]=1;shown++;}});
 marks.forEach(function(m){var w=0;m.dataset.i.split(' ').forEach(function(i){
  if(vis[i]){w=Math.max(w,RANK[info[i].dataset.sev]);}});
  m.classList.toggle('on',w>0);if(w){m.classList.remove('sev-error','sev-warning','sev-info');m.classList.add('sev-'+NAME[w]);}});
 document.querySelectorAll('svg.chart .bar').forEach(function(g){g.classList.toggle('off',!r[g.dataset.code]);});
 document.getElementById('shown').textContent=shown;
}
sev.forEach(function(b){b.addEventListener('change',apply);});
rul.forEach(function(b){b.addEventListener('change',apply);});
function all(v){rul.forEach(function(b){b.checked=v;});apply();}
document.getElementById('all').addEventListener('click',function(){all(true);});
document.getElementById('none').addEventListener('click',function(){all(false);});
document.querySelectorAll('svg.chart .bar').forEach(function(g){g.addEventListener('click',function(){
 rul.forEach(function(b){if(b.dataset.code===g.dataset.code){b.checked=!b.checked;}});apply();});});
var panel=document.getElementById('detail'),list=panel.querySelector('ol');
function show(m){
 document.querySelectorAll('mark.sel').forEach(function(x){x.classList.remove('sel');});
 m.classList.add('sel');list.textContent='';
 m.dataset.i.split(' ').forEach(function(i){var li=info[i];if(li&&!li.hidden){var c=li.cloneNode(true);c.removeAttribute('id');list.appendChild(c);}});
 panel.hidden=!list.children.length;
}
marks.forEach(function(m){m.addEventListener('click',function(){show(m);});
 m.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();show(m);}});});
document.getElementById('close').addEventListener('click',function(){panel.hidden=true;});
apply();
})();
"""
