"""Read a government letter and propose its commitments and its achieved figures.

A pipeline of small pure stages, each testable alone:
clean (repair the text) → outline (the document: its header, kind, headings, lead-ins,
notes and tables, each paragraph with its scope; header, tables, owners) → clauses read in
their scope (pipeline) → quantities (numbers), cues (comparators, times), what a figure is
(figures, milestones), what it counts (names) → commitments, milestones, achieved figures.
"""

from pledgecli.extract.pipeline import extract
from pledgecli.model import Extraction

__all__ = ["Extraction", "extract"]
