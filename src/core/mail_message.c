/* The text of an e-mail: addresses, RFC 2047 headers, the base64 body. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mail_message.h"
#include "lib/utf8.h"

#define WORD_MAX     75 /* RFC 2047: an encoded-word is at most 75 characters */
#define WORD_FRAME   12 /* "=?UTF-8?B?" and "?=" */
#define WORD_PREFIX  "=?UTF-8?B?"
#define CHINA_OFFSET (8 * 3600)

static bool is_atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

static bool is_label_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

static bool local_part_valid(const char *s, size_t n)
{
	if (n == 0 || n > 64 || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return false;
		} else if (!is_atext((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

static bool domain_valid(const char *s, size_t n)
{
	if (n == 0 || n > 253)
		return false;
	int dots = 0;
	size_t label = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			/* a label: 1..63 characters, no hyphen at either end */
			if (label == 0 || label > 63 || s[i - 1] == '-' || s[i - label] == '-')
				return false;
			dots += i < n;
			label = 0;
		} else if (is_label_char((unsigned char)s[i])) {
			label++;
		} else {
			return false;
		}
	}
	return dots > 0;
}

bool gk_mail_address_valid(const char *s)
{
	if (!s)
		return false;
	size_t n = strlen(s);
	const char *at = strrchr(s, '@');
	if (n > GK_MAIL_ADDR_MAX || !at)
		return false;
	return local_part_valid(s, (size_t)(at - s)) &&
	       domain_valid(at + 1, n - (size_t)(at - s) - 1);
}

static bool copy_part(char *out, size_t out_len, const char *s, size_t n)
{
	if (n >= out_len)
		return false;
	memcpy(out, s, n);
	out[n] = '\0';
	return true;
}

bool gk_mail_mailbox_parse(const char *s, char *addr, size_t addr_len, char *name, size_t name_len)
{
	if (!s || !addr_len || !name_len)
		return false;
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	const char *lt = memchr(s, '<', n);
	if (!lt) {
		name[0] = '\0';
		return copy_part(addr, addr_len, s, n) && gk_mail_address_valid(addr);
	}
	if (n < 2 || s[n - 1] != '>')
		return false;
	size_t name_n = (size_t)(lt - s);
	while (name_n && s[name_n - 1] == ' ')
		name_n--;
	/* a quoted name loses its quotes: we quote or encode it again */
	const char *nm = s;
	if (name_n >= 2 && nm[0] == '"' && nm[name_n - 1] == '"') {
		nm++;
		name_n -= 2;
	}
	for (size_t i = 0; i < name_n; i++)
		if ((unsigned char)nm[i] < 0x20 || nm[i] == '<' || nm[i] == '>' || nm[i] == '"' ||
		    nm[i] == 0x7f)
			return false;
	if (!gk_utf8_valid(nm, name_n))
		return false;
	return copy_part(addr, addr_len, lt + 1, (size_t)(s + n - 1 - (lt + 1))) &&
	       gk_mail_address_valid(addr) && copy_part(name, name_len, nm, name_n);
}

/* VALUE with control characters as spaces (a newline must never start a header). */
static char *flatten(const char *value)
{
	char *s = strdup(value ? value : "");
	if (!s)
		return NULL;
	for (char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return s;
}

static bool plain_ascii(const char *s)
{
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p >= 0x7f)
			return false;
	return strstr(s, "=?") == NULL;
}

/* Appends S as encoded-words starting at column *COL, folding as needed. */
static enum gk_err encode_words(struct gk_buf *out, const char *s, size_t *col)
{
	size_t left = strlen(s);
	bool line_has_word = false;
	while (left > 0) {
		size_t gap = line_has_word ? 1 : 0;
		size_t room = GK_MAIL_LINE_MAX > *col + gap + WORD_FRAME
				      ? GK_MAIL_LINE_MAX - *col - gap - WORD_FRAME
				      : 0;
		if (room > WORD_MAX - WORD_FRAME)
			room = WORD_MAX - WORD_FRAME;
		size_t max_bytes = room / 4 * 3;
		/* the longest whole-character prefix that fits */
		size_t take = 0;
		while (take < left) {
			size_t n;
			if (gk_utf8_decode((const unsigned char *)s + take, left - take, &n) < 0)
				n = 1;
			if (take + n > max_bytes)
				break;
			take += n;
		}
		if (take == 0) {
			if (!line_has_word && *col <= 1)
				return GK_EINVAL; /* cannot happen: 45 bytes hold any character */
			gk_buf_puts(out, "\r\n ");
			*col = 1;
			line_has_word = false;
			continue;
		}
		char b64[WORD_MAX];
		sodium_bin2base64(b64, sizeof b64, (const unsigned char *)s, take,
				  sodium_base64_VARIANT_ORIGINAL);
		if (gap)
			gk_buf_putc(out, ' ');
		gk_buf_puts(out, WORD_PREFIX);
		gk_buf_puts(out, b64);
		gk_buf_puts(out, "?=");
		*col += gap + WORD_FRAME + strlen(b64);
		line_has_word = true;
		s += take;
		left -= take;
	}
	return out->failed ? (enum gk_err)out->failed : GK_OK;
}

enum gk_err gk_mail_header(struct gk_buf *out, const char *name, const char *value)
{
	char *v = flatten(value);
	if (!v)
		return GK_ENOMEM;
	gk_buf_puts(out, name);
	gk_buf_puts(out, ": ");
	size_t col = strlen(name) + 2;
	if (plain_ascii(v) && col + strlen(v) <= GK_MAIL_LINE_MAX)
		gk_buf_puts(out, v);
	else
		encode_words(out, v, &col);
	gk_buf_puts(out, "\r\n");
	free(v);
	return out->failed ? (enum gk_err)out->failed : GK_OK;
}

enum gk_err gk_mail_body_base64(struct gk_buf *out, const char *text)
{
	struct gk_buf crlf;
	gk_buf_init(&crlf, out->max);
	for (const char *p = text ? text : ""; *p; p++) {
		if (*p == '\r' && p[1] == '\n')
			continue; /* the LF that follows writes the pair */
		if (*p == '\r' || *p == '\n')
			gk_buf_puts(&crlf, "\r\n");
		else
			gk_buf_putc(&crlf, *p);
	}
	if (crlf.failed) {
		enum gk_err e = (enum gk_err)crlf.failed;
		gk_buf_release(&crlf);
		return e;
	}
	/* 57 bytes make one line of 76 characters */
	for (size_t i = 0; i < crlf.len; i += 57) {
		size_t n = crlf.len - i < 57 ? crlf.len - i : 57;
		char line[80];
		sodium_bin2base64(line, sizeof line, (const unsigned char *)crlf.data + i, n,
				  sodium_base64_VARIANT_ORIGINAL);
		gk_buf_puts(out, line);
		gk_buf_puts(out, "\r\n");
	}
	gk_buf_release(&crlf);
	return out->failed ? (enum gk_err)out->failed : GK_OK;
}

void gk_mail_date(int64_t t, char *out, size_t out_len)
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t local = (time_t)(t + CHINA_OFFSET);
	struct tm tm;
	if (!gmtime_r(&local, &tm)) {
		snprintf(out, out_len, "Thu, 01 Jan 1970 08:00:00 +0800");
		return;
	}
	snprintf(out, out_len, "%s, %02d %s %04d %02d:%02d:%02d +0800", days[tm.tm_wday],
		 tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		 tm.tm_sec);
}

void gk_mail_message_id(const char *key, const char *from_addr, char *out, size_t out_len)
{
	unsigned char h[16];
	char hex[2 * sizeof h + 1];
	crypto_generichash(h, sizeof h, (const unsigned char *)key, strlen(key), NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	const char *at = from_addr ? strrchr(from_addr, '@') : NULL;
	snprintf(out, out_len, "<%s.gongkai@%s>", hex, at ? at + 1 : "localhost");
}

enum gk_err gk_mail_message_build(struct gk_buf *out, const struct gk_mail_message *m,
				  struct gk_error *err)
{
	char from_addr[GK_MAIL_ADDR_MAX + 1], from_name[256];
	if (!gk_mail_mailbox_parse(m->from, from_addr, sizeof from_addr, from_name,
				   sizeof from_name))
		return gk_fail(err, GK_EINVAL, "发件人地址“%s”格式不正确", m->from ? m->from : "");
	if (!gk_mail_address_valid(m->to))
		return gk_fail(err, GK_EINVAL, "收件人邮箱地址格式不正确");
	if (!m->key || !*m->key)
		return gk_fail(err, GK_EINVAL, "通知缺少幂等键");
	const char *subject = m->subject ? m->subject : "";
	const char *body = m->body ? m->body : "";
	if (!gk_utf8_valid(subject, strlen(subject)))
		return gk_fail(err, GK_EINVAL, "邮件标题不是有效的 UTF-8 文本");
	if (!gk_utf8_valid(body, strlen(body)))
		return gk_fail(err, GK_EINVAL, "邮件正文不是有效的 UTF-8 文本");

	char date[40], id[GK_MAIL_ADDR_MAX + 48];
	gk_mail_date(m->date, date, sizeof date);
	gk_mail_message_id(m->key, from_addr, id, sizeof id);
	/* structured headers as they are: they hold ASCII we checked */
	gk_buf_printf(out, "Date: %s\r\n", date);
	if (from_name[0]) {
		/* the name encoded, then the address, folded if it does not fit */
		gk_buf_puts(out, "From: ");
		size_t col = 6;
		bool plain =
			strspn(from_name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					  "0123456789 .-_") == strlen(from_name);
		if (plain && col + strlen(from_name) + 2 <= GK_MAIL_LINE_MAX) {
			gk_buf_printf(out, "\"%s\"", from_name);
			col += strlen(from_name) + 2;
		} else {
			encode_words(out, from_name, &col);
		}
		if (col + 3 + strlen(from_addr) > GK_MAIL_LINE_MAX) {
			gk_buf_puts(out, "\r\n");
		}
		gk_buf_printf(out, " <%s>\r\n", from_addr);
	} else {
		gk_buf_printf(out, "From: %s\r\n", from_addr);
	}
	gk_buf_printf(out, "To: %s\r\n", m->to);
	gk_mail_header(out, "Subject", subject);
	gk_buf_printf(out, "Message-ID: %s\r\n", id);
	gk_buf_puts(out, "MIME-Version: 1.0\r\n"
			 "Content-Type: text/plain; charset=UTF-8\r\n"
			 "Content-Transfer-Encoding: base64\r\n"
			 /* RFC 3834: no vacation replies to a notice */
			 "Auto-Submitted: auto-generated\r\n");
	gk_buf_puts(out, "\r\n");
	gk_mail_body_base64(out, body);
	if (out->failed)
		return gk_fail(err, (enum gk_err)out->failed, "邮件过大");
	return GK_OK;
}
