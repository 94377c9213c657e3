/* Use cases of the catalogue: saving, publishing, repealing and withdrawing
 * an item, removing one of its files, importing items in bulk. */
#ifndef GK_SERVICE_ITEMS_H
#define GK_SERVICE_ITEMS_H

#include "core/item.h"
#include "service/service.h"

/* Saves IT by the actor: inserts it when it->id is 0, else stores it over
 * the stored item if that is still it->revision (GK_ECONFLICT otherwise),
 * bumping it->revision. GK_EFORBIDDEN if its agency lies outside the
 * actor's (the caller checks the stored item's agency when it loads it). Checks every field
 * (GK_EINVAL naming it), gives a published item without 索引号 the next one of its series, stores
 * the files in it->uploads, keeps a revision snapshot, reindexes it for search and writes the audit
 * log. ACTION names the change ("create", "edit", "repeal", "withdraw"; NULL: create or edit). Runs
 * in its own transaction unless one is open; on failure IT keeps its id, revision, 索引号 and
 * status. it->uploads is cleared either way. */
enum gk_err gk_svc_item_save(struct gk_svc *svc, struct gk_item *it, const char *action,
			     struct gk_error *err);
/* Publishes IT: the status, the date of publication (now, if empty) and its
 * 索引号, then saves as gk_svc_item_save with action "publish". */
enum gk_err gk_svc_item_publish(struct gk_svc *svc, struct gk_item *it, struct gk_error *err);
/* Removes stored file FILE_ID from IT as a new revision (action
 * "remove_attachment", optimistic like a save); its bytes go when nothing
 * else names them. GK_ENOTFOUND if IT has no such file. */
enum gk_err gk_svc_item_file_remove(struct gk_svc *svc, struct gk_item *it, int64_t file_id,
				    struct gk_error *err);

/* Import: adds or updates IT by its 索引号 (or, without one, by agency +
 * title + date of publication). INTERPRETS, if not empty, is the 索引号 of
 * the policy IT explains (GK_ENOTFOUND if no item has it: the caller may
 * retry with gk_svc_item_link once the batch is in). *OUTCOME: 0
 * unchanged, 1 added, 2 updated. A number in the deployment's style moves
 * its series on. No audit row per item: the caller writes one per import.
 * IT is checked (GK_EINVAL naming the field) before anything is written.
 * it->agency_name, when the caller filled it (with it->agency_code) for
 * it->agency_id, spares a lookup per row. The caller holds a transaction
 * (imports commit in batches). INDEX_FORMAT is the deployment's 索引号
 * format when the caller read it once (gk_svc_index_format), or NULL.
 * MARKS, when given, keeps the series moved on in memory until
 * gk_svc_serial_marks_flush (once per batch) instead of a write per row. */
struct gk_serial_marks;
enum gk_err gk_svc_item_import(struct gk_svc *svc, struct gk_item *it, const char *interprets,
			       const char *index_format, struct gk_serial_marks *marks,
			       int *outcome, struct gk_error *err);

/* The 索引号 series an import has moved on, each with the highest serial
 * it has seen, sorted by series (a binary search per row). */
struct gk_serial_mark {
	char series[GK_INDEX_MAX];
	long serial;
};
struct gk_serial_marks {
	struct gk_serial_mark *v;
	size_t n, cap;
};
/* Writes the marks to the store (in the caller's transaction: before it
 * commits, and before a number is given out) and forgets them. */
enum gk_err gk_svc_serial_marks_flush(struct gk_svc *svc, struct gk_serial_marks *m,
				      struct gk_error *err);
void gk_serial_marks_release(struct gk_serial_marks *m);
/* Links interpretation ITEM_ID to the item with 索引号 TARGET. */
enum gk_err gk_svc_item_link(struct gk_svc *svc, int64_t item_id, const char *target,
			     struct gk_error *err);

/* The deployment's 索引号 format into OUT (GK_INDEX_FORMAT_DEFAULT if unset
 * or invalid); a failure to read the setting is returned, never guessed. */
enum gk_err gk_svc_index_format(struct gk_store *s, char *out, size_t n, struct gk_error *err);

#endif
