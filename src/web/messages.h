/* The Chinese labels of the request parameters, for the message catalogue
 * (lib/messages.h): a refused parameter is named as people know it. */
#ifndef GK_WEB_MESSAGES_H
#define GK_WEB_MESSAGES_H

#include "lib/messages.h"

/* The Chinese label of parameter NAME ("year" → "年份"); for a name not in
 * the table, a generic wording ("此项"), never the name itself. Static. */
const char *gk_field_label(const char *name);

#endif
