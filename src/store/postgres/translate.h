/* The store's SQL (SQLite's spelling) as PostgreSQL reads it: parameters
 * ?N become $N, and the few SQLite functions the store's statements call
 * that the PostgreSQL schema cannot provide under the same name. Strings,
 * quoted names and comments are copied unchanged. */
#ifndef GK_STORE_POSTGRES_TRANSLATE_H
#define GK_STORE_POSTGRES_TRANSLATE_H

#include <stdbool.h>

/* SQL translated, malloc'd (NULL when out of memory); with RETURNING_ID
 * the statement (an INSERT) ends with " RETURNING id". *NPARAMS (may be
 * NULL) gets the highest parameter number. */
char *gk_pg_translate(const char *sql, bool returning_id, int *nparams);

#endif
