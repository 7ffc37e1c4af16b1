# The two promises: `make run` serves the marketplace with demo data; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 2
# gunicorn serves like production; `DJANGO_DEBUG=true make run` shows tracebacks instead.
export DJANGO_DEBUG ?= false

.PHONY: run test lint format messages api-schema bench-demo setup clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py search_index --rebuild
	$(BIN)/python manage.py picture_sizes
	$(BIN)/python manage.py rollup_sales
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: setup
	@echo "Serving the OCOP marketplace on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/gunicorn marketplace.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) \
		--no-control-socket --access-logfile -

test: $(VENV)/.installed-dev
	mkdir -p var
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Recompile translations after editing locale/*/LC_MESSAGES/django.po (needs GNU gettext).
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages --locale vi --locale en --ignore '.venv/*' --ignore 'var/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

# The API's OpenAPI schema, committed as docs/api/openapi.yaml (a test checks it is current).
api-schema: $(VENV)/.installed
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file docs/api/openapi.yaml

bench-demo: $(VENV)/.installed
	$(BIN)/python bench/demo_load.py

clean:
	rm -rf var/static var/media var/cache var/db.sqlite3*
