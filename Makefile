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
