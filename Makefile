# One command to set up and run, one to set up and test (see README).
.PHONY: run test setup lint typecheck check unit e2e bench clean

run: setup
	.venv/bin/python -m bot

setup:
	scripts/setup.sh

test:
	scripts/setup.sh --test
	scripts/test.sh

bench: setup
	.venv/bin/python -m nlu bench
	.venv/bin/python -m bench

clean:
	rm -rf .venv data node_modules tests/artifacts
