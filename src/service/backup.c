/* Backups and restores of the database, with their audit rows. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/log.h"
#include "service/backup.h"
#include "service/catalogue.h"

static enum gk_err audit(struct gk_svc *svc, const char *action, const char *detail,
			 struct gk_error *err)
{
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (rc)
		return rc;
	rc = gk_store_audit(svc->store, gk_svc_actor_id(svc),
			    svc->actor ? svc->actor->agency_id : 0, action, "database", 0, detail,
			    err);
	return gk_svc_end(svc, own, rc, err);
}

enum gk_err gk_svc_backup(struct gk_svc *svc, const char *path, int64_t *bytes,
			  struct gk_error *err)
{
	if (svc->actor && !(svc->actor->city_wide && (svc->actor->roles & GK_ROLE_ADMIN)))
		return gk_fail(err, GK_EFORBIDDEN,
			       "只有市政府信息公开工作机构的管理员才能备份数据库");
	if (!path || !*path)
		return gk_fail(err, GK_EUSAGE, "no backup file named");
	enum gk_err rc = gk_store_backup(svc->store, path, bytes, err);
	if (rc)
		return rc;
	/* the row is the live database's, after the copy: the copy does not
	 * hold it */
	char *full = realpath(path, NULL);
	struct gk_error e = {0};
	/* the copy is made and sound: a log line, not a failure, if writers
	 * keep the row out */
	if (audit(svc, "backup", full ? full : path, &e))
		gk_log(GK_LOG_WARN, "backup %s made, but not recorded in the audit log: %s",
		       full ? full : path, e.detail);
	free(full);
	return GK_OK;
}

enum gk_err gk_svc_restore(const char *db, const char *from, int *version, struct gk_error *err)
{
	enum gk_err rc = gk_store_restore(db, from, version, err);
	if (rc)
		return rc;
	char *index = gk_catalogue_index_path(db);
	if (!index)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	if (unlink(index) != 0 && errno != ENOENT) {
		rc = gk_fail(err, GK_EIO,
			     "restored, but cannot remove the old catalogue index '%s': %s", index,
			     strerror(errno));
		free(index);
		return rc;
	}
	free(index);
	struct gk_store *s;
	if ((rc = gk_store_open(db, GK_STORE_OPEN, &s, err)))
		return rc;
	struct gk_svc svc;
	gk_svc_init(&svc, s, NULL, NULL, "cli");
	char *full = realpath(from, NULL);
	rc = audit(&svc, "restore", full ? full : from, err);
	free(full);
	gk_store_free(s);
	return rc;
}
