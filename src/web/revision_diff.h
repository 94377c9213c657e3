/* The revision history of catalogue items as people read it: a Chinese
 * diff of two snapshots (field labels, old → new), values in words,
 * long texts cut on character boundaries; never raw JSON or field names. */
#ifndef GK_WEB_REVISION_DIFF_H
#define GK_WEB_REVISION_DIFF_H

#include <jansson.h>

#include "lib/buf.h"

/* Writes into B (HTML) the fields NEWER changed from OLDER, as a list; for
 * the first revision (OLDER NULL) a line naming what was created. */
void gk_revision_diff(struct gk_buf *b, json_t *older, json_t *newer);
/* The Chinese name of a revision's action ("create" → "新建"). */
const char *gk_revision_action_label(const char *code);

#endif
