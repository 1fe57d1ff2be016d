# plancheck developer commands. `make demo` and `make test` work on a fresh machine with Python 3.11.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=
EXAMPLE ?= fixtures/example/borsetshire-bvpp-2004.pdf

.PHONY: demo test lint system-deps bench fixtures fuzz clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

## demo: install, then check the bundled example plan and print its report
demo: $(VENV)/.installed
	$(VENV)/bin/plancheck check $(EXAMPLE) --format text; status=$$?; [ $$status -le 1 ]

## system-deps: install the Debian packages in system-packages.txt that are missing (needs root)
system-deps:
	@missing=$$(grep -vE '^\s*(#|$$)' system-packages.txt | while read -r p; do \
	  dpkg -s "$$p" >/dev/null 2>&1 || echo "$$p"; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      -o DPkg::Lock::Timeout=600 $$missing >/dev/null; \
	  else echo "make system-deps: not root; tests needing these will skip: $$missing"; fi; \
	fi

## test: install everything, then run the whole test suite
test: $(VENV)/.installed system-deps
	$(PY) -m pytest $(PYTEST_ARGS)

## lint: ruff, mypy and the layer contract (import-linter, [tool.importlinter] in pyproject.toml)
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check plancheck tests bench fixtures
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

## fixtures: regenerate fixtures/generated from fixtures/specs (needs LibreOffice)
fixtures: $(VENV)/.installed system-deps
	$(PY) fixtures/generate.py

## bench: extraction and checking benchmarks (writes bench/out/)
bench: $(VENV)/.installed system-deps
	$(PY) bench/extract.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache bench/out

## fuzz: a long mutation-fuzzing run (FUZZ_EXAMPLES=2000 by default); crashes land in tests/regressions/
fuzz: $(VENV)/.installed
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-2000} $(PY) -m pytest tests/fuzz -q -x
