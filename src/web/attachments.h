/* Attachments over HTTP, shared by the catalogue and application pages
 * (page_item.c, page_staff_items.c, page_application.c, page_application_new.c,
 * applications.c, api_applications.c): turning an upload into something to
 * store, sending a stored file with safe headers, and listing files. */
#ifndef GK_WEB_ATTACHMENTS_H
#define GK_WEB_ATTACHMENTS_H

#include "core/attachment.h"
#include "web/request.h"

/* Fills UP from the uploaded file F: a safe display name (gk_attachment_name)
 * and the media type its extension gives on the allow-list; the name lives in
 * the request's arena, the bytes stay in the request body. False when out of
 * memory. */
bool gk_web_upload(struct gk_request *r, const struct gk_file *f, struct gk_upload *up);

/* Answers with stored file A whose bytes the caller has put in r->out: 200,
 * the type from the allow-list for A's name (never HTML or SVG), and
 * Content-Disposition "attachment" — "inline" only for a PDF or an image
 * whose bytes match its type — with the name as filename*=UTF-8''… and an
 * ASCII fallback. */
void gk_web_send_attachment(struct gk_request *r, const struct gk_attachment *a);

/* The Content-Disposition of KIND ("attachment" or "inline") for a file
 * called NAME: an ASCII fallback and filename*=UTF-8''… (RFC 6266, 5987),
 * in R's arena. */
const char *gk_web_disposition(struct gk_request *r, const char *kind, const char *name);

/* One <li> linking HREF (a path we built) with A's name, type and size. */
void gk_web_attachment_item(struct gk_buf *b, const char *href, const struct gk_attachment *a);

#endif
