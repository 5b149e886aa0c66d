"""Read a government letter and propose its commitments and its achieved figures.

A pipeline of small pure stages, each testable alone:
clean text → paragraphs and sentences → number+unit spans → comparator, time and
promise cues → commitments, milestones and achieved figures.
"""

from pledgecli.extract.pipeline import extract
from pledgecli.model import Extraction

__all__ = ["Extraction", "extract"]
