/* The demo city's online consultation (issue 15): a few dozen questions
 * to the city and its departments and counties over the last months,
 * most answered (those whose askers agreed, published), some open, a
 * piece of spam rejected (none becomes an application: the demo's
 * application counts stay as the reports' tests know them). Days are
 * relative to today; everything else is fixed, so every demo is alike. */
#include <stdio.h>
#include <string.h>

#include "lib/date.h"
#include "service/consultations.h"

struct demo_question {
	const char *subject, *question, *answer;
};

static const struct demo_question questions[] = {
	{"如何申请政府信息公开",
	 "我想了解某个项目的审批文件，应该怎样向贵单位提出政府信息公开申请？需要准备哪些材料？",
	 "您可以通过本网站“依申请公开”栏目在线提交申请，也可以当面、信函或传真提出申请。"
	 "申请时请提供身份证明，写明所需政府信息的名称、文号或便于查找的其他特征，以及获取信息的方式。"},
	{"申请答复期限是多久", "提交政府信息公开申请以后，多长时间能收到答复？",
	 "能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；"
	 "需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。"},
	{"政府信息公开是否收费", "申请政府信息公开要交费吗？打印复制的材料多了是否收费？",
	 "依申请提供政府信息一般不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，"
	 "按照《政府信息公开信息处理费管理办法》收取信息处理费。"},
	{"年度报告在哪里查看", "贵单位往年的政府信息公开工作年度报告在网站哪个栏目可以查到？",
	 "各机关的政府信息公开工作年度报告在“政府信息公开年报”栏目公布，可按机关和年度查看，每年1月31日前（人民政府为3月31日前）发布上一年度的报告。"},
	{"公开指南中的联系电话", "信息公开指南中的咨询电话是否工作日都有人接听？",
	 "政府信息公开工作机构在工作日办公时间受理咨询，具体时间和电话见本机关的政府信息公开指南。"},
	{"网上申请后如何查询进度", "网上提交申请以后，怎么知道办到哪一步了？",
	 "提交后页面会显示查询码，在“申请查询”栏目输入查询码即可查看办理进度；输入联系电话或证件号码的后四位，可查看补正要求和网上获取的答复。"},
	{"主动公开目录的更新频率", "贵单位的主动公开目录多久更新一次？",
	 "属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开，目录随之更新。"},
	{"已公开的信息还能申请吗", "我需要的文件好像已经在网站上公开了，还需要再申请吗？",
	 "已经主动公开的政府信息，您可以直接在主动公开目录中检索查阅；如仍提出申请，我们将告知您获取该信息的方式和途径。"},
	{"申请需要身份证吗", "通过网络申请政府信息公开，是否必须填写身份证号码？",
	 "根据条例第二十九条，申请人应当提供身份证明。公民在网上申请的，请填写身份证件号码；法人或者其他组织请填写统一社会信用代码。"},
	{"对答复不服怎么办", "如果对政府信息公开申请的答复不满意，可以通过什么途径解决？",
	 "您认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。"},
	{"可以委托他人申请吗", "我年纪大了不方便上网，可以委托子女代为申请政府信息公开吗？",
	 "可以。委托他人代为申请的，请提供委托书和双方的身份证明。"},
	{"补正通知是什么意思", "我收到一份补正通知，要求补充说明所需信息，这是什么意思？",
	 "申请内容不明确的，行政机关会一次性告知需要补正的事项和合理的补正期限。补正期间不计入答复期限；"
	 "无正当理由逾期不补正的，视为放弃申请。"},
};
#define NQUESTIONS (sizeof questions / sizeof questions[0])

/* Where they are asked (the city office, departments, counties). */
static const char *const agency_codes[] = {"035200000", "035205000", "035204000", "035201000",
					   "035210000", "035221200", "035221000", "035208000"};
#define NAGENCIES (sizeof agency_codes / sizeof agency_codes[0])

static const char *const surnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周"};

enum gk_err gk_svc_demo_consultations(struct gk_store *s, const struct gk_calendar *cal,
				      const struct gk_user *handler, int *count,
				      struct gk_error *err)
{
	struct gk_svc svc;
	long today = gk_date_to_days(gk_date_today());
	int made = 0;
	enum gk_err rc = GK_OK;
	for (int i = 0; i < 36 && !rc; i++) {
		const struct demo_question *q = &questions[i % NQUESTIONS];
		struct gk_agency a;
		if ((rc = gk_store_agency_by_code(s, agency_codes[i % NAGENCIES], &a, err)))
			break;
		/* asked over the last ten months, the newest still open */
		long asked = today - 300 + i * 8;
		if (asked > today)
			asked = today;
		struct gk_question_input in = {0};
		in.agency_id = a.id;
		in.subject = q->subject;
		in.question = q->question;
		snprintf(in.asker.name, sizeof in.asker.name, "%s先生", surnames[i % 9]);
		snprintf(in.asker.phone, sizeof in.asker.phone, "1390352%04d", 1000 + i * 37);
		if (i % 3 == 0)
			snprintf(in.asker.email, sizeof in.asker.email, "asker%d@example.cn", i);
		in.consent = i % 4 != 3;
		gk_svc_init(&svc, s, cal, NULL, "demo");
		svc.intake_limit = 0;
		svc.today = asked;
		struct gk_consultation c;
		rc = gk_svc_consultation_ask(&svc, &in, NULL, &c, err);
		int64_t id = c.id;
		gk_consultation_release(&c);
		if (rc)
			break;
		made++;
		gk_svc_init(&svc, s, cal, handler, "demo");
		svc.today = asked + 3 > today ? today : asked + 3;
		if (i >= 32)
			continue; /* the newest wait for an answer */
		if (i == 13) {
			rc = gk_svc_consultation_reject(
				&svc, id, "与政府信息公开工作无关的广告内容，不予答复。", err);
			continue;
		}
		rc = gk_svc_consultation_answer(&svc, id, q->answer, in.consent, err);
	}
	if (count)
		*count = made;
	return rc;
}
