# Two entry points: `make run` (install if needed, start the window) and `make test` (install if
# needed, run the whole suite: under Xvfb with the xcb platform when xvfb-run exists, else offscreen).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
XVFB := $(shell command -v xvfb-run 2>/dev/null)

TS := gdsim/resources/translations/gdsim_zh_CN.ts

.PHONY: run test lint bench fuzz clean translations

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python main.py

test: $(STAMP)
ifneq ($(XVFB),)
	QT_QPA_PLATFORM=xcb xvfb-run --auto-servernum --server-args="-screen 0 1920x1080x24" $(BIN)/python -m pytest
else
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
endif

# The fuzz harness of tests/test_fuzz.py at length: many random mutated files (the suite runs a
# fixed, derandomized few) and truncation at every byte offset of every lesson. FUZZ_EXAMPLES=N.
FUZZ_EXAMPLES ?= 5000
fuzz: $(STAMP)
	GDSIM_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_engine.py

# Update the Chinese translation source from every tr() in gdsim (lupdate needs the .py files: given a
# folder it finds nothing), then compile it for Qt. Translate new entries in Qt Linguist
# (pyside6-linguist) or in the .ts itself, then run this again.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate $(sort $(shell find gdsim -name '*.py')) -ts $(TS) -no-obsolete -locations none
	$(BIN)/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
