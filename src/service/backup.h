/* Backups of the database and their restore: the copies the store makes
 * (gk_store_backup, gk_store_restore), allowed to the command line and the
 * city office's administrators, each with its audit row. */
#ifndef GK_SERVICE_BACKUP_H
#define GK_SERVICE_BACKUP_H

#include "service/service.h"

/* Copies SVC's database into the file PATH (consistent while others write,
 * checked, synced, renamed into place; gk_store_backup) and records the
 * backup in the audit log. *BYTES (may be NULL) gets the copy's size. */
enum gk_err gk_svc_backup(struct gk_svc *svc, const char *path, int64_t *bytes,
			  struct gk_error *err);

/* Replaces the database DB (created if missing) with the backup FROM,
 * after checking it (gk_store_restore: refused while another process has
 * DB open), removes the catalogue index made from the old database
 * (<DB>.catalogue: the next start or 'gongkai reindex' builds it), brings
 * the restored schema up to date and records the restore in its audit log.
 * *VERSION (may be NULL) gets the backup's schema version. */
enum gk_err gk_svc_restore(const char *db, const char *from, int *version, struct gk_error *err);

#endif
