# Two commands on a fresh Debian/Ubuntu machine:  make run   |   make test
VENV   ?= .venv
PYTHON ?= python3
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.installed

.PHONY: run test catalogs extract-messages sysdeps sysdeps-test bench screenshots clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	$(VENV)/bin/pybabel -q compile -D baijia -d locales
	touch $(STAMP)

sysdeps:
	@tools/system_packages.sh run

sysdeps-test:
	@tools/system_packages.sh test

run: sysdeps $(STAMP)
	$(PY) main.py

# The whole suite on SQLite and on a real PostgreSQL server (tests start a throw-away one
# unless BAIJIA_TEST_PG names a server), Qt offscreen.
test: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# Benchmarks against the budgets in DESIGN.md (not part of make test).
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m bench benchmarks

# gettext catalogs with Babel: extract → update → compile.
extract-messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 \
	  --project=baijia --copyright-holder="Baijia developers" --no-location --sort-output \
	  -o locales/baijia.pot app ui main.py
	$(VENV)/bin/pybabel update -D baijia -i locales/baijia.pot -d locales --no-fuzzy-matching --ignore-obsolete

catalogs:
	$(VENV)/bin/pybabel compile -D baijia -d locales --statistics

clean:
	rm -rf build dist *.egg-info tests/artifacts
