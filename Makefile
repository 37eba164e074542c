# make site  - set up .venv with the pinned dependencies and build site/
# make test  - set up .venv with the test dependencies (and Debian's chromium) and run pytest
# make vendor-vega - re-make the vendored vega runtime after changing vl-convert's pin
# make messages - update this site's UI-string catalogs (locales/<lang>.po)
# make audit - Lighthouse 12 (mobile) on every page of every language, served over HTTP with a
#              base_url; fails below 100 in any category; writes the table to docs/QUALITY.md
#              (tools/audit.py; a few minutes; not in make test)
# make theme-fonts - re-cut the theme's Noto Serif faces from Fontsource's (tools/fonts.py)
# make mutate - put realistic bugs into the code that guards correctness, one at a time, and
#               check that the tests catch each (tests/mutate.py; a few minutes; not in make test)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
CHROMIUM ?= /usr/bin/chromium
VNU_VERSION := 26.9.27
VNU_JAR := $(VENV)/node/node_modules/vnu-jar/build/dist/vnu.jar
# Lighthouse 13 needs Node 22; 12.2.3 runs on the Node 20 of this machine kind.
LIGHTHOUSE_VERSION := 12.2.3
FONTSOURCE_VERSION := 5.3.0

.PHONY: site test audit mutate bench messages theme-messages theme-fonts vendor-vega chromium java clean

site: $(VENV)/.site-deps
	$(PY) build.py zip --strict

test: $(VENV)/.test-deps $(VENV)/.vnu chromium java
	CHROMIUM=$(CHROMIUM) VNU_JAR=$(VNU_JAR) $(PY) -m pytest

audit: $(VENV)/.site-deps $(VENV)/.lighthouse chromium
	CHROME_PATH=$(CHROMIUM) $(PY) tools/audit.py

mutate: $(VENV)/.test-deps $(VENV)/.vnu chromium java
	CHROMIUM=$(CHROMIUM) VNU_JAR=$(VNU_JAR) $(PY) tests/mutate.py

# The vega runtime pages load is vl-convert's javascript_bundle(), vendored per vl-convert
# version (making it takes over a second); run this after changing vl-convert's pin.
vendor-vega: $(VENV)/.site-deps
	$(PY) -c "from reportsite.charts import vendor_runtime; print(vendor_runtime())"

messages: $(VENV)/.site-deps
	$(PY) build.py messages

# For the theme's maintainers: re-extract the built-in theme's strings and update its catalogs.
theme-messages: $(VENV)/.site-deps
	$(PY) build.py messages --theme

# For the theme's maintainers: the faces in reportsite/theme/static/fonts/ and their rules in
# site.css, cut from the npm registry's @fontsource/noto-serif (needs fontTools: test deps).
theme-fonts: $(VENV)/.test-deps
	npm install --silent --no-audit --no-fund --save-exact --prefix $(VENV)/fontsource @fontsource/noto-serif@$(FONTSOURCE_VERSION)
	$(PY) tools/fonts.py --source $(VENV)/fontsource/node_modules/@fontsource/noto-serif

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-deps: requirements.txt | $(VENV)/bin/python
	$(PIP) -r requirements.txt
	touch $@

# The CFF 1.2.0 JSON schema ships inside the cffconvert wheel; the tests read it from there
# (cffconvert itself pins an old jsonschema, so it is downloaded, not installed).
$(VENV)/.test-deps: requirements-test.txt $(VENV)/.site-deps
	$(PIP) -r requirements-test.txt
	$(PY) -m pip download --quiet --disable-pip-version-check --no-deps cffconvert==2.0.0 -d $(VENV)/schemas
	touch $@

# Browser tests drive Debian's chromium through Playwright (browser downloads do not work
# here). Install it when it is missing and we are allowed to; otherwise the tests say why.
chromium:
	@test -x $(CHROMIUM) || { \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	    else echo "warning: $(CHROMIUM) is missing; install Debian's chromium package" >&2; fi; }

# make bench: our build against Hugo and MkDocs Material (+ mkdocs-static-i18n), installed
# in their own venv; writes bench/results.md and bench/results.json (about 11 minutes).
BENCH_VENV := .bench-venv

bench: $(VENV)/.site-deps $(BENCH_VENV)/.deps
	$(PY) bench/run.py --pages 100 --runs 5
	$(PY) bench/run.py --pages 1000 --runs 1

$(BENCH_VENV)/.deps: bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $@

# The Nu Html Checker, from the npm registry's vnu-jar package, run with Java.
$(VENV)/.vnu: | $(VENV)/bin/python
	mkdir -p $(VENV)/node
	npm install --silent --no-audit --no-fund --prefix $(VENV)/node vnu-jar@$(VNU_VERSION)
	touch $@

# Lighthouse from the npm registry, beside vnu-jar; it drives Debian's chromium (CHROME_PATH).
$(VENV)/.lighthouse: | $(VENV)/bin/python
	mkdir -p $(VENV)/node
	npm install --silent --no-audit --no-fund --save-exact --prefix $(VENV)/node lighthouse@$(LIGHTHOUSE_VERSION)
	touch $@

java:
	@command -v java >/dev/null || { \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	    else echo "warning: java is missing; install default-jre-headless" >&2; fi; }

clean:
	rm -rf site dist .cache
