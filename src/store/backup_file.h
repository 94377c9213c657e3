/* What every backend does with a backup file once it is written and
 * checked: make it durable and put it in place atomically. Only the
 * backends (src/store/<backend>/) include this header. */
#ifndef GK_STORE_BACKUP_FILE_H
#define GK_STORE_BACKUP_FILE_H

#include <stdint.h>

#include "lib/error.h"

/* Flushes the file (or folder) at PATH to the disk. */
enum gk_err gk_backup_file_sync(const char *path, struct gk_error *err);

/* The checked copy TMP synced, its size into *BYTES (may be NULL), renamed
 * to PATH and PATH's folder synced, so a crash leaves the old file or the
 * new one, never half of one. TMP is left in place on failure. */
enum gk_err gk_backup_file_put(const char *tmp, const char *path, int64_t *bytes,
			       struct gk_error *err);

#endif
