"""Crashes benchmarks/fuzz.py found (issue 14), kept as tests so they stay fixed."""
import mtfix


def test_foreign_run_whose_letters_are_digits_does_not_crash():
    # MT621 cut the leading digits of a foreign word and then found no foreign letter left.
    text = "As previously mentioned \U00019184٢𫣐 } . the ! 北京"
    issues = mtfix.check(text)
    assert all(0 <= i.start <= i.end <= len(text) for i in issues)
    assert mtfix.fix(mtfix.fix(text).text).text == mtfix.fix(text).text
