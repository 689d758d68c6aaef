"""p135: check the roadmaps and budgets of Programme 135 and poverty-reduction plans."""

__version__ = "0.2.0"
