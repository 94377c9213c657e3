/* The notice transports' settings from the command line (transport_options.h). */
#include <signal.h>
#include <string.h>

#include "cli/transport_options.h"

bool gk_cli_transport_opt(struct gk_cli_transport *o, int opt, const char *arg)
{
	switch (opt) {
	case GK_CLI_OPT_SMTP:
		o->cfg.smtp_url = arg;
		return true;
	case GK_CLI_OPT_SMTP_USER:
		o->cfg.smtp_user = arg;
		return true;
	case GK_CLI_OPT_SMTP_PASSWORD_FILE:
		o->password_file = arg;
		return true;
	case GK_CLI_OPT_SMTP_REQUIRE_TLS:
		o->cfg.smtp_require_tls = true;
		return true;
	case GK_CLI_OPT_SMTP_CA_FILE:
		o->cfg.smtp_ca_file = arg;
		return true;
	case GK_CLI_OPT_MAIL_FROM:
		o->cfg.mail_from = arg;
		return true;
	case GK_CLI_OPT_SMS_GATEWAY:
		o->cfg.sms_gateway_path = arg;
		return true;
	}
	return false;
}

bool gk_cli_transport_wanted(const struct gk_cli_transport *o)
{
	return o->cfg.smtp_url || o->cfg.sms_gateway_path;
}

int gk_cli_transport_open(const struct gk_command *cmd, struct gk_cli_transport *o,
			  struct gk_transport **out)
{
	*out = NULL;
	if (!o->cfg.smtp_url != !o->cfg.mail_from)
		return gk_cli_usage(cmd, "--smtp and --mail-from go together");
	if (o->password_file && !o->cfg.smtp_user)
		return gk_cli_usage(cmd, "--smtp-password-file needs --smtp-user");
	if ((o->cfg.smtp_user || o->cfg.smtp_require_tls || o->cfg.smtp_ca_file) &&
	    !o->cfg.smtp_url)
		return gk_cli_usage(cmd, "the --smtp-… options need --smtp");
	struct gk_error err = {0};
	char password[512] = "";
	if (o->password_file) {
		if (gk_transport_read_secret(o->password_file, password, sizeof password, &err) !=
		    GK_OK)
			return gk_cli_fail(&err);
		o->cfg.smtp_password = password;
	}
	/* a server that hangs up mid-message is a failure to report, not a
	 * signal that ends the process */
	signal(SIGPIPE, SIG_IGN);
	enum gk_err rc = gk_transport_open(&o->cfg, out, &err);
	/* the transport keeps its own copy */
	memset(password, 0, sizeof password);
	o->cfg.smtp_password = NULL;
	return rc ? gk_cli_fail(&err) : -1;
}
