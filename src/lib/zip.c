/* A stored-only ZIP writer (APPNOTE.TXT 6.3: local headers, central
 * directory, end record) and the CRC-32 it needs. */
#include "lib/zip.h"

#include <string.h>

uint32_t gk_crc32(uint32_t crc, const void *data, size_t len)
{
	/* half a byte at a time: a table of 16 constants, nothing made at run time */
	static const uint32_t table[16] = {
		0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4,
		0x4DB26158, 0x5005713C, 0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C,
		0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C,
	};
	const unsigned char *p = data;
	crc = ~crc;
	for (size_t i = 0; i < len; i++) {
		crc = table[(crc ^ p[i]) & 0xf] ^ (crc >> 4);
		crc = table[(crc ^ (p[i] >> 4)) & 0xf] ^ (crc >> 4);
	}
	return ~crc;
}

static void le16(struct gk_buf *b, uint32_t v)
{
	unsigned char x[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
	gk_buf_add(b, x, 2);
}

static void le32(struct gk_buf *b, uint32_t v)
{
	unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			      (unsigned char)(v >> 24)};
	gk_buf_add(b, x, 4);
}

/* 1980-01-01 00:00, the first day MS-DOS time has: the same bytes for the
 * same document whenever it is made. */
#define DOS_TIME 0
#define DOS_DATE ((0 << 9) | (1 << 5) | 1)

void gk_zip_init(struct gk_zip *z, struct gk_buf *out)
{
	z->out = out;
	gk_buf_init(&z->dir, (size_t)1 << 20);
	z->entries = 0;
	z->failed = GK_OK;
}

void gk_zip_release(struct gk_zip *z)
{
	gk_buf_release(&z->dir);
}

static enum gk_err fail(struct gk_zip *z, enum gk_err code)
{
	if (!z->failed)
		z->failed = code;
	return z->failed;
}

static enum gk_err check(struct gk_zip *z)
{
	if (z->out->failed)
		return fail(z, z->out->failed);
	if (z->dir.failed)
		return fail(z, z->dir.failed);
	return z->failed;
}

enum gk_err gk_zip_add(struct gk_zip *z, const char *name, const void *data, size_t len)
{
	if (z->failed)
		return z->failed;
	size_t name_len = strlen(name);
	if (!name_len || name_len > 255 || name[0] == '/')
		return fail(z, GK_EINVAL);
	for (const char *c = name; *c; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f || *c == '\\')
			return fail(z, GK_EINVAL);
	size_t offset = z->out->len;
	if (z->entries >= 0xffff || len > 0xfffffffeu || offset > 0xfffffffeu - 30 - name_len ||
	    offset + 30 + name_len > 0xfffffffeu - len)
		return fail(z, GK_ETOOBIG);
	uint32_t crc = gk_crc32(0, data, len);

	struct gk_buf *o = z->out;
	le32(o, 0x04034b50); /* local file header */
	le16(o, 10);         /* version needed: 1.0, stored */
	le16(o, 0);          /* flags: sizes known, no data descriptor */
	le16(o, 0);          /* method: stored */
	le16(o, DOS_TIME);
	le16(o, DOS_DATE);
	le32(o, crc);
	le32(o, (uint32_t)len);
	le32(o, (uint32_t)len);
	le16(o, (uint32_t)name_len);
	le16(o, 0); /* extra field */
	gk_buf_add(o, name, name_len);
	gk_buf_add(o, data, len);

	struct gk_buf *d = &z->dir;
	le32(d, 0x02014b50);    /* central directory header */
	le16(d, (3 << 8) | 20); /* made by: Unix, 2.0 */
	le16(d, 10);
	le16(d, 0);
	le16(d, 0);
	le16(d, DOS_TIME);
	le16(d, DOS_DATE);
	le32(d, crc);
	le32(d, (uint32_t)len);
	le32(d, (uint32_t)len);
	le16(d, (uint32_t)name_len);
	le16(d, 0);                       /* extra field */
	le16(d, 0);                       /* comment */
	le16(d, 0);                       /* disk number */
	le16(d, 0);                       /* internal attributes */
	le32(d, (uint32_t)0100644 << 16); /* external: a regular file, rw-r--r-- */
	le32(d, (uint32_t)offset);
	gk_buf_add(d, name, name_len);
	z->entries++;
	return check(z);
}

enum gk_err gk_zip_finish(struct gk_zip *z)
{
	enum gk_err rc = check(z);
	if (!rc) {
		struct gk_buf *o = z->out;
		size_t at = o->len;
		if (at > 0xfffffffeu - z->dir.len) {
			rc = fail(z, GK_ETOOBIG);
		} else {
			gk_buf_add(o, z->dir.data, z->dir.len);
			le32(o, 0x06054b50); /* end of central directory */
			le16(o, 0);          /* this disk */
			le16(o, 0);          /* the directory's disk */
			le16(o, z->entries);
			le16(o, z->entries);
			le32(o, (uint32_t)z->dir.len);
			le32(o, (uint32_t)at);
			le16(o, 0); /* comment */
			rc = check(z);
		}
	}
	gk_zip_release(z);
	return rc;
}
