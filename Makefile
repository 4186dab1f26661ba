# Safeboard. `make run` serves the example partnerships as production would (scripts/serve.py);
# `make dev` serves them with Django's development server; `make test` runs every check CI runs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run dev test venv lint format lock clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $@

# DEBUG off, gunicorn, WhiteNoise, SQLite in WAL mode (config.settings.local). The processes it
# starts are listed in scripts/serve.py.
run: venv
	DJANGO_SETTINGS_MODULE=config.settings.local $(PY) scripts/serve.py --port $(PORT)

# Django's development server: DEBUG on, code reloaded on change (config.settings.dev).
dev: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_examples
	@echo "Serving on http://127.0.0.1:$(PORT)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv
	$(PY) scripts/run_tests.py

lint: venv
	$(PY) scripts/run_tests.py --lint-only

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Refresh the pinned versions after changing dependencies in pyproject.toml.
lock: venv
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip freeze --exclude-editable | grep -v '^safeboard' > requirements.lock

clean:
	rm -rf $(VENV) staticfiles .test-results db.sqlite3 db.sqlite3-wal db.sqlite3-shm test.sqlite3
