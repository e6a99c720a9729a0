# Every target sets itself up: a fresh machine needs only `make run` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS := corpus/pns-2026-2029.ocr.txt
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system-deps run test lint schemas dataset dataset-check bench eval clean

setup: $(STAMP)

# Debian's Tesseract and its French data, only when missing.
system-deps:
	@if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx fra; then \
		echo "installing tesseract-ocr and tesseract-ocr-fra"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq tesseract-ocr tesseract-ocr-fra >/dev/null; \
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

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
