"""Files shipped inside the package (package data): the lessons and the compiled translations.

``resources/scenarios`` and ``resources/translations`` at the top of a clone point here, so the
paths the README names keep working; an installed gdsim (``pip install .``, a wheel) reads them from
here. Nothing here imports anything: every layer may read these paths.
"""

from pathlib import Path

#: The lesson scenarios (JSON), in file-name order.
SCENARIOS_DIR = Path(__file__).resolve().parent / "scenarios"
#: The sweep lessons (gdsim.sweep JSON): the articles' comparison tables, measured.
SWEEPS_DIR = Path(__file__).resolve().parent / "sweeps"
#: gdsim's translations: the sources (.ts) and the compiled files (.qm) Qt loads.
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
