/* Form bodies (application/x-www-form-urlencoded) into request parameters. */
#ifndef GK_WEB_FORM_H
#define GK_WEB_FORM_H

#include <stddef.h>

#include "web/request.h"

/* Appends the fields of BODY to r->params (arena-allocated). Fails with
 * GK_EINVAL on bad percent-escapes, invalid UTF-8 or too many fields. */
enum gk_err gk_form_parse(struct gk_request *r, const char *body, size_t len, struct gk_error *err);
/* Decodes one urlencoded component into the arena; NULL if malformed
 * (bad %-escape or invalid UTF-8). */
char *gk_form_decode(struct gk_arena *a, const char *s, size_t n);

#endif
