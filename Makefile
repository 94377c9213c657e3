# gongkai — build, run and test.
#
#   make            build build/gongkai
#   make run        install missing packages, build, create the demo database, serve it
#   make test       install missing packages, build (plain and ASan+UBSan), run every test
#   make check-src  reject unsafe C idioms (sprintf, strcpy, strcat, SQL from format strings)
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

PKGS    := libmicrohttpd sqlite3 jansson libsodium libqrencode xlsxwriter cairo pango pangocairo icu-uc icu-i18n
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla \
           -Wno-unused-parameter -Werror=implicit-function-declaration
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

.PHONY: all run test deps test-deps build asan unit check-src clean fuzz bench
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
	@$(CC) -std=c11 -O2 -Wall -Wextra -o $@ $<

$(OBJ_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo CC $<
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(OBJ_DIR)/gen/embedded.o: $(BUILD)/gen/embedded.c
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

$(ASAN_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo CC-SAN $<
	@$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS) -MMD -MP -c -o $@ $<

$(ASAN_DIR)/gen/embedded.o: $(BUILD)/gen/embedded.c
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

$(ASAN_DIR)/tests/%: tests/unit/%.c $(ASAN_DIR)/libgongkai.a
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

test: test-deps check-src
	@$(MAKE) --no-print-directory $(BUILD)/gongkai asan
	@BUILD=$(BUILD) sh tests/run-all.sh

check-src:
	@sh scripts/check-src.sh

# --- fuzzing and benchmarks (not part of make test) --------------------------

fuzz:
	@$(MAKE) -f tests/fuzz/Makefile BUILD=$(BUILD)

bench: $(BUILD)/gongkai
	@sh bench/run.sh

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJS:.o=.d) $(ASAN_OBJS:.o=.d) $(UNIT_BINS:=.d) $(OBJ_DIR)/$(MAIN_SRC:.c=.d) $(ASAN_DIR)/$(MAIN_SRC:.c=.d)
