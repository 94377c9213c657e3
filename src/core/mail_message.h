/* An e-mail as bytes (RFC 5322 with MIME, headers per RFC 2047): pure, so
 * the transport only hands the text to SMTP and the shape is unit-tested.
 * Every line ends in CRLF and is at most 76 characters; the body is UTF-8
 * text in base64; nothing from a subject or an address can start a header. */
#ifndef GK_CORE_MAIL_MESSAGE_H
#define GK_CORE_MAIL_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"
#include "lib/error.h"

#define GK_MAIL_ADDR_MAX 254 /* RFC 5321's limit on a path, less the brackets */
#define GK_MAIL_LINE_MAX 76  /* our limit on any line we write */

/* True if S is a plain address local@domain: a dot-atom local part of at
 * most 64 bytes, a domain of letters, digits and hyphens with at least one
 * dot; at most GK_MAIL_ADDR_MAX bytes. No display name, no quoting. */
bool gk_mail_address_valid(const char *s);

/* Reads a From setting, "addr" or "Name <addr>" (the name may be Chinese):
 * copies the address to ADDR and the name (maybe empty) to NAME. False if S
 * has neither shape, the address is not valid, or a part does not fit. */
bool gk_mail_mailbox_parse(const char *s, char *addr, size_t addr_len, char *name, size_t name_len);

/* Appends "NAME: VALUE" and CRLF, folded so no line passes
 * GK_MAIL_LINE_MAX. VALUE (UTF-8) is written as is when it is short
 * printable ASCII, otherwise as RFC 2047 "B" encoded-words of at most 75
 * characters, each ending on a whole character. Control characters (CR, LF,
 * tab …) become spaces. */
enum gk_err gk_mail_header(struct gk_buf *out, const char *name, const char *value);

/* Appends TEXT in base64, lines of 76 characters ending in CRLF, after
 * turning its line ends into CRLF (the canonical form of text/plain). */
enum gk_err gk_mail_body_base64(struct gk_buf *out, const char *text);

/* "Tue, 01 Dec 2026 18:00:44 +0800": the RFC 5322 date of T (seconds since
 * the epoch) in China's time. OUT holds at least 32 bytes. */
void gk_mail_date(int64_t t, char *out, size_t out_len);

/* "<hex@domain>": the Message-ID for idempotency key KEY from the sender
 * FROM_ADDR's domain. The same key always gives the same id, so a message a
 * server saw twice is recognisably one. OUT holds at least
 * GK_MAIL_ADDR_MAX + 48 bytes. */
void gk_mail_message_id(const char *key, const char *from_addr, char *out, size_t out_len);

struct gk_mail_message {
	const char *from;    /* the From setting: "addr" or "Name <addr>" */
	const char *to;      /* a plain address */
	const char *subject; /* UTF-8 */
	const char *body;    /* UTF-8 text */
	const char *key;     /* the notice's idempotency key: the Message-ID */
	int64_t date;        /* seconds since the epoch */
};

/* Appends the whole message (headers, blank line, body) to OUT. GK_EINVAL
 * with a Chinese detail when an address is malformed, the key is empty or
 * the subject or body is not UTF-8; GK_ENOMEM/GK_ETOOBIG from OUT. */
enum gk_err gk_mail_message_build(struct gk_buf *out, const struct gk_mail_message *m,
				  struct gk_error *err);

#endif
