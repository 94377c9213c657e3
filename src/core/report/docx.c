/* A Word document's package check and body text (see docx.h). */
#include <stdint.h>
#include <string.h>

#include "core/report/docx.h"

bool gk_docx_is_zip(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

bool gk_docx_is_ole(const char *data, size_t len)
{
	return len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

/* --- the ZIP directory ------------------------------------------------------ */

static uint32_t le16(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint32_t)u[0] | (uint32_t)u[1] << 8;
}

static uint32_t le32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
}

#define EOCD_SIZE  22
#define CDIR_SIZE  46
#define LOCAL_SIZE 30
static const char body_name[] = "word/document.xml";

/* The offset of the end of central directory record, or -1 (it is the last
 * thing in the file, before a comment of up to 65535 bytes). */
static long find_eocd(const char *data, size_t len)
{
	if (len < EOCD_SIZE)
		return -1;
	size_t lowest = len - EOCD_SIZE > 65535 ? len - EOCD_SIZE - 65535 : 0;
	for (size_t i = len - EOCD_SIZE + 1; i-- > lowest;)
		if (memcmp(data + i, "PK\x05\x06", 4) == 0 &&
		    i + EOCD_SIZE + le16(data + i + 20) <= len)
			return (long)i;
	return -1;
}

enum gk_err gk_docx_check_package(const char *data, size_t len, struct gk_error *err)
{
	static const char broken[] = "无法读取 Word 文档：文件已损坏或不是有效的 .docx 文档";
	if (gk_docx_is_ole(data, len))
		return gk_fail(
			err, GK_EINVAL,
			"Word 文档已加密或是旧版 .doc 格式，无法读取；请提供未加密的 .docx 或 PDF 文件");
	if (!gk_docx_is_zip(data, len))
		return gk_fail(err, GK_EINVAL,
			       "无法读取 Word 文档：文件不是 .docx 文档（不是 zip 压缩包）");
	long eocd = find_eocd(data, len);
	if (eocd < 0)
		return gk_fail(err, GK_EINVAL, "%s", broken);
	const char *e = data + eocd;
	size_t entries = le16(e + 10), cd_size = le32(e + 12), cd_off = le32(e + 16);
	if (cd_off > (size_t)eocd || cd_size > (size_t)eocd - cd_off)
		return gk_fail(err, GK_EINVAL, "%s", broken);
	const char *found = NULL;
	bool workbook = false, slides = false; /* Excel's and PowerPoint's packages */
	size_t at = cd_off, end = cd_off + cd_size;
	for (size_t k = 0; k < entries; k++) {
		if (end - at < CDIR_SIZE || memcmp(data + at, "PK\x01\x02", 4) != 0)
			return gk_fail(err, GK_EINVAL, "%s", broken);
		const char *c = data + at;
		size_t name_len = le16(c + 28);
		size_t rest = (size_t)name_len + le16(c + 30) + le16(c + 32);
		if (end - at - CDIR_SIZE < rest)
			return gk_fail(err, GK_EINVAL, "%s", broken);
		if (!found && name_len == sizeof body_name - 1 &&
		    memcmp(c + CDIR_SIZE, body_name, name_len) == 0)
			found = c;
		workbook |= name_len > 3 && memcmp(c + CDIR_SIZE, "xl/", 3) == 0;
		slides |= name_len > 4 && memcmp(c + CDIR_SIZE, "ppt/", 4) == 0;
		at += CDIR_SIZE + rest;
	}
	if (!found && (workbook || slides))
		return gk_fail(err, GK_EINVAL,
			       "这是 %s，检查只读取报告的正文：请提供 PDF、Word（.docx）或文本文件",
			       workbook ? "Excel 工作簿（.xlsx）" : "PowerPoint 演示文稿（.pptx）");
	if (!found)
		return gk_fail(
			err, GK_EINVAL,
			"无法读取 Word 文档：压缩包中没有正文（word/document.xml），不是 .docx 文档");
	uint32_t flags = le16(found + 8), method = le16(found + 10);
	uint32_t packed = le32(found + 20), unpacked = le32(found + 24);
	size_t local = le32(found + 42);
	if (flags & 1)
		return gk_fail(err, GK_EINVAL,
			       "Word 文档已加密，无法读取其中的文字；请提供未加密的文件");
	if (method != 0 && method != 8)
		return gk_fail(err, GK_EINVAL, "无法读取 Word 文档：使用了不支持的压缩方式");
	if (local > cd_off || cd_off - local < LOCAL_SIZE ||
	    memcmp(data + local, "PK\x03\x04", 4) != 0 || packed > cd_off - local ||
	    (method == 0 && packed != unpacked))
		return gk_fail(err, GK_EINVAL, "%s", broken);
	/* 0xFFFFFFFF is ZIP64's "see the extra field": far over the limit anyway */
	if (unpacked > GK_DOCX_MAX_XML)
		return gk_fail(err, GK_ETOOBIG,
			       "Word 文档解压后过大（正文超过 %zu MiB），可能是恶意构造的压缩文件",
			       GK_DOCX_MAX_XML >> 20);
	if (unpacked > GK_DOCX_BOMB_MIN &&
	    (uint64_t)unpacked > (uint64_t)packed * GK_DOCX_BOMB_RATIO)
		return gk_fail(
			err, GK_ETOOBIG,
			"Word 文档的压缩比异常（%u 字节解压为 %u 字节），可能是恶意构造的压缩文件",
			(unsigned)packed, (unsigned)unpacked);
	return GK_OK;
}

/* --- the body's XML ----------------------------------------------------------- */

/* Whether the tag at X[i] ('<') is NAME (as "<NAME", "</NAME", then a blank,
 * '>' or '/'). Sets *CLOSING. */
static bool tag_named(const char *x, size_t len, size_t i, const char *name, bool *closing)
{
	size_t k = i + 1;
	*closing = k < len && x[k] == '/';
	if (*closing)
		k++;
	size_t n = strlen(name);
	if (k + n >= len || memcmp(x + k, name, n) != 0)
		return false;
	char c = x[k + n];
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool self_closing(const char *x, size_t end)
{
	return end > 0 && x[end - 1] == '/';
}

/* The value of attribute NAME in the tag X[i..end), e.g. w:val="restart", in
 * *VAL and *VAL_LEN; false if absent. */
static bool attr(const char *x, size_t i, size_t end, const char *name, const char **val,
		 size_t *val_len)
{
	size_t n = strlen(name);
	for (size_t k = i + 1; k + n + 2 < end; k++) {
		if ((x[k - 1] != ' ' && x[k - 1] != '\t' && x[k - 1] != '\n' && x[k - 1] != '\r') ||
		    memcmp(x + k, name, n) != 0 || x[k + n] != '=')
			continue;
		char q = x[k + n + 1];
		if (q != '"' && q != '\'')
			continue;
		size_t a = k + n + 2, b = a;
		while (b < end && x[b] != q)
			b++;
		if (b == end)
			return false;
		*val = x + a;
		*val_len = b - a;
		return true;
	}
	return false;
}

static void put_utf8(struct gk_buf *out, unsigned long cp)
{
	char u[4];
	size_t m;
	if (cp < 0x80) {
		u[0] = (char)cp;
		m = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		m = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		m = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		m = 4;
	}
	gk_buf_add(out, u, m);
}

/* Appends the XML text X[0..N) with its five entities and character
 * references decoded. */
static void xml_text(struct gk_buf *out, const char *x, size_t n)
{
	static const struct {
		const char *name, *text;
	} ents[] = {{"lt;", "<"}, {"gt;", ">"}, {"amp;", "&"}, {"quot;", "\""}, {"apos;", "'"}};
	for (size_t i = 0; i < n;) {
		if (x[i] != '&') {
			size_t j = i;
			while (j < n && x[j] != '&')
				j++;
			gk_buf_add(out, x + i, j - i);
			i = j;
			continue;
		}
		size_t used = 0;
		for (size_t k = 0; k < sizeof ents / sizeof ents[0] && !used; k++) {
			size_t m = strlen(ents[k].name);
			if (i + 1 + m <= n && memcmp(x + i + 1, ents[k].name, m) == 0) {
				gk_buf_add(out, ents[k].text, 1);
				used = 1 + m;
			}
		}
		if (!used && i + 2 < n && x[i + 1] == '#') {
			bool hex = x[i + 2] == 'x';
			size_t j = i + (hex ? 3 : 2);
			unsigned long cp = 0;
			while (j < n && j - i < 12 && x[j] != ';') {
				char c = x[j];
				int d = c >= '0' && c <= '9'          ? c - '0'
					: hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
					: hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
								      : -1;
				if (d < 0)
					break;
				cp = cp * (hex ? 16 : 10) + (unsigned long)d;
				j++;
			}
			if (j < n && x[j] == ';' && cp > 0 && cp <= 0x10FFFF &&
			    !(cp >= 0xD800 && cp <= 0xDFFF)) {
				put_utf8(out, cp);
				used = j + 1 - i;
			}
		}
		if (!used) {
			gk_buf_add(out, "&", 1);
			used = 1;
		}
		i += used;
	}
}

/* The offset of S in X[from..len), or LEN. */
static size_t find(const char *x, size_t len, size_t from, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = from; i + n <= len; i++)
		if (x[i] == s[0] && memcmp(x + i, s, n) == 0)
			return i;
	return len;
}

/* A break inside a table cell: one space between its words, none at its start. */
static void cell_space(struct gk_buf *out, size_t cell_text)
{
	if (out->len > cell_text && out->data[out->len - 1] != ' ')
		gk_buf_add(out, " ", 1);
}

/* Ends a cell's text OUT[from..): without spaces at its end, runs of spaces
 * as one, a '|' (the cell separator) as '｜'. */
static void cell_end(struct gk_buf *out, size_t from)
{
	size_t n = out->len - from, k = 0;
	char *t = out->data + from;
	bool pipe = false;
	for (size_t i = 0; i < n; i++) {
		char c = t[i] == '\t' ? ' ' : t[i];
		if (c == ' ' && (k == 0 || t[k - 1] == ' '))
			continue;
		pipe |= c == '|';
		t[k++] = c;
	}
	while (k > 0 && t[k - 1] == ' ')
		k--;
	if (k < n) { /* (never a write to an empty buffer's shared "") */
		out->len = from + k;
		out->data[out->len] = '\0';
	}
	if (!pipe)
		return;
	struct gk_buf copy;
	gk_buf_init(&copy, out->max);
	gk_buf_add(&copy, t, k);
	out->len = from;
	out->data[from] = '\0';
	for (size_t i = 0; i < copy.len; i++)
		if (copy.data[i] == '|')
			gk_buf_add(out, "｜", 3);
		else
			gk_buf_add(out, copy.data + i, 1);
	if (copy.failed)
		out->failed = copy.failed;
	gk_buf_release(&copy);
}

void gk_docx_xml_text(const char *x, size_t len, struct gk_buf *out)
{
	int cell_depth = 0;     /* inside a table cell (tables nest) */
	int cells = 0;          /* cells kept in the current top-level row */
	size_t cell_mark = 0;   /* OUT's length where the current top-level cell began */
	size_t cell_text = 0;   /* ...and where its text begins (after the separator) */
	bool continued = false; /* the current top-level cell continues a vertical merge */
	for (size_t i = 0; i < len;) {
		if (x[i] != '<') {
			i++;
			continue;
		}
		size_t end = i;
		while (end < len && x[end] != '>')
			end++;
		if (end == len)
			break;
		bool closing;
		if (tag_named(x, len, i, "w:t", &closing) && !closing && !self_closing(x, end)) {
			size_t close = find(x, len, end + 1, "</w:t>");
			xml_text(out, x + end + 1, close - end - 1);
			i = close;
			continue;
		}
		if (tag_named(x, len, i, "mc:Fallback", &closing) && !closing &&
		    !self_closing(x, end)) {
			/* the same text box again, for readers without its Choice */
			i = find(x, len, end + 1, "</mc:Fallback>");
			continue;
		}
		bool brk = (tag_named(x, len, i, "w:p", &closing) &&
			    (closing || self_closing(x, end))) ||
			   ((tag_named(x, len, i, "w:br", &closing) ||
			     tag_named(x, len, i, "w:cr", &closing)) &&
			    !closing);
		if (brk || (tag_named(x, len, i, "w:tab", &closing) && !closing)) {
			if (cell_depth)
				cell_space(out, cell_text);
			else
				gk_buf_add(out, brk ? "\n" : "\t", 1);
		} else if (tag_named(x, len, i, "w:tr", &closing) && cell_depth == 0) {
			if (closing && cells > 0)
				gk_buf_add(out, " |\n", 3);
			cells = 0;
		} else if (tag_named(x, len, i, "w:vMerge", &closing) && !closing &&
			   cell_depth == 1) {
			const char *v;
			size_t vn;
			continued = !(attr(x, i, end, "w:val", &v, &vn) && vn == 7 &&
				      memcmp(v, "restart", 7) == 0);
		} else if (tag_named(x, len, i, "w:tc", &closing)) {
			if (!closing && !self_closing(x, end)) {
				if (cell_depth == 0) {
					cell_mark = out->len;
					continued = false;
					gk_buf_puts(out, cells++ > 0 ? " | " : "| ");
					cell_text = out->len;
				}
				cell_depth++;
			} else if (closing && cell_depth > 0 && --cell_depth == 0) {
				if (continued) {
					/* the cell above stands for it, as a rowspan in HTML */
					if (out->len > cell_mark) {
						out->len = cell_mark;
						out->data[cell_mark] = '\0';
					}
					cells--;
					continued = false;
				} else {
					cell_end(out, cell_text);
				}
			}
		}
		i = end + 1;
	}
}
