/* Sending a notice to the outside world: e-mail over SMTP, SMS through an
 * HTTP gateway (docs/notices-transport.md). The layer sits on core and lib
 * alone; the sender loop (service) and `gongkai notify-test` (cli) call it.
 *
 * Every setting is checked when the transport opens, so a bad URL, From
 * address or gateway file stops the server at start rather than at the
 * first notice. A send answers sent, retry (a temporary failure: the
 * notice stays pending) or failed (permanent: a malformed address, a
 * refusal for good), with a reason in Chinese a staff member can read. */
#ifndef GK_TRANSPORT_TRANSPORT_H
#define GK_TRANSPORT_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/error.h"

enum gk_send_status {
	GK_SEND_SENT = 0,   /* the server or gateway took the message */
	GK_SEND_RETRY = 1,  /* a temporary failure: try again later */
	GK_SEND_FAILED = 2, /* a permanent failure: trying again cannot help */
};

struct gk_transport_config {
	/* smtp://host:port or smtps://host:port; NULL: no e-mail. A user and
	 * password may be in the URL or in the two fields below. */
	const char *smtp_url;
	const char *smtp_user, *smtp_password;
	/* the From address, "addr" or "Name <addr>"; required with smtp_url */
	const char *mail_from;
	/* the SMS gateway's settings file; NULL: no SMS */
	const char *sms_gateway_path;
	/* refuse to send mail unless the connection is encrypted (STARTTLS is
	 * otherwise used when the server offers it; smtps:// always is) */
	bool smtp_require_tls;
	/* seconds for one SMTP exchange; 0: 60 */
	long smtp_timeout;
	/* the CA certificates (PEM) that verify the mail server, for a server
	 * whose certificate an internal CA signed; NULL: the system's */
	const char *smtp_ca_file;
};

struct gk_transport;

/* Checks CFG and prepares the channels it names; the strings are copied.
 * GK_EINVAL with the problem in ERR (Chinese, naming the setting) for a
 * malformed SMTP URL, a From address that is not an address, a gateway file
 * that cannot be read or parsed; GK_ENOMEM. */
enum gk_err gk_transport_open(const struct gk_transport_config *cfg, struct gk_transport **out,
			      struct gk_error *err);

/* Sends one notice. CHANNEL "email" or "sms"; TO an address or a mobile
 * number; SUBJECT (mail only; an SMS carries BODY alone); KEY the notice's
 * idempotency key, unique per notice and the same on every retry (it gives
 * the mail's Message-ID and is sent to the gateway). On GK_SEND_SENT,
 * RECEIPT holds the Message-ID or the gateway's message id (maybe empty);
 * otherwise WHY holds the reason in Chinese. One caller at a time (a lock
 * serialises callers). */
enum gk_send_status gk_transport_send(struct gk_transport *t, const char *channel, const char *to,
				      const char *subject, const char *body, const char *key,
				      char *receipt, size_t receipt_len, char *why, size_t why_len);

/* After GK_SEND_RETRY: the earliest time (seconds since the epoch) worth
 * trying again when the transport knows one (the SMS rate limit), else 0. */
int64_t gk_transport_retry_after(struct gk_transport *t);

/* True if the channel ("email", "sms") is configured. */
bool gk_transport_has(const struct gk_transport *t, const char *channel);

/* One English line for the server's log saying what is configured, without
 * secrets: "e-mail smtp://mail.dt.gov.cn:587 (STARTTLS when offered) from
 * noreply@dt.gov.cn; SMS POST https://sms.example.com/… (5/hour)". */
void gk_transport_describe(const struct gk_transport *t, char *out, size_t len);

void gk_transport_free(struct gk_transport *t);

/* Reads a password kept in a file (the first line, its line end dropped)
 * into OUT, for --smtp-password-file: a secret stays out of the process
 * list. GK_EIO if the file cannot be read, GK_EINVAL if it holds none. */
enum gk_err gk_transport_read_secret(const char *path, char *out, size_t len, struct gk_error *err);

#endif
