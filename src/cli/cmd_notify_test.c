/* gongkai notify-test: sends one test notice by e-mail or SMS with the
 * settings the server would use, so an administrator can check them. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/transport_options.h"

static const char *status_word(enum gk_send_status st)
{
	return st == GK_SEND_SENT    ? "已发送"
	       : st == GK_SEND_RETRY ? "暂未发送（稍后可重试）"
				     : "发送失败";
}

static int run(int argc, char **argv)
{
	enum { O_TO_MAIL = 256, O_TO_SMS, O_SUBJECT, O_TEXT };
	static const struct option opts[] = {GK_CLI_TRANSPORT_OPTIONS,
					     {"to-mail", required_argument, 0, O_TO_MAIL},
					     {"to-sms", required_argument, 0, O_TO_SMS},
					     {"subject", required_argument, 0, O_SUBJECT},
					     {"text", required_argument, 0, O_TEXT},
					     GK_CLI_HELP_OPTION,
					     {0, 0, 0, 0}};
	struct gk_cli_transport o = {0};
	const char *to_mail = NULL, *to_sms = NULL;
	const char *subject = "政府信息公开系统通知测试", *text = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (gk_cli_transport_opt(&o, opt, optarg))
			continue;
		switch (opt) {
		case O_SUBJECT:
			subject = optarg;
			break;
		case O_TEXT:
			text = optarg;
			break;
		case O_TO_MAIL:
			to_mail = optarg;
			break;
		case O_TO_SMS:
			to_sms = optarg;
			break;
		default: {
			int rc = gk_cli_common_opt(&gk_cmd_notify_test, opt);
			if (rc >= 0)
				return rc;
		}
		}
	}
	if (optind < argc)
		return gk_cli_usage(&gk_cmd_notify_test, "unexpected argument '%s'", argv[optind]);
	if (!to_mail == !to_sms)
		return gk_cli_usage(&gk_cmd_notify_test, "say --to-mail ADDR or --to-sms NUMBER");
	if (to_mail && (!o.cfg.smtp_url || !o.cfg.mail_from))
		return gk_cli_usage(&gk_cmd_notify_test, "--to-mail needs --smtp and --mail-from");
	if (to_sms && !o.cfg.sms_gateway_path)
		return gk_cli_usage(&gk_cmd_notify_test, "--to-sms needs --sms-gateway");
	struct gk_transport *t = NULL;
	int rc = gk_cli_transport_open(&gk_cmd_notify_test, &o, &t);
	if (rc >= 0)
		return rc;

	char key[64], when[32], body[512], receipt[512], why[512];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
	/* a fresh key: each test is a new message, never a retry of the last */
	snprintf(key, sizeof key, "notify-test-%lld-%ld-%ld", (long long)now, (long)getpid(),
		 (long)clock());
	snprintf(body, sizeof body,
		 "这是政府信息公开系统发出的测试%s，发送时间：%s。\n"
		 "收到本%s说明通知设置正确，无需回复。",
		 to_mail ? "邮件" : "短信", when, to_mail ? "邮件" : "短信");
	enum gk_send_status st = gk_transport_send(
		t, to_mail ? "email" : "sms", to_mail ? to_mail : to_sms, subject,
		text ? text : body, key, receipt, sizeof receipt, why, sizeof why);
	gk_transport_free(t);
	if (st == GK_SEND_SENT) {
		printf("%s：%s%s%s\n", status_word(st), to_mail ? to_mail : to_sms,
		       receipt[0] ? "，回执 " : "", receipt);
		return 0;
	}
	fprintf(stderr, "gongkai notify-test: %s：%s\n", status_word(st), why);
	return 1;
}

const struct gk_command gk_cmd_notify_test = {
	"notify-test",
	run,
	"send one test e-mail or SMS with the notice settings",
	"usage: gongkai notify-test --smtp URL [--smtp-user USER --smtp-password-file FILE]\n"
	"                           [--smtp-require-tls] [--smtp-ca-file FILE]\n"
	"                           --mail-from ADDR --to-mail ADDR\n"
	"       gongkai notify-test --sms-gateway FILE --to-sms NUMBER\n\n"
	"Sends one Chinese test message with the settings `gongkai serve` takes for\n"
	"notices and prints the outcome: 已发送 (exit 0), or why it was not sent\n"
	"(exit 1; 暂未发送 is a temporary failure a notice would retry).\n\n"
	"  --smtp URL                 smtp://host:587 (STARTTLS when offered) or smtps://host:465\n"
	"  --smtp-user USER           the SMTP login\n"
	"  --smtp-password-file FILE  its password, the first line of FILE\n"
	"  --smtp-require-tls         never send in clear (always so with a password,\n"
	"                             unless the server is this machine)\n"
	"  --smtp-ca-file FILE        CA certificates (PEM) for the server's certificate\n"
	"                             (default: the system's)\n"
	"  --mail-from ADDR           the From address: name@example.gov.cn or\n"
	"                             \"名称 <name@example.gov.cn>\"\n"
	"  --sms-gateway FILE         the SMS gateway's settings (docs/notices-transport.md)\n"
	"  --to-mail ADDR             send a test e-mail to ADDR\n"
	"  --to-sms NUMBER            send a test SMS to a mainland mobile number\n"
	"  --subject TEXT, --text TEXT  the subject and text instead of the test's own\n",
};
