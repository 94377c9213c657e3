/* Notices: kinds, templates, rendering and the retry schedule (notice.h). */
#include <string.h>

#include "core/notice.h"

GK_ENUM_DEFINE(gk_notice_kind, GK_NOTICE_KIND_LIST)
GK_ENUM_DEFINE(gk_notice_channel, GK_NOTICE_CHANNEL_LIST)
GK_ENUM_DEFINE(gk_notice_state, GK_NOTICE_STATE_LIST)
GK_ENUM_DEFINE(gk_notice_outcome, GK_NOTICE_OUTCOME_LIST)

bool gk_notice_kind_staff(enum gk_notice_kind k)
{
	return k >= GK_NOTICE_ASSIGNED && k < GK_NOTICE_COUNT;
}

bool gk_notice_channel_electronic(enum gk_notice_channel c)
{
	return c == GK_NOTICE_EMAIL || c == GK_NOTICE_SMS;
}

struct tmpl {
	const char *subject, *body;
};

/* The placeholders each kind is given are the service's (notices.c);
 * every one used here must be among them, or rendering refuses it. */
static const struct tmpl templates[GK_NOTICE_COUNT] = {
	[GK_NOTICE_RECEIPT] =
		{"【{agency}】政府信息公开申请已收到",
		 "您于{submitted}向{agency}提出的政府信息公开申请已收到。"
		 "查询码：{code}。答复期限：{due}（自收到申请之日起计算，"
		 "补正、征求意见、缴费等期间依法另计）。"
		 "请在本网站“申请查询”页面凭查询码和联系电话或证件号码后四位查询办理进度。"},
	[GK_NOTICE_SUPPLEMENT_REQUEST] =
		{"【{agency}】政府信息公开申请补正告知（查询码{code}）",
		 "您的政府信息公开申请（查询码{code}）内容不明确，"
		 "根据《中华人民共和国政府信息公开条例》第三十条，请补正以下内容：{what}。"
		 "请于{until}前补正（本告知晚于{day}送达的，期限相应顺延）。"
		 "答复期限自{agency}收到补正后的申请之日起计算；"
		 "无正当理由逾期不补正的，视为放弃申请。"},
	[GK_NOTICE_EXTENSION] = {"【{agency}】政府信息公开申请延期答复告知（查询码{code}）",
				 "您的政府信息公开申请（查询码{code}）需要延长答复期限。"
				 "经政府信息公开工作机构负责人同意，答复期限延长{days}个工作日，"
				 "延长后的答复期限为{due}。{reason}"},
	[GK_NOTICE_FEE] = {"【{agency}】政府信息公开信息处理费收费通知（查询码{code}）",
			   "{agency}决定对您的政府信息公开申请（查询码{code}）收取信息处理费。"
			   "收费依据：{basis}。收费标准：{explain}。应缴金额：{amount}元。"
			   "缴纳方式：{how_to_pay}。"
			   "请自收到本通知次日起20个工作日内缴纳（按{day}收到计算，"
			   "最后一日为{pay_by}）；逾期未缴纳的，视为放弃申请，{agency}不再处理。"
			   "发出收费通知至缴费完成期间不计入答复期限。"},
	[GK_NOTICE_REPLY_READY] = {"【{agency}】政府信息公开申请已答复（查询码{code}）",
				   "您的政府信息公开申请（查询码{code}）已于{day}作出答复"
				   "（{outcome}）。获取方式：{way}。{how}"},
	[GK_NOTICE_ASSIGNED] =
		{"【分办】申请{code}已分办给您",
		 "{agency}的政府信息公开申请{code}（收到日期{received}）已分办给您办理，"
		 "答复期限{due}。"},
	[GK_NOTICE_DUE_SOON] = {"【即将到期】申请{code}将于{due}到期",
				"您办理的政府信息公开申请{code}（{agency}）将于{due}到期，"
				"还有{left}个工作日。当前状态：{state}。"},
	[GK_NOTICE_OVERDUE] = {"【已逾期】申请{code}已超过答复期限",
			       "您办理的政府信息公开申请{code}（{agency}）的答复期限{due}已过，"
			       "当前状态：{state}。请尽快办理。"},
	[GK_NOTICE_REVIEW_WAITING] = {"【待审核】申请{code}的答复等待您审核",
				      "政府信息公开申请{code}（{agency}）的答复（{outcome}）"
				      "已由{drafter}拟写，等待审核。"},
	[GK_NOTICE_DAILY_DIGEST] =
		{"【日报】{day}逾期未答复的申请{count}件",
		 "截至{day}，逾期未答复的政府信息公开申请共{count}件：\n{lines}"},
};

const char *gk_notice_subject_template(enum gk_notice_kind kind)
{
	return (unsigned)kind < GK_NOTICE_COUNT ? templates[kind].subject : "";
}

const char *gk_notice_body_template(enum gk_notice_kind kind)
{
	return (unsigned)kind < GK_NOTICE_COUNT ? templates[kind].body : "";
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Drops what was appended to B after LEN. */
static void cut(struct gk_buf *b, size_t len)
{
	if (b->cap > len) {
		b->len = len;
		b->data[len] = '\0';
	}
}

enum gk_err gk_notice_render(const char *tmpl, const struct gk_notice_param *params, size_t n,
			     struct gk_buf *out, struct gk_error *err)
{
	size_t start = out->len;
	const char *p = tmpl ? tmpl : "";
	while (*p) {
		const char *open = strchr(p, '{');
		if (!open) {
			gk_buf_puts(out, p);
			break;
		}
		gk_buf_add(out, p, (size_t)(open - p));
		const char *q = open + 1;
		while (name_char(*q))
			q++;
		if (q == open + 1) { /* not a placeholder: a brace in the text */
			gk_buf_putc(out, '{');
			p = open + 1;
			continue;
		}
		if (*q != '}') {
			int len = (int)(q - open - 1);
			cut(out, start);
			return gk_fail(err, GK_EINVAL, "模板中的占位符“{%.*s”缺少右花括号“}”", len,
				       open + 1);
		}
		size_t len = (size_t)(q - open - 1);
		const char *value = NULL;
		for (size_t i = 0; i < n && !value; i++)
			if (params[i].name && strlen(params[i].name) == len &&
			    memcmp(params[i].name, open + 1, len) == 0)
				value = params[i].value ? params[i].value : "";
		if (!value) {
			cut(out, start);
			return gk_fail(err, GK_EINVAL, "模板中的占位符“{%.*s}”未知", (int)len,
				       open + 1);
		}
		gk_buf_puts(out, value);
		p = q + 1;
	}
	if (out->failed) {
		cut(out, start);
		return gk_fail(err, GK_ENOMEM, "通知正文过长");
	}
	return GK_OK;
}

/* --- placeholders, the check and the preview ------------------------------------------- */

#define PH(name, label, sample)     \
	{                           \
		name, label, sample \
	}
/* macros, not constants: C takes no object as another's static initializer */
#define ph_agency PH("agency", "机关名称", "某市某局")
#define ph_code   PH("code", "查询码", "ABCDE-FGHJK")

/* What the service gives each kind (service/notices.c builds the values
 * under these names). */
static const struct gk_notice_placeholder ph_receipt[] = {
	ph_agency, ph_code, PH("submitted", "提出申请日期", "2026-03-02"),
	PH("due", "答复期限", "2026-03-23")};
static const struct gk_notice_placeholder ph_supplement[] = {
	ph_agency, ph_code,
	PH("what", "需要补正的内容", "所需信息的名称、文号或者便于查询的其他特征描述"),
	PH("until", "补正期限", "2026-03-16"), PH("day", "告知日期", "2026-03-06")};
static const struct gk_notice_placeholder ph_extension[] = {
	ph_agency, ph_code, PH("days", "延长的工作日数", "20"),
	PH("due", "延长后的答复期限", "2026-04-20"),
	PH("reason", "延期理由（含“延期理由：”字样，可能为空）", "延期理由：需要调取档案。")};
static const struct gk_notice_placeholder ph_fee[] = {
	ph_agency,
	ph_code,
	PH("basis", "收费依据", "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"),
	PH("method", "计收方式", "按件计收"),
	PH("explain", "收费标准说明", "按件计收，为您本自然月内的第11件"),
	PH("amount", "应缴金额（元）", "100.00"),
	PH("how_to_pay", "缴纳方式", "按某市某局告知的非税收入缴款方式缴纳"),
	PH("day", "收到通知日期", "2026-03-06"),
	PH("pay_by", "缴费截止日期", "2026-04-03")};
static const struct gk_notice_placeholder ph_reply[] = {
	ph_agency,
	ph_code,
	PH("day", "答复日期", "2026-03-20"),
	PH("outcome", "答复类型", "予以公开"),
	PH("way", "获取方式", "网上获取"),
	PH("how", "获取答复的说明", "请在本网站“申请查询”页面凭查询码查看答复书和所附文件。")};
static const struct gk_notice_placeholder ph_assigned[] = {
	ph_agency, ph_code, PH("received", "收到申请日期", "2026-03-02"),
	PH("due", "答复期限", "2026-03-23")};
static const struct gk_notice_placeholder ph_due[] = {
	ph_agency, ph_code, PH("due", "答复期限", "2026-03-23"), PH("left", "剩余工作日数", "3"),
	PH("state", "当前状态", "办理中")};
static const struct gk_notice_placeholder ph_review[] = {
	ph_agency, ph_code, PH("outcome", "答复类型", "予以公开"), PH("drafter", "拟写人", "张三")};
static const struct gk_notice_placeholder ph_digest[] = {
	PH("day", "日期", "2026-03-24"), PH("count", "逾期件数", "2"),
	PH("lines", "按机关列出的逾期申请（每机关一行）",
	   "某市某局：2件（ABCDE-FGHJK、KMNPQ-RSTUV）\n")};
#undef ph_code
#undef ph_agency
#undef PH

#define LIST(a)                           \
	{                                 \
		a, sizeof a / sizeof a[0] \
	}
static const struct {
	const struct gk_notice_placeholder *list;
	size_t n;
} placeholders[GK_NOTICE_COUNT] = {
	[GK_NOTICE_RECEIPT] = LIST(ph_receipt),
	[GK_NOTICE_SUPPLEMENT_REQUEST] = LIST(ph_supplement),
	[GK_NOTICE_EXTENSION] = LIST(ph_extension),
	[GK_NOTICE_FEE] = LIST(ph_fee),
	[GK_NOTICE_REPLY_READY] = LIST(ph_reply),
	[GK_NOTICE_ASSIGNED] = LIST(ph_assigned),
	[GK_NOTICE_DUE_SOON] = LIST(ph_due),
	[GK_NOTICE_OVERDUE] = LIST(ph_due),
	[GK_NOTICE_REVIEW_WAITING] = LIST(ph_review),
	[GK_NOTICE_DAILY_DIGEST] = LIST(ph_digest),
};
#undef LIST

const struct gk_notice_placeholder *gk_notice_placeholders(enum gk_notice_kind kind, size_t *n)
{
	if ((unsigned)kind >= GK_NOTICE_COUNT) {
		*n = 0;
		return NULL;
	}
	*n = placeholders[kind].n;
	return placeholders[kind].list;
}

/* Characters (code points) of UTF-8 text S. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* KIND's sample values as render parameters (at most 16). */
static size_t sample_params(enum gk_notice_kind kind, struct gk_notice_param p[16])
{
	size_t n;
	const struct gk_notice_placeholder *ph = gk_notice_placeholders(kind, &n);
	for (size_t i = 0; i < n && i < 16; i++)
		p[i] = (struct gk_notice_param){ph[i].name, ph[i].sample};
	return n < 16 ? n : 16;
}

/* Checks one field: given, within MAX characters, and rendering with the
 * kind's placeholders; the render's message names the placeholder. */
static enum gk_err check_field(enum gk_notice_kind kind, const char *field, const char *text,
			       size_t max, struct gk_buf *rendered, struct gk_error *err)
{
	const char *label = gk_notice_kind_label(kind);
	size_t len = text ? chars(text) : 0;
	if (!len)
		return gk_fail(err, GK_EINVAL, "“%s”通知模板的“%s”不能为空", label, field);
	if (len > max)
		return gk_fail(err, GK_EINVAL, "“%s”通知模板的“%s”不能超过%zu字（现为%zu字）",
			       label, field, max, len);
	struct gk_notice_param p[16];
	size_t np = sample_params(kind, p);
	struct gk_error why = {0};
	enum gk_err rc = gk_notice_render(text, p, np, rendered, &why);
	if (rc == GK_EINVAL)
		return gk_fail(err, GK_EINVAL, "“%s”通知模板的“%s”有误：%s（可用的占位符见下表）",
			       label, field, why.detail);
	if (rc)
		return gk_fail(err, rc, "%s", why.detail);
	return GK_OK;
}

enum gk_err gk_notice_preview(enum gk_notice_kind kind, const char *subject, const char *body,
			      struct gk_buf *subject_out, struct gk_buf *body_out,
			      struct gk_error *err)
{
	if ((unsigned)kind >= GK_NOTICE_COUNT)
		return gk_fail(err, GK_EINVAL, "没有这类通知");
	enum gk_err rc = check_field(kind, "标题", subject, GK_NOTICE_TEMPLATE_SUBJECT_CHARS,
				     subject_out, err);
	if (!rc)
		rc = check_field(kind, "正文", body, GK_NOTICE_TEMPLATE_BODY_CHARS, body_out, err);
	return rc;
}

enum gk_err gk_notice_template_check(enum gk_notice_kind kind, const char *subject,
				     const char *body, struct gk_buf *warn, struct gk_error *err)
{
	struct gk_buf s, b;
	gk_buf_init(&s, GK_NOTICE_SUBJECT_MAX * 4);
	gk_buf_init(&b, GK_NOTICE_BODY_MAX * 4);
	enum gk_err rc = gk_notice_preview(kind, subject, body, &s, &b, err);
	if (!rc && warn) {
		size_t n = chars(b.data);
		if (n > GK_NOTICE_SMS_CHARS)
			gk_buf_printf(
				warn,
				"按示例值生成的正文约%zu字，以短信发送时超过%d字将分%zu条发送。", n,
				GK_NOTICE_SMS_CHARS,
				(n + GK_NOTICE_SMS_CHARS - 1) / GK_NOTICE_SMS_CHARS);
	}
	gk_buf_release(&s);
	gk_buf_release(&b);
	return rc;
}

bool gk_notice_unrendered(const struct gk_notice *n)
{
	return n->state == GK_NOTICE_FAILED && n->attempts == 0 && n->sent_at == 0;
}

const struct gk_backoff gk_notice_backoff = {1, 60, 6 * 3600};

int64_t gk_notice_retry_delay(int64_t failures)
{
	return gk_backoff_delay(&gk_notice_backoff, failures < 1 ? 1 : failures);
}
