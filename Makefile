# Kitaphana: the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test install install-dev env messages compilemessages migrate demo lint check worker beat clean

## run: install, migrate, load the demo library and serve it on SQLite (no other service needed)
run: install env compilemessages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo ""
	@echo "Kitaphana is starting at http://$(HOST):$(PORT)/  (demo logins: see README.md, password: demo12345)"
	$(PY) manage.py runserver $(HOST):$(PORT)

## test: install what the tests need and run the whole suite (DATABASE_URL/REDIS_URL are honoured)
test: install-dev compilemessages
	$(VENV)/bin/pytest $(PYTEST_ARGS)

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## env: a local .env with a fresh random SECRET_KEY and DEBUG on (never committed)
env: .env
.env:
	sed "s|^SECRET_KEY=.*|SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')|" .env.example > .env

## messages: extract every translatable string into the kk/ru/en catalogues (then translate them)
messages: install
	SECRET_KEY=x $(PY) manage.py makemessages -l kk -l ru -l en --no-location --no-obsolete \
		--ignore ".venv/*" --ignore "bench/*" --ignore "tests/*"

compilemessages: install
	SECRET_KEY=x DEBUG=true $(PY) manage.py compilemessages --ignore ".venv/*" -v 0

lint: install-dev
	$(VENV)/bin/ruff check .
	SECRET_KEY=x DEBUG=true $(PY) manage.py makemigrations --check --dry-run

worker: install
	$(VENV)/bin/celery -A config worker -l info

beat: install
	$(VENV)/bin/celery -A config beat -l info

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
