/* The one place HTML is written. Every function escapes for its context,
 * except gk_html_raw, which is for markup written in this source tree only.
 * Pages alternate trusted markup (raw) with data (text/attr/url_arg). */
#ifndef GK_LIB_HTML_H
#define GK_LIB_HTML_H

#include "lib/buf.h"

/* Markup we wrote ourselves. Never pass data from a request or the database. */
void gk_html_raw(struct gk_buf *b, const char *markup);
/* Text content: escapes & < > " ' so it is also safe inside quoted attributes. */
void gk_html_text(struct gk_buf *b, const char *text);
void gk_html_textn(struct gk_buf *b, const char *text, size_t n);
/* A quoted attribute value (the caller writes the quotes). */
void gk_html_attr(struct gk_buf *b, const char *value);
/* One component of a URL (path segment or query value): percent-encodes
 * everything but unreserved characters, so the result is also attribute-safe. */
void gk_html_url_arg(struct gk_buf *b, const char *value);
/* A number. The only printf-style helper, and it takes only integers. */
void gk_html_int(struct gk_buf *b, long long n);

#endif
