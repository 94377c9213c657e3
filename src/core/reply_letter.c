/* Reply letters (政府信息公开申请答复书): one template paragraph per outcome,
 * framed by the salutation, the application as received and the remedies.
 * The handler edits the result before review; the stored text is what is sent. */
#include <stdbool.h>
#include <string.h>

#include "core/reply_letter.h"
#include "lib/date.h"
#include "lib/utf8.h"

/* The body paragraph of each outcome: what was decided and the provision. */
static const char *const bodies[GK_OUTCOME_COUNT] = {
	[GK_OUTCOME_ALREADY_PUBLIC] =
		"经查，您申请获取的政府信息本机关已经主动公开。根据《中华人民共和国政府信息公开条例》"
		"第三十六条第（一）项的规定，您可以通过本机关门户网站政府信息公开专栏查阅、下载，"
		"具体获取方式和途径为：【请填写网址或查阅地点】。",
	[GK_OUTCOME_DISCLOSED] =
		"经审查，您申请获取的政府信息属于可以公开的政府信息。根据《中华人民共和国政府信息公开条例》"
		"第三十六条第（二）项的规定，本机关向您提供该政府信息。",
	[GK_OUTCOME_PARTLY_DISCLOSED] =
		"经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。"
		"根据《中华人民共和国政府信息公开条例》第三十七条的规定，本机关向您提供可以公开的部分（见附件）；"
		"对不予公开的部分，理由是：【请填写理由及依据】。",
	[GK_OUTCOME_WITHHELD_STATE_SECRET] =
		"经审查，您申请获取的政府信息属于依法确定的国家秘密。根据《中华人民共和国政府信息公开条例》"
		"第十四条、第三十六条第（三）项的规定，本机关决定不予公开。",
	[GK_OUTCOME_WITHHELD_LAW_PROHIBITED] =
		"经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息"
		"（依据：【请填写法律、行政法规名称及条款】）。根据《中华人民共和国政府信息公开条例》"
		"第十四条、第三十六条第（三）项的规定，本机关决定不予公开。",
	[GK_OUTCOME_WITHHELD_SECURITY] =
		"经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。"
		"根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。",
	[GK_OUTCOME_WITHHELD_THIRD_PARTY] =
		"经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。"
		"本机关已书面征求第三方意见，第三方不同意公开。根据《中华人民共和国政府信息公开条例》"
		"第十五条、第三十二条、第三十六条第（三）项的规定，本机关决定不予公开。",
	[GK_OUTCOME_WITHHELD_INTERNAL] =
		"经审查，您申请获取的信息属于本机关的人事管理、后勤管理、内部工作流程等内部事务信息。"
		"根据《中华人民共和国政府信息公开条例》第十六条第一款的规定，本机关决定不予公开。",
	[GK_OUTCOME_WITHHELD_PROCESS] =
		"经审查，您申请获取的信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
		"磋商信函、请示报告等过程性信息。根据《中华人民共和国政府信息公开条例》第十六条第二款的规定，"
		"本机关决定不予公开。",
	[GK_OUTCOME_WITHHELD_ENFORCEMENT_FILE] =
		"经审查，您申请获取的信息属于行政执法案卷信息。根据《中华人民共和国政府信息公开条例》"
		"第十六条第二款的规定，本机关决定不予公开。",
	[GK_OUTCOME_WITHHELD_QUERY_MATTER] =
		"经审查，您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的"
		"行政查询事项。根据《中华人民共和国政府信息公开条例》第三十六条第（七）项的规定，"
		"请您依照有关法律、行政法规的规定办理：【请填写查询机关及途径】。",
	[GK_OUTCOME_NOT_THIS_AGENCY] =
		"经审查，您申请获取的政府信息不属于本机关负责公开。根据《中华人民共和国政府信息公开条例》"
		"第三十六条第（五）项的规定，建议您向【负责公开的机关名称】申请，其联系方式为：【联系方式】。",
	[GK_OUTCOME_NOT_EXIST] =
		"经检索，本机关没有制作或者获取您申请获取的政府信息。根据《中华人民共和国政府信息公开条例》"
		"第三十六条第（四）项的规定，现告知您该政府信息不存在。",
	[GK_OUTCOME_NEEDS_CREATION] =
		"经审查，本机关没有您所要求的现成信息，提供该信息需要本机关对现有政府信息进行加工、分析。"
		"根据《中华人民共和国政府信息公开条例》第三十八条的规定，本机关不予提供。",
	[GK_OUTCOME_UNCLEAR_AFTER_SUPPLEMENT] =
		"本机关已于【日期】一次性告知您补正申请内容。经审查，补正后的申请内容仍不明确，"
		"本机关无法确定您所需的政府信息。根据《中华人民共和国政府信息公开条例》第三十条的规定，"
		"本机关无法提供。",
	[GK_OUTCOME_PETITION] =
		"经审查，您以政府信息公开申请的形式提出的是信访、投诉、举报等诉求。根据《中华人民共和国"
		"政府信息公开条例》第三十九条第一款的规定，本机关不作为政府信息公开申请处理，"
		"请您通过【信访、投诉、举报渠道】反映。",
	[GK_OUTCOME_REPEAT] =
		"经查，您已就同一政府信息向本机关提出过公开申请，本机关已于【日期】依法作出答复。"
		"根据《中华人民共和国政府信息公开条例》第三十六条第（六）项的规定，本机关不予重复处理。",
	[GK_OUTCOME_PUBLICATION] =
		"经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。根据《中华人民共和国政府信息公开条例》"
		"第三十九条第二款的规定，请您通过【获取途径】获取。",
	[GK_OUTCOME_EXCESSIVE] =
		"您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。"
		"经审查，您说明的理由不合理。根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关不予处理。",
	[GK_OUTCOME_CONFIRM_OR_REISSUE] =
		"经审查，您要求本机关确认或者重新出具您已获取的信息，不属于《中华人民共和国政府信息公开条例》"
		"规定的政府信息公开申请，本机关不予处理。",
	[GK_OUTCOME_LAPSED_NO_SUPPLEMENT] =
		"本机关已一次性告知您补正申请，您无正当理由逾期未补正。根据《中华人民共和国政府信息公开条例》"
		"第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。",
	[GK_OUTCOME_LAPSED_NO_FEE] =
		"本机关已向您发出收费通知，您逾期未缴纳信息处理费。根据《政府信息公开信息处理费管理办法》"
		"的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。",
	[GK_OUTCOME_OTHER] = "【请填写处理情况及依据】",
};

static void put_date(struct gk_buf *out, long day)
{
	struct gk_date d = gk_date_from_days(day);
	gk_buf_printf(out, "%d年%d月%d日", d.year, d.month, d.day);
}

/* How the information reaches the applicant, after the 予以公开 body: by
 * the way of obtaining it the applicant chose. */
static const char *const handover[GK_DELIVERY_COUNT] = {
	[GK_DELIVERY_EMAIL] = "该政府信息随本答复书以电子邮件发送给您（见附件）。",
	[GK_DELIVERY_POST] = "该政府信息随本答复书邮寄给您（见附件）。",
	[GK_DELIVERY_PICKUP] = "请您于【领取期限】前到【领取地点】领取该政府信息。",
	[GK_DELIVERY_ONLINE] =
		"您可以凭查询码在本机关政府信息公开网站的申请查询页面获取该政府信息。",
};

/* Punctuation a quoted description may end with; the frame adds its own. */
static bool ends_with(const char *s, size_t len, const char *tail)
{
	size_t n = strlen(tail);
	return len >= n && memcmp(s + len - n, tail, n) == 0;
}

/* The applicant's description on one line, without the closing
 * punctuation (the sentence that quotes it ends with 。). */
static void put_description(struct gk_buf *out, const char *text)
{
	static const char *const tails[] = {"。", "；", "，", "！", "？", "．", "、",
					    "：", ".",  ";",  ",",  "!",  "?",  ":",
					    " ",  "\t", "\r", "\n", "　"};
	size_t len = strlen(text);
	for (bool cut = true; cut && len;) {
		cut = false;
		for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++)
			if (ends_with(text, len, tails[i])) {
				len -= strlen(tails[i]);
				cut = true;
				break;
			}
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r')
			continue;
		if (text[i] == '\n') {
			/* lines of the description become clauses of one sentence */
			if (i + 1 < len && text[i + 1] != '\n' && text[i + 1] != '\r' && out->len &&
			    out->data[out->len - 1] != '\n')
				gk_buf_puts(out, "；");
			continue;
		}
		gk_buf_putc(out, text[i]);
	}
}

void gk_reply_letter(const struct gk_application *app, enum gk_outcome outcome, long today,
		     struct gk_buf *out)
{
	const char *body =
		(unsigned)outcome < GK_OUTCOME_COUNT && bodies[outcome] ? bodies[outcome] : "";
	gk_buf_puts(out, "政府信息公开申请答复书\n");
	gk_buf_puts(out, app->applicant.name[0] ? app->applicant.name : "申请人");
	gk_buf_puts(out, "：\n");
	gk_buf_puts(out, "本机关于");
	put_date(out, app->received);
	gk_buf_puts(out, "收到您提出的政府信息公开申请（查询码 ");
	char code[GK_TRACKING_CODE_LEN + 2];
	gk_buf_puts(out, gk_tracking_code_display(app->tracking_code, code));
	gk_buf_puts(out, "），您申请获取的政府信息为：");
	put_description(out, app->description[0] ? app->description : "（未填写）");
	if (app->doc_no[0]) {
		gk_buf_puts(out, "（文号：");
		gk_buf_puts(out, app->doc_no);
		gk_buf_puts(out, "）");
	}
	gk_buf_puts(out, "。\n现答复如下：\n");
	gk_buf_puts(out, body);
	if (outcome == GK_OUTCOME_DISCLOSED)
		gk_buf_puts(out, (unsigned)app->delivery < GK_DELIVERY_COUNT
					 ? handover[app->delivery]
					 : "【请填写获取方式】");
	gk_buf_puts(out,
		    "\n如对本答复不服，您可以自收到本答复之日起六十日内向有关机关申请行政复议，"
		    "或者在六个月内向人民法院提起行政诉讼。\n");
	gk_buf_puts(out, app->agency_name[0] ? app->agency_name : "本机关");
	gk_buf_putc(out, '\n');
	put_date(out, today);
	gk_buf_putc(out, '\n');
}

const char *gk_reply_letter_placeholder(const char *letter, size_t *len)
{
	static const char open[] = "【", close[] = "】";
	const char *at = strstr(letter, open);
	if (!at)
		return NULL;
	const char *end = strstr(at + sizeof open - 1, close);
	/* an unclosed bracket: up to the end of its line */
	if (!end) {
		end = strchr(at, '\n');
		*len = end ? (size_t)(end - at) : strlen(at);
	} else {
		*len = (size_t)(end - at) + sizeof close - 1;
	}
	return at;
}

enum gk_err gk_reply_letter_check(const char *letter, struct gk_error *err)
{
	size_t len;
	const char *at = gk_reply_letter_placeholder(letter, &len);
	if (!at)
		return GK_OK;
	if (len > 120)
		len = 120;
	char shown[128];
	size_t cut = gk_utf8_prefix(at, len);
	memcpy(shown, at, cut);
	shown[cut] = '\0';
	return gk_fail(err, GK_EINVAL, "“答复书”中还有待填写的内容“%s”：请填写或删去后再审核通过",
		       shown);
}
