/* Uploads in, stored files out: names, types and Content-Disposition. */
#include <stdio.h>
#include <string.h>

#include "lib/html.h"
#include "lib/utf8.h"
#include "web/attachments.h"

/* Browsers send '"', CR and LF in a file name as %22, %0D, %0A (the HTML
 * standard's multipart encoding): undo that, so the name is judged as typed. */
static char *browser_name(struct gk_request *r, const char *filename)
{
	char *s = gk_arena_strdup(&r->arena, filename ? filename : "");
	if (!s)
		return NULL;
	char *o = s;
	for (const char *p = s; *p; p++) {
		if (p[0] == '%' && p[1] == '2' && p[2] == '2') {
			*o++ = '"';
			p += 2;
		} else if (p[0] == '%' && p[1] == '0' &&
			   (p[2] == 'A' || p[2] == 'D' || p[2] == 'a' || p[2] == 'd')) {
			*o++ = p[2] == 'A' || p[2] == 'a' ? '\n' : '\r';
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return s;
}

bool gk_web_upload(struct gk_request *r, const struct gk_file *f, struct gk_upload *up)
{
	char name[GK_ATTACHMENT_NAME_MAX * 4 + 1];
	const char *sent = browser_name(r, f->filename);
	if (!sent)
		return false;
	gk_attachment_name(sent, name, sizeof name);
	up->name = gk_arena_strdup(&r->arena, name);
	up->media_type = gk_attachment_media_type(name);
	up->data = f->data;
	up->len = f->len;
	return up->name != NULL;
}

/* "attachment; filename="fallback"; filename*=UTF-8''percent-encoded" (RFC 6266). */
const char *gk_web_disposition(struct gk_request *r, const char *kind, const char *name)
{
	struct gk_buf b;
	gk_buf_init(&b, 4096);
	gk_buf_puts(&b, kind);
	gk_buf_puts(&b, "; filename=\"");
	/* the fallback for old clients: printable ASCII without quote,
	 * backslash or percent; anything else one '_' per character */
	size_t len = strlen(name);
	for (size_t i = 0; i < len;) {
		size_t k;
		long c = gk_utf8_decode((const unsigned char *)name + i, len - i, &k);
		gk_buf_putc(&b, c >= 0x20 && c < 0x7f && !strchr("\"\\%", (int)c) ? (char)c : '_');
		i += k;
	}
	gk_buf_puts(&b, "\"; filename*=UTF-8''");
	/* unreserved characters only: quotes, ';' and '/' cannot end the header */
	gk_html_url_arg(&b, name);
	const char *v = b.failed ? kind : gk_arena_strdup(&r->arena, b.data);
	gk_buf_release(&b);
	return v ? v : kind;
}

void gk_web_send_attachment(struct gk_request *r, const struct gk_attachment *a)
{
	/* the type again from the name, not from what the database says */
	const char *type = gk_attachment_media_type(a->name);
	bool show = gk_attachment_inline(type, r->out.data, r->out.len);
	r->status = 200;
	r->response_type = type;
	gk_req_header(r, "Content-Disposition",
		      gk_web_disposition(r, show ? "inline" : "attachment", a->name));
}

void gk_web_attachment_item(struct gk_buf *b, const char *href, const struct gk_attachment *a)
{
	char size[32];
	gk_attachment_size_text(a->size, size, sizeof size);
	gk_html_raw(b, "<li class=\"file\"><a href=\"");
	gk_html_attr(b, href);
	gk_html_raw(b, "\">");
	gk_html_text(b, a->name);
	gk_html_raw(b, "</a> <span class=\"file-meta\">（");
	gk_html_text(b, gk_attachment_type_label(a->media_type));
	gk_html_raw(b, "，");
	gk_html_text(b, size);
	gk_html_raw(b, "）</span></li>\n");
}
