/* The base page: header with the government's name and navigation, the
 * main column, and a footer with the disclosure office's contact. */
#ifndef GK_WEB_LAYOUT_H
#define GK_WEB_LAYOUT_H

#include "web/request.h"

/* Starts an HTML page with status STATUS and the title TITLE (escaped). */
void gk_page_begin(struct gk_request *r, int status, const char *title);
/* A step of a public page's breadcrumb trail (面包屑导航). */
struct gk_crumb {
	const char *href, *label; /* both escaped */
};
/* What a public page adds to the base page: the steps of its breadcrumb
 * trail between 首页 and its own title, and the Atom feed of its column
 * (a path; NULL for none), announced in <head> and linked beside the
 * title. gk_page_begin is this with none: its trail is 首页 › TITLE. */
struct gk_page_public {
	const struct gk_crumb *trail;
	size_t ntrail;
	const char *feed, *feed_title;
};
void gk_page_begin_public(struct gk_request *r, int status, const char *title,
			  const struct gk_page_public *p);
/* The agency switcher: a GET form to ACTION choosing "agency" among every
 * agency (the first choice, 全市, is none), CURRENT selected. False (the
 * response then the error page) if the agencies cannot be read. */
bool gk_page_agency_switcher(struct gk_request *r, const char *action, const char *current);
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
