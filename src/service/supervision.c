/* Supervision and the assessment's scoring sheet (see supervision.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/date.h"
#include "service/report_texts.h"
#include "service/supervision.h"

void gk_supervision_release(struct gk_supervision *sv)
{
	free(sv->rows);
	sv->rows = NULL;
	sv->count = 0;
}

/* Rows by agency id, for the figures' callbacks. */
struct slot {
	int64_t id;
	size_t row;
};

struct build {
	struct gk_supervision *sv;
	struct slot *slots; /* sorted by id */
	size_t n;
};

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct slot *)a)->id, y = ((const struct slot *)b)->id;
	return x < y ? -1 : x > y;
}

static struct gk_supervision_row *row_of(struct build *b, int64_t id)
{
	struct slot key = {id, 0};
	struct slot *s = bsearch(&key, b->slots, b->n, sizeof *b->slots, by_id);
	return s ? &b->sv->rows[s->row] : NULL;
}

static int put_status(const struct gk_report_status *st, void *ctx)
{
	struct gk_supervision_row *row = row_of(ctx, st->agency_id);
	if (row)
		row->published = st->published;
	return 0;
}

static int put_applications(int64_t id, const int64_t *v, void *ctx)
{
	struct gk_supervision_row *row = row_of(ctx, id);
	if (row) {
		row->fig.concluded_on_time = v[0];
		row->fig.concluded_late = v[1];
		row->fig.open_at_end = v[2];
		row->fig.open_overdue = v[3];
	}
	return 0;
}

static int put_disputes(int64_t id, const int64_t *v, void *ctx)
{
	struct gk_supervision_row *row = row_of(ctx, id);
	if (row) {
		row->fig.corrected_review = v[0];
		row->fig.corrected_suit = v[1];
	}
	return 0;
}

static int put_items(int64_t id, const int64_t *v, void *ctx)
{
	struct gk_supervision_row *row = row_of(ctx, id);
	if (row)
		row->fig.items_published = v[0];
	return 0;
}

static int put_weight(const char *code, int weight, void *ctx)
{
	int *weights = ctx;
	enum gk_criterion c;
	if (gk_criterion_parse(code, &c))
		weights[c] = weight;
	return 0;
}

enum gk_err gk_svc_score_weights(struct gk_svc *svc, int year, int weights[GK_CRIT_COUNT],
				 bool *stored, struct gk_error *err)
{
	int got[GK_CRIT_COUNT];
	for (int c = 0; c < GK_CRIT_COUNT; c++)
		got[c] = -1;
	enum gk_err rc = gk_store_score_weights(svc->store, year, put_weight, got, err);
	if (rc)
		return rc;
	bool any = false;
	for (int c = 0; c < GK_CRIT_COUNT; c++) {
		any |= got[c] >= 0;
		weights[c] =
			got[c] >= 0 ? got[c] : gk_criterion_default_weight((enum gk_criterion)c);
	}
	if (stored)
		*stored = any;
	return GK_OK;
}

bool gk_svc_score_weights_settable(const struct gk_svc *svc)
{
	const struct gk_user *u = svc->actor;
	return !u ||
	       (!u->disabled && u->city_wide && (u->roles & (GK_ROLE_ADMIN | GK_ROLE_EDITOR)));
}

enum gk_err gk_svc_score_weights_set(struct gk_svc *svc, int year, const int weights[GK_CRIT_COUNT],
				     struct gk_error *err)
{
	enum gk_err rc = gk_report_year_check(year, err);
	if (rc)
		return rc;
	if (!gk_svc_score_weights_settable(svc))
		return gk_fail(
			err, GK_EFORBIDDEN,
			"只有市政府信息公开工作主管部门的管理员或信息发布员可以设置考核权重");
	for (int c = 0; c < GK_CRIT_COUNT; c++)
		if ((rc = gk_weight_check((enum gk_criterion)c, weights[c], err)))
			return rc;
	bool own;
	if ((rc = gk_svc_begin(svc, &own, err)))
		return rc;
	char detail[160] = "";
	size_t used = 0;
	for (int c = 0; c < GK_CRIT_COUNT && !rc; c++) {
		rc = gk_store_score_weight_set(svc->store, year, gk_criterion_code(c), weights[c],
					       gk_svc_actor_id(svc), err);
		int w = snprintf(detail + used, sizeof detail - used, "%s%s=%d", used ? "," : "",
				 gk_criterion_code(c), weights[c]);
		if (w > 0 && (size_t)w < sizeof detail - used)
			used += (size_t)w;
	}
	if (!rc)
		rc = gk_store_audit(svc->store, gk_svc_actor_id(svc),
				    svc->actor ? svc->actor->agency_id : 0, "update",
				    "score_weights", year, detail, err);
	return gk_svc_end(svc, own, rc, err);
}

enum gk_err gk_svc_visible_agencies(struct gk_svc *svc, struct gk_agency_list *out,
				    struct gk_error *err)
{
	enum gk_err rc = gk_store_agency_list(svc->store, out, err);
	const struct gk_user *u = svc->actor;
	if (rc || !u || u->city_wide)
		return rc;
	/* tree order puts each parent before its children: a kept parent
	 * keeps its children */
	int64_t *kept = malloc((out->count ? out->count : 1) * sizeof *kept);
	if (!kept) {
		gk_agency_list_release(out);
		return gk_fail(err, GK_ENOMEM, "out of memory");
	}
	size_t n = 0;
	for (size_t i = 0; i < out->count; i++) {
		const struct gk_agency *a = &out->items[i];
		bool in = a->id == u->agency_id && !u->disabled;
		for (size_t j = 0; !in && j < n; j++)
			in = kept[j] == a->parent_id;
		if (in) {
			out->items[n] = *a;
			kept[n++] = a->id;
		}
	}
	out->count = n;
	free(kept);
	return GK_OK;
}

enum gk_err gk_svc_supervision(struct gk_svc *svc, int year, struct gk_supervision *out,
			       struct gk_error *err)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	out->today = svc->today;
	enum gk_err rc = gk_report_year_check(year, err);
	if (rc)
		return rc;
	if (svc->actor && svc->actor->disabled)
		return gk_fail(err, GK_EFORBIDDEN, "账号已停用");
	long last = gk_date_to_days((struct gk_date){year, 12, 31});
	out->cutoff = svc->today < last ? svc->today : last;

	struct gk_agency_list list = {0};
	if ((rc = gk_store_agency_list(svc->store, &list, err)))
		return rc;
	struct build b = {out, NULL, list.count};
	out->rows = calloc(list.count ? list.count : 1, sizeof *out->rows);
	b.slots = calloc(list.count ? list.count : 1, sizeof *b.slots);
	bool *in_scope = calloc(list.count ? list.count : 1, sizeof *in_scope);
	if (!out->rows || !b.slots || !in_scope) {
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
		goto out;
	}
	out->count = list.count;
	for (size_t i = 0; i < list.count; i++) {
		struct gk_supervision_row *row = &out->rows[i];
		row->agency = list.items[i];
		row->deadline = gk_report_deadline(year, row->agency.kind);
		row->published = GK_NO_DAY;
		b.slots[i] = (struct slot){row->agency.id, i};
	}
	qsort(b.slots, b.n, sizeof *b.slots, by_id);
	/* the actor's subtree: tree order puts each parent before its children */
	const struct gk_user *u = svc->actor;
	for (size_t i = 0; i < list.count; i++) {
		const struct gk_agency *a = &out->rows[i].agency;
		struct gk_supervision_row *parent = a->parent_id ? row_of(&b, a->parent_id) : NULL;
		in_scope[i] = !u || u->city_wide || a->id == u->agency_id ||
			      (parent && in_scope[parent - out->rows]);
	}

	if ((rc = gk_store_report_status(svc->store, year, year, put_status, &b, err)) ||
	    (rc = gk_store_supervision_applications(svc->store, year, out->cutoff, put_applications,
						    &b, err)) ||
	    (rc = gk_store_supervision_disputes(svc->store, year, put_disputes, &b, err)) ||
	    (rc = gk_store_supervision_items(svc->store, year, put_items, &b, err)) ||
	    (rc = gk_svc_score_weights(svc, year, out->weights, &out->weights_stored, err)))
		goto out;

	/* the items criterion compares an agency with the best of its kind in
	 * the whole city, whoever looks: a score does not depend on the viewer */
	int64_t best[GK_AGENCY_KIND_COUNT] = {0};
	for (size_t i = 0; i < out->count; i++) {
		struct gk_supervision_row *row = &out->rows[i];
		if ((unsigned)row->agency.kind < GK_AGENCY_KIND_COUNT &&
		    row->fig.items_published > best[row->agency.kind])
			best[row->agency.kind] = row->fig.items_published;
	}
	size_t kept = 0;
	for (size_t i = 0; i < out->count; i++) {
		struct gk_supervision_row *row = &out->rows[i];
		row->fig.report = gk_report_timing_of(row->deadline, row->published, svc->today);
		gk_score_compute(&row->fig,
				 (unsigned)row->agency.kind < GK_AGENCY_KIND_COUNT
					 ? best[row->agency.kind]
					 : 0,
				 out->weights, &row->score);
		if (in_scope[i])
			out->rows[kept++] = *row;
	}
	out->count = kept;
out:
	free(in_scope);
	free(b.slots);
	gk_agency_list_release(&list);
	return rc;
}
