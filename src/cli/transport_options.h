/* The notice transports' settings as `serve` and `notify-test` both take
 * them (--smtp, --smtp-user, --smtp-password-file, --smtp-require-tls,
 * --smtp-ca-file, --mail-from, --sms-gateway), parsed and opened alike. */
#ifndef GK_CLI_TRANSPORT_OPTIONS_H
#define GK_CLI_TRANSPORT_OPTIONS_H

#include <getopt.h>
#include <stdbool.h>

#include "cli/cli.h"
#include "transport/transport.h"

enum {
	GK_CLI_OPT_SMTP = 0x200,
	GK_CLI_OPT_SMTP_USER,
	GK_CLI_OPT_SMTP_PASSWORD_FILE,
	GK_CLI_OPT_SMTP_REQUIRE_TLS,
	GK_CLI_OPT_SMTP_CA_FILE,
	GK_CLI_OPT_MAIL_FROM,
	GK_CLI_OPT_SMS_GATEWAY,
};

// clang-format off
#define GK_CLI_TRANSPORT_OPTIONS                                                   \
	{"smtp", required_argument, 0, GK_CLI_OPT_SMTP},                           \
	{"smtp-user", required_argument, 0, GK_CLI_OPT_SMTP_USER},                 \
	{"smtp-password-file", required_argument, 0, GK_CLI_OPT_SMTP_PASSWORD_FILE}, \
	{"smtp-require-tls", no_argument, 0, GK_CLI_OPT_SMTP_REQUIRE_TLS},         \
	{"smtp-ca-file", required_argument, 0, GK_CLI_OPT_SMTP_CA_FILE},           \
	{"mail-from", required_argument, 0, GK_CLI_OPT_MAIL_FROM},                 \
	{"sms-gateway", required_argument, 0, GK_CLI_OPT_SMS_GATEWAY}
// clang-format on

struct gk_cli_transport {
	struct gk_transport_config cfg;
	const char *password_file;
};

/* Takes getopt's OPT (with ARG) if it is one of the options above. */
bool gk_cli_transport_opt(struct gk_cli_transport *o, int opt, const char *arg);
/* True if any channel was asked for. */
bool gk_cli_transport_wanted(const struct gk_cli_transport *o);
/* Checks that the options go together, reads the password file and opens
 * the transport into *OUT. Returns -1 to go on, or CMD's exit code (a
 * usage or a setting refused, with its message printed). */
int gk_cli_transport_open(const struct gk_command *cmd, struct gk_cli_transport *o,
			  struct gk_transport **out);

#endif
