"""Language analysis: spaCy plus callsheet's trade-press components.

`load_pipeline()` returns an `nlp` whose docs carry work titles and trade names
as entities (labels WORK, COMPANY, OUTLET, AWARD, EVENT beside spaCy's own)
and an in-document coreference map (`doc._.coref`).
"""
from callsheet.language.pipeline import (
    DEFAULT_PIPELINE,
    PipelineError,
    load_pipeline,
    pipeline_info,
)

__all__ = ["DEFAULT_PIPELINE", "PipelineError", "load_pipeline", "pipeline_info"]
