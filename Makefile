# Soma — C runtime build (GNU make). Outputs go to build/.
#
#   make lib             build/libsoma.a
#   make example         build/soma-run (examples/embed/soma_run.c)
#   make test-c          the C tests, plain and under ASan+UBSan
#   make check-warnings  the runtime, example and tests with gcc and clang, -Werror
#   make clean

CC      ?= cc
GCC     ?= gcc
CLANG   ?= clang
AR      ?= ar
SAN_CC  ?= $(CC)
BUILD   := build

JSONC_CFLAGS := $(shell pkg-config --cflags json-c)
JSONC_LIBS   := $(shell pkg-config --libs json-c)

WARNINGS := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wdouble-promotion
# The model format fixes where fused multiply-adds happen: never contract.
CFLAGS   ?= -std=c99 $(WARNINGS) -O2 -ffp-contract=off
REQUIRED := -std=c99 -ffp-contract=off -Iinclude $(JSONC_CFLAGS)
LDLIBS   := $(JSONC_LIBS) -lm
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1

RUNTIME_SRC := $(wildcard CRuntime/*.c)
RUNTIME_HDR := include/soma.h $(wildcard CRuntime/*.h)
RUNTIME_OBJ := $(patsubst CRuntime/%.c,$(BUILD)/obj/%.o,$(RUNTIME_SRC))
SAN_OBJ     := $(patsubst CRuntime/%.c,$(BUILD)/san/%.o,$(RUNTIME_SRC))
LIB         := $(BUILD)/libsoma.a
EXAMPLE     := $(BUILD)/soma-run
TEST_BIN    := $(BUILD)/test_runtime
TEST_SAN    := $(BUILD)/test_runtime-san
FIXTURES    := Tests/fixtures
WARN_SRC    := $(RUNTIME_SRC) examples/embed/soma_run.c Tests/c/test_runtime.c

.PHONY: all lib example test-c check-warnings clean

all: lib example

lib: $(LIB)

example: $(EXAMPLE)

$(BUILD)/obj/%.o: CRuntime/%.c $(RUNTIME_HDR) | $(BUILD)/obj
	$(CC) $(CFLAGS) $(REQUIRED) -c $< -o $@

$(BUILD)/san/%.o: CRuntime/%.c $(RUNTIME_HDR) | $(BUILD)/san
	$(SAN_CC) $(CFLAGS) $(REQUIRED) $(SANITIZE) -c $< -o $@

$(LIB): $(RUNTIME_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(EXAMPLE): examples/embed/soma_run.c $(LIB) include/soma.h
	$(CC) $(CFLAGS) $(REQUIRED) $< $(LIB) $(LDLIBS) -o $@

$(TEST_BIN): Tests/c/test_runtime.c $(LIB) include/soma.h
	$(CC) $(CFLAGS) $(REQUIRED) $< $(LIB) $(LDLIBS) -o $@

$(TEST_SAN): Tests/c/test_runtime.c $(SAN_OBJ) include/soma.h
	$(SAN_CC) $(CFLAGS) $(REQUIRED) $(SANITIZE) $< $(SAN_OBJ) $(LDLIBS) -o $@

test-c: $(TEST_BIN) $(TEST_SAN)
	./$(TEST_BIN) $(FIXTURES)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./$(TEST_SAN) $(FIXTURES)

# Every C file with both compilers, the full warning set, -Werror.
check-warnings: | $(BUILD)/warn
	@set -e; for cc in $(GCC) $(CLANG); do \
	  for src in $(WARN_SRC); do \
	    echo "$$cc -Werror $$src"; \
	    $$cc -std=c99 $(WARNINGS) -Werror -O2 -ffp-contract=off -Iinclude $(JSONC_CFLAGS) \
	      -c $$src -o $(BUILD)/warn/out.o; \
	  done; \
	done

$(BUILD)/obj $(BUILD)/san $(BUILD)/warn:
	mkdir -p $@

clean:
	rm -rf $(BUILD)

# ---- The whole project: set-up, the Swift side, models, the test umbrella ----
#
#   make demo     install what is missing, train and export the models, run them
#                 through the C runtime and show Swift/C parity
#   make test     every test: Swift, C, model freshness, schema

SWIFT      ?= swift
SOMA       := .build/release/soma
MODELS_DIR ?= models
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps cli models check-models check-schema test test-swift demo

# A fresh Debian/Ubuntu machine lacks json-c's headers (libjson-c-dev) and
# pkg-config; install them through apt-get when pkg-config cannot find json-c.
deps:
	@if pkg-config --exists json-c 2>/dev/null; then \
	  echo "deps: json-c $$(pkg-config --modversion json-c) found"; \
	else \
	  echo "deps: installing libjson-c-dev and pkg-config with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjson-c-dev pkg-config; \
	fi
	@python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install -q jsonschema

cli:
	$(SWIFT) build -c release --product soma

# Regenerates every committed example model from fixed seeds: the same bits every run.
models: cli
	@mkdir -p $(MODELS_DIR)
	$(SOMA) train gate --gate and  --seed 1 --out $(MODELS_DIR)/and.json --quiet
	$(SOMA) train gate --gate or   --seed 1 --out $(MODELS_DIR)/or.json --quiet
	$(SOMA) train gate --gate nand --seed 1 --out $(MODELS_DIR)/nand.json --quiet
	$(SOMA) train gate --gate xor-gates --seed 1 --out $(MODELS_DIR)/xor-gates.json --quiet
	$(SOMA) train xor --hidden 2 --epochs 5000 --learning-rate 2 --seed 1 --out $(MODELS_DIR)/xor-mlp.json --quiet

# Fails when a committed model differs from what the code produces now.
check-models: cli
	@rm -rf $(BUILD)/models-check && mkdir -p $(BUILD)/models-check
	@$(MAKE) --no-print-directory models MODELS_DIR=$(BUILD)/models-check >/dev/null
	@if diff -r $(MODELS_DIR) $(BUILD)/models-check; then \
	  echo "check-models: models/ matches a fresh regeneration (1 passed, 0 failed)"; \
	else \
	  echo "check-models: models/ is stale; run 'make models' (0 passed, 1 failed)"; exit 1; \
	fi

check-schema:
	python3 Tests/schema/check_models.py

test-swift:
	$(SWIFT) test

test: test-swift test-c check-models check-schema

demo: deps lib example models
	@echo; echo "== The models, through the C runtime (build/soma-run) =="
	@for m in and or nand xor-gates xor-mlp; do \
	  printf "%-11s" "$$m:"; printf '0,0\n0,1\n1,0\n1,1\n' | $(EXAMPLE) $(MODELS_DIR)/$$m.json | tr '\n' ' '; echo; \
	done
	@echo; echo "== Swift reference vs C runtime =="
	$(SOMA) parity $(MODELS_DIR)/*.json
