"""Extractors: a normalized Document -> records (standards, statistics, mentions).

``extract(doc)`` runs the rule pipeline (``spacy.blank("zh")`` with components registered by
name, lexicons and patterns in ``extractors/data/``) and returns an :class:`Extraction`.
"""
from .pipeline import Extraction, Sentence, extract, read_sentences

__all__ = ["extract", "Extraction", "Sentence", "read_sentences"]
