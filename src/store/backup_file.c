/* Backup files put in place: fsync, rename, fsync of the folder. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/backup_file.h"

enum gk_err gk_backup_file_sync(const char *path, struct gk_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) != 0) {
		enum gk_err rc =
			gk_fail(err, GK_EIO, "cannot sync '%s': %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return rc;
	}
	close(fd);
	return GK_OK;
}

enum gk_err gk_backup_file_put(const char *tmp, const char *path, int64_t *bytes,
			       struct gk_error *err)
{
	enum gk_err rc = gk_backup_file_sync(tmp, err);
	if (rc)
		return rc;
	struct stat st;
	if (bytes)
		*bytes = stat(tmp, &st) == 0 ? (int64_t)st.st_size : 0;
	if (rename(tmp, path) != 0)
		return gk_fail(err, GK_EIO, "cannot rename '%s' to '%s': %s", tmp, path,
			       strerror(errno));
	char dir[4096];
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash == path ? 1 : slash - path), path);
	return gk_backup_file_sync(dir, err);
}
