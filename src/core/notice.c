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

const struct gk_backoff gk_notice_backoff = {1, 60, 6 * 3600};

int64_t gk_notice_retry_delay(int64_t failures)
{
	return gk_backoff_delay(&gk_notice_backoff, failures < 1 ? 1 : failures);
}
