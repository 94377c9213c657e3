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

#endif
