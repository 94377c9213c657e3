/* multipart/form-data bodies (RFC 7578): text fields into request
 * parameters, files into r->files. */
#ifndef GK_WEB_MULTIPART_H
#define GK_WEB_MULTIPART_H

#include <stddef.h>

#include "web/request.h"

/* Parses BODY sent with CONTENT_TYPE (which names the boundary). Text fields
 * must be valid UTF-8; file contents are kept as raw bytes, pointing into
 * BODY (which must outlive the request). GK_EINVAL names what is malformed. */
enum gk_err gk_multipart_parse(struct gk_request *r, const char *content_type, const char *body,
			       size_t len, struct gk_error *err);

#endif
