/* The command-line front end: one file per subcommand (cmd_*.c), listed in
 * the table in main.c. Each command parses its own flags with getopt_long,
 * answers --help on standard output with exit 0, and returns an exit code:
 * 0 ok, 1 a failure the user can fix, 2 usage. */
#ifndef GK_CLI_CLI_H
#define GK_CLI_CLI_H

#include "lib/error.h"

struct gk_command {
	const char *name;
	int (*run)(int argc, char **argv); /* argv[0] is the command name */
	const char *summary;               /* one line for `gongkai --help` */
	const char *usage;                 /* full help for `gongkai NAME --help` */
};

/* Prints "usage: ..." for CMD to stderr, after an optional error line. Returns 2. */
int gk_cli_usage(const struct gk_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints "gongkai: <text>" to stderr and returns the exit code of ERR's code. */
int gk_cli_fail(const struct gk_error *err);
/* Finds a command by name; NULL if there is none. */
const struct gk_command *gk_cli_find(const char *name);

/* Shared option-table helper: the long option "help" every command takes. */
// clang-format off
#define GK_CLI_HELP_OPTION {"help", no_argument, 0, 'h'}
// clang-format on

/* Standard handling of a getopt result that is '?' or 'h' in a command:
 * returns -1 to go on, or the exit code to return. */
int gk_cli_common_opt(const struct gk_command *cmd, int opt);

/* The commands (each defined in its cmd_*.c). */
#define GK_CLI_COMMANDS(X) \
	X(check)           \
	X(agency)          \
	X(init)            \
	X(holidays)        \
	X(import)          \
	X(deadline)        \
	X(demo)            \
	X(reindex)         \
	X(report)          \
	X(forms)           \
	X(routes)          \
	X(search)          \
	X(serve)           \
	X(user)            \
	X(version)         \
	X(backup)          \
	X(restore)         \
	X(notify_test)

#define GK_CLI_DECLARE(name) extern const struct gk_command gk_cmd_##name;
GK_CLI_COMMANDS(GK_CLI_DECLARE)
#undef GK_CLI_DECLARE

/* gongkai import records (cmd_import_records.c), which cmd_import.c dispatches to. */
int gk_cmd_import_records(int argc, char **argv);

#endif
