# Tackboard — the two commands of the README, and a few helpers.
#   make run    install what is missing, build the wasm app, serve it on http://localhost:8000
#   make test   the same set-up, then every test (native unit, serve.py, browser end-to-end)
#   make bench  benchmarks that print figures (not part of make test)
#   make dist   the app packed for any static host: build/dist/tackboard/ and build/dist/tackboard.zip
.PHONY: run test setup build build-web build-native test-unit test-serve test-e2e bench dist clean

PORT ?= 8000
export NODE_PATH := /usr/share/nodejs

run: build-web
	python3 serve.py --port $(PORT)

test: setup
	@bash tools/run-tests

setup:
	@tools/setup

build: build-web build-native

build-web: setup
	@cmake --preset web >build/web-configure.log 2>&1 || { cat build/web-configure.log; exit 1; }
	@cmake --build --preset web

build-native: setup
	@cmake --preset native >build/native-configure.log 2>&1 || { cat build/native-configure.log; exit 1; }
	@cmake --build --preset native

# Debian's Python: it has the brotli module (python3-brotli) that tools/dist.py needs.
dist: build-web
	/usr/bin/python3 tools/dist.py --app build/web/app --out build/dist

test-unit: build-native
	ctest --preset native

test-serve:
	python3 -m unittest discover -s tests/serve

test-e2e: build-web
	node --test --test-concurrency=1 tests/e2e/

bench: build-native build-web
	@cmake --build --preset web --target bench_rules bench_reports
	build/native/tests/bench/bench_core 10000 100000
	build/native/tests/bench/bench_snapshot 10000 100000
	build/native/tests/bench/bench_import 10000 100000
	build/native/tests/bench/bench_rules 10000 100000
	node build/web/tests/bench/bench_rules.js 10000 100000
	build/native/tests/bench/bench_reports 10000 100000
	node build/web/tests/bench/bench_reports.js 10000 100000
	node tests/bench/storage_bench.mjs 100000
	node tests/bench/board_bench.mjs 10000 100000
	node tests/bench/reports_bench.mjs 10000 100000
	node tests/bench/sync_bench.mjs 10000 100000
	node tests/bench/load_bench.mjs

clean:
	rm -rf build/web build/native
