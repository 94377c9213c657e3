/* gongkai serve: the web server. */
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/transport_options.h"
#include "lib/cidr.h"
#include "service/notices.h"
#include "web/server.h"

/* The bounds on clients (issue 13): a whole number each, 1 to most; long
 * options only. */
enum {
	OPT_MAX_CONNECTIONS = 0x100,
	OPT_PER_ADDRESS,
	OPT_HEADER_TIMEOUT,
	OPT_BODY_TIMEOUT,
	OPT_SHUTDOWN_TIMEOUT,
	OPT_BODY_MEMORY_MB,
	OPT_NOTICE_INTERVAL,
	OPT_NOTICE_RETRY_FIRST,
	OPT_NOTICE_RETRY_MAX,
};
static const struct bound {
	int opt;
	const char *name;
	long most;
	size_t offset;
} bounds[] = {
	{OPT_MAX_CONNECTIONS, "max-connections", 1000000,
	 offsetof(struct gk_server_config, max_connections)},
	{OPT_PER_ADDRESS, "per-address", 1000000, offsetof(struct gk_server_config, per_address)},
	{OPT_HEADER_TIMEOUT, "header-timeout", 3600,
	 offsetof(struct gk_server_config, header_timeout)},
	{OPT_BODY_TIMEOUT, "body-timeout", 3600, offsetof(struct gk_server_config, body_timeout)},
	{OPT_SHUTDOWN_TIMEOUT, "shutdown-timeout", 3600,
	 offsetof(struct gk_server_config, shutdown_timeout)},
	{OPT_BODY_MEMORY_MB, "body-memory-mb", 65536,
	 offsetof(struct gk_server_config, body_memory_mb)},
};

static const struct bound *bound_for(int opt)
{
	for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++)
		if (bounds[i].opt == opt)
			return &bounds[i];
	return NULL;
}

/* The notice sender (service/notices.h) bound to the transports. */
static int send_notice(void *t, enum gk_notice_channel channel, const char *to, const char *subject,
		       const char *body, const char *key, char *receipt, size_t receipt_len,
		       char *why, size_t why_len)
{
	return (int)gk_transport_send(t, gk_notice_channel_code(channel), to, subject, body, key,
				      receipt, receipt_len, why, why_len);
}

static int64_t notice_retry_after(void *t)
{
	return gk_transport_retry_after(t);
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, 0, 'd'},
		{"listen", required_argument, 0, 'l'},
		{"threads", required_argument, 0, 't'},
		{"quiet", no_argument, 0, 'q'},
		/* issue 13: bounds on clients */
		{"max-connections", required_argument, 0, OPT_MAX_CONNECTIONS},
		{"per-address", required_argument, 0, OPT_PER_ADDRESS},
		{"header-timeout", required_argument, 0, OPT_HEADER_TIMEOUT},
		{"body-timeout", required_argument, 0, OPT_BODY_TIMEOUT},
		{"shutdown-timeout", required_argument, 0, OPT_SHUTDOWN_TIMEOUT},
		{"body-memory-mb", required_argument, 0, OPT_BODY_MEMORY_MB},
		{"base-url", required_argument, 0, 'b'},
		{"cache-mb", required_argument, 0, 'c'},
		{"max-wait-ms", required_argument, 0, 'w'},
		{"sitemap-urls", required_argument, 0, 's'},
		{"session-idle", required_argument, 0, 'I'},
		{"session-max", required_argument, 0, 'M'},
		{"trusted-proxy", required_argument, 0, 'P'},
		{"intake-limit", required_argument, 0, 'N'},
		GK_CLI_TRANSPORT_OPTIONS,
		{"notice-interval", required_argument, 0, OPT_NOTICE_INTERVAL},
		{"notice-retry-first", required_argument, 0, OPT_NOTICE_RETRY_FIRST},
		{"notice-retry-max", required_argument, 0, OPT_NOTICE_RETRY_MAX},
		GK_CLI_HELP_OPTION,
		{0, 0, 0, 0}};
	struct gk_cli_transport notices = {0};
	struct gk_notice_sender sender = {NULL, send_notice, notice_retry_after, 0, 0};
	struct gk_server_config cfg = {
		.listen = "127.0.0.1:8080", .cache_mb = -1, .max_wait_ms = -1, .intake_limit = -1};
	static struct gk_cidr_list proxies; /* issue 13: --trusted-proxy */
	int opt;
	while ((opt = getopt_long(argc, argv, "d:l:t:qb:c:w:s:hI:M:P:N:", opts, NULL)) != -1) {
		char *end;
		const struct bound *b = bound_for(opt);
		if (gk_cli_transport_opt(&notices, opt, optarg))
			continue;
		if (b) {
			long v = strtol(optarg, &end, 10);
			if (*end || !*optarg || v < 1 || v > b->most)
				return gk_cli_usage(&gk_cmd_serve, "--%s must be 1 to %ld", b->name,
						    b->most);
			*(unsigned *)(void *)((char *)&cfg + b->offset) = (unsigned)v;
			continue;
		}
		switch (opt) {
		case OPT_NOTICE_INTERVAL:
		case OPT_NOTICE_RETRY_FIRST:
		case OPT_NOTICE_RETRY_MAX: {
			long v = strtol(optarg, &end, 10);
			if (*end || !*optarg || v < 1 || v > 86400)
				return gk_cli_usage(
					&gk_cmd_serve,
					"--notice-interval, --notice-retry-first and "
					"--notice-retry-max must be 1 to 86400 seconds");
			if (opt == OPT_NOTICE_INTERVAL)
				cfg.notice_interval = (int)v;
			else
				*(opt == OPT_NOTICE_RETRY_FIRST ? &sender.retry_first
								: &sender.retry_max) = v;
			continue;
		}
		case 'P': /* issue 13: repeatable, or a comma list */
			if (!*optarg || !gk_cidr_list_add(&proxies, optarg))
				return gk_cli_usage(
					&gk_cmd_serve,
					"--trusted-proxy '%s' is not a list of addresses "
					"or ranges (ADDR or ADDR/BITS, at most %d)",
					optarg, GK_CIDR_MAX);
			cfg.trusted_proxies = &proxies;
			continue;
		case 'N':
			cfg.intake_limit = (int)strtol(optarg, &end, 10);
			if (*end || !*optarg || cfg.intake_limit < 0 || cfg.intake_limit > 1000000)
				return gk_cli_usage(&gk_cmd_serve,
						    "--intake-limit must be 0 to 1000000");
			continue;
		case 'd':
			cfg.db_path = optarg;
			continue;
		case 'l':
			cfg.listen = optarg;
			continue;
		case 'q':
			cfg.quiet = 1;
			continue;
		case 'b':
			if (strncmp(optarg, "http://", 7) != 0 &&
			    strncmp(optarg, "https://", 8) != 0)
				return gk_cli_usage(
					&gk_cmd_serve,
					"--base-url must start with http:// or https://");
			cfg.base_url = optarg;
			continue;
		case 's':
			cfg.sitemap_urls = (int)strtol(optarg, &end, 10);
			if (*end || cfg.sitemap_urls < 1 || cfg.sitemap_urls > 50000)
				return gk_cli_usage(&gk_cmd_serve,
						    "--sitemap-urls must be 1 to 50000");
			continue;
		case 'I':
		case 'M': {
			long v = strtol(optarg, &end, 10);
			if (*end || !*optarg || v < 1 || v > 30L * 86400)
				return gk_cli_usage(&gk_cmd_serve,
						    "--session-idle and --session-max must be 1 to "
						    "2592000 seconds");
			*(opt == 'I' ? &cfg.session_idle : &cfg.session_max) = v;
			continue;
		}
		case 't':
			cfg.threads = (int)strtol(optarg, &end, 10);
			if (*end || cfg.threads < 1 || cfg.threads > 256)
				return gk_cli_usage(&gk_cmd_serve, "--threads must be 1 to 256");
			continue;
		case 'c':
			cfg.cache_mb = strtol(optarg, &end, 10);
			if (*end || !*optarg || cfg.cache_mb < 0 || cfg.cache_mb > 65536)
				return gk_cli_usage(&gk_cmd_serve, "--cache-mb must be 0 to 65536");
			continue;
		case 'w':
			cfg.max_wait_ms = strtol(optarg, &end, 10);
			if (*end || !*optarg || cfg.max_wait_ms < 0 || cfg.max_wait_ms > 600000)
				return gk_cli_usage(&gk_cmd_serve,
						    "--max-wait-ms must be 0 to 600000");
			continue;
		}
		int rc = gk_cli_common_opt(&gk_cmd_serve, opt);
		if (rc >= 0)
			return rc;
	}
	if (optind < argc)
		return gk_cli_usage(&gk_cmd_serve, "unexpected argument '%s'", argv[optind]);
	if (!cfg.db_path)
		return gk_cli_usage(&gk_cmd_serve, "--db is required");
	/* notices: without a channel they wait in the outbox */
	struct gk_transport *transport = NULL;
	if (gk_cli_transport_wanted(&notices)) {
		int rc = gk_cli_transport_open(&gk_cmd_serve, &notices, &transport);
		if (rc >= 0)
			return rc;
		char line[512];
		gk_transport_describe(transport, line, sizeof line);
		fprintf(stderr, "notices: %s\n", line);
		sender.ctx = transport;
		cfg.notice_sender = &sender;
		/* its delivery reports are checked with its settings */
		cfg.sms_gateway_path = notices.cfg.sms_gateway_path;
	}
	struct gk_error err = {0};
	int status = gk_server_run(&cfg, &err) ? gk_cli_fail(&err) : 0;
	gk_transport_free(transport);
	return status;
}

const struct gk_command gk_cmd_serve = {
	"serve",
	run,
	"serve the web site and API",
	"usage: gongkai serve --db DB [--listen ADDR:PORT] [--threads N] [--quiet] [--base-url URL]\n"
	"                     [--cache-mb N] [--max-wait-ms MS] [--sitemap-urls N]\n"
	"                     [--session-idle SECONDS] [--session-max SECONDS]\n"
	"                     [--trusted-proxy CIDR]... [--intake-limit N]\n"
	"                     [--max-connections N] [--per-address N] [--header-timeout S]\n"
	"                     [--body-timeout S] [--shutdown-timeout S] [--body-memory-mb N]\n"
	"                     [--smtp URL --mail-from ADDR [--smtp-user USER\n"
	"                      --smtp-password-file FILE] [--smtp-require-tls]\n"
	"                      [--smtp-ca-file FILE]] [--sms-gateway FILE]\n"
	"                     [--notice-interval S] [--notice-retry-first S]\n"
	"                     [--notice-retry-max S]\n\n"
	"Serves the database at PATH over HTTP until interrupted (Ctrl-C or SIGTERM):\n"
	"then stops accepting and lets the requests in flight finish.\n"
	"  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080; port 0 picks a free one)\n"
	"  --threads N         worker threads drawing pages (default: two per core)\n"
	"  --quiet             no access log\n"
	"  --base-url URL      the site's public address, for QR codes, feeds and the\n"
	"                      sitemap (default: the setting site.base_url, else ADDR:PORT)\n"
	"  --cache-mb N        memory for public pages kept ready (default 64; 0: none)\n"
	"  --max-wait-ms MS    a request that waited longer than MS for a free thread\n"
	"                      is answered 503 with Retry-After unless its page is kept\n"
	"                      ready (default 1000; 0 answers so every such request,\n"
	"                      for tests of that answer)\n"
	"  --sitemap-urls N    addresses per sitemap file (default and most 50000); past\n"
	"                      them /sitemap.xml becomes an index of parts\n"
	"  --session-idle S    a staff login ends after S seconds unused (default 3600)\n"
	"  --session-max S     and S seconds after it began in any case (default 28800)\n"
	"  --trusted-proxy CIDR  a reverse proxy (ADDR or ADDR/BITS; repeatable or a\n"
	"                      comma list): from such a peer the client's address is\n"
	"                      the right-most X-Forwarded-For hop not itself trusted\n"
	"                      (default: none, the header is ignored)\n"
	"  --intake-limit N    online applications per address per minute (default 3;\n"
	"                      an hour: 10, or N if more; 0: no limit, for load tests)\n"
	"  --max-connections N open connections in all (default 10000, or fewer if the\n"
	"                      descriptor limit says so); more wait to be accepted\n"
	"  --per-address N     open connections from one client address (default 256;\n"
	"                      behind a reverse proxy, at least its upstream connections)\n"
	"  --header-timeout S  a request's head must arrive whole within S seconds of\n"
	"                      the connection or of the last answer on it (default 10)\n"
	"  --body-timeout S    an anonymous request's body within S seconds of its head\n"
	"                      (default 60; signed-in staff: no byte for 30 s only)\n"
	"  --shutdown-timeout S  after SIGTERM, requests in flight may take S seconds\n"
	"                      to finish (default 20; a second signal stops at once)\n"
	"  --body-memory-mb N  the bodies of anonymous requests held at once, in all\n"
	"                      (default 256); past it such a request is answered 503\n"
	"  --smtp URL          send notices by e-mail through this server: smtp://HOST:587\n"
	"                      (STARTTLS when offered) or smtps://HOST:465; with\n"
	"                      --mail-from ADDR (\"Name <addr>\" or addr), --smtp-user,\n"
	"                      --smtp-password-file (its first line), --smtp-require-tls,\n"
	"                      --smtp-ca-file (as for gongkai notify-test)\n"
	"  --sms-gateway FILE  send notices by SMS through the HTTP gateway FILE\n"
	"                      describes (docs/notices-transport.md)\n"
	"                      Without either, notices wait in the outbox (each still\n"
	"                      shown on its case and tracking page) until a server\n"
	"                      with a channel runs.\n"
	"  --notice-interval S the notice sender's pass every S seconds (default 5)\n"
	"  --notice-retry-first S, --notice-retry-max S  a notice not sent for a\n"
	"                      temporary reason is tried again after S seconds, then\n"
	"                      twice as long each time up to the max (defaults 60 and\n"
	"                      21600), 10 attempts in all\n"
	"Prints 'listening on http://ADDR:PORT/' once ready.\n",
};

/* gongkai routes: the server's route table (here because this file is the
 * one command that may include the web front end). */
static int run_routes(int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, 0, 'j'}, GK_CLI_HELP_OPTION, {0, 0, 0, 0}};
	int opt;
	while ((opt = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		if (opt == 'j')
			continue;
		int rc = gk_cli_common_opt(&gk_cmd_routes, opt);
		if (rc >= 0)
			return rc;
	}
	if (optind < argc)
		return gk_cli_usage(&gk_cmd_routes, "unexpected argument '%s'", argv[optind]);
	char *text = gk_routes_json();
	if (!text) {
		fputs("gongkai routes: out of memory\n", stderr);
		return 1;
	}
	puts(text);
	free(text);
	return 0;
}

const struct gk_command gk_cmd_routes = {
	"routes",
	run_routes,
	"list the web server's routes",
	"usage: gongkai routes [--json]\n\n"
	"Prints every route the server answers as JSON: methods, pattern, flags\n"
	"(login, csrf, json, form, multipart …), the roles it needs (none: any\n"
	"staff member, or anyone without the login flag) and its parameters.\n",
};
