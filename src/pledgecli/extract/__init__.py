"""Read a government letter and propose its commitments and its achieved figures.

A pipeline of small pure stages, each testable alone:
clean (repair the text) → outline (the document: its header, kind, headings, lead-ins,
notes and tables, each paragraph with its scope) → clauses read in their scope (pipeline)
→ quantities (numbers), cues (comparators, times) and what a figure is (figures, milestones)
→ commitments, milestones and achieved figures.
"""

from pledgecli.extract.pipeline import extract
from pledgecli.model import Extraction

__all__ = ["Extraction", "extract"]
