"""printf placeholders are protected; a percent sign and a space before a word in running prose
("50 % of", French and Turkish spacing) is not a placeholder (issue 23)."""
from __future__ import annotations

import pytest

import mtfix
from mtfix.protect import plain_protected


def _protected(text: str) -> list[str]:
    return [text[s:e] for s, e in plain_protected(text)]


@pytest.mark.parametrize("text", ["Turnout was 50 % of the voters.", "50 % d'entre eux sont venus.",
                                  "Ventas del 20 % en 2020 y del 30 % después.", "La tasa es del 5 % o más.",
                                  "Il tasso è del 5 % circa, e il 3 % in più."])
def test_percent_and_space_in_prose_is_no_placeholder(text):
    assert _protected(text) == []


def test_real_printf_formats_stay_protected():
    text = "Hello %s and %d, %1$s, %(name)s, %-5d, %05d, % 5d, %+d, %.2f, %%, %i%% done."
    assert _protected(text) == ["%s", "%d", "%1$s", "%(name)s", "%-5d", "%05d", "% 5d", "%+d", "%.2f", "%%",
                                "%i", "%%"]


def test_a_word_after_a_spaced_percent_is_checked():
    # "% o" had been a placeholder, hiding the doubled "of of" from MT304 (the space before "%"
    # is MT384's)
    assert [(i.code, i.span) for i in mtfix.check("Turnout was 50 % of of the voters.")] == [
        ("MT384", (12, 16)), ("MT304", (17, 22))]
    # a real placeholder before the same words still hides nothing else and is never edited
    assert [i.code for i in mtfix.check("Print %s , then %d .")] == ["MT301", "MT301"]
