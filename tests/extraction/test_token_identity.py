"""spaCy makes a new Token (or Span) object on every access, so `a is b` never
holds between two of them, even for the same word: the language and
extraction stages compare tokens by `.i` or `==`, never by identity."""
import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "callsheet"


def identity_comparisons(path: Path) -> list[str]:
    """`x is y` / `x is not y` where neither side is a literal (None, True...)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            for n, op in enumerate(node.ops):
                if isinstance(op, (ast.Is, ast.IsNot)) and not any(
                        isinstance(side, ast.Constant) for side in sides[n:n + 2]):
                    found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("stage", ["language", "extraction"])
def test_no_token_is_compared_by_identity(stage):
    files = sorted((PACKAGE / stage).rglob("*.py"))
    assert files
    assert [hit for path in files for hit in identity_comparisons(path)] == []


def test_the_check_finds_an_identity_comparison(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("if head.head is not head and x is None:\n    pass\n")
    assert identity_comparisons(sample) == ["sample.py:1: head.head is not head"]


def test_tokens_got_twice_are_equal_but_never_identical(nlp):
    doc = nlp.make_doc("They will direct it.")
    assert doc[0] == doc[0] and doc[0].i == doc[0].i
    assert doc[0] is not doc[0]
