"""Model-free extraction of evidence candidates and firmographics from respondent speech."""

from synthesis.extraction.firmographics import Firmographic, extract_firmographics
from synthesis.extraction.rules import Candidate, extract_candidates

__all__ = ["Candidate", "Firmographic", "extract_candidates", "extract_firmographics"]
