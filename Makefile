# Common tasks. Everything also works as plain `python build.py ...` commands.
PY ?= .venv/bin/python

# check-editions: every local edition in editions/ (a patch on a changed national item warns).
.PHONY: check-editions setup check build site serve test lint format schemas bench verbatim clean-cache
setup:
	bash scripts/system-deps.sh --test
	python3 -m venv .venv && .venv/bin/pip install -q --require-hashes -r requirements-test.lock
check:
	$(PY) build.py check
check-editions:
	@for e in $$(ls editions); do $(PY) build.py check --edition $$e || exit 1; done
build:
	$(PY) build.py
site:
	$(PY) build.py site
serve:
	$(PY) build.py serve
test:
	$(PY) -m pytest
lint:
	$(PY) -m ruff check . && $(PY) -m ruff format --check .
format:
	$(PY) -m ruff format . && $(PY) -m ruff check --fix .
schemas:
	$(PY) build.py schemas
bench:
	$(PY) bench/bench_build.py
clean-cache:
	$(PY) build.py clean-cache
verbatim:
	python3 ../shared/tools/verbatim_check.py content docs templates
