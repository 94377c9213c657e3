/* The demo's records for the yearly report (service/records.h): 2017 with
 * the seed report's city-wide totals spread over the demo agencies, and
 * for every agency each year from 2019 to last year plausible disputes
 * (some linked to its applications, some pending on 31 December),
 * complaints, responses and figures. Deterministic (a fixed seed); written
 * through the store after the core's validators, in the caller's
 * transaction (demo data is no one's change: no audit rows).
 *
 * 2017's litigation (35 = 29 upheld + 6 other) is split 30 direct + 5 after
 * review: the seed does not say; the 5 follow 5 of the 7 upheld reviews.
 * The seed's outlets outside the catalogue (微博 1,789, 微信 3,430, 政府公报
 * 90) are not entered as figures: the demo catalogue's items carry those
 * outlets already, so the report counts them from the items. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/date.h"
#include "service/records.h"
#include "store/store.h"

struct demo {
	struct gk_store *s;
	unsigned seed;
	long today;
	struct gk_agency_list agencies;
	int *weight; /* per agency: how large a share of the city's figures it has */
	int64_t handler, editor;
	int serial; /* case numbers */
	int count;
};

static int pick(struct demo *d, int n)
{
	d->seed = d->seed * 1103515245u + 12345u;
	return n > 0 ? (int)((d->seed >> 16) % (unsigned)n) : 0;
}

static long day_of(int year, int month, int day)
{
	return gk_date_to_days((struct gk_date){year, month, day});
}

/* A random day of YEAR (not after today). */
static long some_day(struct demo *d, int year)
{
	long first = day_of(year, 1, 1), last = day_of(year, 12, 31);
	long day = first + pick(d, (int)(last - first + 1));
	return day > d->today ? d->today : day;
}

/* TOTAL shared among the agencies by weight; OUT[i] gets agency i's share. */
static void spread(const struct demo *d, long total, long *out)
{
	long sum = 0, given = 0;
	size_t n = d->agencies.count;
	for (size_t i = 0; i < n; i++)
		sum += d->weight[i];
	for (size_t i = 0; i < n; i++) {
		out[i] = sum ? total * d->weight[i] / sum : 0;
		given += out[i];
	}
	/* the remainder to the heaviest first (the list is in tree order: the
	 * city's agencies lead) */
	for (size_t i = 0; given < total; i = (i + 1) % n)
		if (d->weight[i] > 1 || total - given > 0) {
			out[i]++;
			given++;
		}
}

static enum gk_err put_dispute(struct demo *d, struct gk_dispute *x, struct gk_error *err)
{
	enum gk_err rc = gk_dispute_validate(x, err);
	if (!rc)
		rc = gk_store_dispute_insert(d->s, x, d->handler, err);
	if (!rc)
		d->count++;
	return rc;
}

static void case_no(struct demo *d, struct gk_dispute *x, int year)
{
	d->serial++;
	if (x->kind == GK_DISPUTE_REVIEW) {
		snprintf(x->case_no, sizeof x->case_no, "同政复字〔%d〕%d号", year, d->serial);
		snprintf(x->authority, sizeof x->authority, "大同市人民政府");
	} else {
		snprintf(x->case_no, sizeof x->case_no, "（%d）晋0202行初%d号", year, d->serial);
		snprintf(x->authority, sizeof x->authority, "大同市平城区人民法院");
	}
}

/* Up to 8 applications of agency AGENCY received in YEAR. */
struct apps {
	int64_t id[8];
	long received[8];
	int n;
};

static int add_app(const struct gk_application *app, void *ctx)
{
	struct apps *a = ctx;
	if (a->n < 8 && app->received != GK_NO_DAY) {
		a->id[a->n] = app->id;
		a->received[a->n++] = app->received;
	}
	return a->n >= 8;
}

static enum gk_err apps_of(struct demo *d, int64_t agency, int year, struct apps *out,
			   struct gk_error *err)
{
	struct gk_app_filter f = {.view = GK_VIEW_ALL, .agency_id = agency, .year = year};
	memset(out, 0, sizeof *out);
	return gk_store_application_list(d->s, &f, add_app, out, NULL, err);
}

/* A case of KIND for agency I filed in YEAR with RESULT decided that year
 * (RESULT pending: by the data, maybe later); linked to one of APPS now
 * and then. */
static enum gk_err one_case(struct demo *d, size_t i, int year, enum gk_dispute_kind kind,
			    enum gk_dispute_result result, bool decided_in_year,
			    const struct apps *apps, int64_t review, long after,
			    struct gk_dispute *out, struct gk_error *err)
{
	static const char *const subjects[] = {"对政府信息不存在的答复不服", "对不予公开的答复不服",
					       "认为未在法定期限内答复",
					       "对非本机关政府信息的告知不服", "对答复内容不服"};
	struct gk_dispute x = {.agency_id = d->agencies.items[i].id, .kind = kind};
	/* filed in [lo, hi]: after the review it follows, after the
	 * application it arose from, early enough to be decided in the year */
	long last = day_of(year, 12, 31);
	long lo = day_of(year, 1, 1), hi = decided_in_year ? last - 25 : last;
	if (hi > d->today)
		hi = d->today;
	if (after != GK_NO_DAY && after + 1 > lo)
		lo = after + 1;
	if (apps && apps->n && pick(d, 2) == 0) {
		int k = pick(d, apps->n);
		long from = apps->received[k] + 15;
		if (from <= hi) {
			x.application_id = apps->id[k];
			if (from > lo)
				lo = from;
		}
	}
	if (lo > hi)
		lo = hi;
	x.filed = lo + pick(d, (int)(hi - lo + 1));
	x.review_id = review;
	x.result = result;
	x.decided = GK_NO_DAY;
	if (result != GK_RESULT_PENDING) {
		x.decided = x.filed + 20 + pick(d, 60);
		if (decided_in_year && x.decided > last)
			x.decided = last;
		if (!decided_in_year && x.decided <= last)
			x.decided = last + 1 + pick(d, 60); /* pending on 31 December */
		if (x.decided > d->today) {                 /* not decided yet */
			x.result = GK_RESULT_PENDING;
			x.decided = GK_NO_DAY;
		}
	}
	case_no(d, &x, gk_date_from_days(x.filed).year);
	snprintf(x.subject, sizeof x.subject, "%s", subjects[pick(d, 5)]);
	enum gk_err rc = put_dispute(d, &x, err);
	if (out)
		*out = x;
	return rc;
}

static enum gk_err put_complaint(struct demo *d, size_t i, int year, enum gk_complaint_status st,
				 struct gk_error *err)
{
	static const char *const subjects[] = {"申请未按期答复", "网站信息更新不及时",
					       "信息公开指南内容过时", "答复内容不完整",
					       "依申请公开渠道不畅通"};
	static const char *const sources[] = {"来信", "电话", "网上留言", "上级转办"};
	struct gk_complaint c = {.agency_id = d->agencies.items[i].id, .status = st};
	c.received = some_day(d, year);
	c.closed = GK_NO_DAY;
	snprintf(c.subject, sizeof c.subject, "%s", subjects[pick(d, 5)]);
	snprintf(c.source, sizeof c.source, "%s", sources[pick(d, 4)]);
	if (st != GK_COMPLAINT_OPEN) {
		long last = day_of(year, 12, 31);
		if (c.received > last - 10)
			c.received = last - 10 - pick(d, 30);
		c.closed = c.received + 3 + pick(d, 7);
		if (c.closed > d->today) {
			c.status = GK_COMPLAINT_OPEN;
			c.closed = GK_NO_DAY;
		} else {
			snprintf(c.result, sizeof c.result, "已核实并%s",
				 st == GK_COMPLAINT_UNFOUNDED ? "答复投诉人" : "督促整改");
		}
	}
	enum gk_err rc = gk_complaint_validate(&c, err);
	if (!rc)
		rc = gk_store_complaint_insert(d->s, &c, d->handler, err);
	if (!rc)
		d->count++;
	return rc;
}

static enum gk_err put_response(struct demo *d, size_t i, int year, enum gk_response_kind kind,
				unsigned channels, bool leader, struct gk_error *err)
{
	static const char *const topics[] = {
		"冬季供暖",   "道路施工交通组织", "空气质量",   "义务教育招生", "医保报销",
		"棚户区改造", "公交线路调整",     "农产品价格", "食品安全",     "老旧小区停车"};
	struct gk_response r = {.agency_id = d->agencies.items[i].id, .kind = kind};
	r.held = some_day(d, year);
	r.channels = channels;
	r.leader = leader;
	const char *topic = topics[pick(d, 10)];
	switch (kind) {
	case GK_RESPONSE_PRESS_CONFERENCE:
		snprintf(r.title, sizeof r.title, "%s新闻发布会", topic);
		break;
	case GK_RESPONSE_INTERVIEW:
		snprintf(r.title, sizeof r.title, "%s在线访谈", topic);
		break;
	default:
		snprintf(r.title, sizeof r.title, "关于%s的社会关切回应", topic);
		break;
	}
	enum gk_err rc = gk_response_validate(&r, err);
	if (!rc)
		rc = gk_store_response_insert(d->s, &r, d->editor, err);
	if (!rc)
		d->count++;
	return rc;
}

static enum gk_err put_figure(struct demo *d, size_t i, int year, enum gk_year_figure f,
			      int64_t value, struct gk_error *err)
{
	enum gk_err rc = gk_year_figure_validate(f, year, value, err);
	return rc ? rc
		  : gk_store_year_figure_set(d->s, d->agencies.items[i].id, year, f, value,
					     d->editor, err);
}

#define CH(c) (1u << GK_RCHANNEL_##c)

/* --- 2017: the seed's city-wide totals ----------------------------------------------- */

static enum gk_err year_2017(struct demo *d, struct gk_error *err)
{
	size_t n = d->agencies.count;
	long *share = calloc(n, sizeof *share), *att = calloc(n, sizeof *att);
	enum gk_err rc = share && att ? GK_OK : gk_fail(err, GK_ENOMEM, "out of memory");
	/* reconsideration 11 = 7 upheld + 1 corrected + 3 other */
	static const enum gk_dispute_result reviews[11] = {
		GK_RESULT_UPHELD, GK_RESULT_UPHELD,    GK_RESULT_OTHER,  GK_RESULT_UPHELD,
		GK_RESULT_UPHELD, GK_RESULT_CORRECTED, GK_RESULT_UPHELD, GK_RESULT_OTHER,
		GK_RESULT_UPHELD, GK_RESULT_OTHER,     GK_RESULT_UPHELD};
	struct gk_dispute upheld[7];
	int nupheld = 0;
	for (int k = 0; !rc && k < 11; k++) {
		size_t i = (size_t)(k * 7) % n;
		struct apps apps;
		struct gk_dispute x;
		if ((rc = apps_of(d, d->agencies.items[i].id, 2017, &apps, err)) ||
		    (rc = one_case(d, i, 2017, GK_DISPUTE_REVIEW, reviews[k], true, &apps, 0,
				   GK_NO_DAY, &x, err)))
			break;
		if (reviews[k] == GK_RESULT_UPHELD && x.decided < day_of(2017, 12, 1))
			upheld[nupheld++] = x;
	}
	/* litigation 35 = 29 upheld + 6 other: 5 after review, 30 direct */
	int suits = 0;
	for (int k = 0; !rc && k < 5 && k < nupheld; k++, suits++) {
		size_t i = 0;
		while (i < n && d->agencies.items[i].id != upheld[k].agency_id)
			i++;
		int64_t review_id = 0;
		if ((rc = gk_store_dispute_by_case(d->s, upheld[k].agency_id, upheld[k].case_no,
						   &review_id, err)))
			break;
		rc = one_case(d, i, 2017, GK_DISPUTE_SUIT_AFTER_REVIEW, GK_RESULT_UPHELD, true,
			      NULL, review_id, upheld[k].decided, NULL, err);
	}
	for (int k = 0; !rc && suits < 35; k++, suits++) {
		size_t i = (size_t)(k * 5 + 3) % n;
		struct apps apps;
		if (!(rc = apps_of(d, d->agencies.items[i].id, 2017, &apps, err)))
			rc = one_case(d, i, 2017, GK_DISPUTE_DIRECT_SUIT,
				      k < 6 ? GK_RESULT_OTHER : GK_RESULT_UPHELD, true, &apps, 0,
				      GK_NO_DAY, NULL, err);
	}
	/* 10 complaints, all closed within the year */
	static const enum gk_complaint_status complaints[10] = {
		GK_COMPLAINT_UNFOUNDED, GK_COMPLAINT_UPHELD,    GK_COMPLAINT_UNFOUNDED,
		GK_COMPLAINT_PARTLY,    GK_COMPLAINT_UNFOUNDED, GK_COMPLAINT_REFERRED,
		GK_COMPLAINT_UNFOUNDED, GK_COMPLAINT_UPHELD,    GK_COMPLAINT_UNFOUNDED,
		GK_COMPLAINT_UNFOUNDED};
	for (int k = 0; !rc && k < 10; k++)
		rc = put_complaint(d, (size_t)(k * 3 + 1) % n, 2017, complaints[k], err);
	/* 6 press conferences, 25 online interviews, 3,661 responses to public
	 * concerns: 20 by 微博/微信, 2,170 by the media, 1,471 on websites */
	if (!rc) {
		spread(d, 6, share);
		for (size_t i = 0; !rc && i < n; i++)
			for (long k = 0; !rc && k < share[i]; k++)
				rc = put_response(d, i, 2017, GK_RESPONSE_PRESS_CONFERENCE,
						  CH(PRESS) | CH(WEBSITE), k == 0 && i == 0, err);
	}
	if (!rc) {
		spread(d, 25, share);
		for (size_t i = 0; !rc && i < n; i++)
			for (long k = 0; !rc && k < share[i]; k++)
				rc = put_response(d, i, 2017, GK_RESPONSE_INTERVIEW,
						  CH(INTERVIEW) | CH(WEBSITE), k == 0 && i < 3,
						  err);
	}
	if (!rc) {
		spread(d, 3661, share);
		long seen = 0, other = 0; /* other: the rows not by 微博/微信 so far */
		for (size_t i = 0; !rc && i < n; i++)
			for (long k = 0; !rc && k < share[i]; k++, seen++) {
				/* 20 by 微博/微信 every 183rd row; of the other 3,641
				 * exactly 2,170 by the media, evenly */
				bool social = seen % 183 == 0 && seen / 183 < 20;
				unsigned ch = social ? CH(WEIBO) | CH(WECHAT)
					      : other * 2170 / 3641 != (other + 1) * 2170 / 3641
						      ? CH(MEDIA)
						      : CH(WEBSITE);
				other += !social;
				rc = put_response(d, i, 2017, GK_RESPONSE_OPINION, ch, false, err);
			}
	}
	/* 10 training sessions, 1,150 attendances; 350 staff = 201 + 149 */
	if (!rc) {
		spread(d, 10, share);
		long given = 0, sessions = 0;
		for (size_t i = 0; i < n; i++) {
			sessions += share[i];
			att[i] = 1150 * sessions / 10 - given;
			given += att[i];
		}
		for (size_t i = 0; !rc && i < n; i++)
			if (!(rc = put_figure(d, i, 2017, GK_YF_TRAINING_SESSIONS, share[i], err)))
				rc = put_figure(d, i, 2017, GK_YF_TRAINING_ATTENDANCE, att[i], err);
	}
	if (!rc) {
		spread(d, 201, share);
		for (size_t i = 0; !rc && i < n; i++)
			rc = put_figure(d, i, 2017, GK_YF_STAFF_FULL_TIME, share[i], err);
	}
	if (!rc) {
		spread(d, 149, share);
		for (size_t i = 0; !rc && i < n; i++)
			rc = put_figure(d, i, 2017, GK_YF_STAFF_PART_TIME, share[i], err);
	}
	free(share);
	free(att);
	return rc;
}

/* --- 2019 to last year: every agency --------------------------------------------------- */

static enum gk_err recent_year(struct demo *d, size_t i, int year, struct gk_error *err)
{
	int w = d->weight[i];
	struct apps apps;
	enum gk_err rc = apps_of(d, d->agencies.items[i].id, year, &apps, err);
	static const enum gk_dispute_result results[] = {GK_RESULT_UPHELD, GK_RESULT_UPHELD,
							 GK_RESULT_UPHELD, GK_RESULT_CORRECTED,
							 GK_RESULT_OTHER};
	/* reviews, then suits (direct, or after one of this year's reviews) */
	int nreviews = pick(d, 2 + w), nsuits = pick(d, 1 + w);
	struct gk_dispute last_review = {0};
	for (int k = 0; !rc && k < nreviews; k++) {
		bool late = pick(d, 4) == 0; /* decided after 31 December, or not yet */
		rc = one_case(d, i, year, GK_DISPUTE_REVIEW, results[pick(d, 5)], !late, &apps, 0,
			      GK_NO_DAY, &last_review, err);
	}
	for (int k = 0; !rc && k < nsuits; k++) {
		bool after = last_review.id && last_review.decided != GK_NO_DAY &&
			     gk_date_from_days(last_review.decided).year == year &&
			     last_review.decided < day_of(year, 12, 1) && k == 0;
		bool late = pick(d, 3) == 0;
		rc = one_case(d, i, year,
			      after ? GK_DISPUTE_SUIT_AFTER_REVIEW : GK_DISPUTE_DIRECT_SUIT,
			      results[pick(d, 5)], !late, after ? NULL : &apps,
			      after ? last_review.id : 0, after ? last_review.decided : GK_NO_DAY,
			      NULL, err);
	}
	static const enum gk_complaint_status statuses[] = {
		GK_COMPLAINT_UNFOUNDED, GK_COMPLAINT_UPHELD, GK_COMPLAINT_PARTLY,
		GK_COMPLAINT_REFERRED, GK_COMPLAINT_UNFOUNDED};
	for (int k = pick(d, 2 + w / 2); !rc && k > 0; k--)
		rc = put_complaint(d, i, year, statuses[pick(d, 5)], err);
	for (int k = pick(d, 1 + w); !rc && k > 0; k--)
		rc = put_response(d, i, year, GK_RESPONSE_PRESS_CONFERENCE,
				  CH(PRESS) | CH(WEBSITE) | (pick(d, 2) ? CH(WECHAT) : 0),
				  pick(d, 3) == 0, err);
	for (int k = pick(d, 1 + w); !rc && k > 0; k--)
		rc = put_response(d, i, year, GK_RESPONSE_INTERVIEW, CH(INTERVIEW) | CH(WEBSITE),
				  pick(d, 4) == 0, err);
	static const unsigned opinion_channels[] = {CH(WEBSITE),
						    CH(WEIBO) | CH(WECHAT),
						    CH(MEDIA),
						    CH(WEBSITE) | CH(WECHAT),
						    CH(MEDIA) | CH(WEIBO),
						    CH(OTHER)};
	for (int k = 3 + pick(d, 6 * w); !rc && k > 0; k--)
		rc = put_response(d, i, year, GK_RESPONSE_OPINION, opinion_channels[pick(d, 6)],
				  false, err);
	/* every figure but the outlets outside the catalogue */
	int64_t sessions = 1 + pick(d, 2 + w);
	const int64_t values[GK_YEAR_FIGURE_COUNT] = {
		[GK_YF_TRAINING_SESSIONS] = sessions,
		[GK_YF_TRAINING_ATTENDANCE] = sessions * (20 + pick(d, 60)),
		[GK_YF_MEETINGS] = 1 + pick(d, 4),
		[GK_YF_STAFF_FULL_TIME] = 1 + pick(d, 2 + w),
		[GK_YF_STAFF_PART_TIME] = 1 + pick(d, 4 + w),
		[GK_YF_LICENSE_DECISIONS] = pick(d, 400 * w),
		[GK_YF_PENALTY_DECISIONS] = pick(d, 120 * w),
		[GK_YF_COERCION_DECISIONS] = pick(d, 10 * w),
		[GK_YF_ADMIN_FEES] = (int64_t)pick(d, 5000) * 10000 + pick(d, 100) * 100,
		[GK_YF_OTHER_SERVICE_DECISIONS] = pick(d, 200 * w),
		[GK_YF_LICENSE_ITEMS] = pick(d, 8 * w),
		[GK_YF_OTHER_SERVICE_ITEMS] = pick(d, 6 * w),
		[GK_YF_PENALTY_ITEMS] = pick(d, 10 * w),
		[GK_YF_COERCION_ITEMS] = pick(d, 3 * w),
		[GK_YF_FEE_ITEMS] = pick(d, 3 * w),
		[GK_YF_PURCHASES] = pick(d, 12 * w),
		[GK_YF_PURCHASE_AMOUNT] = (int64_t)pick(d, 30000) * 10000,
	};
	for (int f = 0; !rc && f < GK_YEAR_FIGURE_COUNT; f++) {
		const char *code = gk_year_figure_info((enum gk_year_figure)f)->code;
		if (strncmp(code, "outlet_", 7) != 0)
			rc = put_figure(d, i, year, (enum gk_year_figure)f, values[f], err);
	}
	return rc;
}

static enum gk_err user_id(struct gk_store *s, const char *login, int64_t *id, struct gk_error *err)
{
	struct gk_user u;
	enum gk_err rc = gk_store_user_by_login(s, login, &u, err);
	*id = rc ? 0 : u.id;
	return rc == GK_ENOTFOUND ? GK_OK : rc; /* renamed accounts: the command line's */
}

/* The 2017 report's sections the city office wrote (our own words, on
 * the seed report's themes), so the demo's report reads like one. */
static enum gk_err texts_2017(struct demo *d, struct gk_error *err)
{
	static const char overview[] =
		"2017年，全市各级行政机关以《中华人民共和国政府信息公开条例》为依据，"
		"把政府信息公开作为建设法治政府、转变政府职能的一项基础工作。"
		"市政府调整充实了政务公开领导组，明确各单位的分管领导和工作机构，"
		"把公开工作纳入年度绩效考评；围绕国土资源、农业农村、卫生计生、生态环境、"
		"食品药品等重点领域加大公开力度，对涉及群众切身利益的政策文件同步开展解读，"
		"通过新闻发布会、在线访谈和政务新媒体及时回应社会关切。"
		"依申请公开方面，进一步规范了登记、承办、审核、答复、归档各环节。";
	static const char problems[] =
		"一是部分单位对公开工作重视不够，信息更新不够及时，栏目内容不够完整；"
		"二是政策解读形式较为单一，图表、音视频解读偏少；"
		"三是基层工作人员多为兼职，业务能力有待提高。"
		"下一步，我市将加强督促检查和考核通报，丰富解读形式，定期组织业务培训，"
		"推动政府信息公开工作规范化、标准化。";
	int64_t root = 0;
	for (size_t i = 0; i < d->agencies.count; i++)
		if (!d->agencies.items[i].parent_id)
			root = d->agencies.items[i].id;
	int revision;
	enum gk_err rc = gk_store_report_text_save(d->s, root, 2017, "overview", 0, overview,
						   d->editor, &revision, err);
	if (!rc)
		rc = gk_store_report_text_save(d->s, root, 2017, "problems", 0, problems, d->editor,
					       &revision, err);
	return rc;
}

enum gk_err gk_svc_demo_records(struct gk_store *s, int *count, struct gk_error *err)
{
	struct demo d = {.s = s, .seed = 2017u, .today = gk_date_to_days(gk_date_today())};
	enum gk_err rc = gk_store_agency_list(s, &d.agencies, err);
	if (rc)
		return rc;
	if (!d.agencies.count)
		return gk_fail(err, GK_ENOTFOUND, "演示记录需要先有演示机关");
	d.weight = calloc(d.agencies.count, sizeof *d.weight);
	if (!d.weight)
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
	for (size_t i = 0; d.weight && i < d.agencies.count; i++) {
		const struct gk_agency *a = &d.agencies.items[i];
		d.weight[i] = a->supervises ? 4 : a->kind == GK_AGENCY_GOVERNMENT ? 2 : 1;
	}
	if (!rc && !(rc = user_id(s, "handler", &d.handler, err)))
		rc = user_id(s, "editor", &d.editor, err);
	if (!rc)
		rc = year_2017(&d, err);
	if (!rc)
		rc = texts_2017(&d, err);
	int last = gk_date_from_days(d.today).year - 1;
	for (int year = 2019; !rc && year <= last; year++)
		for (size_t i = 0; !rc && i < d.agencies.count; i++)
			rc = recent_year(&d, i, year, err);
	free(d.weight);
	gk_agency_list_release(&d.agencies);
	if (count)
		*count = rc ? 0 : d.count;
	return rc;
}
