/* Attachments (附件): files kept with a catalogue item or with a step of an
 * application. The rules that do not depend on where the bytes are kept or
 * how they travel: the size limit, a safe display name from whatever name a
 * browser sent, the media type from an allow-list of extensions, whether a
 * file may be shown inline, the digest. See docs/catalogue.md §Attachments. */
#ifndef GK_CORE_ATTACHMENT_H
#define GK_CORE_ATTACHMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/error.h"

/* The largest file accepted (bytes). Uploads are read into memory and kept
 * as SQLite BLOBs, so this stays modest. */
#define GK_ATTACHMENT_MAX_BYTES ((size_t)20 << 20)
/* Longest display name kept, in characters (longer names are shortened,
 * keeping the extension). */
#define GK_ATTACHMENT_NAME_MAX 120
/* Stored files one catalogue item may carry. */
#define GK_ITEM_FILES_MAX 50

/* A stored file as listed (the bytes are fetched separately). */
struct gk_attachment {
	int64_t id;
	int64_t owner_id; /* the item or the application */
	int64_t event_id; /* applications: the step it came with (0 = none) */
	char name[GK_ATTACHMENT_NAME_MAX * 4 + 1]; /* display name, see gk_attachment_name */
	char media_type[80];                       /* from gk_attachment_media_type */
	int64_t size;                              /* bytes */
	char sha256[65];                           /* lower-case hex */
	int64_t added_at;                          /* unix seconds */
};

/* A file to store: NAME already made safe by gk_attachment_name, MEDIA_TYPE
 * from gk_attachment_media_type. DATA is borrowed (LEN bytes). */
struct gk_upload {
	const char *name;
	const char *media_type;
	const void *data;
	size_t len;
};

/* A display name from FILENAME as a browser or client sent it: only the
 * part after the last '/' or '\', control characters and the characters
 * Windows forbids (<>:"|?*) replaced by '_', leading dots and spaces
 * dropped, at most GK_ATTACHMENT_NAME_MAX characters (the extension kept).
 * FILENAME must be valid UTF-8. An empty result becomes "附件". OUT holds
 * at least GK_ATTACHMENT_NAME_MAX * 4 + 1 bytes. */
void gk_attachment_name(const char *filename, char *out, size_t n);

/* The media type for NAME's extension if it is on the allow-list (pdf,
 * doc/docx, xls/xlsx, odt/ods, txt, csv, jpg/jpeg/png/gif, zip, ofd),
 * else "application/octet-stream". Never text/html or image/svg+xml. */
const char *gk_attachment_media_type(const char *name);
/* A short label for MEDIA_TYPE: "PDF", "Word", "图片" …, "文件" otherwise. */
const char *gk_attachment_type_label(const char *media_type);
/* True if the file may be shown in the browser rather than downloaded: a
 * PDF or an image whose first bytes are what its type says. */
bool gk_attachment_inline(const char *media_type, const void *data, size_t len);

/* SIZE as people read it: "830 字节", "12.5 KB", "3.2 MB". */
void gk_attachment_size_text(int64_t size, char *out, size_t n);

/* The SHA-256 of DATA as 64 lower-case hex digits and a NUL. */
void gk_attachment_sha256(const void *data, size_t len, char out[65]);

/* Checks UP before it is stored: a name, not empty, not over the limit.
 * GK_EINVAL / GK_ETOOBIG naming the file. */
enum gk_err gk_upload_check(const struct gk_upload *up, struct gk_error *err);

#endif
