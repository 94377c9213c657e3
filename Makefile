# gongkai — build, run and test.
#
#   make            build build/gongkai
#   make run        install missing packages, build, create the demo database, serve it
#   make test       install missing packages, build (plain and ASan+UBSan), run every test
#                   (the PostgreSQL part too, when PostgreSQL is installed)
#   make test-pg    the store contract suite and the e2e suites on a throwaway PostgreSQL
#                   cluster only (tests/pg-suites.txt)
#   make check-src  reject unsafe C idioms (sprintf, strcpy, strcat, SQL from format strings)
#   make format     rewrite the C sources with clang-format (.clang-format)
#   make check-format  list the C files that differ from .clang-format (part of make test)
#
#   make DEVELOPER=1   warnings are errors, plus a few more warnings; make test builds this
#                      way (make test DEVELOPER=0 does not)
#
# Every .c file under src/<layer>/ (and one folder deeper) is part of the program; each tests/unit/test_*.c
# is one cmocka suite linked against the library of all objects but main.

CC      ?= cc
# build on every core unless told otherwise (make -j1)
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 2)
endif
BUILD   ?= build
DB      ?= gongkai.db
LISTEN  ?= 127.0.0.1:8080

PKGS    := libmicrohttpd sqlite3 jansson libsodium libqrencode
# the yearly report's documents (src/output/): XLSX, and PDF drawn with cairo + pango
PKGS    += xlsxwriter pangocairo
# notices to the outside world (src/transport/): SMTP and the SMS gateway's HTTP
PKGS    += libcurl
# the PostgreSQL backend (src/store/postgres/)
PKGS    += libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla \
           -Wno-unused-parameter -Werror=implicit-function-declaration
# DEVELOPER=1: the extra warnings are ones gcc 12 and clang 14 both know and
# the code passes today.
DEVELOPER_WARN := -Werror -Wpointer-arith -Wundef -Wold-style-definition -Wredundant-decls \
           -Wnested-externs
ifeq ($(DEVELOPER),1)
WARN    += $(DEVELOPER_WARN)
endif
CFLAGS  ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN) $(CFLAGS) -Isrc $(PKG_CFLAGS)
LDLIBS  := $(PKG_LIBS) -lm -lpthread

SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS     := $(sort $(wildcard src/*/*.c src/*/*/*.c))
MAIN_SRC := src/cli/main.c
LIB_SRCS := $(filter-out $(MAIN_SRC),$(SRCS))
EMBED_FILES := $(sort $(wildcard src/web/static/*) $(wildcard data/*/*))

OBJ_DIR  := $(BUILD)/obj
ASAN_DIR := $(BUILD)/asan
LIB_OBJS  := $(LIB_SRCS:%.c=$(OBJ_DIR)/%.o) $(OBJ_DIR)/gen/embedded.o
ASAN_OBJS := $(LIB_SRCS:%.c=$(ASAN_DIR)/%.o) $(ASAN_DIR)/gen/embedded.o

UNIT_SRCS  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS  := $(UNIT_SRCS:tests/unit/%.c=$(ASAN_DIR)/tests/%)

.PHONY: all run test test-pg deps test-deps build asan unit check-src format check-format clean fuzz bench FORCE
.DELETE_ON_ERROR:

all: $(BUILD)/gongkai

deps:
	@sh scripts/install-deps.sh

test-deps:
	@sh scripts/install-deps.sh --test

# --- the program -------------------------------------------------------------

$(BUILD)/gen/embedded.c: $(BUILD)/embedgen $(EMBED_FILES)
	@mkdir -p $(dir $@)
	@echo GEN $@
	@$(BUILD)/embedgen $(EMBED_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/embedgen: tools/embedgen.c
	@mkdir -p $(dir $@)
	@echo CC $<
	@$(CC) -std=c11 -O2 -Wall -Wextra $(if $(filter 1,$(DEVELOPER)),$(DEVELOPER_WARN)) -o $@ $<

# Each object tree keeps the command line it was built with; a change of
# flags (DEVELOPER=1, CFLAGS=..., CC=...) rebuilds the tree.
$(OBJ_DIR)/.flags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(CC) $(ALL_CFLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS)' > $@

$(ASAN_DIR)/.flags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS)' > $@

$(OBJ_DIR)/%.o: %.c $(OBJ_DIR)/.flags
	@mkdir -p $(dir $@)
	@echo CC $<
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(OBJ_DIR)/gen/embedded.o: $(BUILD)/gen/embedded.c $(OBJ_DIR)/.flags
	@mkdir -p $(dir $@)
	@echo CC $<
	@$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libgongkai.a: $(LIB_OBJS)
	@rm -f $@
	@echo AR $@
	@ar rcs $@ $^

$(BUILD)/gongkai: $(OBJ_DIR)/$(MAIN_SRC:.c=.o) $(BUILD)/libgongkai.a
	@echo LINK $@
	@$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# --- the sanitizer build (used by every test) --------------------------------

$(ASAN_DIR)/%.o: %.c $(ASAN_DIR)/.flags
	@mkdir -p $(dir $@)
	@echo CC-SAN $<
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS) -MMD -MP -c -o $@ $<

$(ASAN_DIR)/gen/embedded.o: $(BUILD)/gen/embedded.c $(ASAN_DIR)/.flags
	@mkdir -p $(dir $@)
	@echo CC-SAN $<
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS) -c -o $@ $<

$(ASAN_DIR)/libgongkai.a: $(ASAN_OBJS)
	@rm -f $@
	@echo AR $@
	@ar rcs $@ $^

$(ASAN_DIR)/gongkai: $(ASAN_DIR)/$(MAIN_SRC:.c=.o) $(ASAN_DIR)/libgongkai.a
	@echo LINK $@
	@$(CC) $(SAN_FLAGS) -o $@ $^ $(LDLIBS)

$(ASAN_DIR)/tests/%: tests/unit/%.c $(ASAN_DIR)/libgongkai.a $(ASAN_DIR)/.flags
	@mkdir -p $(dir $@)
	@echo LINK $@
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS) -MMD -MP -o $@ $< $(ASAN_DIR)/libgongkai.a $(shell pkg-config --cflags --libs cmocka) $(LDLIBS)

build: $(BUILD)/gongkai
asan: $(ASAN_DIR)/gongkai $(UNIT_BINS)

# --- the two commands --------------------------------------------------------

# Packages first, then a fresh make: pkg-config flags are read when the
# Makefile is parsed, so the build must start after the install.
run: deps
	@$(MAKE) --no-print-directory $(BUILD)/gongkai
	@if [ -f $(DB) ]; then \
		echo "using the existing $(DB) (its demo logins were printed when it was made;"; \
		echo " 'rm $(DB)' and 'make run' again for a fresh demo with new passwords)"; \
	else \
		$(BUILD)/gongkai demo --db $(DB); \
	fi
	@echo
	@echo "open http://$(LISTEN)/ (Ctrl-C stops the server)"
	@$(BUILD)/gongkai serve --db $(DB) --listen $(LISTEN)

# Built with DEVELOPER=1 (unless told DEVELOPER=0), so a warning fails the run;
# the sources must follow .clang-format (make format rewrites them).
test: test-deps check-src check-format
	@$(MAKE) --no-print-directory DEVELOPER=$(or $(DEVELOPER),1) $(BUILD)/gongkai asan
	@BUILD=$(BUILD) sh tests/run-all.sh

# The PostgreSQL part of make test alone: a throwaway cluster in a temporary
# folder (scripts/pg-cluster.sh), stopped and removed at the end.
test-pg: test-deps
	@$(MAKE) --no-print-directory DEVELOPER=$(or $(DEVELOPER),1) asan
	@BUILD=$(BUILD) sh tests/run-all.sh pg

check-src:
	@sh scripts/check-src.sh

# --- formatting (clang-format 14, Debian 12's; other versions may differ) ----

CLANG_FORMAT ?= clang-format
FORMAT_SRCS = $(sort $(shell find src -name '*.[ch]') $(wildcard tests/unit/*.[ch] tests/fuzz/*.c tools/*.c bench/*.c))

format:
	@$(CLANG_FORMAT) --dump-config >/dev/null || { echo "make format: $(CLANG_FORMAT) is missing (apt-get install clang-format) or .clang-format is invalid"; exit 1; }
	@$(CLANG_FORMAT) -i $(FORMAT_SRCS)

check-format:
	@$(CLANG_FORMAT) --dump-config >/dev/null || { echo "check-format: $(CLANG_FORMAT) is missing (apt-get install clang-format) or .clang-format is invalid"; exit 1; }
	@bad=""; for f in $(FORMAT_SRCS); do \
		$(CLANG_FORMAT) --dry-run --Werror "$$f" >/dev/null 2>&1 || bad="$$bad $$f"; \
	done; \
	if [ -n "$$bad" ]; then \
		echo "check-format: these files differ from .clang-format ('make format' rewrites them):"; \
		for f in $$bad; do echo "  $$f"; done; \
		exit 1; \
	fi; \
	echo "check-format: ok"

# --- fuzzing and benchmarks (not part of make test) --------------------------

fuzz:
	@$(MAKE) -f tests/fuzz/Makefile BUILD=$(BUILD)

bench: $(BUILD)/gongkai
	@sh bench/run.sh

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJS:.o=.d) $(ASAN_OBJS:.o=.d) $(UNIT_BINS:=.d) $(OBJ_DIR)/$(MAIN_SRC:.c=.d) $(ASAN_DIR)/$(MAIN_SRC:.c=.d)
