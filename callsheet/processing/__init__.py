"""Processing at scale: records read and extracted in worker processes, in
input order (`runner`), and archives extracted into resumable shards on one
machine or on a Ray cluster (`batch`)."""
from callsheet.processing.runner import Outcome, process

__all__ = ["Outcome", "process"]
