/* Notices (issue 15): the outbox written with the step that causes a
 * notice, the daily scan, the sender's pass, and what the pages show.
 * Templates and the retry schedule are core/notice.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/date.h"
#include "lib/log.h"
#include "service/notices.h"

/* Working days before the due day that "due soon" starts. */
#define DUE_SOON_WORKDAYS 3

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

/* Drops an incomplete UTF-8 sequence a cut left at the end of S. */
static void utf8_trim(char *s)
{
	size_t n = strlen(s), i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0 || (unsigned char)s[i - 1] < 0xC0)
		return;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
	if (n - (i - 1) < want)
		s[i - 1] = '\0';
}

/* TEXT into DST without carriage returns (a form's "\r\n"). */
static void copy_lines(char *dst, size_t size, const char *src)
{
	size_t o = 0;
	for (; src && *src && o + 1 < size; src++)
		if (*src != '\r')
			dst[o++] = *src;
	dst[o] = '\0';
	utf8_trim(dst);
}

static const char *day_text(long day, char out[11])
{
	if (day == GK_NO_DAY) {
		out[0] = '\0';
		return "（未定）";
	}
	return gk_date_format(gk_date_from_days(day), out);
}

/* True for a mainland mobile number (1[3-9] and nine digits, "+86" allowed):
 * what an SMS can reach. */
static bool mobile_number(const char *phone, char out[16])
{
	const char *p = phone;
	if (strncmp(p, "+86", 3) == 0)
		p += 3;
	size_t n = 0;
	for (; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (*p < '0' || *p > '9' || n == 11)
			return false;
		out[n++] = *p;
	}
	out[n] = '\0';
	return n == 11 && out[0] == '1' && out[1] >= '3';
}

/* The channel of the applicant's notices: the way he chose to obtain the
 * information (the fee notice must go that way too), e-mail or SMS where
 * an address allows it; post keeps the notice with the letters. */
static enum gk_notice_channel applicant_channel(const struct gk_application *app, char *to,
						size_t to_size)
{
	const struct gk_applicant *a = &app->applicant;
	char mobile[16];
	bool email = a->email[0] && gk_email_plausible(a->email);
	bool sms = mobile_number(a->phone, mobile);
	to[0] = '\0';
	if (app->delivery == GK_DELIVERY_POST)
		return GK_NOTICE_POST;
	if (app->delivery == GK_DELIVERY_EMAIL && email) {
		copy(to, to_size, a->email);
		return GK_NOTICE_EMAIL;
	}
	if (sms) {
		copy(to, to_size, mobile);
		return GK_NOTICE_SMS;
	}
	if (email) {
		copy(to, to_size, a->email);
		return GK_NOTICE_EMAIL;
	}
	return GK_NOTICE_NONE;
}

/* Renders N's kind's templates (an administrator's, else the default) with
 * PARAMS into N. A template that does not render (an edited one naming a
 * placeholder the kind no longer gives) does not stop the step that causes
 * the notice: the notice is kept, failed, with the reason for staff to
 * read, naming the template and the placeholder. */
static enum gk_err render(struct gk_svc *svc, struct gk_notice *n,
			  const struct gk_notice_param *params, size_t np, struct gk_error *err)
{
	struct gk_notice_template *t = malloc(sizeof *t);
	if (!t)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	bool edited = false;
	enum gk_err rc = gk_store_notice_template_get(svc->store, n->kind, t, &edited, err);
	if (rc) {
		free(t);
		return rc;
	}
	struct gk_buf b;
	struct gk_error why = {0};
	gk_buf_init(&b, sizeof n->body - 1);
	rc = gk_notice_render(edited ? t->subject : gk_notice_subject_template(n->kind), params, np,
			      &b, &why);
	if (!rc) {
		copy(n->subject, sizeof n->subject, b.data);
		utf8_trim(n->subject); /* long values cut: still UTF-8 */
	}
	gk_buf_reset(&b);
	if (!rc)
		rc = gk_notice_render(edited ? t->body : gk_notice_body_template(n->kind), params,
				      np, &b, &why);
	if (!rc) {
		copy(n->body, sizeof n->body, b.data);
		utf8_trim(n->body);
	}
	gk_buf_release(&b);
	free(t);
	if (rc == GK_EINVAL) {
		const char *which = edited ? "（管理员修改后的）" : "";
		gk_warn("notice %s: %s template: %s", gk_notice_kind_code(n->kind),
			edited ? "edited" : "default", why.detail);
		copy(n->subject, sizeof n->subject, gk_notice_kind_label(n->kind));
		snprintf(n->body, sizeof n->body, "（通知正文未能生成：%.400s）", why.detail);
		snprintf(n->last_error, sizeof n->last_error, "“%s”通知模板%s有误，未发送：%.400s",
			 gk_notice_kind_label(n->kind), which, why.detail);
		return GK_OK;
	}
	if (rc)
		return gk_fail(err, rc, "%s", why.detail);
	return GK_OK;
}

/* Stores N (kind, key, day, application, agency and text set) by CHANNEL
 * to TO: pending for e-mail and SMS, kept otherwise. */
static enum gk_err enqueue(struct gk_svc *svc, struct gk_notice *n, enum gk_notice_channel channel,
			   const char *to, const char *why_kept, int *added, struct gk_error *err)
{
	n->channel = channel;
	copy(n->recipient, sizeof n->recipient, to);
	bool broken = n->last_error[0] != '\0'; /* its text did not render */
	n->state = broken                                  ? GK_NOTICE_FAILED
		   : gk_notice_channel_electronic(channel) ? GK_NOTICE_PENDING
							   : GK_NOTICE_KEPT;
	n->next_attempt_at = svc->now;
	n->created_at = svc->now;
	bool fresh = false;
	enum gk_err rc = gk_store_notice_add(svc->store, n, &fresh, err);
	const char *why = broken ? n->last_error : why_kept;
	if (!rc && fresh && (broken || n->state == GK_NOTICE_KEPT) && why && why[0])
		rc = gk_store_notice_finish(svc->store, n->id, n->state, 0, 0, why, "", err);
	if (!rc && fresh && added)
		(*added)++;
	return rc;
}

static enum gk_err to_applicant(struct gk_svc *svc, const struct gk_application *app,
				struct gk_notice *n, struct gk_error *err)
{
	char to[256];
	enum gk_notice_channel ch = applicant_channel(app, to, sizeof to);
	n->application_id = app->id;
	n->agency_id = app->agency_id;
	n->user_id = 0;
	const char *why = ch == GK_NOTICE_POST   ? "申请人选择邮寄，随书面材料寄送"
			  : ch == GK_NOTICE_NONE ? "申请人未留电子邮箱或手机号码"
						 : "";
	return enqueue(svc, n, ch, to, why, NULL, err);
}

/* The channel and address for staff member U and KIND: the person's
 * choice (e-mail unless chosen otherwise), none without an address. */
static enum gk_err staff_channel(struct gk_svc *svc, int64_t user_id, enum gk_notice_kind kind,
				 enum gk_notice_channel *ch, char *to, size_t to_size,
				 const char **why, struct gk_error *err)
{
	enum gk_notice_channel chosen[GK_NOTICE_COUNT];
	bool set[GK_NOTICE_COUNT];
	char email[256], phone[96];
	enum gk_err rc = gk_store_notice_prefs(svc->store, user_id, chosen, set, err);
	if (!rc)
		rc = gk_store_staff_contact(svc->store, user_id, email, sizeof email, phone,
					    sizeof phone, err);
	if (rc)
		return rc;
	*ch = set[kind] ? chosen[kind] : GK_NOTICE_EMAIL;
	to[0] = '\0';
	*why = "";
	char mobile[16];
	if (*ch == GK_NOTICE_EMAIL && email[0])
		copy(to, to_size, email);
	else if (*ch == GK_NOTICE_SMS && mobile_number(phone, mobile))
		copy(to, to_size, mobile);
	else if (*ch == GK_NOTICE_NONE)
		*why = "本人选择不接收此类通知";
	else {
		*why = *ch == GK_NOTICE_EMAIL ? "本人未填写电子邮箱" : "本人未填写手机号码";
		*ch = GK_NOTICE_NONE;
	}
	return GK_OK;
}

static enum gk_err to_staff(struct gk_svc *svc, int64_t user_id, struct gk_notice *n, int *added,
			    struct gk_error *err)
{
	enum gk_notice_channel ch;
	char to[256];
	const char *why;
	n->user_id = user_id;
	enum gk_err rc = staff_channel(svc, user_id, n->kind, &ch, to, sizeof to, &why, err);
	return rc ? rc : enqueue(svc, n, ch, to, why, added, err);
}

/* --- from the steps ------------------------------------------------------------------- */

/* The application's agency (name, address, phone for the texts). */
static enum gk_err agency_of(struct gk_svc *svc, const struct gk_application *app,
			     struct gk_agency *ag, struct gk_error *err)
{
	return gk_store_agency_get(svc->store, app->agency_id, ag, err);
}

static enum gk_err receipt(struct gk_svc *svc, const struct gk_application *app,
			   const struct gk_agency *ag, const char *key_suffix, struct gk_error *err)
{
	struct gk_notice *n = calloc(1, sizeof *n);
	if (!n)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	char code[GK_TRACKING_CODE_LEN + 2], d1[11], d2[11];
	gk_tracking_code_display(app->tracking_code, code);
	long sub = app->submitted != GK_NO_DAY ? app->submitted : app->received;
	struct gk_notice_param p[] = {
		{"agency", ag->name},
		{"code", code},
		{"submitted", day_text(sub, d1)},
		{"due", day_text(app->due, d2)},
	};
	n->kind = GK_NOTICE_RECEIPT;
	n->day = sub;
	snprintf(n->key, sizeof n->key, "receipt:%lld%s", (long long)app->id, key_suffix);
	enum gk_err rc = render(svc, n, p, sizeof p / sizeof p[0], err);
	if (!rc)
		rc = to_applicant(svc, app, n, err);
	free(n);
	return rc;
}

enum gk_err gk_svc_notices_on_create(struct gk_svc *svc, const struct gk_application *app,
				     struct gk_error *err)
{
	struct gk_agency ag;
	enum gk_err rc = agency_of(svc, app, &ag, err);
	return rc ? rc : receipt(svc, app, &ag, "", err);
}

/* The fee's standard and what it was applied to, in words for the
 * applicant (国办函〔2020〕109号's tiers). */
static void fee_standard(const struct gk_app_fee *fee, char *out, size_t size)
{
	if (!fee || fee->method == GK_FEE_NONE)
		snprintf(out, size, "不收费");
	else if (fee->method == GK_FEE_BY_PAGES)
		snprintf(out, size,
			 "按量计收，共%d页（30页以内不收费；第31–100页每页10元；"
			 "第101–200页每页20元；200页以上每页40元，超额累进）",
			 fee->pages);
	else
		snprintf(
			out, size,
			"按件计收，为您本自然月内的第%d件%s（每月10件以内不收费；第11–30件每件100元；"
			"此后每10件为一档，每档每件提高100元）",
			fee->first, fee->count > 1 ? "起" : "");
}

/* How the applicant obtains a reply sent by WAY. */
static const char *how_to_obtain(enum gk_delivery way)
{
	switch (way) {
	case GK_DELIVERY_EMAIL:
		return "答复书已发送至您的电子邮箱。";
	case GK_DELIVERY_POST:
		return "答复书已邮寄至您提供的通信地址，请注意查收。";
	case GK_DELIVERY_PICKUP:
		return "请携带身份证明到受理机关领取答复书。";
	case GK_DELIVERY_ONLINE:
		return "请在本网站“申请查询”页面凭查询码查看答复书和所附文件。";
	default:
		return "";
	}
}

struct reviewers {
	struct gk_svc *svc;
	const struct gk_application *app;
	struct gk_notice *n;
	int64_t *ids;
	size_t count, cap;
};

static int add_reviewer(const struct gk_user *u, void *ctx)
{
	struct reviewers *r = ctx;
	if (!(u->roles & GK_ROLE_REVIEWER) || u->disabled || u->id == r->app->drafter_id ||
	    u->agency_id != r->app->agency_id || r->count == r->cap)
		return 0;
	r->ids[r->count++] = u->id;
	return 0;
}

static enum gk_err staff_step(struct gk_svc *svc, const struct gk_application *app,
			      const struct gk_app_event *ev, struct gk_notice *n,
			      const struct gk_agency *ag, struct gk_error *err)
{
	char code[GK_TRACKING_CODE_LEN + 2], d1[11], d2[11];
	gk_tracking_code_display(app->tracking_code, code);
	n->application_id = app->id;
	n->agency_id = app->agency_id;
	n->day = ev->day;
	enum gk_err rc;
	if (n->kind == GK_NOTICE_ASSIGNED) {
		if (!app->handler_id)
			return GK_OK;
		struct gk_notice_param p[] = {{"agency", ag->name},
					      {"code", code},
					      {"received", day_text(app->received, d1)},
					      {"due", day_text(app->due, d2)}};
		snprintf(n->key, sizeof n->key, "assigned:%lld:%lld", (long long)app->id,
			 (long long)ev->id);
		rc = render(svc, n, p, sizeof p / sizeof p[0], err);
		return rc ? rc : to_staff(svc, app->handler_id, n, NULL, err);
	}
	/* a draft waits for a reviewer of the handling agency other than its drafter */
	struct gk_notice_param p[] = {
		{"agency", ag->name},
		{"code", code},
		{"outcome",
		 app->outcome >= 0 ? gk_outcome_label((enum gk_outcome)app->outcome) : ""},
		{"drafter",
		 svc->actor && svc->actor->display_name[0] ? svc->actor->display_name : "承办人"}};
	if ((rc = render(svc, n, p, sizeof p / sizeof p[0], err)))
		return rc;
	int64_t ids[32];
	struct reviewers r = {svc, app, n, ids, 0, 32};
	if ((rc = gk_store_user_each(svc->store, app->agency_id, add_reviewer, &r, err)))
		return rc;
	for (size_t i = 0; i < r.count && !rc; i++) {
		snprintf(n->key, sizeof n->key, "review_waiting:%lld:%lld:%lld", (long long)app->id,
			 (long long)ev->id, (long long)ids[i]);
		rc = to_staff(svc, ids[i], n, NULL, err);
	}
	return rc;
}

enum gk_err gk_svc_notices_on_step(struct gk_svc *svc, const struct gk_application *app,
				   const struct gk_step_input *step, const struct gk_app_event *ev,
				   const struct gk_app_fee *fee, struct gk_error *err)
{
	int kind;
	switch (step->action) {
	case GK_ACTION_REGISTER:
		kind = GK_NOTICE_RECEIPT;
		break;
	case GK_ACTION_ASSIGN:
		kind = GK_NOTICE_ASSIGNED;
		break;
	case GK_ACTION_REQUEST_SUPPLEMENT:
		kind = GK_NOTICE_SUPPLEMENT_REQUEST;
		break;
	case GK_ACTION_EXTEND:
		kind = GK_NOTICE_EXTENSION;
		break;
	case GK_ACTION_SEND_FEE_NOTICE:
		kind = GK_NOTICE_FEE;
		break;
	case GK_ACTION_DRAFT_REPLY:
		kind = GK_NOTICE_REVIEW_WAITING;
		break;
	case GK_ACTION_SEND_REPLY:
		kind = GK_NOTICE_REPLY_READY;
		break;
	default:
		return GK_OK;
	}
	struct gk_agency ag;
	enum gk_err rc = agency_of(svc, app, &ag, err);
	if (rc)
		return rc;
	if (kind == GK_NOTICE_RECEIPT) {
		/* an online application's receipt, now confirmed: the due day is final */
		char suffix[32];
		snprintf(suffix, sizeof suffix, ":%lld", (long long)ev->id);
		return receipt(svc, app, &ag, suffix, err);
	}
	struct gk_notice *n = calloc(1, sizeof *n);
	if (!n)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	n->kind = (enum gk_notice_kind)kind;
	if (gk_notice_kind_staff(n->kind)) {
		rc = staff_step(svc, app, ev, n, &ag, err);
		free(n);
		return rc;
	}
	char code[GK_TRACKING_CODE_LEN + 2], d1[11], d2[11], d3[11], num[32], yuan[32];
	char how[1200], explain[600];
	gk_tracking_code_display(app->tracking_code, code);
	const char *note = step->note && step->note[0] ? step->note : "";
	n->day = ev->day;
	snprintf(n->key, sizeof n->key, "%s:%lld:%lld", gk_notice_kind_code(n->kind),
		 (long long)app->id, (long long)ev->id);
	switch (n->kind) {
	case GK_NOTICE_SUPPLEMENT_REQUEST: {
		struct gk_notice_param p[] = {
			{"agency", ag.name},
			{"code", code},
			{"what", note[0] ? note : "详见书面补正告知书"},
			{"until", ev->until != GK_NO_DAY ? day_text(ev->until, d1) : "合理期限内"},
			{"day", day_text(ev->day, d2)}};
		rc = render(svc, n, p, sizeof p / sizeof p[0], err);
		break;
	}
	case GK_NOTICE_EXTENSION: {
		snprintf(num, sizeof num, "%d", step->days);
		char reason[GK_APP_NOTE_MAX * 4 + 16];
		snprintf(reason, sizeof reason, "%s%s%s", note[0] ? "延期理由：" : "", note,
			 note[0] ? "。" : "");
		struct gk_notice_param p[] = {{"agency", ag.name},
					      {"code", code},
					      {"days", num},
					      {"due", day_text(app->due, d1)},
					      {"reason", reason}};
		rc = render(svc, n, p, sizeof p / sizeof p[0], err);
		break;
	}
	case GK_NOTICE_FEE: {
		if (ag.address[0])
			snprintf(how, sizeof how,
				 "按%s告知的非税收入缴款方式缴纳，或到%s（%s）缴纳", ag.name,
				 ag.name, ag.address);
		else
			snprintf(how, sizeof how, "按%s告知的非税收入缴款方式缴纳", ag.name);
		if (ag.phone[0]) {
			size_t l = strlen(how);
			snprintf(how + l, sizeof how - l, "；咨询电话 %s", ag.phone);
		}
		fee_standard(fee, explain, sizeof explain);
		struct gk_notice_param p[] = {
			{"agency", ag.name},
			{"code", code},
			{"basis", "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"},
			{"method", fee ? gk_fee_method_label(fee->method) : ""},
			{"explain", explain},
			{"amount", fee ? gk_fee_format_yuan(fee->amount, yuan) : ""},
			{"how_to_pay", how},
			{"day", day_text(fee ? fee->notice_received : ev->day, d1)},
			{"pay_by", day_text(fee ? fee->payment_due : GK_NO_DAY, d2)}};
		rc = render(svc, n, p, sizeof p / sizeof p[0], err);
		break;
	}
	case GK_NOTICE_REPLY_READY: {
		struct gk_notice_param p[] = {
			{"agency", ag.name},
			{"code", code},
			{"day", day_text(app->replied != GK_NO_DAY ? app->replied : ev->day, d3)},
			{"outcome",
			 app->outcome >= 0 ? gk_outcome_label((enum gk_outcome)app->outcome) : ""},
			{"way", gk_delivery_label(app->reply_way)},
			{"how", how_to_obtain(app->reply_way)}};
		rc = render(svc, n, p, sizeof p / sizeof p[0], err);
		break;
	}
	default:
		break;
	}
	if (!rc)
		rc = to_applicant(svc, app, n, err);
	free(n);
	return rc;
}

/* --- the daily scan ------------------------------------------------------------------- */

struct digest_line {
	int64_t agency_id;
	char name[160];
	int count;
	char codes[400];
};

struct scan {
	struct gk_svc *svc;
	long today;
	int added;
	enum gk_err rc;
	struct gk_error *err;
	struct gk_notice *n;
	struct digest_line lines[64];
	size_t nlines;
	int overdue;
};

static int scan_case(const struct gk_notice_case *c, void *ctx)
{
	struct scan *sc = ctx;
	struct gk_svc *svc = sc->svc;
	bool overdue = c->due < sc->today;
	if (overdue) {
		sc->overdue++;
		size_t i = 0;
		while (i < sc->nlines && sc->lines[i].agency_id != c->agency_id)
			i++;
		if (i == sc->nlines && sc->nlines < sizeof sc->lines / sizeof sc->lines[0]) {
			sc->nlines++;
			sc->lines[i].agency_id = c->agency_id;
			copy(sc->lines[i].name, sizeof sc->lines[i].name, c->agency_name);
			sc->lines[i].count = 0;
			sc->lines[i].codes[0] = '\0';
		}
		if (i < sc->nlines) {
			struct digest_line *l = &sc->lines[i];
			size_t len = strlen(l->codes);
			if (len + 16 < sizeof l->codes)
				snprintf(l->codes + len, sizeof l->codes - len, "%s%s",
					 l->count ? "、" : "", c->tracking_code);
			l->count++;
		}
	}
	if (!c->handler_id)
		return 0;
	char code[GK_TRACKING_CODE_LEN + 2], d1[11], left[16];
	gk_tracking_code_display(c->tracking_code, code);
	int wd = overdue ? 0 : gk_calendar_workdays_between(svc->calendar, sc->today, c->due, NULL);
	snprintf(left, sizeof left, "%d", wd);
	struct gk_notice *n = sc->n;
	memset(n, 0, sizeof *n);
	n->kind = overdue ? GK_NOTICE_OVERDUE : GK_NOTICE_DUE_SOON;
	n->application_id = c->id;
	n->agency_id = c->agency_id;
	n->day = sc->today;
	snprintf(n->key, sizeof n->key, "%s:%lld:%lld:%ld", gk_notice_kind_code(n->kind),
		 (long long)c->id, (long long)c->handler_id, sc->today);
	struct gk_notice_param p[] = {{"agency", c->agency_name},
				      {"code", code},
				      {"due", day_text(c->due, d1)},
				      {"left", left},
				      {"state", gk_app_state_label(c->state)}};
	sc->rc = render(svc, n, p, sizeof p / sizeof p[0], sc->err);
	if (!sc->rc)
		sc->rc = to_staff(svc, c->handler_id, n, &sc->added, sc->err);
	return sc->rc != GK_OK;
}

static int digest_to(const struct gk_user *u, void *ctx)
{
	struct scan *sc = ctx;
	struct gk_notice *n = sc->n;
	snprintf(n->key, sizeof n->key, "daily_digest:%lld:%ld", (long long)u->id, sc->today);
	sc->rc = to_staff(sc->svc, u->id, n, &sc->added, sc->err);
	return sc->rc != GK_OK;
}

enum gk_err gk_svc_notices_scan(struct gk_svc *svc, long today, int *added, struct gk_error *err)
{
	if (added)
		*added = 0;
	if (!svc->calendar)
		return gk_fail(err, GK_EINTERNAL, "notice scan without a calendar");
	struct scan *sc = calloc(1, sizeof *sc);
	struct gk_notice *n = malloc(sizeof *n);
	if (!sc || !n) {
		free(sc);
		free(n);
		return gk_fail(err, GK_ENOMEM, "out of memory");
	}
	sc->svc = svc;
	sc->today = today;
	sc->err = err;
	sc->n = n;
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (rc)
		goto out;
	long until = gk_calendar_add_workdays(svc->calendar, today, DUE_SOON_WORKDAYS, NULL);
	rc = gk_store_notice_cases(svc->store, until, scan_case, sc, err);
	if (!rc)
		rc = sc->rc;
	if (!rc && sc->overdue > 0) {
		struct gk_buf lines;
		gk_buf_init(&lines, GK_NOTICE_BODY_MAX / 2);
		for (size_t i = 0; i < sc->nlines; i++)
			gk_buf_printf(&lines, "%s：%d件（%s）\n", sc->lines[i].name,
				      sc->lines[i].count, sc->lines[i].codes);
		char d1[11], count[16];
		snprintf(count, sizeof count, "%d", sc->overdue);
		struct gk_notice_param p[] = {
			{"day", day_text(today, d1)}, {"count", count}, {"lines", lines.data}};
		memset(n, 0, sizeof *n);
		n->kind = GK_NOTICE_DAILY_DIGEST;
		n->day = today;
		struct gk_agency office;
		rc = gk_store_agency_city_office(svc->store, &office, err);
		n->agency_id = rc ? 0 : office.id;
		if (!rc)
			rc = render(svc, n, p, sizeof p / sizeof p[0], err);
		gk_buf_release(&lines);
		if (!rc)
			rc = gk_store_city_office_users(svc->store, digest_to, sc, err);
		if (!rc)
			rc = sc->rc;
	}
	rc = gk_svc_end(svc, own, rc, err);
	if (!rc && added)
		*added = sc->added;
out:
	free(sc);
	free(n);
	return rc;
}

/* --- the sender --------------------------------------------------------------------- */

/* Sends claimed notice N once and records how it went. */
static enum gk_err send_one(struct gk_svc *svc, const struct gk_notice_sender *sender,
			    const struct gk_notice *n, int64_t now, bool *sent,
			    struct gk_error *err)
{
	char receipt[256] = "", why[512] = "";
	int r = sender->send(sender->ctx, n->channel, n->recipient, n->subject, n->body, n->key,
			     receipt, sizeof receipt, why, sizeof why);
	struct gk_notice_attempt a = {0};
	a.notice_id = n->id;
	a.at = now;
	enum gk_notice_state state;
	int64_t next = 0;
	if (r == 0) {
		a.outcome = GK_NOTICE_OUT_SENT;
		copy(a.detail, sizeof a.detail, receipt);
		state = GK_NOTICE_SENT;
	} else if (r == 1 && n->attempts < GK_NOTICE_MAX_ATTEMPTS) {
		a.outcome = GK_NOTICE_OUT_TEMPORARY;
		copy(a.detail, sizeof a.detail, why[0] ? why : "暂时无法发送");
		state = GK_NOTICE_PENDING;
		struct gk_backoff wait = gk_notice_backoff;
		if (sender->retry_first > 0)
			wait.first_wait = sender->retry_first;
		if (sender->retry_max > 0)
			wait.max_wait = sender->retry_max;
		next = now + gk_backoff_delay(&wait, n->attempts < 1 ? 1 : n->attempts);
		int64_t told = sender->retry_after ? sender->retry_after(sender->ctx) : 0;
		if (told > next)
			next = told;
	} else {
		a.outcome = r == 1 ? GK_NOTICE_OUT_TEMPORARY : GK_NOTICE_OUT_PERMANENT;
		if (r == 1 &&
		    snprintf(a.detail, sizeof a.detail, "%s（已尝试%d次，不再重试）",
			     why[0] ? why : "暂时无法发送", n->attempts) >= (int)sizeof a.detail)
			a.detail[sizeof a.detail - 1] = '\0'; /* cut short: still a string */
		else if (r != 1)
			copy(a.detail, sizeof a.detail, why[0] ? why : "无法发送");
		state = GK_NOTICE_FAILED;
	}
	*sent = state == GK_NOTICE_SENT;
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (rc)
		return rc;
	rc = gk_store_notice_attempt_add(svc->store, &a, err);
	if (!rc)
		rc = gk_store_notice_finish(svc->store, n->id, state, next, *sent ? now : 0,
					    *sent ? "" : a.detail, receipt, err);
	if (!rc && state == GK_NOTICE_FAILED)
		gk_warn("notice %lld (%s) failed: %s", (long long)n->id,
			gk_notice_kind_code(n->kind), a.detail);
	return gk_svc_end(svc, own, rc, err);
}

enum gk_err gk_svc_notices_deliver(struct gk_svc *svc, const struct gk_notice_sender *sender,
				   int64_t now, int max, int *sent, struct gk_error *err)
{
	if (sent)
		*sent = 0;
	if (!sender || !sender->send || max <= 0)
		return GK_OK;
	int64_t ids[64];
	size_t n = 0;
	size_t cap =
		(size_t)max < sizeof ids / sizeof ids[0] ? (size_t)max : sizeof ids / sizeof ids[0];
	enum gk_err rc = gk_store_notices_due(svc->store, now, ids, cap, &n, err);
	struct gk_notice *nt = malloc(sizeof *nt);
	if (!rc && !nt)
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
	for (size_t i = 0; i < n && !rc; i++) {
		bool own, claimed = false;
		if ((rc = gk_svc_begin(svc, &own, err)))
			break;
		rc = gk_store_notice_claim(svc->store, ids[i], now, now + GK_NOTICE_CLAIM_SECONDS,
					   &claimed, err);
		if (!rc && claimed)
			rc = gk_store_notice_get(svc->store, ids[i], nt, err);
		if ((rc = gk_svc_end(svc, own, rc, err)) || !claimed)
			continue;
		/* the network call outside any transaction: the claim stands
		   for it, and a crash here leaves the notice to be taken again */
		bool ok = false;
		rc = send_one(svc, sender, nt, now, &ok, err);
		if (!rc && ok && sent)
			(*sent)++;
	}
	free(nt);
	return rc;
}

enum gk_err gk_svc_notice_retry(struct gk_svc *svc, int64_t app_id, int64_t agency_id,
				int64_t notice_id, struct gk_error *err)
{
	if (!svc->actor || !gk_svc_in_scope(svc, agency_id))
		return gk_fail(err, GK_ENOTFOUND, "没有这件申请");
	struct gk_notice *n = malloc(sizeof *n);
	if (!n)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	bool own, done = false;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (rc) {
		free(n);
		return rc;
	}
	rc = gk_store_notice_get(svc->store, notice_id, n, err);
	if (!rc && n->application_id != app_id)
		rc = gk_fail(err, GK_ENOTFOUND, "没有这条通知");
	/* its text did not render: sending it would send the error instead */
	if (!rc && gk_notice_unrendered(n))
		rc = gk_fail(err, GK_ECONFLICT,
			     "“%s”：通知正文因模板有误未能生成，不能重新发送；"
			     "请修正通知模板，并另行告知",
			     gk_notice_kind_label(n->kind));
	if (!rc)
		rc = gk_store_notice_requeue(svc->store, notice_id, svc->now, &done, err);
	if (!rc && !done)
		rc = gk_fail(err, GK_ECONFLICT,
			     "“%s”：只有发送失败的电子邮件或短信通知才能重新发送",
			     gk_notice_kind_label(n->kind));
	if (!rc)
		rc = gk_store_audit(svc->store, svc->actor->id, agency_id, "retry", "notice",
				    notice_id, gk_notice_kind_code(n->kind), err);
	free(n);
	return gk_svc_end(svc, own, rc, err);
}

/* A reported time later than now is the gateway's clock: now counts. */
static int64_t reported_at(const struct gk_svc *svc, int64_t at)
{
	return at <= 0 || (svc->now > 0 && at > svc->now) ? svc->now : at;
}

static enum gk_err delivered(struct gk_svc *svc, int64_t id, int64_t at, bool *changed,
			     struct gk_error *err)
{
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (!rc)
		rc = gk_store_notice_delivered(svc->store, id, reported_at(svc, at), changed, err);
	return gk_svc_end(svc, own, rc, err);
}

enum gk_err gk_svc_notice_delivered(struct gk_svc *svc, int64_t id, int64_t at,
				    struct gk_error *err)
{
	return delivered(svc, id, at, NULL, err);
}

static enum gk_err failed_report(struct gk_svc *svc, int64_t id, const char *reason, bool *changed,
				 struct gk_error *err)
{
	char why[512];
	snprintf(why, sizeof why, "短信网关报告未送达：%.400s",
		 reason && reason[0] ? reason : "未说明原因");
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (!rc)
		rc = gk_store_notice_undelivered(svc->store, id, why, changed, err);
	return gk_svc_end(svc, own, rc, err);
}

enum gk_err gk_svc_notice_failed_report(struct gk_svc *svc, int64_t id, const char *reason,
					struct gk_error *err)
{
	return failed_report(svc, id, reason, NULL, err);
}

enum gk_err gk_svc_notice_reports(struct gk_svc *svc, const struct gk_sms_report *reports, size_t n,
				  struct gk_notice_report_counts *counts, struct gk_error *err)
{
	memset(counts, 0, sizeof *counts);
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	for (size_t i = 0; i < n && !rc; i++) {
		const struct gk_sms_report *r = &reports[i];
		int64_t id = 0;
		bool changed = false;
		rc = gk_store_notice_by_receipt(svc->store, GK_NOTICE_SMS, r->id, &id, err);
		if (rc)
			break;
		if (!id) {
			counts->unknown++;
			gk_warn("SMS delivery report for an unknown message id \"%.80s\" (%.40s)",
				r->id, r->status);
			continue;
		}
		if (r->outcome == GK_SMS_REPORT_DELIVERED)
			rc = delivered(svc, id, r->at, &changed, err);
		else if (r->outcome == GK_SMS_REPORT_FAILED)
			rc = failed_report(svc, id, r->reason, &changed, err);
		else {
			counts->ignored++;
			continue;
		}
		if (rc)
			break;
		if (!changed)
			counts->unchanged++;
		else if (r->outcome == GK_SMS_REPORT_DELIVERED)
			counts->delivered++;
		else {
			counts->failed++;
			gk_warn("notice %lld not delivered, says the gateway: %.200s",
				(long long)id, r->reason);
		}
	}
	return gk_svc_end(svc, own, rc, err);
}

/* --- the delivery day --------------------------------------------------------------- */

struct delivery {
	enum gk_notice_kind kind;
	long day;
	long out;
	bool waiting;
};

/* The local day of unix time T (as svc->today is). */
static long day_of(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	return gk_date_to_days((struct gk_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday});
}

static int delivery_of(const struct gk_notice *n, void *ctx)
{
	struct delivery *d = ctx;
	if (n->kind != d->kind || n->user_id || (n->day != GK_NO_DAY && n->day < d->day))
		return 0;
	d->out = GK_NO_DAY;
	d->waiting = false;
	if (!gk_notice_channel_electronic(n->channel))
		return 0;
	if (n->delivered_at)
		d->out = day_of(n->delivered_at);
	else if (n->sent_at)
		d->out = day_of(n->sent_at);
	else
		d->waiting = n->state != GK_NOTICE_FAILED;
	return 0;
}

enum gk_err gk_svc_notice_delivery_day(struct gk_svc *svc, int64_t app_id, enum gk_notice_kind kind,
				       long day, long *day_out, bool *waiting, struct gk_error *err)
{
	struct delivery d = {kind, day, GK_NO_DAY, false};
	enum gk_err rc = gk_store_notices_of_application(svc->store, app_id, delivery_of, &d, err);
	*day_out = d.out;
	*waiting = d.waiting;
	return rc;
}

/* --- the pages ---------------------------------------------------------------------- */

void gk_notice_records_release(struct gk_notice_records *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->count; i++)
		free(r->items[i].attempts);
	free(r->items);
	r->items = NULL;
	r->count = 0;
}

struct collect {
	struct gk_notice_records *out;
	size_t cap;
	bool applicant_only;
	bool failed;
};

static int collect_notice(const struct gk_notice *n, void *ctx)
{
	struct collect *c = ctx;
	if (c->applicant_only && n->user_id)
		return 0;
	if (c->out->count == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		struct gk_notice_record *grown = realloc(c->out->items, cap * sizeof *grown);
		if (!grown) {
			c->failed = true;
			return 1;
		}
		c->out->items = grown;
		c->cap = cap;
	}
	struct gk_notice_record *r = &c->out->items[c->out->count++];
	memset(r, 0, sizeof *r);
	r->notice = *n;
	return 0;
}

struct collect_attempts {
	struct gk_notice_record *r;
	size_t cap;
	bool failed;
};

static int collect_attempt(const struct gk_notice_attempt *a, void *ctx)
{
	struct collect_attempts *c = ctx;
	if (c->r->nattempts == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 4;
		struct gk_notice_attempt *grown = realloc(c->r->attempts, cap * sizeof *grown);
		if (!grown) {
			c->failed = true;
			return 1;
		}
		c->r->attempts = grown;
		c->cap = cap;
	}
	c->r->attempts[c->r->nattempts++] = *a;
	return 0;
}

/* Loads the notices of application APP_ID (or, with USER_ID, the newest
 * LIMIT of that person) into OUT, with their attempts if ATTEMPTS. */
static enum gk_err load(struct gk_svc *svc, int64_t app_id, int64_t user_id, int limit,
			bool applicant_only, bool attempts, struct gk_notice_records *out,
			struct gk_error *err)
{
	memset(out, 0, sizeof *out);
	struct collect c = {out, 0, applicant_only, false};
	enum gk_err rc = user_id ? gk_store_notices_of_user(svc->store, user_id, limit,
							    collect_notice, &c, err)
				 : gk_store_notices_of_application(svc->store, app_id,
								   collect_notice, &c, err);
	if (!rc && c.failed)
		rc = gk_fail(err, GK_ENOMEM, "out of memory");
	for (size_t i = 0; i < out->count && !rc && attempts; i++) {
		struct collect_attempts ca = {&out->items[i], 0, false};
		rc = gk_store_notice_attempts(svc->store, out->items[i].notice.id, collect_attempt,
					      &ca, err);
		if (!rc && ca.failed)
			rc = gk_fail(err, GK_ENOMEM, "out of memory");
	}
	if (rc)
		gk_notice_records_release(out);
	return rc;
}

enum gk_err gk_svc_notices_of_case(struct gk_svc *svc, int64_t app_id, int64_t agency_id,
				   struct gk_notice_records *out, struct gk_error *err)
{
	memset(out, 0, sizeof *out);
	if (!svc->actor || !gk_svc_in_scope(svc, agency_id))
		return gk_fail(err, GK_ENOTFOUND, "没有这件申请");
	return load(svc, app_id, 0, 0, false, true, out, err);
}

enum gk_err gk_svc_notices_of_applicant(struct gk_svc *svc, int64_t app_id,
					struct gk_notice_records *out, struct gk_error *err)
{
	return load(svc, app_id, 0, 0, true, false, out, err);
}

enum gk_err gk_svc_notices_mine(struct gk_svc *svc, int limit, struct gk_notice_records *out,
				struct gk_error *err)
{
	memset(out, 0, sizeof *out);
	if (!svc->actor)
		return gk_fail(err, GK_EUNAUTH, "请先登录");
	return load(svc, 0, svc->actor->id, limit, false, true, out, err);
}

/* --- preferences -------------------------------------------------------------------- */

enum gk_err gk_svc_notice_prefs_get(struct gk_svc *svc, struct gk_notice_prefs *out,
				    struct gk_error *err)
{
	memset(out, 0, sizeof *out);
	if (!svc->actor)
		return gk_fail(err, GK_EUNAUTH, "请先登录");
	bool set[GK_NOTICE_COUNT];
	enum gk_err rc = gk_store_notice_prefs(svc->store, svc->actor->id, out->channel, set, err);
	for (int k = 0; k < GK_NOTICE_COUNT && !rc; k++)
		if (!set[k])
			out->channel[k] = gk_notice_kind_staff((enum gk_notice_kind)k)
						  ? GK_NOTICE_EMAIL
						  : GK_NOTICE_NONE;
	if (!rc)
		rc = gk_store_staff_contact(svc->store, svc->actor->id, out->email,
					    sizeof out->email, out->phone, sizeof out->phone, err);
	return rc;
}

enum gk_err gk_svc_notice_prefs_set(struct gk_svc *svc, const struct gk_notice_prefs *p,
				    struct gk_error *err)
{
	if (!svc->actor)
		return gk_fail(err, GK_EUNAUTH, "请先登录");
	char mobile[16];
	if (p->email[0] && !gk_email_plausible(p->email))
		return gk_fail(err, GK_EINVAL, "“电子邮箱”格式不正确");
	if (p->phone[0] && !mobile_number(p->phone, mobile))
		return gk_fail(err, GK_EINVAL, "“手机号码”须为11位手机号码");
	for (int k = 0; k < GK_NOTICE_COUNT; k++) {
		if (!gk_notice_kind_staff((enum gk_notice_kind)k))
			continue;
		enum gk_notice_channel c = p->channel[k];
		if (c != GK_NOTICE_EMAIL && c != GK_NOTICE_SMS && c != GK_NOTICE_NONE)
			return gk_fail(err, GK_EINVAL, "“%s”：请选择电子邮件、短信或不接收",
				       gk_notice_kind_label((enum gk_notice_kind)k));
		if (c == GK_NOTICE_EMAIL && !p->email[0])
			return gk_fail(err, GK_EINVAL, "“%s”选择了电子邮件，请填写“电子邮箱”",
				       gk_notice_kind_label((enum gk_notice_kind)k));
		if (c == GK_NOTICE_SMS && !p->phone[0])
			return gk_fail(err, GK_EINVAL, "“%s”选择了短信，请填写“手机号码”",
				       gk_notice_kind_label((enum gk_notice_kind)k));
	}
	bool own;
	enum gk_err rc = gk_svc_begin(svc, &own, err);
	if (rc)
		return rc;
	rc = gk_store_staff_contact_set(svc->store, svc->actor->id, p->email, p->phone, err);
	for (int k = 0; k < GK_NOTICE_COUNT && !rc; k++)
		if (gk_notice_kind_staff((enum gk_notice_kind)k))
			rc = gk_store_notice_pref_set(svc->store, svc->actor->id,
						      (enum gk_notice_kind)k, p->channel[k], err);
	if (!rc)
		rc = gk_store_audit(svc->store, svc->actor->id, svc->actor->agency_id, "edit",
				    "notice_prefs", svc->actor->id, NULL, err);
	return gk_svc_end(svc, own, rc, err);
}

/* --- templates administrators edit ------------------------------------------------------ */

/* Templates are the city's: its office's administrators edit them. */
static enum gk_err template_admin(struct gk_svc *svc, struct gk_error *err)
{
	if (!svc->actor)
		return gk_fail(err, GK_EUNAUTH, "请先登录");
	if (!(svc->actor->roles & GK_ROLE_ADMIN) || !svc->actor->city_wide)
		return gk_fail(err, GK_EFORBIDDEN,
			       "只有市政府信息公开工作机构的管理员才能修改通知模板");
	return GK_OK;
}

enum gk_err gk_svc_notice_template_get(struct gk_svc *svc, enum gk_notice_kind kind,
				       struct gk_notice_template *out, bool *edited,
				       struct gk_error *err)
{
	*edited = false;
	enum gk_err rc = template_admin(svc, err);
	if (rc)
		return rc;
	if ((unsigned)kind >= GK_NOTICE_COUNT)
		return gk_fail(err, GK_ENOTFOUND, "没有这类通知");
	rc = gk_store_notice_template_get(svc->store, kind, out, edited, err);
	if (!rc && !*edited) {
		copy(out->subject, sizeof out->subject, gk_notice_subject_template(kind));
		copy(out->body, sizeof out->body, gk_notice_body_template(kind));
	}
	return rc;
}

enum gk_err gk_svc_notice_template_save(struct gk_svc *svc, enum gk_notice_kind kind,
					const char *subject, const char *body, struct gk_error *err)
{
	enum gk_err rc = template_admin(svc, err);
	if (rc)
		return rc;
	if ((unsigned)kind >= GK_NOTICE_COUNT)
		return gk_fail(err, GK_ENOTFOUND, "没有这类通知");
	if ((rc = gk_notice_template_check(kind, subject, body, NULL, err)))
		return rc;
	struct gk_notice_template *t = calloc(1, sizeof *t);
	if (!t)
		return gk_fail(err, GK_ENOMEM, "out of memory");
	t->kind = kind;
	copy_lines(t->subject, sizeof t->subject, subject);
	copy_lines(t->body, sizeof t->body, body);
	t->updated_by = svc->actor->id;
	t->updated_at = svc->now;
	bool own;
	rc = gk_svc_begin(svc, &own, err);
	if (!rc) {
		rc = gk_store_notice_template_set(svc->store, t, err);
		if (!rc)
			rc = gk_store_audit(svc->store, svc->actor->id, svc->actor->agency_id,
					    "edit", "notice_template", 0, gk_notice_kind_code(kind),
					    err);
		rc = gk_svc_end(svc, own, rc, err);
	}
	free(t);
	return rc;
}

enum gk_err gk_svc_notice_template_reset(struct gk_svc *svc, enum gk_notice_kind kind,
					 struct gk_error *err)
{
	enum gk_err rc = template_admin(svc, err);
	if (rc)
		return rc;
	if ((unsigned)kind >= GK_NOTICE_COUNT)
		return gk_fail(err, GK_ENOTFOUND, "没有这类通知");
	bool own, deleted = false;
	if ((rc = gk_svc_begin(svc, &own, err)))
		return rc;
	rc = gk_store_notice_template_delete(svc->store, kind, &deleted, err);
	if (!rc && deleted)
		rc = gk_store_audit(svc->store, svc->actor->id, svc->actor->agency_id, "reset",
				    "notice_template", 0, gk_notice_kind_code(kind), err);
	return gk_svc_end(svc, own, rc, err);
}
