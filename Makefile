# Soma — C runtime build (GNU make). Outputs go to build/.
#
#   make lib             build/libsoma.a
#   make example         build/soma-run (examples/embed/soma_run.c)
#   make test-c          every C test (about a minute): plain, ASan+UBSan, zero heap
#                        calls in the forward pass, threads under TSan, RealtimeSanitizer,
#                        and the header from C++
#   make test-valgrind   1,000 load/unload cycles of every fixture under valgrind
#   make fuzz SECONDS=N  libFuzzer on the loader (default 60 s); fails on any finding
#   make bench           Soma vs FANN vs a naive loop (Tests/bench/bench_runtime.c)
#   make check-warnings  every C file with gcc and clang, the full warning set, -Werror
#   make clean

CC      ?= cc
GCC     ?= gcc
CLANG   ?= clang
AR      ?= ar
SAN_CC  ?= $(CC)
CXX     ?= c++
# Sanitizers and libFuzzer: clang 21 (RealtimeSanitizer, libFuzzer); gcc for TSan.
SAN_CLANG ?= $(shell test -x /opt/swift/usr/bin/clang && echo /opt/swift/usr/bin/clang || echo clang)
TSAN_CC   ?= $(GCC)
VALGRIND  ?= valgrind
SECONDS   ?= 60
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
# Every model the forward-pass checks run on: the good fixtures and models/.
MODEL_DIRS  := $(FIXTURES)/good $(wildcard models)
TSAN_OBJ    := $(patsubst CRuntime/%.c,$(BUILD)/tsan/%.o,$(RUNTIME_SRC))
RTSAN_OBJ   := $(patsubst CRuntime/%.c,$(BUILD)/rtsan/%.o,$(RUNTIME_SRC))
FUZZ_OBJ    := $(patsubst CRuntime/%.c,$(BUILD)/fuzzobj/%.o,$(RUNTIME_SRC))
WARN_SRC    := $(RUNTIME_SRC) examples/embed/soma_run.c $(wildcard Tests/c/*.c) \
               $(wildcard Tests/fuzz/*.c) $(wildcard Tests/bench/*.c)
# An ifunc resolver (target_clones) runs before TSan's runtime is up and crashes
# it: the TSan build uses the one portable kernel, which computes the same bits.
TSAN     := -fsanitize=thread -g -O1 -DSOMA_NO_TARGET_CLONES
RTSAN    := -fsanitize=realtime -g -O1
FUZZ     := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g -O1
# ld.gold prints a warning per ASan symbol; lld, when clang has it, does not.
FUZZ_LD  := $(shell test -x $(dir $(SAN_CLANG))ld.lld && echo -fuse-ld=lld)

.PHONY: all lib example test-c test-plain test-san test-alloc test-threads test-tsan \
        test-rtsan test-cpp test-valgrind fuzz bench deps-bench check-warnings clean

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

$(BUILD)/tsan/%.o: CRuntime/%.c $(RUNTIME_HDR) | $(BUILD)/tsan
	$(TSAN_CC) $(CFLAGS) $(REQUIRED) $(TSAN) -c $< -o $@

$(BUILD)/rtsan/%.o: CRuntime/%.c $(RUNTIME_HDR) | $(BUILD)/rtsan
	$(SAN_CLANG) $(CFLAGS) $(REQUIRED) $(RTSAN) -c $< -o $@

$(BUILD)/fuzzobj/%.o: CRuntime/%.c $(RUNTIME_HDR) | $(BUILD)/fuzzobj
	$(SAN_CLANG) $(CFLAGS) $(REQUIRED) $(FUZZ) -c $< -o $@

# The umbrella: everything below runs in about a minute.
test-c: test-plain test-san test-alloc test-threads test-tsan test-rtsan test-cpp

test-plain: $(TEST_BIN)
	./$(TEST_BIN) $(FIXTURES)

test-san: $(TEST_SAN)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ./$(TEST_SAN) $(FIXTURES)

# Zero heap calls in soma_run, soma_run_batch and soma_run_layers, on every model.
$(BUILD)/test_alloc: Tests/c/test_models.c $(LIB) include/soma.h
	$(CC) $(CFLAGS) $(REQUIRED) -DSOMA_COUNT_ALLOCS $< $(LIB) $(LDLIBS) -o $@

test-alloc: $(BUILD)/test_alloc
	@./$(BUILD)/test_alloc $(MODEL_DIRS) > $(BUILD)/test_alloc.log || { cat $(BUILD)/test_alloc.log; exit 1; }
	@tail -1 $(BUILD)/test_alloc.log

$(BUILD)/test_threads: Tests/c/test_threads.c $(LIB) include/soma.h
	$(CC) $(CFLAGS) $(REQUIRED) -pthread $< $(LIB) $(LDLIBS) -o $@

$(BUILD)/test_threads-tsan: Tests/c/test_threads.c $(TSAN_OBJ) include/soma.h
	$(TSAN_CC) $(CFLAGS) $(REQUIRED) $(TSAN) -pthread $< $(TSAN_OBJ) $(LDLIBS) -o $@

test-threads: $(BUILD)/test_threads
	./$(BUILD)/test_threads

test-tsan: $(BUILD)/test_threads-tsan
	TSAN_OPTIONS=halt_on_error=1:exitcode=66 ./$(BUILD)/test_threads-tsan

# The forward pass is SOMA_NONBLOCKING: RealtimeSanitizer aborts on any allocation,
# lock or system call inside it (libm's expf, tanhf, expm1f and fmaf included).
$(BUILD)/test_models-rtsan: Tests/c/test_models.c $(RTSAN_OBJ) include/soma.h
	$(SAN_CLANG) $(CFLAGS) $(REQUIRED) $(RTSAN) $< $(RTSAN_OBJ) $(LDLIBS) -o $@

test-rtsan: $(BUILD)/test_models-rtsan
	@RTSAN_OPTIONS=halt_on_error=1 ./$(BUILD)/test_models-rtsan $(MODEL_DIRS) \
	  > $(BUILD)/test_rtsan.log || { cat $(BUILD)/test_rtsan.log; exit 1; }
	@tail -1 $(BUILD)/test_rtsan.log

$(BUILD)/header_test: Tests/cpp/header_test.cpp $(LIB) include/soma.h
	$(CXX) -std=c++11 -Wall -Wextra -Wpedantic -Werror -Iinclude $< $(LIB) $(LDLIBS) -o $@

test-cpp: $(BUILD)/header_test
	./$(BUILD)/header_test $(FIXTURES)/good/xor.json

# Every good and bad fixture, loaded and unloaded 1,000 times, under valgrind.
$(BUILD)/load_cycles: Tests/c/load_cycles.c $(LIB) include/soma.h
	$(CC) $(CFLAGS) $(REQUIRED) -g $< $(LIB) $(LDLIBS) -o $@

test-valgrind: $(BUILD)/load_cycles
	$(VALGRIND) --quiet --leak-check=full --errors-for-leak-kinds=all --error-exitcode=1 \
	  ./$(BUILD)/load_cycles 1000 $(FIXTURES)/good/*.json $(FIXTURES)/bad/*.json

# libFuzzer on soma_load_string (+ soma_run, soma_verify_string). Seeds: every
# fixture, schema example and model; a JSON dictionary. Any finding fails.
$(BUILD)/fuzz_load: Tests/fuzz/fuzz_load.c $(FUZZ_OBJ) include/soma.h
	$(SAN_CLANG) $(CFLAGS) $(REQUIRED) $(FUZZ) $(FUZZ_LD) $< $(FUZZ_OBJ) $(LDLIBS) -o $@

# libFuzzer reads every directory given and writes new inputs to the first.
FUZZ_SEEDS := $(FIXTURES)/good $(FIXTURES)/bad Tests/schema/valid Tests/schema/invalid \
              $(wildcard models)

fuzz: $(BUILD)/fuzz_load
	mkdir -p $(BUILD)/fuzz-corpus
	ASAN_OPTIONS=detect_leaks=1 ./$(BUILD)/fuzz_load -max_total_time=$(SECONDS) \
	  -dict=Tests/fuzz/json.dict -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	  -artifact_prefix=$(BUILD)/fuzz- -print_final_stats=1 $(BUILD)/fuzz-corpus $(FUZZ_SEEDS)

# Soma vs FANN vs a naive loop; writes its model files into build/.
$(BUILD)/bench_runtime: Tests/bench/bench_runtime.c $(LIB) include/soma.h
	$(CC) $(CFLAGS) $(REQUIRED) $< $(LIB) $(LDLIBS) $(shell pkg-config --libs fann) -o $@

bench: deps-bench $(BUILD)/bench_runtime
	./$(BUILD)/bench_runtime $(BUILD)

# FANN, the library the benchmark compares against (Debian: libfann-dev).
deps-bench:
	@pkg-config --exists fann 2>/dev/null || { echo "bench: installing libfann-dev with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libfann-dev; }

# Every C file with both compilers, the full warning set, -Werror.
check-warnings: | $(BUILD)/warn
	@set -e; for cc in $(GCC) $(CLANG); do \
	  for src in $(WARN_SRC); do \
	    echo "$$cc -Werror $$src"; \
	    $$cc -std=c99 $(WARNINGS) -Werror -O2 -ffp-contract=off -Iinclude $(JSONC_CFLAGS) $(shell pkg-config --cflags fann) \
	      -c $$src -o $(BUILD)/warn/out.o; \
	  done; \
	done

$(BUILD)/obj $(BUILD)/san $(BUILD)/warn $(BUILD)/tsan $(BUILD)/rtsan $(BUILD)/fuzzobj:
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

.PHONY: deps cli models check-models check-schema check-cli test test-swift demo bench-train experiments check-experiments

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
	@command -v valgrind >/dev/null || { echo "deps: installing valgrind with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind; }
	@command -v rsvg-convert >/dev/null || { echo "deps: installing librsvg2-bin (renders the lessons' and plots' SVG in tests) with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq librsvg2-bin; }
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { echo "deps: installing chromium (opens soma report's page headless in a test) with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
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
	$(SOMA) train data iris   --seed 1 --out $(MODELS_DIR)/iris.json --quiet
	$(SOMA) train data digits --seed 1 --out $(MODELS_DIR)/digits.json --quiet
	$(SOMA) train data moons  --seed 1 --out $(MODELS_DIR)/moons.json --quiet

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

# Runs every experiment (seconds, release build) and regenerates docs/experiments.md
# and its plots in docs/experiments/, bit for bit.
EXPERIMENTS_OUT ?= docs
experiments: cli
	@rm -rf $(EXPERIMENTS_OUT)/experiments && mkdir -p $(EXPERIMENTS_OUT)/experiments
	$(SOMA) experiment all --out $(EXPERIMENTS_OUT)/experiments --markdown $(EXPERIMENTS_OUT)/experiments.md > /dev/null

# Fails when docs/experiments.md or its plots differ from a fresh run.
check-experiments: cli
	@rm -rf $(BUILD)/experiments-check && mkdir -p $(BUILD)/experiments-check
	@$(MAKE) --no-print-directory experiments EXPERIMENTS_OUT=$(BUILD)/experiments-check >/dev/null
	@if diff docs/experiments.md $(BUILD)/experiments-check/experiments.md && \
	    diff -r docs/experiments $(BUILD)/experiments-check/experiments; then \
	  echo "check-experiments: docs/experiments.md and its plots match a fresh run (1 passed, 0 failed)"; \
	else \
	  echo "check-experiments: docs/experiments.md is stale; run 'make experiments' (0 passed, 1 failed)"; exit 1; \
	fi

test-swift:
	$(SWIFT) test

test: test-swift test-c check-models check-schema check-cli check-experiments

# The command line end to end: truth tables through soma-run and soma predict,
# one clear error and a non-zero exit for malformed models.
check-cli: cli example
	bash Tests/cli/check_cli.sh
	bash Tests/cli/check_lessons.sh
	bash Tests/cli/check_plots.sh
	python3 Tests/report/check_report.py

# Training speed beside scikit-learn (installs scikit-learn and mlxtend from PyPI if missing).
bench-train:
	bash Tests/bench/train_bench.sh

demo: deps lib example models
	@echo; echo "== The models, through the C runtime (build/soma-run) =="
	@for m in and or nand xor-gates xor-mlp; do \
	  printf "%-11s" "$$m:"; printf '0,0\n0,1\n1,0\n1,1\n' | $(EXAMPLE) $(MODELS_DIR)/$$m.json | tr '\n' ' '; echo; \
	done
	@echo; echo "== Swift reference vs C runtime =="
	$(SOMA) parity $(MODELS_DIR)/*.json
