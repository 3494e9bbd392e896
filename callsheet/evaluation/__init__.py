"""Evaluation: scores predictions against gold files exactly as the referee
scorer (../shared/tools/score.py) does, so that `callsheet eval` and the
referee always print the same figures."""
from callsheet.evaluation.scorer import load_gold, score

__all__ = ["load_gold", "score"]
