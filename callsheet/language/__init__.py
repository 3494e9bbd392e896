"""Language analysis: the base spaCy pipeline and callsheet's rule-based
language components: the trade tokenizer, the trade-name ruler
(`trade_names.py`), person coreference (`coref.py`) and the component that
keeps the base recogniser's dates (`base_entities.py`). The learned entity
recogniser that labels the seven FORMAT.md types sits beside them in the
shipped pipeline (see `callsheet.extraction.model`)."""
from callsheet.language.pipeline import BASE_PIPELINE, PipelineError, base_model_path

__all__ = ["BASE_PIPELINE", "PipelineError", "base_model_path"]
