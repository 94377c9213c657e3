/* The catalogue's use cases: a save checks the item, numbers it when it is
 * published, stores its files, keeps a revision snapshot and writes the
 * audit log, all in one transaction (the change log's triggers tell the
 * catalogue index, service/catalogue.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/buf.h"
#include "service/items.h"

enum gk_err gk_svc_index_format(struct gk_store *s, char *out, size_t n, struct gk_error *err)
{
	enum gk_err rc = gk_store_setting_get(s, GK_INDEX_FORMAT_SETTING, out, n, err);
	if (rc && rc != GK_ENOTFOUND)
		return rc; /* never number with a format we did not read */
	if (rc || gk_index_format_check(out, NULL) != GK_OK)
		snprintf(out, n, "%s", GK_INDEX_FORMAT_DEFAULT);
	return GK_OK;
}

/* Gives IT the next free 索引号 of its series. Numbers taken outside the
 * series (imports in another style) are skipped. */
static enum gk_err assign_index(struct gk_svc *svc, struct gk_item *it, struct gk_error *err)
{
	char format[64], series[GK_INDEX_MAX];
	enum gk_err rc;
	if ((rc = gk_svc_index_format(svc->store, format, sizeof format, err)))
		return rc;
	int year = gk_item_year(it);
	if ((rc = gk_index_render(format, it->agency_code, it->topic, year, 0, series, err)))
		return rc;
	for (int tries = 0; tries < 10000; tries++) {
		long serial = 0;
		int64_t other;
		if ((rc = gk_store_serial_next(svc->store, series, &serial, err)) ||
		    (rc = gk_index_render(format, it->agency_code, it->topic, year, serial,
					  it->index_no, err)))
			return rc;
		rc = gk_store_item_id_by_index(svc->store, it->index_no, &other, err);
		if (rc == GK_ENOTFOUND)
			return GK_OK;
		if (rc)
			return rc;
	}
	return gk_fail(err, GK_ECONFLICT, "索引号序列“%s”已没有可用的号码", series);
}

/* Fills the names the snapshot and the index show, and checks the link to
 * the policy an interpretation explains. */
static enum gk_err resolve_names(struct gk_svc *svc, struct gk_item *it, bool agency_known,
				 struct gk_error *err)
{
	enum gk_err rc;
	if (!agency_known) {
		struct gk_agency a;
		rc = gk_store_agency_get(svc->store, it->agency_id, &a, err);
		if (rc == GK_ENOTFOUND)
			return gk_fail(err, GK_EINVAL, "“发布机构”：机关%lld不存在",
				       (long long)it->agency_id);
		if (rc)
			return rc;
		memcpy(it->agency_code, a.code, sizeof it->agency_code);
		memcpy(it->agency_name, a.name, sizeof it->agency_name);
	}
	if (!it->interprets_id)
		return GK_OK;
	struct gk_item target;
	rc = gk_store_item_head(svc->store, it->interprets_id, &target, err);
	if (rc == GK_ENOTFOUND)
		return gk_fail(err, GK_EINVAL, "“所解读政策的索引号”：信息%lld不存在",
			       (long long)it->interprets_id);
	if (rc)
		return rc;
	memcpy(it->interprets_title, target.title, sizeof it->interprets_title);
	memcpy(it->interprets_index, target.index_no, sizeof it->interprets_index);
	if (strcmp(target.genre, "interpretation") == 0)
		return gk_fail(err, GK_EINVAL,
			       "“所解读政策的索引号”须为一项政策，而不是另一条解读");
	return GK_OK;
}

/* Stores the files waiting in it->uploads (checked; the same file twice on
 * one item is one attachment) and reloads it->files. */
static enum gk_err store_uploads(struct gk_svc *svc, struct gk_item *it, struct gk_error *err)
{
	enum gk_err rc = gk_store_item_files(svc->store, it, err);
	it->nduplicates = 0;
	for (size_t i = 0; !rc && i < it->nuploads; i++) {
		const struct gk_upload *up = &it->uploads[i];
		char sha[65];
		if ((rc = gk_upload_check(up, err)))
			break;
		gk_attachment_sha256(up->data, up->len, sha);
		bool known = false;
		for (size_t k = 0; k < it->nfiles; k++)
			known = known || strcmp(it->files[k].sha256, sha) == 0;
		if (known) {
			it->nduplicates++;
			continue;
		}
		if (it->nfiles >= GK_ITEM_FILES_MAX)
			return gk_fail(err, GK_EINVAL, "“附件”：每条信息最多%d个文件",
				       GK_ITEM_FILES_MAX);
		if (!(rc = gk_store_item_file_add(svc->store, it->id, up, sha, gk_svc_actor_id(svc),
						  err)))
			rc = gk_store_item_files(svc->store, it, err);
	}
	return rc;
}

/* What a write does besides storing the item and its revision. */
enum write_flags {
	WRITE_AUDIT = 1,   /* an audit row (imports write one for the whole file) */
	WRITE_NAMED = 2,   /* the caller has resolved the names already */
	WRITE_CHECKED = 4, /* the caller has validated the item as it is */
	/* the snapshot stands for the row (GK_ITEM_SNAPSHOT_ROW): an import's
	 * new item, whose text is then written once */
	WRITE_ROW = 8,
};

/* Writes IT with everything a save keeps; KNOWN_SNAPSHOT, when the caller
 * made it already, saves making it twice. */
static enum gk_err write_item(struct gk_svc *svc, struct gk_item *it, const char *action,
			      unsigned flags, const char *known_snapshot, struct gk_error *err)
{
	enum gk_err rc;
	bool fresh = it->id == 0;
	if (svc->actor && !gk_svc_in_scope(svc, it->agency_id))
		return gk_fail(err, GK_EFORBIDDEN, "您只能为本机关及所属单位发布信息");
	if ((!(flags & WRITE_NAMED) && (rc = resolve_names(svc, it, false, err))) ||
	    (!(flags & WRITE_CHECKED) && (rc = gk_item_validate(it, err))))
		return rc;
	if (it->status == GK_ITEM_PUBLISHED && !it->index_no[0] &&
	    (rc = assign_index(svc, it, err)))
		return rc;
	rc = fresh ? gk_store_item_insert(svc->store, it, gk_svc_actor_id(svc), err)
		   : gk_store_item_update(svc->store, it, err);
	/* the files as they are after this save, for the snapshot (a new item
	 * without uploads has none: no need to ask) */
	if (!rc && it->nuploads)
		rc = store_uploads(svc, it, err);
	else if (!rc && (!fresh || it->nfiles))
		rc = gk_store_item_files(svc->store, it, err);
	if (rc)
		return rc;
	if (!known_snapshot && (flags & WRITE_ROW))
		known_snapshot = GK_ITEM_SNAPSHOT_ROW;
	char *snap = known_snapshot ? NULL : gk_item_snapshot(it);
	if (!known_snapshot && !snap)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	rc = gk_store_item_revision_add(svc->store, it->id, it->revision, gk_svc_actor_id(svc),
					action, known_snapshot ? known_snapshot : snap, err);
	free(snap);
	if (!rc && (flags & WRITE_AUDIT))
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc), it->agency_id, action, "item",
				    it->id, it->title, err);
	return rc;
}

/* A save in its own transaction (unless the caller holds one) that leaves
 * IT as it was when it fails. */
static enum gk_err save(struct gk_svc *svc, struct gk_item *it, const char *action,
			struct gk_error *err)
{
	struct gk_item saved = *it;
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (!rc)
		rc = write_item(svc, it, action, WRITE_AUDIT, NULL, err);
	rc = gk_svc_end(svc, own, rc, err);
	if (rc) {
		it->id = saved.id;
		it->revision = saved.revision;
		memcpy(it->index_no, saved.index_no, sizeof it->index_no);
		it->status = saved.status;
		/* the list the failed save loaded names rows that were rolled back */
		if (own)
			gk_store_item_files(svc->store, it, NULL);
	}
	it->uploads = NULL;
	it->nuploads = 0;
	return rc;
}

enum gk_err gk_svc_item_save(struct gk_svc *svc, struct gk_item *it, const char *action,
			     struct gk_error *err)
{
	return save(svc, it, action ? action : (it->id ? "edit" : "create"), err);
}

enum gk_err gk_svc_item_publish(struct gk_svc *svc, struct gk_item *it, struct gk_error *err)
{
	if (!it->published[0]) {
		time_t now = (time_t)svc->now;
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(it->published, sizeof it->published, "%Y-%m-%d %H:%M", &tm);
	}
	enum gk_item_status was = it->status;
	it->status = GK_ITEM_PUBLISHED;
	enum gk_err rc = save(svc, it, "publish", err);
	if (rc)
		it->status = was;
	return rc;
}

enum gk_err gk_svc_item_file_remove(struct gk_svc *svc, struct gk_item *it, int64_t file_id,
				    struct gk_error *err)
{
	int revision = it->revision;
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (!rc)
		rc = gk_store_item_file_delete(svc->store, it->id, file_id, err);
	if (!rc)
		rc = write_item(svc, it, "remove_attachment", WRITE_AUDIT, NULL, err);
	rc = gk_svc_end(svc, own, rc, err);
	if (rc) {
		it->revision = revision;
		if (own)
			gk_store_item_files(svc->store, it, NULL);
	}
	return rc;
}

/* --- import ------------------------------------------------------------------- */

/* Notes SERIAL for SERIES in M (the higher one stays). */
static enum gk_err mark_serial(struct gk_serial_marks *m, const char *series, long serial,
			       struct gk_error *err)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int cmp = strcmp(series, m->v[mid].series);
		if (cmp == 0) {
			if (serial > m->v[mid].serial)
				m->v[mid].serial = serial;
			return GK_OK;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		struct gk_serial_mark *v = realloc(m->v, cap * sizeof *v);
		if (!v)
			return gk_fail(err, GK_ENOMEM, "out of memory");
		m->v = v;
		m->cap = cap;
	}
	memmove(&m->v[lo + 1], &m->v[lo], (m->n - lo) * sizeof *m->v);
	m->n++;
	snprintf(m->v[lo].series, sizeof m->v[lo].series, "%s", series);
	m->v[lo].serial = serial;
	return GK_OK;
}

enum gk_err gk_svc_serial_marks_flush(struct gk_svc *svc, struct gk_serial_marks *m,
				      struct gk_error *err)
{
	enum gk_err rc = GK_OK;
	for (size_t i = 0; !rc && i < m->n; i++)
		rc = gk_store_serial_at_least(svc->store, m->v[i].series, m->v[i].serial, err);
	if (!rc)
		m->n = 0;
	return rc;
}

void gk_serial_marks_release(struct gk_serial_marks *m)
{
	free(m->v);
	*m = (struct gk_serial_marks){0};
}

enum gk_err gk_svc_item_import(struct gk_svc *svc, struct gk_item *it, const char *interprets,
			       const char *index_format, struct gk_serial_marks *marks,
			       int *outcome, struct gk_error *err)
{
	struct gk_store *s = svc->store;
	enum gk_err rc;
	int64_t id = 0;
	*outcome = 0;
	if (interprets && *interprets) {
		rc = gk_store_item_id_by_index(s, interprets, &it->interprets_id, err);
		if (rc == GK_ENOTFOUND)
			return gk_fail(err, GK_ENOTFOUND,
				       "“所解读政策的索引号”：没有索引号为“%.60s”的信息",
				       interprets);
		if (rc)
			return rc;
	}
	if ((rc = resolve_names(svc, it, it->agency_name[0] != '\0', err)) ||
	    (rc = gk_item_validate(it, err)))
		return rc;
	rc = it->index_no[0]
		     ? gk_store_item_id_by_index(s, it->index_no, &id, err)
		     : gk_store_item_find(s, it->agency_id, it->title, it->published, &id, err);
	if (rc && rc != GK_ENOTFOUND)
		return rc;
	if (it->index_no[0]) {
		/* a number in this deployment's style moves its series on */
		char read[64], series[GK_INDEX_MAX];
		const char *format = index_format;
		int year;
		long serial;
		if (!format && (rc = gk_svc_index_format(s, read, sizeof read, err)))
			return rc;
		if (!format)
			format = read;
		if (gk_index_match(format, it->agency_code, it->index_no, &year, &serial, series) &&
		    (rc = marks ? mark_serial(marks, series, serial, err)
				: gk_store_serial_at_least(s, series, serial, err)))
			return rc;
	} else if (marks && it->status == GK_ITEM_PUBLISHED &&
		   (rc = gk_svc_serial_marks_flush(svc, marks, err))) {
		return rc; /* a number is given out next: the series as they stand */
	}
	if (!id) {
		it->id = 0;
		if ((rc = write_item(svc, it, "import", WRITE_NAMED | WRITE_CHECKED | WRITE_ROW,
				     NULL, err)))
			return rc;
		*outcome = 1;
		return GK_OK;
	}
	/* known: change it only if the content differs */
	char *old = NULL;
	int revision = 0;
	if ((rc = gk_store_item_snapshot(s, id, &revision, &old, err)))
		return rc;
	it->id = id;
	it->revision = revision;
	/* stored files are not imported but stay, and are part of the snapshot */
	rc = gk_store_item_files(s, it, err);
	if (!rc && !it->index_no[0]) {
		struct gk_item cur;
		if (!(rc = gk_store_item_head(s, id, &cur, err)))
			memcpy(it->index_no, cur.index_no, sizeof it->index_no);
	}
	char *now = rc ? NULL : gk_item_snapshot(it);
	if (!rc && !now)
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
	if (!rc && old && strcmp(old, now) == 0) {
		free(old);
		free(now);
		return GK_OK;
	}
	free(old);
	if (!rc)
		rc = write_item(svc, it, "import", WRITE_NAMED, now, err);
	free(now);
	if (!rc)
		*outcome = 2;
	return rc;
}

enum gk_err gk_svc_item_link(struct gk_svc *svc, int64_t item_id, const char *target,
			     struct gk_error *err)
{
	struct gk_item it;
	enum gk_err rc = gk_store_item_get(svc->store, item_id, &it, err);
	if (rc)
		return rc;
	rc = gk_store_item_id_by_index(svc->store, target, &it.interprets_id, err);
	if (rc == GK_ENOTFOUND)
		rc = gk_fail(err, GK_ENOTFOUND, "“所解读政策的索引号”：没有索引号为“%.60s”的信息",
			     target);
	if (!rc)
		rc = write_item(svc, &it, "import", 0, NULL, err);
	gk_item_release(&it);
	return rc;
}
