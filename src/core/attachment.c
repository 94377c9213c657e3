/* Attachment rules: safe names, the media-type allow-list, inline display,
 * sizes for people, digests. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/attachment.h"
#include "lib/utf8.h"

/* True for code points a file name must not carry: controls, the
 * characters Windows refuses, and the bidirectional overrides that can make
 * "invoice<U+202E>fdp.exe" look like a PDF. */
static bool bad_char(long c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
		return true;
	if (c < 0x80 && strchr("<>:\"|?*\\/", (int)c))
		return true;
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e ||
	       c == 0x200f || c == 0xfeff;
}

void gk_attachment_name(const char *filename, char *out, size_t n)
{
	static const char fallback[] = "附件";
	if (!n)
		return;
	out[0] = '\0';
	const char *s = filename ? filename : "";
	/* the last path component, whichever separator the sender's system uses */
	for (const char *p = s; *p; p++)
		if (*p == '/' || *p == '\\')
			s = p + 1;
	size_t len = strlen(s), o = 0, chars = 0;
	/* the extension (".pdf") is kept when the name must be shortened */
	const char *dot = strrchr(s, '.');
	size_t ext_len = dot && dot != s && strlen(dot) <= 10 ? strlen(dot) : 0;
	size_t ext_chars = ext_len ? gk_utf8_count(dot, ext_len) : 0;
	size_t total = gk_utf8_count(s, len);
	size_t keep = total > GK_ATTACHMENT_NAME_MAX ? GK_ATTACHMENT_NAME_MAX - ext_chars : total;
	for (size_t i = 0; i < len;) {
		size_t k;
		long c = gk_utf8_decode((const unsigned char *)s + i, len - i, &k);
		if (chars == keep && ext_len && s + i < dot) {
			i = (size_t)(dot - s); /* skip to the extension */
			continue;
		}
		if (chars >= GK_ATTACHMENT_NAME_MAX)
			break;
		if (o == 0 && (c == '.' || c == ' ')) {
			i += k;
			continue;
		}
		if (c < 0 || bad_char(c)) {
			if (o + 2 > n)
				break;
			out[o++] = '_';
		} else {
			if (o + k + 1 > n)
				break;
			memcpy(out + o, s + i, k);
			o += k;
		}
		chars++;
		i += k;
	}
	/* Windows drops trailing dots and spaces; so do we */
	while (o && (out[o - 1] == '.' || out[o - 1] == ' '))
		o--;
	out[o] = '\0';
	if (!o)
		snprintf(out, n, "%s", fallback);
}

struct kind {
	const char *ext, *type, *label;
	const char *magic; /* for inline display: the first bytes, or NULL */
	size_t magic_len;
};

static const struct kind kinds[] = {
	{"pdf", "application/pdf", "PDF", "%PDF-", 5},
	{"doc", "application/msword", "Word", NULL, 0},
	{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word",
	 NULL, 0},
	{"xls", "application/vnd.ms-excel", "Excel", NULL, 0},
	{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel", NULL,
	 0},
	{"odt", "application/vnd.oasis.opendocument.text", "ODT", NULL, 0},
	{"ods", "application/vnd.oasis.opendocument.spreadsheet", "ODS", NULL, 0},
	{"txt", "text/plain", "文本", NULL, 0},
	{"csv", "text/csv", "CSV", NULL, 0},
	{"jpg", "image/jpeg", "图片", "\xff\xd8\xff", 3},
	{"jpeg", "image/jpeg", "图片", "\xff\xd8\xff", 3},
	{"png", "image/png", "图片", "\x89PNG\r\n\x1a\n", 8},
	{"gif", "image/gif", "图片", "GIF8", 4},
	{"zip", "application/zip", "ZIP", NULL, 0},
	{"ofd", "application/ofd", "OFD", NULL, 0},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static const char octet_stream[] = "application/octet-stream";

const char *gk_attachment_media_type(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	if (!dot)
		return octet_stream;
	for (size_t i = 0; i < NKINDS; i++)
		if (strcasecmp(dot + 1, kinds[i].ext) == 0)
			return kinds[i].type;
	return octet_stream;
}

static const struct kind *kind_of(const char *media_type)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (media_type && strcmp(media_type, kinds[i].type) == 0)
			return &kinds[i];
	return NULL;
}

const char *gk_attachment_type_label(const char *media_type)
{
	const struct kind *k = kind_of(media_type);
	return k ? k->label : "文件";
}

bool gk_attachment_inline(const char *media_type, const void *data, size_t len)
{
	const struct kind *k = kind_of(media_type);
	return k && k->magic && len >= k->magic_len && memcmp(data, k->magic, k->magic_len) == 0;
}

void gk_attachment_size_text(int64_t size, char *out, size_t n)
{
	if (size < 1024) {
		snprintf(out, n, "%lld 字节", (long long)(size < 0 ? 0 : size));
		return;
	}
	int64_t unit = size < (1 << 20) ? 1024 : (1 << 20);
	int64_t tenths = (size * 10 + unit / 2) / unit;
	snprintf(out, n, "%lld.%lld %s", (long long)(tenths / 10), (long long)(tenths % 10),
		 unit == 1024 ? "KB" : "MB");
}

void gk_attachment_sha256(const void *data, size_t len, char out[65])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

enum gk_err gk_upload_check(const struct gk_upload *up, struct gk_error *err)
{
	if (!up->name || !*up->name || !gk_utf8_valid(up->name, strlen(up->name)))
		return gk_fail(err, GK_EINVAL, "“附件”：文件须有文件名");
	if (!up->len)
		return gk_fail(err, GK_EINVAL, "附件“%.200s”是空文件", up->name);
	if (up->len > GK_ATTACHMENT_MAX_BYTES)
		return gk_fail(err, GK_ETOOBIG, "附件“%.200s”超过%zu MiB", up->name,
			       GK_ATTACHMENT_MAX_BYTES >> 20);
	if (!up->media_type || !*up->media_type)
		return gk_fail(err, GK_EINVAL, "附件“%.200s”没有文件类型", up->name);
	return GK_OK;
}
