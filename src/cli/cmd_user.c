/* gongkai user add|list|passwd|disable|enable|reset: staff accounts. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "service/accounts.h"
#include "store/store.h"

struct user_opts {
	const char *db, *login, *name, *agency, *roles;
	int password_stdin;
};

static int parse(int argc, char **argv, struct user_opts *o)
{
	static const struct option opts[] = {{"db", required_argument, 0, 'd'},
					     {"login", required_argument, 0, 'l'},
					     {"name", required_argument, 0, 'n'},
					     {"agency", required_argument, 0, 'a'},
					     {"role", required_argument, 0, 'r'},
					     {"password-stdin", no_argument, 0, 'p'},
					     GK_CLI_HELP_OPTION,
					     {0, 0, 0, 0}};
	int opt;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "d:l:n:a:r:ph", opts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			o->db = optarg;
			continue;
		case 'l':
			o->login = optarg;
			continue;
		case 'n':
			o->name = optarg;
			continue;
		case 'a':
			o->agency = optarg;
			continue;
		case 'r':
			o->roles = optarg;
			continue;
		case 'p':
			o->password_stdin = 1;
			continue;
		}
		int rc = gk_cli_common_opt(&gk_cmd_user, opt);
		if (rc >= 0)
			return rc;
	}
	if (optind < argc)
		return gk_cli_usage(&gk_cmd_user, "unexpected argument '%s'", argv[optind]);
	if (!o->db)
		return gk_cli_usage(&gk_cmd_user, "--db is required");
	return -1;
}

/* Reads the password for account LOGIN from stdin, or makes one (that the
 * policy accepts) and says so. */
static enum gk_err new_password(int from_stdin, const char *login, char *out, size_t size,
				int *generated, struct gk_error *err)
{
	*generated = 0;
	if (!from_stdin) {
		do
			gk_password_random(out, 14);
		while (gk_password_policy_check(out, login, NULL) != GK_OK);
		*generated = 1;
		return GK_OK;
	}
	if (!fgets(out, (int)size, stdin))
		return gk_fail(err, GK_EINVAL, "no password on standard input");
	out[strcspn(out, "\r\n")] = '\0';
	return gk_password_policy_check(out, login, err);
}

static int add(struct user_opts *o)
{
	if (!o->login || !o->name || !o->agency || !o->roles)
		return gk_cli_usage(&gk_cmd_user, "add needs --login, --name, --agency and --role");
	struct gk_error err = {0};
	struct gk_store *s = NULL;
	struct gk_svc svc;
	struct gk_user u;
	char password[GK_PASSWORD_MAX + 2];
	int generated;
	enum gk_err rc;
	if ((rc = gk_crypto_init(&err)) ||
	    (rc = new_password(o->password_stdin, o->login, password, sizeof password, &generated,
			       &err)) ||
	    (rc = gk_store_open(o->db, GK_STORE_OPEN, &s, &err)))
		goto out;
	gk_svc_init(&svc, s, NULL, NULL, "cli");
	struct gk_account_input in = {o->login, o->name, o->roles, o->agency, password};
	if ((rc = gk_svc_user_add(&svc, &in, &u, &err)))
		goto out;
	printf("added %s (%s) to %s\n", u.login, o->roles, u.agency_name);
	if (generated)
		printf("password: %s\n", password);
out:
	gk_store_free(s);
	return rc ? gk_cli_fail(&err) : 0;
}

static int print_user(const struct gk_user *u, void *ctx)
{
	char roles[64];
	(void)ctx;
	printf("%-16s %-24s %-28s %s%s%s\n", u->login,
	       gk_role_format(u->roles, roles, sizeof roles), u->agency_name, u->display_name,
	       u->disabled ? " (disabled)" : "", u->must_reset ? " (must set a new password)" : "");
	return 0;
}

static int list(struct user_opts *o)
{
	struct gk_error err = {0};
	struct gk_store *s;
	if (gk_store_open(o->db, GK_STORE_OPEN, &s, &err))
		return gk_cli_fail(&err);
	enum gk_err rc = gk_store_user_each(s, 0, print_user, NULL, &err);
	gk_store_free(s);
	return rc ? gk_cli_fail(&err) : 0;
}

static int passwd(struct user_opts *o)
{
	if (!o->login)
		return gk_cli_usage(&gk_cmd_user, "passwd needs --login");
	struct gk_error err = {0};
	struct gk_store *s = NULL;
	struct gk_svc svc;
	struct gk_user u;
	char password[GK_PASSWORD_MAX + 2];
	int generated;
	enum gk_err rc;
	if ((rc = gk_crypto_init(&err)) || (rc = gk_store_open(o->db, GK_STORE_OPEN, &s, &err)) ||
	    (rc = gk_store_user_by_login(s, o->login, &u, &err)) ||
	    (rc = new_password(o->password_stdin, u.login, password, sizeof password, &generated,
			       &err)))
		goto out;
	gk_svc_init(&svc, s, NULL, NULL, "cli");
	if ((rc = gk_svc_user_set_password(&svc, o->login, password, &err)))
		goto out;
	printf("password of %s changed\n", u.login);
	if (generated)
		printf("password: %s\n", password);
out:
	gk_store_free(s);
	return rc ? gk_cli_fail(&err) : 0;
}

/* disable, enable, reset: an account's state, as the service changes it. */
static int set_state(struct user_opts *o, const char *what)
{
	if (!o->login)
		return gk_cli_usage(&gk_cmd_user, "%s needs --login", what);
	struct gk_error err = {0};
	struct gk_store *s = NULL;
	struct gk_svc svc;
	char password[GK_PASSWORD_MAX + 2] = "";
	enum gk_err rc;
	if ((rc = gk_crypto_init(&err)) || (rc = gk_store_open(o->db, GK_STORE_OPEN, &s, &err)))
		goto out;
	if (o->password_stdin && strcmp(what, "reset") == 0) {
		if (!fgets(password, (int)sizeof password, stdin)) {
			rc = gk_fail(&err, GK_EINVAL, "no password on standard input");
			goto out;
		}
		password[strcspn(password, "\r\n")] = '\0';
	}
	gk_svc_init(&svc, s, NULL, NULL, "cli");
	if (strcmp(what, "reset") == 0)
		rc = gk_svc_user_force_reset(&svc, o->login, password, &err);
	else
		rc = gk_svc_user_set_disabled(&svc, o->login, strcmp(what, "disable") == 0, &err);
	if (!rc)
		printf("%s: %s\n", o->login,
		       strcmp(what, "reset") == 0     ? "must set a new password at the next login"
		       : strcmp(what, "disable") == 0 ? "disabled, sessions ended"
						      : "enabled");
out:
	gk_store_free(s);
	return rc ? gk_cli_fail(&err) : 0;
}

static int disable(struct user_opts *o)
{
	return set_state(o, "disable");
}

static int enable(struct user_opts *o)
{
	return set_state(o, "enable");
}

static int reset(struct user_opts *o)
{
	return set_state(o, "reset");
}

static int run(int argc, char **argv)
{
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			fputs(gk_cmd_user.usage, stdout);
			return 0;
		}
		return gk_cli_usage(&gk_cmd_user,
				    "say add, list, passwd, disable, enable or reset");
	}
	static const struct {
		const char *name;
		int (*fn)(struct user_opts *o);
	} subs[] = {{"add", add},         {"list", list},     {"passwd", passwd},
		    {"disable", disable}, {"enable", enable}, {"reset", reset}};
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		if (strcmp(argv[1], subs[i].name) != 0)
			continue;
		struct user_opts o = {0};
		int rc = parse(argc - 1, argv + 1, &o);
		return rc >= 0 ? rc : subs[i].fn(&o);
	}
	return gk_cli_usage(&gk_cmd_user, "unknown subcommand '%s'", argv[1]);
}

const struct gk_command gk_cmd_user = {
	"user",
	run,
	"add, list and change staff accounts",
	"usage: gongkai user add --db DB --login LOGIN --name NAME --agency CODE --role ROLES [--password-stdin]\n"
	"       gongkai user list --db DB\n"
	"       gongkai user passwd --db DB --login LOGIN [--password-stdin]\n"
	"       gongkai user disable|enable --db DB --login LOGIN\n"
	"       gongkai user reset --db DB --login LOGIN [--password-stdin]\n\n"
	"ROLES is a comma-separated set of admin, editor, handler, reviewer. An account\n"
	"sees its own agency and those below it; accounts of the city's disclosure\n"
	"office see all. Without --password-stdin a random password is made and printed.\n"
	"Passwords need 10 characters and must not be easy to guess (runs, repeats,\n"
	"common passwords, the login). passwd ends the account's sessions; disable\n"
	"ends them too and refuses its logins until enable; reset makes the account\n"
	"set a new password at its next login (--password-stdin: a temporary one).\n",
};
