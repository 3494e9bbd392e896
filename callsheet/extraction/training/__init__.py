"""Training the shipped pipeline from the annotated corpus: the corpus
reader (`corpus.py`), gold labels for candidate facts (`labels.py`), the
training run (`train.py`) and its configs (`configs/*.cfg`)."""
