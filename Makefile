# Everyday commands. CMake does the building; these only sequence it.
.PHONY: demo test build release web bench bench-quick fmt tidy clean

PORT ?= 8080
DATA ?= demo-data

demo: ## Build and start the demo on SQLite at http://localhost:$(PORT), printing the sign-ins
	scripts/bootstrap
	cmake --preset release >/dev/null
	cmake --build --preset release
	cd web && npm run --silent build >/dev/null
	build/release/xiaoan demo --data $(DATA) --address 0.0.0.0 --port $(PORT) --web-root web/dist \
	  $(if $(PUBLIC_URL),--public-url $(PUBLIC_URL))

test: ## Every test: ASan/UBSan debug build, unit, API on SQLite and PostgreSQL, web unit, browser
	scripts/test

bench: ## Full benchmarks on the seed-004 city, SQLite and PostgreSQL; regenerates docs/benchmarks.md
	bench/run

bench-quick: ## The same phases on the small city in under two minutes
	bench/run --quick

build:
	cmake --preset debug >/dev/null && cmake --build --preset debug

release:
	cmake --preset release >/dev/null && cmake --build --preset release

web:
	cd web && npm run build

fmt:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h')

tidy:
	clang-tidy -p build/debug $$(git ls-files 'src/*.cpp')

clean:
	rm -rf build web/dist
