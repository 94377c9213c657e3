/* A ZIP archive written to memory with its entries stored (not
 * compressed): enough for an Office Open XML package (.docx), which Word
 * and LibreOffice open stored or deflated alike. No dependency on zlib:
 * the CRC-32 is computed here. */
#ifndef GK_LIB_ZIP_H
#define GK_LIB_ZIP_H

#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"
#include "lib/error.h"

/* The CRC-32 of ZIP and PNG (ISO 3309, polynomial 0xEDB88320) of DATA,
 * continuing from CRC (0 to start). */
uint32_t gk_crc32(uint32_t crc, const void *data, size_t len);

/* An archive being written: each entry's local header and bytes go to OUT
 * at once; the central directory is kept until gk_zip_finish. */
struct gk_zip {
	struct gk_buf *out;
	struct gk_buf dir; /* the central directory so far */
	unsigned entries;
	enum gk_err failed; /* the first failure: every later call returns it */
};

/* Starts an archive appended to OUT (which the caller owns). */
void gk_zip_init(struct gk_zip *z, struct gk_buf *out);
/* Adds NAME (ASCII, at most 255 bytes, '/' between folders) holding DATA.
 * GK_EINVAL for a bad name; GK_ETOOBIG past 4 GiB or 65535 entries (no
 * ZIP64); GK_ENOMEM. */
enum gk_err gk_zip_add(struct gk_zip *z, const char *name, const void *data, size_t len);
/* Writes the central directory and its end record; the archive in OUT is
 * then complete. Releases what Z holds, as gk_zip_release. */
enum gk_err gk_zip_finish(struct gk_zip *z);
/* Frees what Z holds (after a failure, or instead of finishing). */
void gk_zip_release(struct gk_zip *z);

#endif
