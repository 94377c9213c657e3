/* The two channels behind transport.h, for transport.c alone. */
#ifndef GK_TRANSPORT_CHANNELS_H
#define GK_TRANSPORT_CHANNELS_H

#include <stddef.h>
#include <stdint.h>

#include "transport/transport.h"

struct gk_mail_channel;
struct gk_sms_channel;

/* Checks the SMTP settings of CFG (URL, From, credentials). */
enum gk_err gk_mail_channel_open(const struct gk_transport_config *cfg,
				 struct gk_mail_channel **out, struct gk_error *err);
enum gk_send_status gk_mail_channel_send(struct gk_mail_channel *m, const char *to,
					 const char *subject, const char *body, const char *key,
					 char *receipt, size_t receipt_len, char *why,
					 size_t why_len);
void gk_mail_channel_free(struct gk_mail_channel *m);
/* Appends the channel's description (no secrets) to OUT. */
void gk_mail_channel_describe(const struct gk_mail_channel *m, char *out, size_t len);

/* Reads and checks the gateway file at PATH. */
enum gk_err gk_sms_channel_open(const char *path, struct gk_sms_channel **out,
				struct gk_error *err);
/* *RETRY_AFTER: set when the rate limit refused the message. */
enum gk_send_status gk_sms_channel_send(struct gk_sms_channel *s, const char *to, const char *text,
					const char *key, char *receipt, size_t receipt_len,
					char *why, size_t why_len, int64_t *retry_after);
void gk_sms_channel_free(struct gk_sms_channel *s);
void gk_sms_channel_describe(const struct gk_sms_channel *s, char *out, size_t len);

/* Copies S into OUT (LEN bytes), cut on a whole UTF-8 character. */
void gk_transport_copy(char *out, size_t len, const char *s);
/* The reason for a failed transfer (a libcurl code) in Chinese: WHAT names
 * the peer ("邮件服务器", "短信网关"), DETAIL is libcurl's error buffer,
 * OS_ERRNO the system's error of the connection (CURLINFO_OS_ERRNO). */
void gk_transport_curl_why(int code, long os_errno, const char *what, const char *detail, char *why,
			   size_t why_len);

#endif
