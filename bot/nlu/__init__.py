"""Dutch language support for the NLU pipeline."""
