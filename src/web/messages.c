/* The table of parameter labels. One name means one thing on every route,
 * so one row serves them all; a name used with two meanings gets the
 * wording that fits both. */
#include <string.h>

#include "web/messages.h"

static const struct {
	const char *name, *label;
} labels[] = {
	/* the catalogue and its listings */
	{"q", "搜索词"},
	{"year", "年份"},
	{"agency", "机关"},
	{"page", "页码"},
	{"per_page", "每页条数"},
	{"topic", "主题分类"},
	{"genre", "体裁"},
	{"column", "专题专栏"},
	{"validity", "时效"},
	{"format", "格式"},
	{"sort", "排序方式"},
	{"view", "列表"},
	{"scope", "统计范围"},
	{"style", "报告格式"},
	{"subtree", "下级机关"},
	/* an item */
	{"revision", "版本号"},
	{"action", "操作"},
	{"title", "标题"},
	{"doc_no", "文号"},
	{"written", "成文日期"},
	{"published", "发布日期"},
	{"normative", "文件性质"},
	{"effective", "生效日期"},
	{"ended", "废止/失效日期"},
	{"repealed_by", "废止文号"},
	{"keywords", "主题词"},
	{"summary", "摘要"},
	{"body", "正文"},
	{"attachments", "附件"},
	{"files", "附件"},
	{"file", "文件"},
	{"interp_kind", "解读形式"},
	{"interprets", "所解读政策的索引号"},
	{"ch_website", "发布渠道"},
	{"ch_gazette", "发布渠道"},
	{"ch_weibo", "发布渠道"},
	{"ch_wechat", "发布渠道"},
	{"ch_other", "发布渠道"},
	{"ch_press_conference", "回应渠道"},
	{"ch_interview", "回应渠道"},
	{"ch_media", "回应渠道"},
	{"saved", "保存标记"},
	/* an application */
	{"applicant_type", "申请人类型"},
	{"name", "名称"},
	{"id_number", "身份证件号码"},
	{"phone", "联系电话"},
	{"email", "电子邮箱"},
	{"address", "通信地址"},
	{"description", "所需政府信息的名称或内容描述"},
	{"delivery", "获取信息的方式"},
	{"medium", "信息的载体形式"},
	{"answer", "验证问题的答案"},
	{"channel", "申请渠道"},
	{"registered_post", "挂号信"},
	{"submitted", "提交日期"},
	{"signed_for", "签收日期"},
	{"confirmed", "确认日期"},
	{"note", "备注"},
	{"code", "查询码"},
	{"done", "完成的操作"},
	{"outcome", "答复类型"},
	{"day", "日期"},
	{"handler", "承办人"},
	{"letter", "答复书"},
	{"days", "延长的工作日数"},
	{"until", "截止日期"},
	{"party", "征求意见对象"},
	{"fee_method", "收费方式"},
	{"fee_first", "本月申请序号"},
	{"fee_count", "件数"},
	{"fee_pages", "页数"},
	{"notice_received", "申请人收到通知的日期"},
	{"reply_way", "答复送达方式"},
	/* accounts and agencies */
	{"login", "账号"},
	{"password", "密码"},
	{"display_name", "姓名"},
	{"role", "角色"},
	{"next", "登录后前往的地址"},
	{"postcode", "邮政编码"},
	{"fax", "传真"},
	{"office_hours", "办公时间"},
	{"website", "网站"},
	/* the yearly report, its records and the checker */
	{"text", "文本"},
	{"previous", "上一年度的报告"},
	{"overview", "总体情况"},
	{"problems", "存在的主要问题及改进情况"},
	{"other", "其他需要报告的事项"},
	{"rev_overview", "版本号"},
	{"rev_problems", "版本号"},
	{"rev_other", "版本号"},
	{"only", "部分"},
	{"application", "关联申请"},
	{"authority", "机关"},
	{"case_no", "案号"},
	{"closed", "办结日期"},
	{"decided", "决定日期"},
	{"filed", "立案日期"},
	{"held", "日期"},
	{"kind", "类别"},
	{"leader", "主要负责同志参加"},
	{"received", "收到日期"},
	{"result", "结果"},
	{"review", "复议"},
	{"source", "来源"},
	{"status", "状态"},
	{"subject", "事项"},
};

const char *gk_field_label(const char *name)
{
	for (size_t i = 0; name && i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].name, name) == 0)
			return labels[i].label;
	/* weights of the scoring criteria (w_<code>) */
	if (name && strncmp(name, "w_", 2) == 0)
		return "权重";
	return "此项";
}
