# Every target creates .venv on demand, so `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint schema golden bench pdfs score corpus clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## extract every report in raw/ into out/
	$(BIN)/extract run raw/ --out out/

CHROMIUM := /usr/bin/chromium
# The review page's browser test needs Debian's Chromium: installed only where it is missing
# (as root, else through sudo); no browser is downloaded by the tests themselves.
$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "error: the browser test needs $(CHROMIUM) (Debian's chromium package) and there is no apt-get to install it"; exit 1; }
	$(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive sh -c \
	  'apt-get install -y -qq chromium || { apt-get update -qq && apt-get install -y -qq chromium; }'
	@test -x $(CHROMIUM) || { echo "error: chromium was installed but $(CHROMIUM) is missing"; exit 1; }

test: $(STAMP) $(CHROMIUM)  ## the whole test suite, plus lint (installs Chromium where missing)
	$(BIN)/ruff check extract tests
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check extract tests
	$(BIN)/ruff format --check extract tests

schema: $(STAMP)  ## re-render schemas/report.schema.json from the models
	$(BIN)/extract schema

golden: $(STAMP)  ## rewrite tests/golden/ from raw/ and show the diff for review
	$(BIN)/python -m tests.update_golden
	git --no-pager diff --stat -- tests/golden
	git --no-pager diff -- tests/golden

bench: $(STAMP)  ## whole-process timings against bare pdfplumber/pypdfium2 and python -c pass, memory, MB/s (prints, asserts nothing)
	$(BIN)/python scripts/bench.py

pdfs: $(STAMP)  ## re-render tests/pdf/ from raw/ and the golden records, then check them
	$(BIN)/python scripts/render_pdfs.py --check

CORPUS ?= ../shared/corpus
score: $(STAMP)  ## extract score on the development corpus (pages and pdfs), score.py's overall under it
	@test -d $(CORPUS) || { echo "no corpus at $(CORPUS) (give CORPUS=path)"; exit 2; }
	@for kind in pages pdfs; do \
	  rm -rf out/corpus-$$kind; \
	  $(BIN)/extract run $(CORPUS)/$$kind --quiet --out out/corpus-$$kind || true; \
	  echo "== $$kind"; $(BIN)/extract score $(CORPUS)/$$kind/truth out/corpus-$$kind || exit $$?; \
	  if [ -f $(CORPUS)/score.py ]; then \
	    $(BIN)/python $(CORPUS)/score.py $(CORPUS)/$$kind/truth out/corpus-$$kind | awk \
	      '/^overall/ {s = $$2} /^lenient/ {l = $$2} END {print "score.py: strict " s "   lenient " l}'; \
	  fi; \
	done

corpus: score  ## the same as make score

clean:
	rm -rf $(VENV) out/*.json
