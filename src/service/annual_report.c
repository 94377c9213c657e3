/* The yearly report from the records: each agency of the subtree counted
 * alone from one query per kind of record, then summed. */
#include "service/annual_report.h"

#include <stdlib.h>
#include <string.h>

#include "core/report/annual_count.h"
#include "lib/date.h"

/* The agencies counted, in tree order, each with its own report. */
struct build {
	struct gk_agency_list list;             /* every agency (tree order) */
	size_t first, n;                        /* the subtree: list.items[first .. first + n) */
	struct gk_annual *parts;                /* one per agency of the subtree */
	struct gk_annual_figures (*figures)[2]; /* [0] the year, [1] the year before */
	int64_t *ids;                           /* sorted, for lookup */
	size_t *index;                          /* ids[k] is parts[index[k]] */
};

static void build_release(struct build *b)
{
	gk_agency_list_release(&b->list);
	free(b->parts);
	free(b->figures);
	free(b->ids);
	free(b->index);
	memset(b, 0, sizeof *b);
}

/* The report of AGENCY_ID within the subtree, or NULL (a record of an
 * agency outside it cannot arrive: the queries are scoped the same way). */
static struct gk_annual *part_of(struct build *b, int64_t agency_id, size_t *which)
{
	size_t lo = 0, hi = b->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->ids[mid] < agency_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == b->n || b->ids[lo] != agency_id)
		return NULL;
	if (which)
		*which = b->index[lo];
	return &b->parts[b->index[lo]];
}

static int cmp_id(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

static int on_app(int64_t agency_id, const struct gk_annual_app *app, void *ctx)
{
	struct gk_annual *a = part_of(ctx, agency_id, NULL);
	if (a)
		gk_annual_count_application(a, app);
	return 0;
}

static int on_dispute(const struct gk_dispute *d, void *ctx)
{
	struct gk_annual *a = part_of(ctx, d->agency_id, NULL);
	if (a)
		gk_annual_count_dispute(a, d);
	return 0;
}

static int on_complaint(const struct gk_complaint *c, void *ctx)
{
	struct gk_annual *a = part_of(ctx, c->agency_id, NULL);
	if (a)
		gk_annual_count_complaint(a, c);
	return 0;
}

static int on_response(const struct gk_response *r, void *ctx)
{
	struct gk_annual *a = part_of(ctx, r->agency_id, NULL);
	if (a)
		gk_annual_count_response(a, r);
	return 0;
}

static int on_items(int64_t agency_id, const struct gk_annual_items *c, void *ctx)
{
	struct gk_annual *a = part_of(ctx, agency_id, NULL);
	if (a)
		gk_annual_count_items(a, c);
	return 0;
}

static int on_figure(int64_t agency_id, int year, enum gk_year_figure f, int64_t value, void *ctx)
{
	struct build *b = ctx;
	size_t i;
	struct gk_annual *a = part_of(b, agency_id, &i);
	if (!a || (year != a->year && year != a->year - 1))
		return 0;
	struct gk_annual_figures *fig = &b->figures[i][year == a->year ? 0 : 1];
	fig->value[f] = value;
	fig->known[f] = true;
	return 0;
}

/* Loads the agencies of AGENCY_ID's subtree (or AGENCY_ID alone unless
 * SUBTREE) and counts each one's records for YEAR into B. */
static enum gk_err count_parts(struct gk_svc *svc, int64_t agency_id, int year, bool subtree,
			       struct build *b, struct gk_error *err)
{
	struct gk_store *s = svc->store;
	memset(b, 0, sizeof *b);
	if (year < GK_RECORD_YEAR_MIN || year > GK_RECORD_YEAR_MAX)
		return gk_fail(err, GK_EINVAL, "“年度”须在%d年至%d年之间", GK_RECORD_YEAR_MIN,
			       GK_RECORD_YEAR_MAX);
	enum gk_err rc = gk_store_agency_list(s, &b->list, err);
	if (rc)
		return rc;
	size_t i = 0;
	while (i < b->list.count && b->list.items[i].id != agency_id)
		i++;
	if (i == b->list.count)
		return gk_fail(err, GK_ENOTFOUND, "“机构”不存在（%lld）", (long long)agency_id);
	if (svc->actor && !gk_svc_in_scope(svc, agency_id))
		return gk_fail(err, GK_EFORBIDDEN, "无权查看本机构管辖范围以外的年度报告");
	/* tree order: the subtree is the run of deeper agencies after the root */
	size_t end = i + 1;
	while (subtree && end < b->list.count && b->list.items[end].depth > b->list.items[i].depth)
		end++;
	b->first = i;
	b->n = end - i;
	b->parts = calloc(b->n, sizeof *b->parts);
	b->figures = calloc(b->n, sizeof *b->figures);
	b->ids = calloc(b->n, sizeof *b->ids);
	b->index = calloc(b->n, sizeof *b->index);
	if (!b->parts || !b->figures || !b->ids || !b->index)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	for (size_t k = 0; k < b->n; k++) {
		const struct gk_agency *ag = &b->list.items[i + k];
		gk_annual_init(&b->parts[k], year);
		memcpy(b->parts[k].agency_code, ag->code, sizeof b->parts[k].agency_code);
		memcpy(b->parts[k].agency_name, ag->name, sizeof b->parts[k].agency_name);
		b->ids[k] = ag->id;
	}
	qsort(b->ids, b->n, sizeof *b->ids, cmp_id);
	for (size_t k = 0; k < b->n; k++)
		for (size_t j = 0; j < b->n; j++)
			if (b->list.items[i + k].id == b->ids[j])
				b->index[j] = k;

	struct gk_report_scope sc = {agency_id, subtree, year};
	if ((rc = gk_store_report_applications(s, &sc, on_app, b, err)) ||
	    (rc = gk_store_report_disputes(s, &sc, on_dispute, b, err)) ||
	    (rc = gk_store_report_complaints(s, &sc, on_complaint, b, err)) ||
	    (rc = gk_store_report_responses(s, &sc, on_response, b, err)) ||
	    (rc = gk_store_report_items(s, &sc, on_items, b, err)) ||
	    (rc = gk_store_report_figures(s, &sc, on_figure, b, err)))
		return rc;
	for (size_t k = 0; k < b->n; k++) {
		struct gk_annual *a = &b->parts[k];
		gk_annual_count_figures(a, &b->figures[k][0], &b->figures[k][1]);
		gk_annual_totals(a);
		if ((rc = gk_annual_verify(a, err)))
			return rc;
	}
	return GK_OK;
}

static enum gk_err build(struct gk_svc *svc, int64_t agency_id, int year, bool rollup,
			 struct gk_annual *out, struct gk_error *err)
{
	struct build b;
	gk_annual_init(out, year);
	/* a year not begun has nothing to count (nor, usually, its holiday
	 * calendar yet): refused rather than a report of zeros */
	int this_year = gk_date_from_days(svc->today).year;
	if (year > this_year)
		return gk_fail(err, GK_EINVAL,
			       "“年度”%d年尚未开始（今年是%d年），没有可以统计的记录", year,
			       this_year);
	/* nor can a year whose working-day calendar is not loaded (when the
	 * service has one): its deadlines, and so 按时/逾期, are unknown */
	if (svc->calendar && !gk_calendar_year_known(svc->calendar, year))
		return gk_fail(err, GK_EINVAL,
			       "“年度”%d年的节假日安排（工作日历）尚未载入，无法统计该年的年度报告",
			       year);
	enum gk_err rc = count_parts(svc, agency_id, year, rollup, &b, err);
	if (!rc) {
		*out = b.parts[0]; /* the root: its code and name; no sections yet */
		if (rollup) {
			for (size_t k = 1; k < b.n; k++)
				gk_annual_add(out, &b.parts[k]);
			out->rollup = true;
			out->nagencies = (int)b.n;
			gk_annual_totals(out);
			rc = gk_annual_verify(out, err);
		}
	}
	if (!rc)
		rc = gk_store_report_sections(svc->store, agency_id, year, out->sections, err);
	build_release(&b);
	return rc;
}

enum gk_err gk_svc_annual_build(struct gk_svc *svc, int64_t agency_id, int year, bool rollup,
				struct gk_annual *out, struct gk_error *err)
{
	return build(svc, agency_id, year, rollup, out, err);
}

enum gk_err gk_svc_annual_build_history(struct gk_svc *svc, int64_t agency_id, int year,
					bool rollup, struct gk_annual *out, int nmax, int *n,
					struct gk_error *err)
{
	*n = 0;
	enum gk_err rc = GK_OK;
	for (int y = year - nmax; y < year && !rc; y++) {
		if (y < GK_RECORD_YEAR_MIN)
			continue;
		if ((rc = build(svc, agency_id, y, rollup, &out[*n], err)))
			gk_annual_release(&out[*n]);
		else
			(*n)++;
	}
	if (rc)
		for (int i = 0; i < *n; i++)
			gk_annual_release(&out[i]);
	if (rc)
		*n = 0;
	return rc;
}

enum gk_err gk_svc_annual_build_published(struct gk_svc *svc, int64_t agency_id, int year,
					  bool rollup, struct gk_annual *out, struct gk_error *err)
{
	int64_t item_id = 0;
	gk_annual_init(out, year);
	enum gk_err rc =
		gk_store_annual_report_item(svc->store, agency_id, year, rollup, &item_id, err);
	if (rc)
		return rc;
	if (!item_id)
		return gk_fail(err, GK_ENOTFOUND, "该机构%d年的年度报告尚未发布", year);
	/* published reports are public: build as the command line would */
	struct gk_svc pub = *svc;
	pub.actor = NULL;
	return build(&pub, agency_id, year, rollup, out, err);
}

enum gk_err gk_svc_annual_build_many(struct gk_svc *svc, int64_t root, int year,
				     int (*fn)(const struct gk_agency *agency,
					       const struct gk_annual *a, void *ctx),
				     void *ctx, struct gk_error *err)
{
	struct build b;
	enum gk_err rc = count_parts(svc, root, year, true, &b, err);
	for (size_t k = 0; !rc && k < b.n; k++)
		if (fn(&b.list.items[b.first + k], &b.parts[k], ctx))
			break;
	build_release(&b);
	return rc;
}
