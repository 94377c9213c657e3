/* Reply letters (政府信息公开申请答复书) drafted from a template per outcome. */
#ifndef GK_CORE_REPLY_LETTER_H
#define GK_CORE_REPLY_LETTER_H

#include "core/application.h"
#include "lib/buf.h"
#include "lib/error.h"

/* Writes the reply letter for OUTCOME to APP from the per-outcome template
 * into OUT (UTF-8 text, one paragraph a line); TODAY dates it. An outcome
 * out of range gets the frame without a body paragraph. A failed append
 * sets OUT's failed flag (lib/buf.h). */
void gk_reply_letter(const struct gk_application *app, enum gk_outcome outcome, long today,
		     struct gk_buf *out);

/* The first placeholder 【…】 the drafter must fill in LETTER (an unclosed
 * 【 runs to the end of its line), its length in bytes in *LEN; NULL if none. */
const char *gk_reply_letter_placeholder(const char *letter, size_t *len);
/* GK_EINVAL naming the first placeholder left in LETTER (a reply with
 * one is not approved); GK_OK if there is none. */
enum gk_err gk_reply_letter_check(const char *letter, struct gk_error *err);

#endif
