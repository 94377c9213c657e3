/* Reply letters (政府信息公开申请答复书) drafted from a template per outcome. */
#ifndef GK_CORE_REPLY_LETTER_H
#define GK_CORE_REPLY_LETTER_H

#include "core/application.h"
#include "lib/buf.h"

/* Writes the reply letter for OUTCOME to APP from the per-outcome template
 * into OUT (UTF-8 text, one paragraph a line); TODAY dates it. An outcome
 * out of range gets the frame without a body paragraph. A failed append
 * sets OUT's failed flag (lib/buf.h). */
void gk_reply_letter(const struct gk_application *app, enum gk_outcome outcome, long today,
		     struct gk_buf *out);

#endif
