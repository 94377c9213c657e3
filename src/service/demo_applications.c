/* The demo's applications for disclosure: 2017 with the seed report's totals
 * (52 received: 当面 18, 传真 0, 网络 6, 信函 28 — the seed's 信函 38 does
 * not add up; 48 answered on time and 4 after an extension; outcomes adding
 * up to 52) and 2019–2026 under the 2019 rules across channels, applicant
 * types, outcomes, fees and extensions, with some still open (and some of
 * those overdue) relative to the day the demo is made; and two a year since
 * 2019 for every agency that had none, so every agency's own report has a
 * Table 2. Every application is
 * driven through the real workflow (gk_svc_application_act), so its timeline
 * and deadline are exactly what the pages would have recorded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/reply_letter.h"
#include "lib/date.h"
#include "service/applications.h"
#include "service/consultations.h"
#include "service/demo.h"
#include "service/records.h"

enum {
	S_SUPPLEMENT = 1 << 0,         /* 补正 requested and received */
	S_ABANDON_SUPPLEMENT = 1 << 1, /* 补正 requested, never received */
	S_CONSULT = 1 << 2,            /* third-party consultation */
	S_EXTEND = 1 << 3,             /* extension, reply after the original period */
	S_FEE_PAID = 1 << 4,           /* fee notice, paid */
	S_FEE_WAIVED = 1 << 5,         /* fee notice, waived */
	S_FEE_LAPSED = 1 << 6,         /* fee notice, not paid: closed */
	S_WITHDRAW = 1 << 7,           /* withdrawn by the applicant */
	S_ARCHIVE = 1 << 8,            /* archived after the reply */
	S_REGISTERED_POST = 1 << 9,    /* letters: signed for */
};

/* How far an open application has got. */
enum stop {
	STOP_NONE,       /* all the way: replied (or closed) */
	STOP_RECEIVED,   /* online, not yet registered */
	STOP_REGISTERED, /* not yet assigned */
	STOP_ASSIGNED,   /* with a handler */
	STOP_SUPPLEMENT, /* waiting for the 补正 */
	STOP_CONSULTING, /* consultation open */
	STOP_PAYMENT,    /* fee notice open */
	STOP_DRAFTED,    /* reply waiting for review */
	STOP_APPROVED,   /* approved, not yet sent */
};

struct story {
	const char *agency;
	enum gk_channel channel;
	enum gk_applicant_type type;
	long received;
	int outcome; /* the reply's enum gk_outcome; -1 when the story ends otherwise */
	unsigned flags;
	enum stop stop;
	int pages; /* fees: pages provided */
};

struct demo {
	struct gk_store *s;
	struct gk_calendar *cal;
	struct gk_user handler, reviewer, hbj;
	long today;
	unsigned seed;
	int count;
	struct gk_application app;
};

static unsigned next_random(struct demo *d)
{
	d->seed = d->seed * 1103515245u + 12345u;
	return (d->seed >> 16) & 0x7fff;
}

static long workdays_before(const struct gk_calendar *cal, long day, int n)
{
	while (n > 0) {
		day--;
		if (gk_calendar_is_workday(cal, day))
			n--;
	}
	return day;
}

static long wd(struct demo *d, long day, int n)
{
	return gk_calendar_add_workdays(d->cal, day, n, NULL);
}

static long ymd(int y, int m, int dd)
{
	return gk_date_to_days((struct gk_date){y, m, dd});
}

static const char *const people[] = {"张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊",
				     "黄丽", "周涛", "吴敏", "徐强", "孙悦", "马超", "朱琳"};
static const char *const organisations[GK_APPLICANT_COUNT] = {"",
							      "大同市云冈商贸有限公司",
							      "山西大同大学环境研究所",
							      "大同市绿色家园环保志愿者协会",
							      "山西同济律师事务所",
							      "大同市御河社区居民委员会"};
static const char *const subjects[] = {
	"2016年度市级财政预算执行情况的详细说明",
	"御河生态治理工程的立项批复文件",
	"本市2017年城镇保障性住房分配名单",
	"某化工企业建设项目环境影响评价批复",
	"我所在村集体土地征收的补偿安置方案",
	"2018年全市空气质量监测月报原始数据",
	"城区老旧小区改造项目的招标文件及中标结果",
	"本人房屋所在地块的国有土地使用权出让合同",
	"市政府常务会议关于公交票价调整的会议纪要",
	"本单位排污许可证核发的依据和审查意见",
	"2020年新冠肺炎疫情防控专项资金使用情况",
	"全市农村饮水安全工程建设资金分配表",
	"某工地夜间施工许可的审批材料",
	"本人申请低保被拒的审批记录",
};

static const struct gk_user *handler_for(struct demo *d, const char *agency)
{
	return strcmp(agency, "035205000") == 0 ? &d->hbj : &d->handler;
}

static const struct gk_user *assigner_for(struct demo *d, const char *agency)
{
	return strcmp(agency, "035205000") == 0 ? &d->hbj : &d->reviewer;
}

/* A context in which WHO acts, on the demo's today. */
static struct gk_svc as(struct demo *d, const struct gk_user *who)
{
	struct gk_svc svc;
	gk_svc_init(&svc, d->s, d->cal, who, "demo");
	svc.today = d->today;
	return svc;
}

static enum gk_err act(struct demo *d, const struct gk_user *who, struct gk_step_input *st,
		       struct gk_error *err)
{
	struct gk_svc svc = as(d, who);
	return gk_svc_application_act(&svc, d->app.id, st, &d->app, err);
}

/* The template letter with its placeholders filled as a handler would. */
static void demo_letter(const struct gk_application *app, enum gk_outcome outcome, long day,
			struct gk_buf *out)
{
	struct gk_buf t;
	gk_buf_init(&t, GK_APP_LETTER_MAX * 4);
	gk_reply_letter(app, outcome, day, &t);
	const char *p = t.data ? t.data : "";
	size_t len;
	for (const char *at; (at = gk_reply_letter_placeholder(p, &len)); p = at + len) {
		gk_buf_add(out, p, (size_t)(at - p));
		gk_buf_puts(out, "（已在书面答复中填写）");
	}
	gk_buf_puts(out, p);
	gk_buf_release(&t);
}

static struct gk_step_input step(enum gk_app_action a, long day)
{
	struct gk_step_input st;
	memset(&st, 0, sizeof st);
	st.action = a;
	st.day = day;
	st.outcome = -1;
	st.until = GK_NO_DAY;
	st.notice_received = GK_NO_DAY;
	st.reply_way = GK_DELIVERY_COUNT;
	return st;
}

static enum gk_err run_story(struct demo *d, const struct story *sy, struct gk_error *err)
{
	struct gk_agency agency;
	enum gk_err rc = gk_store_agency_by_code(d->s, sy->agency, &agency, err);
	if (rc)
		return rc;
	const struct gk_user *h = handler_for(d, sy->agency), *boss = assigner_for(d, sy->agency);
	struct gk_intake in;
	memset(&in, 0, sizeof in);
	in.agency_id = agency.id;
	in.kind = sy->channel == GK_CHANNEL_ONLINE ? GK_INTAKE_ONLINE : GK_INTAKE_STAFF;
	in.facts.channel = sy->channel;
	in.facts.submitted = in.facts.signed_for = in.facts.confirmed = GK_NO_DAY;
	long rec = sy->received;
	switch (sy->channel) {
	case GK_CHANNEL_IN_PERSON:
	case GK_CHANNEL_ONLINE:
		in.facts.submitted = rec;
		break;
	case GK_CHANNEL_LETTER:
		in.facts.submitted = rec - 3;
		in.facts.registered_post = (sy->flags & S_REGISTERED_POST) != 0;
		if (in.facts.registered_post)
			in.facts.signed_for = rec;
		else
			in.facts.confirmed = rec;
		break;
	default:
		in.facts.submitted = rec;
		in.facts.confirmed = rec;
		break;
	}
	in.applicant_type = sy->type;
	unsigned r = next_random(d);
	const char *person = people[r % (sizeof people / sizeof people[0])];
	snprintf(in.applicant.name, sizeof in.applicant.name, "%s",
		 sy->type == GK_APPLICANT_NATURAL_PERSON ? person : organisations[sy->type]);
	if (sy->type == GK_APPLICANT_NATURAL_PERSON)
		snprintf(in.applicant.id_number, sizeof in.applicant.id_number,
			 "14020219%02u0%u%02u%04u", 60 + r % 40, 1 + r % 9, 10 + r % 18,
			 1000 + r % 9000);
	else
		snprintf(in.applicant.id_number, sizeof in.applicant.id_number,
			 "91140200MA0%04uX%02u", 1000 + r % 9000, r % 100);
	snprintf(in.applicant.phone, sizeof in.applicant.phone, "1350352%04u", (r * 7) % 10000);
	snprintf(in.applicant.email, sizeof in.applicant.email, "applicant%u@example.cn", r % 1000);
	snprintf(in.applicant.address, sizeof in.applicant.address, "大同市平城区示例路%u号",
		 1 + r % 200);
	in.description = subjects[(r / 7) % (sizeof subjects / sizeof subjects[0])];
	in.doc_no = r % 3 == 0 ? "同政办发〔2017〕109号" : "";
	in.delivery = (enum gk_delivery)(r % GK_DELIVERY_COUNT);
	in.medium = r % 2 ? "paper" : "electronic";
	struct gk_svc svc = as(d, h);
	if ((rc = gk_svc_application_create(&svc, &in, &d->app, err)))
		return rc;
	d->count++;
	long day = rec;
	struct gk_step_input st;

	if (sy->stop == STOP_RECEIVED)
		return GK_OK;
	if (sy->channel == GK_CHANNEL_ONLINE) {
		st = step(GK_ACTION_REGISTER, day);
		if ((rc = act(d, h, &st, err)))
			return rc;
	}
	if (sy->stop == STOP_REGISTERED)
		return GK_OK;
	st = step(GK_ACTION_ASSIGN, day);
	st.handler_id = h->id;
	if ((rc = act(d, boss, &st, err)))
		return rc;

	if (sy->flags & (S_SUPPLEMENT | S_ABANDON_SUPPLEMENT)) {
		day = wd(d, day, 2);
		st = step(GK_ACTION_REQUEST_SUPPLEMENT, day);
		st.until = day + 10;
		st.note = "申请内容不明确：请说明所需信息的时间范围和具体项目。";
		if ((rc = act(d, h, &st, err)))
			return rc;
		if (sy->stop == STOP_SUPPLEMENT)
			return GK_OK;
		if (sy->flags & S_ABANDON_SUPPLEMENT) {
			st = step(GK_ACTION_ABANDON_SUPPLEMENT, day + 11);
			if ((rc = act(d, h, &st, err)))
				return rc;
			return GK_OK;
		}
		day = wd(d, day, 3);
		st = step(GK_ACTION_RECEIVE_SUPPLEMENT, day);
		if ((rc = act(d, h, &st, err)))
			return rc;
	}
	if (sy->flags & S_CONSULT) {
		day = wd(d, day, 2);
		st = step(GK_ACTION_START_CONSULTATION, day);
		st.party = GK_CONSULT_THIRD_PARTY;
		st.note = "涉及企业商业信息，书面征求第三方意见。";
		if ((rc = act(d, h, &st, err)))
			return rc;
		if (sy->stop == STOP_CONSULTING)
			return GK_OK;
		day = wd(d, day, 6);
		st = step(GK_ACTION_END_CONSULTATION, day);
		st.note = "第三方在期限内回复。";
		if ((rc = act(d, h, &st, err)))
			return rc;
	}
	if (sy->flags & (S_FEE_PAID | S_FEE_WAIVED | S_FEE_LAPSED)) {
		day = wd(d, day, 2);
		st = step(GK_ACTION_SEND_FEE_NOTICE, day);
		st.fee.method = GK_FEE_BY_PAGES;
		st.fee.pages = sy->pages ? sy->pages : 150;
		if ((rc = act(d, h, &st, err)))
			return rc;
		if (sy->stop == STOP_PAYMENT)
			return GK_OK;
		if (sy->flags & S_FEE_LAPSED) {
			long pay_by = gk_fee_payment_due(d->cal, day, NULL);
			st = step(GK_ACTION_ABANDON_FEE, pay_by + 1);
			if ((rc = act(d, h, &st, err)))
				return rc;
			return GK_OK;
		}
		day = wd(d, day, 4);
		bool waive = (sy->flags & S_FEE_WAIVED) != 0;
		st = step(waive ? GK_ACTION_WAIVE_FEE : GK_ACTION_RECORD_PAYMENT, day);
		if ((rc = act(d, waive ? boss : h, &st, err)))
			return rc;
	}
	if (sy->flags & S_WITHDRAW) {
		day = wd(d, day, 1);
		st = step(GK_ACTION_WITHDRAW, day);
		st.note = "申请人书面撤回申请。";
		if ((rc = act(d, h, &st, err)))
			return rc;
		return GK_OK;
	}
	if (sy->flags & S_EXTEND) {
		long at = workdays_before(d->cal, d->app.base_due, 2);
		if (at > day)
			day = at;
		st = step(GK_ACTION_EXTEND, day);
		st.days = gk_rules_max_extension(gk_rules_for_receipt(rec));
		if ((rc = act(d, boss, &st, err)))
			return rc;
	}
	if (sy->stop == STOP_ASSIGNED)
		return GK_OK;

	long reply = (sy->flags & S_EXTEND) ? wd(d, d->app.base_due, 3)
					    : wd(d, day, 2 + (int)(next_random(d) % 6));
	if (d->app.due != GK_NO_DAY && reply > d->app.due)
		reply = d->app.due;
	if (reply < day)
		reply = day;
	if (reply > d->today)
		reply = d->today;
	st = step(GK_ACTION_DRAFT_REPLY, reply);
	st.outcome = sy->outcome;
	/* the handler fills what the template leaves to fill */
	struct gk_buf letter;
	gk_buf_init(&letter, GK_APP_LETTER_MAX * 4);
	demo_letter(&d->app, (enum gk_outcome)sy->outcome, reply, &letter);
	st.letter = letter.data;
	rc = act(d, h, &st, err);
	gk_buf_release(&letter);
	if (rc)
		return rc;
	if (sy->stop == STOP_DRAFTED)
		return GK_OK;
	st = step(GK_ACTION_APPROVE_REPLY, reply);
	if ((rc = act(d, &d->reviewer, &st, err)))
		return rc;
	if (sy->stop == STOP_APPROVED)
		return GK_OK;
	st = step(GK_ACTION_SEND_REPLY, reply);
	st.reply_way = d->app.delivery;
	if ((rc = act(d, h, &st, err)))
		return rc;
	if (sy->flags & S_ARCHIVE) {
		st = step(GK_ACTION_ARCHIVE, reply);
		if ((rc = act(d, h, &st, err)))
			return rc;
	}
	return GK_OK;
}

/* --- 2017: the seed's totals ------------------------------------------------------- */

static const char *const agencies_2017[] = {
	"035200000", "035201000", "035202000", "035203000", "035204000", "035205000",
	"035206000", "035207000", "035208000", "035210000", "035211000", "035221000",
};

static enum gk_err year_2017(struct demo *d, struct gk_error *err)
{
	/* outcomes among the 52 (the seed's own list adds up to 113) */
	static const struct {
		enum gk_outcome outcome;
		int n;
	} outcomes[] = {
		{GK_OUTCOME_ALREADY_PUBLIC, 19},
		{GK_OUTCOME_DISCLOSED, 15},
		{GK_OUTCOME_NOT_THIS_AGENCY, 9},
		{GK_OUTCOME_NOT_EXIST, 3},
		{GK_OUTCOME_UNCLEAR_AFTER_SUPPLEMENT, 2},
		{GK_OUTCOME_PUBLICATION, 2},
		{GK_OUTCOME_PETITION, 2},
	};
	/* channels: 当面 18, 传真 0, 网络 6, 信函 28 */
	enum gk_channel channels[52];
	int k = 0;
	for (int i = 0; i < 18; i++)
		channels[k++] = GK_CHANNEL_IN_PERSON;
	for (int i = 0; i < 6; i++)
		channels[k++] = GK_CHANNEL_ONLINE;
	for (int i = 0; i < 28; i++)
		channels[k++] = GK_CHANNEL_LETTER;
	int n = 0;
	for (size_t o = 0; o < sizeof outcomes / sizeof outcomes[0]; o++) {
		for (int i = 0; i < outcomes[o].n; i++, n++) {
			struct story sy = {0};
			sy.agency =
				agencies_2017[n % (sizeof agencies_2017 / sizeof agencies_2017[0])];
			/* interleave channels so each outcome meets several */
			sy.channel = channels[(n * 19) % 52];
			sy.type = n % 5 == 4 ? (enum gk_applicant_type)(1 + n % 5)
					     : GK_APPLICANT_NATURAL_PERSON;
			/* spread over the year, on working days */
			long day = ymd(2017, 1, 9) + (long)n * 6;
			while (!gk_calendar_is_workday(d->cal, day))
				day++;
			sy.received = day;
			sy.outcome = (int)outcomes[o].outcome;
			sy.flags = S_ARCHIVE | (n % 2 ? S_REGISTERED_POST : 0);
			if (outcomes[o].outcome == GK_OUTCOME_UNCLEAR_AFTER_SUPPLEMENT)
				sy.flags |= S_SUPPLEMENT;
			/* 4 after an extension: 延期办结 */
			if (n == 3 || n == 16 || n == 29 || n == 41)
				sy.flags |= S_EXTEND;
			enum gk_err rc = run_story(d, &sy, err);
			if (rc)
				return rc;
		}
	}
	return GK_OK;
}

/* --- 2019–2026 --------------------------------------------------------------------- */

static enum gk_err recent_years(struct demo *d, struct gk_error *err)
{
	static const enum gk_outcome replies[] = {
		GK_OUTCOME_DISCLOSED,
		GK_OUTCOME_ALREADY_PUBLIC,
		GK_OUTCOME_PARTLY_DISCLOSED,
		GK_OUTCOME_NOT_EXIST,
		GK_OUTCOME_WITHHELD_PROCESS,
		GK_OUTCOME_NOT_THIS_AGENCY,
		GK_OUTCOME_WITHHELD_THIRD_PARTY,
		GK_OUTCOME_WITHHELD_INTERNAL,
		GK_OUTCOME_NEEDS_CREATION,
		GK_OUTCOME_REPEAT,
		GK_OUTCOME_WITHHELD_ENFORCEMENT_FILE,
		GK_OUTCOME_WITHHELD_QUERY_MATTER,
		GK_OUTCOME_PETITION,
		GK_OUTCOME_WITHHELD_STATE_SECRET,
		GK_OUTCOME_CONFIRM_OR_REISSUE,
		GK_OUTCOME_WITHHELD_LAW_PROHIBITED,
		GK_OUTCOME_EXCESSIVE,
		GK_OUTCOME_WITHHELD_SECURITY,
		GK_OUTCOME_PUBLICATION,
	};
	static const char *const agencies[] = {"035200000", "035205000", "035204000", "035201000",
					       "035221000", "035210100", "035205000", "035200000"};
	static const enum gk_channel channels[] = {GK_CHANNEL_ONLINE,    GK_CHANNEL_LETTER,
						   GK_CHANNEL_IN_PERSON, GK_CHANNEL_EMAIL,
						   GK_CHANNEL_ONLINE,    GK_CHANNEL_FAX};
	int n = 0;
	int last_year = gk_date_from_days(d->today).year - 1;
	for (int year = 2019; year <= last_year; year++) {
		for (int i = 0; i < 9; i++, n++) {
			struct story sy = {0};
			sy.agency = agencies[n % (sizeof agencies / sizeof agencies[0])];
			sy.channel = channels[n % (sizeof channels / sizeof channels[0])];
			sy.type = (enum gk_applicant_type)(n % 3 == 0 ? n / 3 % GK_APPLICANT_COUNT
								      : 0);
			long day = ymd(year, 1 + i * 4 / 3, 5 + (i * 7) % 20);
			while (!gk_calendar_is_workday(d->cal, day))
				day++;
			sy.received = day;
			sy.outcome = (int)replies[n % (sizeof replies / sizeof replies[0])];
			sy.flags = S_ARCHIVE | (n % 2 ? S_REGISTERED_POST : 0);
			switch (i) {
			case 1:
				sy.flags |= S_EXTEND;
				break;
			case 2:
				sy.flags |= S_CONSULT;
				if (sy.outcome != GK_OUTCOME_WITHHELD_THIRD_PARTY)
					sy.outcome = GK_OUTCOME_PARTLY_DISCLOSED;
				break;
			case 3:
				sy.flags |= S_SUPPLEMENT;
				break;
			case 4:
				if (year >= 2021)
					sy.flags |= S_FEE_PAID, sy.pages = 150 + year % 7 * 20;
				break;
			case 5:
				if (year >= 2021)
					sy.flags |= year % 2 ? S_FEE_LAPSED : S_FEE_WAIVED,
						sy.pages = 240;
				else
					sy.flags |= S_WITHDRAW;
				break;
			case 6:
				sy.flags |= year % 2 ? S_ABANDON_SUPPLEMENT : S_WITHDRAW;
				break;
			default:
				break;
			}
			enum gk_err rc = run_story(d, &sy, err);
			if (rc)
				return rc;
		}
	}
	return GK_OK;
}

/* --- every agency, 2019 to last year ------------------------------------------------ */

static int count_one(const struct gk_application *app, void *ctx)
{
	(void)app;
	(void)ctx;
	return 1;
}

/* Two applications a year for every agency that recent_years left without
 * one, so that each agency's own report in the 2019 and 2021 formats has a
 * Table 2 of its own: one received in spring and replied, one received in
 * late December and replied in January (上年结转 / 结转下年度). */
static enum gk_err every_agency(struct demo *d, struct gk_error *err)
{
	static const enum gk_outcome replies[] = {
		GK_OUTCOME_DISCLOSED,        GK_OUTCOME_ALREADY_PUBLIC,
		GK_OUTCOME_PARTLY_DISCLOSED, GK_OUTCOME_NOT_EXIST,
		GK_OUTCOME_NOT_THIS_AGENCY,  GK_OUTCOME_WITHHELD_PROCESS,
		GK_OUTCOME_DISCLOSED,        GK_OUTCOME_NEEDS_CREATION,
		GK_OUTCOME_PETITION,         GK_OUTCOME_WITHHELD_THIRD_PARTY,
		GK_OUTCOME_ALREADY_PUBLIC,
	};
	static const enum gk_channel channels[] = {GK_CHANNEL_ONLINE, GK_CHANNEL_LETTER,
						   GK_CHANNEL_IN_PERSON, GK_CHANNEL_ONLINE,
						   GK_CHANNEL_EMAIL};
	struct gk_agency_list list = {0};
	enum gk_err rc = gk_store_agency_list(d->s, &list, err);
	int n = 0;
	int last_year = gk_date_from_days(d->today).year - 1;
	for (int year = 2019; year <= last_year && !rc; year++) {
		for (size_t i = 0; i < list.count && !rc; i++) {
			struct gk_app_filter f = {.view = GK_VIEW_ALL,
						  .agency_id = list.items[i].id,
						  .year = year,
						  .limit = 1};
			int64_t total = 0;
			if ((rc = gk_store_application_list(d->s, &f, count_one, NULL, &total,
							    err)) ||
			    total)
				continue;
			for (int k = 0; k < 2 && !rc; k++, n++) {
				struct story sy = {0};
				sy.agency = list.items[i].code;
				sy.channel = channels[n % (sizeof channels / sizeof channels[0])];
				sy.type = (enum gk_applicant_type)(n % 4 == 3 ? 1 + n / 4 % 5 : 0);
				long day = k == 0 ? ymd(year, 3 + (int)(i % 6), 6 + (int)(i % 20))
						  : ymd(year, 12, 22 + (int)(i % 4));
				while (!gk_calendar_is_workday(d->cal, day))
					day++;
				if (day > d->today)
					continue;
				sy.received = day;
				sy.outcome = (int)replies[n % (sizeof replies / sizeof replies[0])];
				sy.flags = S_ARCHIVE | (n % 2 ? S_REGISTERED_POST : 0) |
					   (n % 7 == 5 ? S_EXTEND : 0);
				rc = run_story(d, &sy, err);
			}
		}
	}
	gk_agency_list_release(&list);
	return rc;
}

/* Open applications relative to today, so every queue has something. */
static enum gk_err open_now(struct demo *d, struct gk_error *err)
{
	static const struct {
		const char *agency;
		enum gk_channel channel;
		enum gk_applicant_type type;
		int ago; /* working days before today it was received */
		enum stop stop;
		unsigned flags;
		enum gk_outcome outcome;
	} open[] = {
		/* overdue: received more than 20 working days ago, no reply */
		{"035200000", GK_CHANNEL_LETTER, GK_APPLICANT_NATURAL_PERSON, 31, STOP_ASSIGNED, 0,
		 0},
		{"035200000", GK_CHANNEL_IN_PERSON, GK_APPLICANT_BUSINESS, 26, STOP_ASSIGNED, 0, 0},
		{"035205000", GK_CHANNEL_ONLINE, GK_APPLICANT_PUBLIC_INTEREST, 24, STOP_ASSIGNED, 0,
		 0},
		{"035221000", GK_CHANNEL_EMAIL, GK_APPLICANT_NATURAL_PERSON, 28, STOP_ASSIGNED, 0,
		 0},
		/* due within 3 working days */
		{"035200000", GK_CHANNEL_ONLINE, GK_APPLICANT_NATURAL_PERSON, 18, STOP_ASSIGNED, 0,
		 0},
		{"035205000", GK_CHANNEL_LETTER, GK_APPLICANT_RESEARCH, 19, STOP_ASSIGNED, 0, 0},
		/* drafted, waiting for the reviewer */
		{"035200000", GK_CHANNEL_IN_PERSON, GK_APPLICANT_NATURAL_PERSON, 12, STOP_DRAFTED,
		 0, GK_OUTCOME_DISCLOSED},
		{"035205000", GK_CHANNEL_ONLINE, GK_APPLICANT_BUSINESS, 10, STOP_DRAFTED, 0,
		 GK_OUTCOME_PARTLY_DISCLOSED},
		/* approved, to be sent */
		{"035200000", GK_CHANNEL_FAX, GK_APPLICANT_LEGAL_SERVICES, 9, STOP_APPROVED, 0,
		 GK_OUTCOME_NOT_EXIST},
		/* paused and waiting */
		{"035200000", GK_CHANNEL_LETTER, GK_APPLICANT_NATURAL_PERSON, 8, STOP_CONSULTING,
		 S_CONSULT, 0},
		{"035205000", GK_CHANNEL_ONLINE, GK_APPLICANT_NATURAL_PERSON, 6, STOP_SUPPLEMENT,
		 S_SUPPLEMENT, 0},
		{"035200000", GK_CHANNEL_ONLINE, GK_APPLICANT_BUSINESS, 9, STOP_PAYMENT, S_FEE_PAID,
		 0},
		/* new: to register or assign */
		{"035200000", GK_CHANNEL_ONLINE, GK_APPLICANT_NATURAL_PERSON, 1, STOP_RECEIVED, 0,
		 0},
		{"035205000", GK_CHANNEL_ONLINE, GK_APPLICANT_OTHER, 0, STOP_RECEIVED, 0, 0},
		{"035200000", GK_CHANNEL_IN_PERSON, GK_APPLICANT_NATURAL_PERSON, 2, STOP_REGISTERED,
		 0, 0},
		/* answered earlier this year */
		{"035200000", GK_CHANNEL_ONLINE, GK_APPLICANT_NATURAL_PERSON, 60, STOP_NONE, 0,
		 GK_OUTCOME_DISCLOSED},
		{"035205000", GK_CHANNEL_EMAIL, GK_APPLICANT_NATURAL_PERSON, 45, STOP_NONE,
		 S_EXTEND, GK_OUTCOME_WITHHELD_PROCESS},
	};
	for (size_t i = 0; i < sizeof open / sizeof open[0]; i++) {
		struct story sy = {0};
		sy.agency = open[i].agency;
		sy.channel = open[i].channel;
		sy.type = open[i].type;
		sy.received = workdays_before(d->cal, d->today, open[i].ago);
		sy.stop = open[i].stop;
		sy.flags = open[i].flags;
		sy.outcome = (int)open[i].outcome;
		sy.pages = 120;
		enum gk_err rc = run_story(d, &sy, err);
		if (rc)
			return rc;
	}
	return GK_OK;
}

static enum gk_err load_user(struct gk_store *s, const char *login, struct gk_user *u,
			     struct gk_error *err)
{
	enum gk_err rc = gk_store_user_by_login(s, login, u, err);
	if (rc)
		return gk_fail(err, rc, "demo account '%s' is missing", login);
	return GK_OK;
}

enum gk_err gk_svc_demo_applications(struct gk_store *s, int *count, struct gk_error *err)
{
	*count = 0;
	struct demo *d = calloc(1, sizeof *d);
	if (!d)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	enum gk_err rc = GK_OK;
	d->s = s;
	d->seed = 2017;
	d->today = gk_date_to_days(gk_date_today());
	d->cal = gk_svc_calendar_load(s, err);
	if (!d->cal) {
		rc = err && err->code ? err->code : GK_ENOMEM;
		goto out;
	}
	if ((rc = load_user(s, "handler", &d->handler, err)) ||
	    (rc = load_user(s, "reviewer", &d->reviewer, err)) ||
	    (rc = load_user(s, "hbj.handler", &d->hbj, err)))
		goto out;
	if ((rc = gk_store_begin(s, err)))
		goto out;
	if ((rc = year_2017(d, err)) || (rc = recent_years(d, err)) || (rc = open_now(d, err)) ||
	    (rc = gk_svc_demo_records(s, NULL, err)) /* service/demo_records.c */ ||
	    (rc = every_agency(d, err)) ||
	    (rc = gk_svc_demo_consultations(s, d->cal, &d->handler, NULL, err)) /* issue 15 */ ||
	    /* the notices of a made-up history stay records: a server with a
	     * mail or SMS channel sends only those of what happens next */
	    (rc = gk_store_notices_keep_pending(s, "演示数据：只留存，不发送", err)) ||
	    (rc = gk_store_commit(s, err))) {
		gk_store_rollback(s);
		goto out;
	}
	*count = d->count;
out:
	gk_calendar_free(d->cal);
	free(d);
	return rc;
}
