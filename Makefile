# Every target sets itself up: a fresh machine needs only `make run` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS := corpus/pns-2026-2029.ocr.txt
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system-deps run test lint schemas dataset dataset-check report-check bench eval fuzz clean

setup: $(STAMP)

# Debian's Tesseract with its French data, the DejaVu fonts the corpus PDFs are typeset in, and the
# faces of the house-style generator (bench/typeset/style.py; its tests are in the default suite),
# only when missing.
system-deps:
	@missing=""; \
	command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr"; \
	tesseract --list-langs 2>/dev/null | grep -qx fra || missing="$$missing tesseract-ocr-fra"; \
	[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$$missing fonts-dejavu-core"; \
	[ -f /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || missing="$$missing fonts-liberation2"; \
	[ -f /usr/share/fonts/truetype/freefont/FreeSerif.ttf ] || missing="$$missing fonts-freefont-ttf"; \
	[ -f /usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf ] || missing="$$missing fonts-crosextra-carlito"; \
	[ -f /usr/share/fonts/truetype/crosextra/Caladea-Regular.ttf ] || missing="$$missing fonts-crosextra-caladea"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMP): pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

run: setup
	$(BIN)/pns-extract $(CORPUS) -o outputs/pns-2026-2029.json

test: setup
	$(BIN)/ruff check pns_extract tests corpus
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check pns_extract tests corpus

# The published dataset: schemas/ and outputs/ regenerated from corpus/*.txt (docs/dataset.md).
schemas: setup
	$(BIN)/python scripts/dataset.py schemas

dataset: setup
	$(BIN)/python scripts/dataset.py build

# Fails (exit 12) when schemas/ or outputs/ differ from a fresh regeneration.
dataset-check: setup
	$(BIN)/python scripts/dataset.py check

# Renders the committed HTML report(s) and the diff example in headless Chromium, at 1280 px and
# as a 400 px phone (Chromium installed with apt-get when missing).
report-check: setup
	$(BIN)/python scripts/report_check.py outputs/report/*.html --page docs/diff-example.html

# Speed and memory, side by side with the raw tools in the same run (no timing is asserted in tests):
# new processes, interleaved, medians of 3; stage shares; growth at 1x, 4x, 10x (about 8 minutes;
# BENCH_FLAGS=--quick: 2 minutes). Then the enrichment alone and the repair's accuracy and time.
# The package's bytecode is compiled first, as pip compiles an installed wheel's: an editable
# install under PYTHONDONTWRITEBYTECODE would otherwise compile its sources in every process.
BENCH_FLAGS ?=
bench: setup
	$(BIN)/python -m compileall -q pns_extract
	$(BIN)/python -m bench.speed_bench $(BENCH_FLAGS)
	$(BIN)/python bench/enrich_bench.py
	$(BIN)/python bench/repair_eval.py

# Accuracy: the long whole-document tests (marked `eval`), the OCR repair on the hand-corrected samples, the structure read through the PDF,
# the scan and 9-page scans against the text path, and the house-style sweep (the corpus typeset in
# 30+ seeded styles and the issue's named ones, 5 scans; F1 per element kind per style).
eval: setup
	$(BIN)/pytest -m eval
	$(BIN)/python bench/repair_eval.py
	$(BIN)/python bench/structure_eval.py
	$(BIN)/python bench/xref_eval.py
	$(BIN)/python -m bench.style_sweep --jobs 2

# Hostile inputs, longer than the tests' (not part of `make test`): mutated corpus text, PDFs
# (pikepdf) and JSON/YAML outputs, counts of outcomes per exit code; exit 1 on an unexpected one.
FUZZ_SECONDS ?= 600
fuzz: setup
	$(BIN)/python scripts/fuzz.py --seconds $(FUZZ_SECONDS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
