"""pledge: track the measurable commitments in government letters and plans."""

__version__ = "0.1.0"
