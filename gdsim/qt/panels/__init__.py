"""The side panels of the window: the problem, the runs and their editor, the readout, the results."""

from gdsim.qt.panels.problem_panel import ProblemPanel
from gdsim.qt.panels.readout import Readout
from gdsim.qt.panels.results_table import ResultsTable
from gdsim.qt.panels.runs_panel import RunsPanel

__all__ = ["ProblemPanel", "Readout", "ResultsTable", "RunsPanel"]
