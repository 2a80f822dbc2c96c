"""Issue 25, review in a terminal (a pseudo-terminal here): number keys pick the n-th
suggestion, the context shown follows the changes accepted so far, lines use the terminal's
width, a catalogue entry shows its source, and q after a keeps the later changes of that rule."""
import os
import select
import subprocess
import sys
import time

from conftest import ROOT

PROMPT = b"[y,n,a,e,q,?]"


def session(paths, answers, *args, columns=160, timeout=60.0):
    """Run ``mtfix review`` in a pseudo-terminal ``columns`` wide, answering each prompt in turn."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(PYTHONPATH=str(ROOT), NO_COLOR="1", TERM="xterm")
    proc = subprocess.Popen([sys.executable, "-m", "mtfix", "review", *args, *map(str, paths)], stdin=slave,
                            stdout=slave, stderr=slave, cwd=ROOT, env=env, close_fds=True)
    os.close(slave)
    transcript, pending = b"", list(answers)
    deadline = time.time() + timeout
    try:
        while time.time() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                transcript += chunk
                if pending and transcript.rstrip().endswith(PROMPT):
                    os.write(master, pending.pop(0).encode() + b"\n")
            elif proc.poll() is not None:
                break
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return proc.returncode, transcript.decode("utf-8", "replace").replace("\r\n", "\n")


def test_a_number_picks_that_suggestion(tmp_path):
    f = tmp_path / "n.txt"
    f.write_text("We need to discuss about the plan.\n", encoding="utf-8")
    code, out = session([f], ["2"], "--select", "MT491")
    assert code == 0, out
    assert "suggestions: 1 'discuss' · 2 'talk about'" in out
    assert f.read_text(encoding="utf-8") == "We need to talk about the plan.\n"


def test_the_context_shows_the_changes_accepted_so_far(tmp_path):
    f = tmp_path / "c.txt"
    f.write_text("One , two , three.\n", encoding="utf-8")
    code, out = session([f], ["y", "y"], "--select", "MT301")
    assert code == 0, out
    second = out.split("[2/2]")[1]
    assert "- One, two[ ,] three." in second          # the first change, accepted, is in the context
    assert f.read_text(encoding="utf-8") == "One, two, three.\n"


def test_lines_use_the_terminal_width(tmp_path):
    f = tmp_path / "w.txt"
    words = " ".join(f"word{k}" for k in range(40))
    f.write_text(f"{words} , {words}.\n", encoding="utf-8")
    code, out = session([f], ["n"], "--select", "MT301", columns=160)
    assert code == 0, out
    shown = next(line for line in out.splitlines() if line.startswith("  - "))
    assert 120 < len(shown) <= 160
    code, out = session([f], ["n"], "--select", "MT301", columns=80)
    shown = next(line for line in out.splitlines() if line.startswith("  - "))
    assert len(shown) < 100


def test_a_catalogue_entry_shows_its_source(tmp_path):
    f = tmp_path / "app.po"
    f.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                 'msgid "Как было сказано, план."\nmsgstr "As mentioned , the plan."\n', encoding="utf-8")
    code, out = session([f], ["y"], "--select", "MT301")
    assert code == 0, out
    assert "  source: Как было сказано, план." in out
    assert 'msgstr "As mentioned, the plan."' in f.read_text(encoding="utf-8")


def test_q_after_a_keeps_the_later_changes_of_that_rule(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("One , two the the end , three , four.\n", encoding="utf-8")
    g = tmp_path / "b.txt"
    g.write_text("Five , six the the end.\n", encoding="utf-8")
    code, out = session([f, g], ["a", "q"], "--select", "MT301,MT304")
    assert code == 0, out
    # a on the first MT301, q on the doubled word: every later MT301, in this file and the next,
    # is still applied; the doubled words are left as they were.
    assert f.read_text(encoding="utf-8") == "One, two the the end, three, four.\n"
    assert g.read_text(encoding="utf-8") == "Five, six the the end.\n"
    assert out.count("Apply? ") == 2 and "(stopped)" in out
