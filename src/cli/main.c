/* gongkai's entry point: dispatches to the command named by argv[1]. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct gk_command *const commands[] = {
#define GK_CLI_ENTRY(name) &gk_cmd_##name,
	GK_CLI_COMMANDS(GK_CLI_ENTRY)
#undef GK_CLI_ENTRY
		NULL};

const struct gk_command *gk_cli_find(const char *name)
{
	for (const struct gk_command *const *c = commands; *c; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

int gk_cli_usage(const struct gk_command *cmd, const char *fmt, ...)
{
	if (fmt) {
		va_list ap;
		va_start(ap, fmt);
		fprintf(stderr, "gongkai %s: ", cmd->name);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
		va_end(ap);
	}
	fprintf(stderr, "%s", cmd->usage);
	return 2;
}

int gk_cli_fail(const struct gk_error *err)
{
	fprintf(stderr, "gongkai: %s\n", gk_error_text(err));
	return gk_err_exit_code(err->code);
}

int gk_cli_common_opt(const struct gk_command *cmd, int opt)
{
	if (opt == 'h') {
		fputs(cmd->usage, stdout);
		return 0;
	}
	if (opt == '?')
		return gk_cli_usage(cmd, NULL); /* getopt already named the flag */
	return -1;
}

static void print_help(FILE *out)
{
	fprintf(out,
		"usage: gongkai <command> [options]\n\n"
		"gongkai serves and keeps a government's information disclosure:\n"
		"its public catalogue, applications for disclosure, and checks of yearly reports.\n\n"
		"commands:\n");
	for (const struct gk_command *const *c = commands; *c; c++)
		fprintf(out, "  %-10s %s\n", (*c)->name, (*c)->summary);
	fprintf(out, "\nDB (--db): a SQLite file's path, or a PostgreSQL database's address\n"
		     "(postgresql://USER@HOST/NAME; README \"Running a province\").\n");
	fprintf(out, "\nRun 'gongkai <command> --help' for a command's options.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_help(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		print_help(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0)
		return gk_cmd_version.run(1, argv + 1);
	const struct gk_command *cmd = gk_cli_find(argv[1]);
	if (!cmd) {
		fprintf(stderr, "gongkai: unknown command '%s'\n\n", argv[1]);
		print_help(stderr);
		return 2;
	}
	optind = 1;
	return cmd->run(argc - 1, argv + 1);
}
