# Conventional verbs. Every target installs what it needs first; .venv/ lives in the checkout.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
AUDIT_STAMP := tools/audit/node_modules/.installed
PORT ?= 8000
AUDIT_ARGS ?=
# A recipe line: Debian's Node.js and npm, when npm is missing (axe-core for the browser tests,
# Lighthouse for audit). Not a target of its own, so that install does not pull in Chromium.
NODEJS = @command -v npm >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }

.PHONY: install serve serve-prod build publish check test test-slow deploy-dry-run audit audit-deps bench bench-search bench-search-edit lint format lock i18n clean system-deps python-venv

## pip itself is installed first, from the lock: the pip a venv starts with (23.x on Python
## 3.11) refuses a hash-checked lock once PyPI has a newer release of a package asked for with
## extras (pip-audit's CacheControl[filecache], when CacheControl 0.15 appeared).
$(STAMP): requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV) || { $(MAKE) python-venv && $(PYTHON) -m venv --clear $(VENV); }
	awk '/^pip==/ {p = 1} p {print} p && !/\\$$/ {exit}' requirements-dev.lock > $(VENV)/pip.lock
	$(BIN)/pip install --quiet --require-hashes -r $(VENV)/pip.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

## axe-core for the browser tests, from the npm lock (package-lock.json), into node_modules/.
$(NODE_STAMP): package.json package-lock.json
	$(NODEJS)
	npm ci --include=dev --no-audit --no-fund
	touch $@

install: $(STAMP) $(NODE_STAMP)

## Debian's python3 ships without venv/ensurepip: install it when creating .venv/ fails.
python-venv:
	SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-venv >/dev/null

## Debian packages the browser tests need (Chromium comes from Debian, never from a test tool),
## nginx (serve-prod and the tests of the published headers), sshd and rsync (the deploy tests
## start their own sshd on loopback; Debian's package may also enable its service), and Node.js
## with npm.
system-deps:
	$(NODEJS)
	@command -v chromium >/dev/null 2>&1 && PATH="$$PATH:/usr/sbin" command -v nginx >/dev/null 2>&1 \
	  && command -v rsync >/dev/null 2>&1 && [ -x /usr/sbin/sshd ] || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium nginx-light \
	    openssh-server openssh-client rsync >/dev/null; }

## Build the demo and serve every site on http://localhost:$(PORT), rebuilding on change, with
## the demo forms endpoint and a local GitHub stand-in on loopback (docs/forms.md).
serve: install
	$(BIN)/portal serve --port $(PORT) --forms-demo

## Build every site and serve it with nginx and the generated headers, as deployed (strict CSP,
## HSTS, caching, 404/410), on http://localhost:$(PORT)/.
serve-prod: install system-deps
	$(BIN)/portal serve-prod --port $(PORT)

## Build every site for development into output/.
build: install
	$(BIN)/portal build

## Build every site with production settings (publishconf.py).
publish: install
	$(BIN)/portal build --settings publishconf.py

## Validate content only.
check: install
	$(BIN)/portal check

test: install system-deps
	$(BIN)/pytest -n 2 -m "not slow" --durations=15

test-slow: install system-deps
	$(BIN)/pytest -m slow

## The deploy job's steps as the runner runs them (.github/workflows/deploy.yml), from a fresh
## clone, against a loopback origin (sshd + nginx): first deploy, merge of one article, timer
## with nothing due, rollback; the time of each step as Markdown on stdout.
deploy-dry-run: install system-deps
	$(BIN)/python tools/deploy_dry_run.py

## Lighthouse (kept apart in tools/audit/ so that make test never installs it).
$(AUDIT_STAMP): tools/audit/package.json tools/audit/package-lock.json
	$(NODEJS)
	npm ci --prefix tools/audit --include=dev --no-audit --no-fund
	touch $@

## Lighthouse scores of every page type of the demo (tests/browser/page_types.json) as a table;
## reports in output/audit/. One page type: make audit AUDIT_ARGS="--only home".
audit: install system-deps $(AUDIT_STAMP)
	$(BIN)/python tools/audit.py $(AUDIT_ARGS)

## Search benchmark: a generated 10,000-page portal (parent + 12 members) indexed by ours and by
## stock Pagefind side by side: indexing time and peak memory, index size, first-query bytes
## of 20 queries in Chromium (Markdown on stdout). Options: BENCH_ARGS="--pages 1000 --keep".
BENCH_ARGS ?=
bench-search: install system-deps
	$(BIN)/python -m portal_bench.search $(BENCH_ARGS)

## One edited article: a git revision (--before REV: one bundle per site, or --before-sharded)
## against shards by kind and year merged into one served bundle, side by side (wall and CPU
## seconds); full-text first queries. EDIT_BENCH_ARGS="--members 0": one site holds everything.
bench-search-edit: install system-deps
	$(BIN)/python -m portal_bench.search_edit $(EDIT_BENCH_ARGS)

## Build benchmark: a generated portal (parent + 12 members: 10,000 articles, 2,000 documents,
## 500 schedules, 300 invitations) built by portal (site only; whole pipeline), stock Pelican,
## Hugo and Hugo + Pagefind, cold and rebuilt; medians and ratios as Markdown on stdout.
## A quick run: make bench BUILD_BENCH_ARGS="--scale 0.1 --runs 1 --keep /tmp/portal-bench".
BUILD_BENCH_ARGS ?=
bench: install
	$(BIN)/portal bench $(BUILD_BENCH_ARGS)

lint: install
	$(BIN)/ruff check plugins tests tools pelicanconf.py publishconf.py pagesconf.py
	$(BIN)/ruff format --check plugins tests tools pelicanconf.py publishconf.py pagesconf.py
	$(BIN)/zizmor --offline --no-progress .
	$(MAKE) --no-print-directory audit-deps

## Known vulnerabilities in every locked dependency (pip-audit, PyPI's advisory data). --strict:
## a package that cannot be audited (the advisory service unreachable) fails, never passes.
audit-deps: install
	$(BIN)/pip-audit --strict --require-hashes --disable-pip --progress-spinner off \
	  -r requirements-dev.lock

format: install
	$(BIN)/ruff format plugins tests tools pelicanconf.py publishconf.py pagesconf.py
	$(BIN)/ruff check --fix plugins tests tools pelicanconf.py publishconf.py pagesconf.py

## Re-resolve the locked dependencies after editing pyproject.toml.
lock: install
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links --generate-hashes --allow-unsafe -o requirements.lock pyproject.toml
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links --generate-hashes --allow-unsafe --extra dev -o requirements-dev.lock pyproject.toml

## Extract the UI strings and update the translation catalogs (theme/translations/).
i18n: install
	PYBABEL=$(BIN)/pybabel PYTHON=$(BIN)/python bash tools/i18n.sh

clean:
	rm -rf output .output-cache .output.building .pytest_cache test-artifacts
