/* The base page: header with the government's name and navigation, the
 * main column, and a footer with the disclosure office's contact. */
#ifndef GK_WEB_LAYOUT_H
#define GK_WEB_LAYOUT_H

#include "web/request.h"

/* Starts an HTML page with status STATUS and the title TITLE (escaped). */
void gk_page_begin(struct gk_request *r, int status, const char *title);
/* Closes the page opened by gk_page_begin. */
void gk_page_end(struct gk_request *r);
/* A hidden input carrying the request's CSRF token. */
void gk_page_csrf_field(struct gk_request *r);
/* A notice box; KIND is "error", "ok" or "info"; MESSAGE is escaped. */
void gk_page_notice(struct gk_request *r, const char *kind, const char *message);

struct gk_agency;

/* A <dt>/<dd> pair of a <dl class="meta">: LABEL is our markup, VALUE is
 * escaped. gk_page_meta_row writes nothing for an empty VALUE;
 * gk_page_meta_field gives the <dd> the id ID and shows a missing VALUE
 * as "—". */
void gk_page_meta_row(struct gk_buf *b, const char *label, const char *value);
void gk_page_meta_field(struct gk_buf *b, const char *id, const char *label, const char *value);
/* The meta rows of agency A's contact that are filled in: 地址, 邮编, 电话,
 * 传真, 电子邮箱, 办公时间. */
void gk_page_contact_rows(struct gk_buf *b, const struct gk_agency *a);

#endif
