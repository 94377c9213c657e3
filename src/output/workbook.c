/* Workbooks in memory (output/workbook.h). */
#include "output/workbook.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum gk_err gk_workbook_in_memory(enum gk_err (*write)(const char *path, void *ctx,
						       struct gk_error *err),
				  void *ctx, struct gk_buf *out, struct gk_error *err)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/gongkai-workbook-XXXXXX.xlsx", dir && *dir ? dir : "/tmp");
	int fd = mkstemps(path, 5);
	if (fd < 0)
		return gk_fail(err, GK_EIO, "cannot make a temporary file for the workbook: %s",
			       strerror(errno));
	close(fd);
	enum gk_err rc = write(path, ctx, err);
	FILE *fp = rc ? NULL : fopen(path, "rb");
	if (!rc && !fp)
		rc = gk_fail(err, GK_EIO, "cannot read the workbook back: %s", strerror(errno));
	char chunk[65536];
	size_t got;
	while (fp && !rc && (got = fread(chunk, 1, sizeof chunk, fp)) > 0)
		if (gk_buf_add(out, chunk, got))
			rc = gk_fail(err, GK_ENOMEM, "the workbook does not fit in memory");
	if (fp && !rc && ferror(fp))
		rc = gk_fail(err, GK_EIO, "cannot read the workbook back");
	if (fp)
		fclose(fp);
	unlink(path);
	return rc;
}
