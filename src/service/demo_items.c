/* The demo catalogue: a few thousand items for the demo city's agencies,
 * every year from 2015 to last year, made from templates of our own —
 * titles, 文号, bodies and dates per agency, with policy interpretations
 * linked to their policies, 规章 and normative documents that later ones
 * repeal or that expire by their own terms, bodies with varied prose.
 * 2015–2018 are as they always were (the seed year 2017 among them); the
 * years since add what the 2021 report's Table 1 counts in every agency.
 * Deterministic: the same every run (within a calendar year). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/item.h"
#include "lib/date.h"
#include "service/demo.h"
#include "service/items.h"

struct area {
	const char *code;       /* agency */
	const char *prefix;     /* 机关代字 of its 文号 */
	const char *short_name; /* as a title names it */
	const char *topic;
	const char *column;
	const char *subjects[6];
};

// clang-format off
static const struct area areas[] = {
	{"035200001", "同政发", "大同市人民政府", "2.1", "",
	 {"政务公开工作", "优化营商环境", "城市总体规划实施", "安全生产责任制", "财政预算管理", "重点工程建设"}},
	{"035200000", "同政办发", "大同市人民政府办公厅", "2.1", "",
	 {"政务公开工作要点", "政务舆情回应", "政府网站建设管理", "政务服务标准化", "政府信息公开", "督查督办工作"}},
	{"035201000", "同国土资发", "大同市国土资源局", "5.1", "land",
	 {"土地利用总体规划调整", "不动产统一登记", "矿业权出让管理", "地质灾害防治", "永久基本农田保护", "建设用地审批"}},
	{"035202000", "同农机发", "大同市农业机械局", "6.1", "agriculture",
	 {"农机购置补贴", "农机安全生产", "保护性耕作推广", "农机合作社建设", "农机化信息服务", "秸秆综合利用"}},
	{"035203000", "同农发", "大同市农业委员会", "6.1", "agriculture",
	 {"农业供给侧结构性改革", "农牧交错带示范区建设", "高标准农田建设", "特色农产品品牌", "农村人居环境整治", "动物疫病防控"}},
	{"035204000", "同卫计发", "大同市卫生和计划生育委员会", "13.1", "health",
	 {"基本公共卫生服务", "家庭医生签约服务", "计划生育奖励扶助", "医疗机构执业管理", "健康扶贫工程", "传染病防控"}},
	{"035205000", "同环发", "大同市环境保护局", "10.3", "environment",
	 {"大气污染防治", "建设项目环境影响评价", "重污染天气应急", "水污染防治", "环保督察整改", "排污许可管理"}},
	{"035206000", "同食药监发", "大同市食品药品监督管理局", "9.4", "food_drug",
	 {"食品安全监督抽检", "药品经营许可", "餐饮服务食品安全", "保健食品监管", "医疗器械监督", "食品安全宣传周"}},
	{"035207000", "同质监发", "大同市质量技术监督局", "9.2", "quality",
	 {"双随机一公开监督检查", "特种设备安全监察", "产品质量监督抽查", "计量器具检定", "标准化工作", "名牌产品培育"}},
	{"035208000", "同政务发", "大同市政务服务中心", "2.4", "",
	 {"政务服务事项清单", "网上办事大厅建设", "一站式服务", "行政审批制度改革", "政务服务满意度评价", "窗口服务规范"}},
	{"035210000", "城政发", "城区人民政府", "2.1", "finance",
	 {"部门预算公开", "老旧小区改造", "社区服务体系建设", "城市管理综合执法", "就业创业服务", "义务教育均衡发展"}},
	{"035211000", "矿政发", "矿区人民政府", "5.5", "",
	 {"采煤沉陷区治理", "棚户区改造", "煤矿安全生产", "转型发展", "社会救助", "生态修复"}},
	{"035212000", "南政发", "南郊区人民政府", "6.1", "agriculture",
	 {"乡村振兴", "设施农业发展", "农村土地承包", "河道综合治理", "脱贫攻坚", "村级财务公开"}},
	{"035213000", "新政发", "新荣区人民政府", "6.2", "",
	 {"京津风沙源治理", "退耕还林", "畜牧业发展", "乡村旅游", "防汛抗旱", "饮水安全工程"}},
	{"035221000", "阳政发", "阳高县人民政府", "6.1", "finance",
	 {"财政预决算公开", "杏产业发展", "易地扶贫搬迁", "县城规划建设", "医疗保障", "农村公路建设"}},
	{"035221200", "阳环发", "阳高县环境保护局", "10.3", "environment",
	 {"燃煤散烧治理", "饮用水水源地保护", "环境执法检查", "环境监测", "秸秆禁烧", "固体废物管理"}},
	{"035222000", "天政发", "天镇县人民政府", "17.6", "",
	 {"精准扶贫", "光伏扶贫", "农村危房改造", "教育扶贫", "产业扶贫", "社会保障兜底"}},
	{"035223000", "广政发", "广灵县人民政府", "6.1", "",
	 {"小杂粮产业", "壶泉水资源保护", "文化旅游融合", "招商引资", "城乡环境整治", "公共文化服务"}},
	{"035224000", "灵政发", "灵丘县人民政府", "8.5", "",
	 {"全域旅游", "平型关红色旅游", "生态保护", "农村电商", "交通基础设施", "民生实事"}},
	{"035225000", "浑政发", "浑源县人民政府", "8.5", "",
	 {"恒山景区管理", "黄芪产业发展", "凉粉美食文化", "林业生态建设", "城乡供水", "教育资源配置"}},
	{"035226000", "左政发", "左云县人民政府", "5.5", "",
	 {"煤炭资源整合", "生态文明建设", "农业产业化", "城镇化建设", "安全生产", "就业培训"}},
	{"035227000", "大县政发", "大同县人民政府", "6.1", "",
	 {"黄花产业发展", "火山群地质公园保护", "城乡一体化", "农田水利建设", "公共卫生服务", "养老服务体系"}},
};

/* The offices of the district and county governments publish from 2019 on
 * (they came to the catalogue when its recent years were added). */
static const struct area offices[] = {
	{"035210100", "城政办发", "城区人民政府办公室", "2.1", "",
	 {"政务公开工作", "政务服务便民热线", "机关事务管理", "应急值守", "督查督办工作", "政务信息报送"}},
	{"035211100", "矿政办发", "矿区人民政府办公室", "2.1", "",
	 {"政务公开工作", "采煤沉陷区搬迁安置", "政务服务标准化", "公文处理", "应急管理", "信访工作"}},
	{"035221100", "阳政办发", "阳高县人民政府办公室", "2.1", "",
	 {"政务公开工作", "政务服务", "县域经济发展", "防汛应急", "营商环境", "督查督办工作"}},
};
// clang-format on

/* A small deterministic generator (xorshift), so the demo is the same every time. */
static unsigned long rnd_state = 20170101;
static unsigned long rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}
static int pick(int n)
{
	return (int)(rnd() % (unsigned long)n);
}

static const char *const cn_numbers[] = {"一", "二", "三", "四", "五", "六", "七", "八"};

enum kind {
	K_NOTICE,
	K_OPINION,
	K_SCHEME,
	K_MEASURES,
	K_NEWS,
	K_STATS,
	K_BULLETIN,
	K_REPLY,
	K_REPORT,
	K_RULE /* 规章 (from 2019): the city government's decree */
};

struct plan {
	enum kind kind;
	const char *genre;
	int normative;
};

static const struct plan plans[] = {
	{K_NOTICE, "notice", 0},     {K_NEWS, "news", 0},        {K_OPINION, "opinion", 1},
	{K_NOTICE, "notice", 0},     {K_SCHEME, "scheme", 0},    {K_NEWS, "news", 0},
	{K_MEASURES, "measures", 1}, {K_STATS, "statistics", 0}, {K_BULLETIN, "bulletin", 0},
	{K_NEWS, "news", 0},         {K_REPLY, "reply", 0},      {K_NOTICE, "notice", 0},
};

/* The 专题专栏 信息公开制度 (issue 12): an office's documents on its own
 * disclosure work. Sets no random number, so the catalogue is otherwise
 * the same as before. */
static void disclosure_rules_column(struct gk_item *it, const char *subject)
{
	static const char *const genres[] = {"measures", "opinion", "scheme", "notice"};
	if (it->column[0] || (!strstr(subject, "政务公开") && !strstr(subject, "政府信息公开")))
		return;
	for (size_t i = 0; i < sizeof genres / sizeof genres[0]; i++)
		if (strcmp(it->genre, genres[i]) == 0)
			snprintf(it->column, sizeof it->column, "disclosure_rules");
}

/* SUBJECT as the work it names: "政务公开工作" stays, "大气污染防治" gets 工作. */
static const char *work_of(const char *subject, char *out, size_t n)
{
	size_t len = strlen(subject), w = strlen("工作");
	bool has = len >= w && !strcmp(subject + len - w, "工作");
	snprintf(out, n, "%s%s", subject, has ? "" : "工作");
	return out;
}

/* LEGACY: the text of 2015–2018 as it always was (办法 with a made-up
 * date of effect); the recent years state their own (see term_clause). */
static void body_text(struct gk_buf *b, const struct area *a, const char *subject, enum kind k,
		      int year, bool legacy)
{
	char work[256];
	const char *local = a->short_name;
	if (legacy) {
		snprintf(work, sizeof work, "%s工作", subject);
	} else {
		work_of(subject, work, sizeof work);
		local = strstr(local, "县") ? "本县" : strstr(local, "区") ? "本区" : "本市";
	}
	gk_buf_printf(
		b,
		"<p>各有关单位：</p>\n<p>为进一步做好%s，根据国家和省有关规定，结合%s实际，现就有关事项%s如下。</p>\n",
		work, local, k == K_NOTICE ? "通知" : "明确");
	if (k == K_STATS) {
		gk_buf_printf(
			b,
			"<h2>%d年%s主要指标</h2>\n<table><thead><tr><th>指标</th><th>本期</th><th>同比</th></tr></thead>\n<tbody>",
			year, subject);
		for (int i = 0; i < 4; i++)
			gk_buf_printf(b, "<tr><td>指标%s</td><td>%d</td><td>%d.%d%%</td></tr>",
				      cn_numbers[i], 100 + pick(900), pick(20), pick(10));
		gk_buf_puts(b, "</tbody></table>\n<p>注：数据为初步统计，以正式公布为准。</p>\n");
		return;
	}
	if (k == K_NEWS) {
		gk_buf_printf(
			b,
			"<p>会议听取了%s工作进展情况的汇报，分析了存在的问题，对下一阶段工作作出部署。</p>\n"
			"<p>会议强调，要提高思想认识，压实工作责任，确保各项任务按期完成，并及时向社会公开工作进展。</p>\n",
			subject);
		return;
	}
	gk_buf_puts(b, "<h2>一、总体要求</h2>\n");
	gk_buf_printf(
		b,
		"<p>坚持以人民为中心，以依法行政为基础，以公开透明为原则，全面推进%s，切实提高工作质量和效率。</p>\n",
		subject);
	gk_buf_puts(b, "<h2>二、主要任务</h2>\n<ol>\n");
	int n = 3 + pick(3);
	static const char *const tasks[] = {
		"健全工作机制，明确责任分工",     "加强信息公开，主动接受社会监督",
		"强化督促检查，确保工作落实",     "完善制度建设，规范工作流程",
		"加强宣传引导，及时回应社会关切", "推进信息化建设，提升服务水平"};
	for (int i = 0; i < n; i++)
		gk_buf_printf(b, "<li>%s。</li>\n", tasks[(i + pick(2)) % 6]);
	gk_buf_puts(b, "</ol>\n<h2>三、保障措施</h2>\n");
	gk_buf_printf(
		b,
		"<p>各单位要高度重视%s，主要负责同志亲自抓，分管负责同志具体抓，确保各项措施落到实处。"
		"工作中遇到的问题，请及时报%s。</p>\n",
		subject, a->short_name);
	if (k == K_MEASURES && legacy)
		gk_buf_printf(b, "<p>本办法自%d年%d月1日起施行，有效期5年。</p>\n", year,
			      1 + pick(12));
}

/* --- varied prose ---------------------------------------------------------------
 * Paragraphs put together from phrase lists, with a generator of their own
 * (so the titles, dates and numbers above stay what they always were):
 * enough different words and places that a search over a large demo
 * catalogue finds some items and not others, as over a real one. */

// clang-format off
static const char *const places[] = {
	"云冈镇", "西韩岭乡", "口泉乡", "新旺乡", "平旺乡", "水泊寺乡", "高山镇", "古店镇",
	"马军营乡", "西坪镇", "杨家窑乡", "郭家窑乡", "堡子湾乡", "破鲁堡乡", "花园屯乡", "郭家寨镇",
	"罗文皂镇", "龙泉镇", "东井集镇", "古城镇", "南村镇", "王官人屯镇", "逯家湾镇", "谷前堡镇",
	"贾家屯乡", "赵家窑街道", "南关街道", "北关街道", "新华街街道", "大庆路街道", "老平旺街道",
	"同泉路街道", "和阳街街道", "口泉街道", "新胜街道", "向阳街街道", "御东新区", "经济技术开发区",
	"文瀛湖片区", "十里河沿岸", "御河沿线", "桑干河流域", "恒山脚下", "火山群周边",
};
static const char *const actions[] = {
	"扎实推进", "全面落实", "持续深化", "加快推进", "统筹推进", "大力实施", "切实加强", "不断完善",
	"积极稳妥推进", "认真组织开展", "深入开展", "稳步推进", "依法规范", "着力提升", "全力保障",
	"系统谋划", "分类推进", "协同推进", "严格落实", "健全完善",
};
static const char *const objects[] = {
	"河长制湖长制", "生活垃圾分类", "农村饮水安全", "城镇老旧小区改造", "义务教育优质均衡",
	"基层医疗卫生服务", "养老服务体系", "城乡居民医疗保险", "冬季清洁取暖", "农村公路养护",
	"高标准农田建设", "黄花产业提质增效", "文化旅游深度融合", "营商环境优化", "政务服务一网通办",
	"双随机一公开监管", "安全生产隐患排查", "森林草原防火", "地质灾害防治", "城市内涝治理",
	"雨污分流改造", "集中供热管网改造", "燃气安全专项整治", "食品安全城市创建", "全民健身设施建设",
	"就业困难人员帮扶", "农民工工资支付保障", "退役军人服务保障", "残疾人康复服务", "社会救助兜底保障",
	"城乡环境综合整治", "煤矿采空区治理", "工业固体废物综合利用", "新能源汽车推广应用", "数字政府建设",
	"电子证照应用", "不动产登记便民服务", "市场主体培育", "中小企业纾困", "科技创新平台建设",
	"人才引进培养", "历史文化街区保护", "古建筑修缮保护", "公共图书馆服务", "村级集体经济发展",
	"农村宅基地管理", "耕地保护和粮食安全", "畜禽粪污资源化利用", "水土流失综合治理", "湿地保护修复",
};
static const char *const groups[] = {
	"各县区人民政府", "市直各有关部门", "各乡镇人民政府和街道办事处", "各有关企业事业单位",
	"各行业主管部门", "各级财政部门", "各医疗卫生机构", "各中小学校", "各村（社区）", "各驻地单位",
};
static const char *const measures[] = {
	"建立工作台账，实行清单化管理", "实行月调度、季通报制度", "纳入年度目标责任考核",
	"安排专项资金予以支持", "组织开展专项督查", "建立部门联席会议制度", "开通咨询服务热线",
	"在政府网站设立专栏", "聘请第三方机构开展评估", "推行首问负责和限时办结",
	"落实一次性告知制度", "建立容错纠错机制", "开展满意度测评", "实行网格化管理",
};
static const char *const sentences[] = {
	/* P place, A action, O object, G group, M measure, N number, Y year */
	"%P要%A%O，%M。",
	"截至%Y年底，%P累计完成%O项目%N个，完成年度计划的%N%%。",
	"%G要按照职责分工，%A%O各项工作，确保取得实效。",
	"对%O中发现的问题，%G要建立问题清单，限期整改到位。",
	"%Y年，全市共投入资金%N万元，用于%O，惠及群众%N户。",
	"%P作为试点，先行探索%O的做法，形成可复制可推广的经验。",
	"各责任单位要%M，及时报送%O工作进展情况。",
	"群众对%O有意见建议的，可通过12345政务服务便民热线反映。",
	"要把%O与%O结合起来，统筹安排，一体推进。",
	"%P、%P等地要结合实际，%A%O，力争%Y年底前全面完成。",
	"本年度计划新建、改建设施%N处，%O覆盖率达到%N%%以上。",
	"对工作推进不力、整改不到位的，依法依规严肃追究责任。",
	"%G要加强宣传解读，通过政府网站、政务新媒体等渠道及时公开%O信息。",
	"经第%N次常务会议研究，同意%P%O实施方案。",
};
// clang-format on

#define NELEMS(a)  (sizeof(a) / sizeof((a)[0]))
#define DEMO_BATCH 5000 /* items per transaction */

static unsigned long prose_state = 1;
static unsigned long prose_rnd(void)
{
	prose_state ^= prose_state << 13;
	prose_state ^= prose_state >> 7;
	prose_state ^= prose_state << 17;
	return prose_state;
}
static const char *prose_pick(const char *const *list, size_t n)
{
	return list[prose_rnd() % n];
}

static void prose_sentence(struct gk_buf *b, int year)
{
	const char *t = sentences[prose_rnd() % NELEMS(sentences)];
	for (; *t; t++) {
		if (*t != '%') {
			gk_buf_putc(b, *t);
			continue;
		}
		switch (*++t) {
		case 'P':
			gk_buf_puts(b, prose_pick(places, NELEMS(places)));
			break;
		case 'A':
			gk_buf_puts(b, prose_pick(actions, NELEMS(actions)));
			break;
		case 'O':
			gk_buf_puts(b, prose_pick(objects, NELEMS(objects)));
			break;
		case 'G':
			gk_buf_puts(b, prose_pick(groups, NELEMS(groups)));
			break;
		case 'M':
			gk_buf_puts(b, prose_pick(measures, NELEMS(measures)));
			break;
		case 'N':
			gk_buf_printf(b, "%lu", 2 + prose_rnd() % 97);
			break;
		case 'Y':
			gk_buf_printf(b, "%d", year);
			break;
		default:
			gk_buf_putc(b, *t);
		}
	}
}

/* One to three paragraphs of two to four sentences. */
static void prose(struct gk_buf *b, int year)
{
	int paragraphs = 1 + (int)(prose_rnd() % 3);
	for (int p = 0; p < paragraphs; p++) {
		gk_buf_puts(b, "<p>");
		int n = 2 + (int)(prose_rnd() % 3);
		for (int i = 0; i < n; i++)
			prose_sentence(b, year);
		gk_buf_puts(b, "</p>\n");
	}
}

/* The body of an item: its kind's template, then varied prose. */
static void body_for(struct gk_buf *b, const struct area *a, const char *subject, enum kind k,
		     int year, bool legacy)
{
	body_text(b, a, subject, k, year, legacy);
	prose(b, year);
}

/* --- publishing ------------------------------------------------------------ */

#define NAREAS (NELEMS(areas) + NELEMS(offices))
#define CITY_GOVERNMENT \
	"035200001" /* the only one that makes 规章 (立法法: a 设区的市's government) */
#define FIRST_DECREE 131 /* the city's 政府令 numbers go on from here */

static const struct area *area_at(size_t i)
{
	return i < NELEMS(areas) ? &areas[i] : &offices[i - NELEMS(areas)];
}

/* A normative document a later one of its agency and kind may repeal. */
struct norm_doc {
	int64_t id;
	int year;
	unsigned short area;   /* area_at's index */
	unsigned char subject; /* index into its area's subjects */
	bool rule;
	bool gone;        /* repealed, or expired before the time in question */
	char expires[11]; /* the day it expires by its own terms, or "" */
};

struct demo_cat {
	struct gk_store *s;
	struct gk_svc svc;
	struct gk_buf body;
	int count, committed;
	struct norm_doc *docs; /* in the order published */
	size_t ndocs, cap;
	size_t cursor[NAREAS][2];     /* per area and kind (rule, document): none live before */
	int decree;                   /* the city government's last 政府令 number */
	char cutoff[11];              /* the last day of last year: nothing has ended after it */
	int interp_2017;              /* interpretations published in 2017 so far */
	struct policy_2017 *policies; /* an agency's 2017 policies (MAX_POLICIES_2017) */
};

/* Publishes IT with the body BODY and counts it. */
static enum gk_err add_one(struct demo_cat *c, struct gk_item *it, const char *body,
			   struct gk_error *err)
{
	enum gk_err rc = gk_item_set_body(it, body, err);
	if (!rc)
		rc = gk_svc_item_publish(&c->svc, it, err);
	if (!rc)
		c->count++;
	return rc;
}

/* A big catalogue in batches, as an import commits. */
static enum gk_err batch_commit(struct demo_cat *c, struct gk_error *err)
{
	if (c->count - c->committed < DEMO_BATCH)
		return GK_OK;
	c->committed = c->count;
	enum gk_err rc = gk_store_commit(c->s, err);
	return rc ? rc : gk_store_begin(c->s, err);
}

/* Keeps published normative document IT of area AREA on its SUBJECT as one
 * a later one may repeal; EXPIRES as in struct norm_doc. */
static enum gk_err remember(struct demo_cat *c, size_t area, int subject, const struct gk_item *it,
			    const char *expires, struct gk_error *err)
{
	if (c->ndocs == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1024;
		struct norm_doc *d = realloc(c->docs, cap * sizeof *d);
		if (!d)
			return gk_fail(err, GK_ENOMEM,
				       "no memory for the demo's normative documents");
		c->docs = d;
		c->cap = cap;
	}
	struct norm_doc *d = &c->docs[c->ndocs++];
	*d = (struct norm_doc){.id = it->id,
			       .year = gk_item_year(it),
			       .area = (unsigned short)area,
			       .subject = (unsigned char)subject,
			       .rule = it->normative == GK_NORM_RULE};
	snprintf(d->expires, sizeof d->expires, "%s", expires);
	return GK_OK;
}

/* The oldest document of AREA and kind RULE published before YEAR and
 * still in force on day DATE, or NULL. */
static struct norm_doc *oldest_in_force(struct demo_cat *c, size_t area, bool rule, int year,
					const char *date)
{
	size_t *cur = &c->cursor[area][rule ? 0 : 1], j;
	for (j = *cur; j < c->ndocs; j++) {
		struct norm_doc *d = &c->docs[j];
		if (d->area != area || d->rule != rule)
			continue;
		if (d->year >= year)
			break; /* an area's documents come in the order published */
		if (d->expires[0] && strcmp(d->expires, date) <= 0)
			d->gone = true; /* the days only go forward */
		if (!d->gone) {
			*cur = j;
			return d;
		}
	}
	*cur = j;
	return NULL;
}

/* Spreads item I of N over a year, in date order (so 索引号 follow
 * publication): its month and day. */
static void slot_date(int i, int n, int *month, int *dom)
{
	int day = 1 + (i * 360) / n + pick(3);
	*month = 1 + (day - 1) / 30;
	*dom = 1 + (day - 1) % 30;
	if (*month > 12)
		*month = 12;
	if (*month == 2 && *dom > 28)
		*dom = 28;
	/* bounds the compiler can see, for the date strings below */
	*month = *month < 1 ? 1 : *month;
	*dom = *dom < 4 ? 4 : *dom;
}

/* Publishes the interpretation of policy IT, of kind KIND, at PUBLISHED. */
static enum gk_err add_interpretation(struct demo_cat *c, const struct area *a,
				      const struct gk_item *it, const char *subject,
				      const char *kind, unsigned outlets, const char *published,
				      struct gk_error *err)
{
	struct gk_item in = {
		.agency_id = it->agency_id, .outlets = outlets, .interprets_id = it->id};
	snprintf(in.topic, sizeof in.topic, "%s", a->topic);
	snprintf(in.genre, sizeof in.genre, "interpretation");
	snprintf(in.column, sizeof in.column, "%s", a->column);
	snprintf(in.interp_kind, sizeof in.interp_kind, "%s", kind);
	snprintf(in.title, sizeof in.title, "《%.300s》%s", it->title,
		 gk_interp_label(in.interp_kind));
	snprintf(in.published, sizeof in.published, "%s", published);
	snprintf(in.summary, sizeof in.summary, "对%s的背景、主要内容和实施要求作出解读。",
		 subject);
	gk_buf_reset(&c->body);
	gk_buf_printf(&c->body,
		      "<h2>一、出台背景</h2>\n<p>为做好%s工作，%s制定了本文件。</p>\n"
		      "<h2>二、主要内容</h2>\n<p>文件明确了总体要求、主要任务和保障措施。</p>\n"
		      "<h2>三、实施要求</h2>\n<p>各单位要结合实际抓好贯彻落实。</p>\n",
		      subject, a->short_name);
	enum gk_err rc = add_one(c, &in, c->body.data, err);
	gk_item_release(&in);
	return rc;
}

/* The seed report's 政策解读稿件发布数 for 2017 (“解读334篇”). */
#define SEED_INTERPRETATIONS_2017 334
/* The policies of one agency's 2017 remembered for it (the first ones). */
#define MAX_POLICIES_2017 64

/* A 2017 document (not news, not statistics) an interpretation may explain. */
struct policy_2017 {
	struct gk_item it; /* id, agency_id, title and published only */
	const char *subject;
};

/* Tops the city's 2017 interpretations up towards the seed's 334, agency AI
 * of NAREAS taking its share: more kinds of interpretation (图解, 音视频 …)
 * of its 2017 documents P[0..n), dated in December after every
 * item of its year (so 索引号 still follow publication). Draws nothing from
 * the random sequence, so the items after it stay as they were. */
static enum gk_err top_up_interpretations_2017(struct demo_cat *c, const struct area *a, size_t ai,
					       size_t nareas, const struct policy_2017 *p, size_t n,
					       struct gk_error *err)
{
	int target = (int)(SEED_INTERPRETATIONS_2017 * (ai + 1) / nareas);
	int need = target - c->interp_2017;
	enum gk_err rc = GK_OK;
	for (int k = 0; k < need && n && !rc; k++) {
		const struct policy_2017 *pol = &p[(size_t)k % n];
		char when[32];
		snprintf(when, sizeof when, "2017-12-%02d 17:%02d", 18 + k * 12 / need, k % 60);
		if (strcmp(when, pol->it.published) < 0)
			snprintf(when, sizeof when, "%.10s 23:%02d", pol->it.published, k % 60);
		const char *kind = gk_interp_kind_codes[(size_t)(k + 1) % GK_INTERP_KIND_COUNT];
		rc = add_interpretation(c, a, &pol->it, pol->subject, kind,
					1u << GK_OUTLET_WEBSITE | 1u << GK_OUTLET_WECHAT, when,
					err);
		if (!rc)
			c->interp_2017++;
	}
	return rc;
}

/* 2015–2018, as the demo always had them: about PER_YEAR items a year per
 * agency (1.5 times as many for the city's), their interpretations and the
 * yearly reports of 2015–2017. */
static enum gk_err early_years(struct demo_cat *c, int per_year, struct gk_error *err)
{
	enum gk_err rc = GK_OK;
	struct gk_buf *body = &c->body;
	for (size_t ai = 0; ai < NELEMS(areas) && !rc; ai++) {
		const struct area *a = &areas[ai];
		struct gk_agency agency;
		if ((rc = gk_store_agency_by_code(c->s, a->code, &agency, err)))
			break;
		int n = a->code[5] == '0' && a->code[6] == '0' ? per_year * 3 / 2 : per_year;
		size_t npolicies = 0;
		for (int year = 2015; year <= 2018 && !rc; year++) {
			int serial = 0;
			for (int i = 0; i < n && !rc; i++) {
				int month, dom;
				slot_date(i, n, &month, &dom);
				const struct plan *p = &plans[pick((int)NELEMS(plans))];
				int si = pick(6);
				const char *subject = a->subjects[si];
				struct gk_item it = {.agency_id = agency.id,
						     .outlets = 1u << GK_OUTLET_WEBSITE};
				snprintf(it.topic, sizeof it.topic, "%s", a->topic);
				snprintf(it.genre, sizeof it.genre, "%s", p->genre);
				snprintf(it.column, sizeof it.column, "%s", a->column);
				disclosure_rules_column(&it, subject);
				char when[48];
				snprintf(when, sizeof when, "%04d-%02d-%02d %02d:%02d", year, month,
					 dom, 8 + pick(10), pick(60));
				snprintf(it.published, sizeof it.published, "%.16s", when);
				snprintf(when, sizeof when, "%04d-%02d-%02d", year, month, dom - 3);
				snprintf(it.written, sizeof it.written, "%.10s", when);
				switch (p->kind) {
				case K_NOTICE:
					snprintf(it.title, sizeof it.title,
						 "%s关于做好%d年%s工作的通知", a->short_name, year,
						 subject);
					break;
				case K_OPINION:
					snprintf(it.title, sizeof it.title,
						 "%s关于加强%s的实施意见", a->short_name, subject);
					break;
				case K_SCHEME:
					snprintf(it.title, sizeof it.title,
						 "%s关于印发%s实施方案的通知", a->short_name,
						 subject);
					break;
				case K_MEASURES:
					snprintf(it.title, sizeof it.title, "%s%s管理办法",
						 a->short_name, subject);
					break;
				case K_NEWS:
					snprintf(it.title, sizeof it.title, "%s召开%s推进会",
						 a->short_name, subject);
					snprintf(it.written, sizeof it.written, "%s", "");
					break;
				case K_STATS:
					snprintf(it.title, sizeof it.title, "%d年%d月%s统计信息",
						 year, month, subject);
					break;
				case K_BULLETIN:
					snprintf(it.title, sizeof it.title,
						 "%s关于%s检查情况的通报", a->short_name, subject);
					break;
				case K_REPLY:
					snprintf(it.title, sizeof it.title,
						 "%s关于%s有关事项的批复", a->short_name, subject);
					break;
				case K_REPORT:
				case K_RULE:
					break;
				}
				if (p->kind != K_NEWS && p->kind != K_STATS)
					snprintf(it.doc_no, sizeof it.doc_no, "%s〔%d〕%d号",
						 a->prefix, year, ++serial);
				if (p->normative) {
					it.normative =
						p->kind == K_MEASURES && a->code[5] == '0' && ai < 2
							? GK_NORM_RULE
							: GK_NORM_DOCUMENT;
					it.outlets |= 1u << GK_OUTLET_GAZETTE;
					snprintf(it.effective, sizeof it.effective, "%.10s",
						 it.published);
					/* some older ones were repealed later */
					if (year < 2018 && pick(5) == 0) {
						it.validity = GK_REPEALED;
						snprintf(it.ended, sizeof it.ended, "%04d-%02d-15",
							 year + 1 + pick(2018 - year),
							 1 + pick(12));
						if (strcmp(it.ended, "2018-12-15") > 0)
							snprintf(it.ended, sizeof it.ended,
								 "2018-06-15");
						snprintf(it.repealed_by, sizeof it.repealed_by,
							 "%s〔%.4s〕%d号", a->prefix, it.ended,
							 90 + pick(9));
					}
				}
				if (pick(3) == 0)
					it.outlets |= 1u << GK_OUTLET_WECHAT;
				if (pick(4) == 0)
					it.outlets |= 1u << GK_OUTLET_WEIBO;
				snprintf(it.keywords, sizeof it.keywords, "%s %s", subject,
					 gk_genre_label(it.genre));
				snprintf(it.summary, sizeof it.summary, "%s发布的%s，涉及%s。",
					 a->short_name, gk_genre_label(it.genre), subject);
				gk_buf_reset(body);
				body_for(body, a, subject, p->kind, year, true);
				if ((rc = add_one(c, &it, body->data, err)) ||
				    (rc = batch_commit(c, err)) ||
				    (it.normative && it.validity == GK_VALID &&
				     (rc = remember(c, ai, si, &it, "", err)))) {
					gk_item_release(&it);
					break;
				}
				/* a policy of substance gets explained */
				if ((p->kind == K_OPINION || p->kind == K_SCHEME ||
				     p->kind == K_MEASURES) &&
				    pick(2) == 0) {
					const char *kind =
						gk_interp_kind_codes[pick(GK_INTERP_KIND_COUNT)];
					snprintf(when, sizeof when, "%.10s 16:30", it.published);
					rc = add_interpretation(c, a, &it, subject, kind,
								1u << GK_OUTLET_WEBSITE |
									1u << GK_OUTLET_WECHAT,
								when, err);
					c->interp_2017 += year == 2017;
				}
				if (year == 2017 && npolicies < MAX_POLICIES_2017 &&
				    p->kind != K_NEWS && p->kind != K_STATS) {
					struct policy_2017 *pol = &c->policies[npolicies++];
					pol->it.id = it.id;
					pol->it.agency_id = it.agency_id;
					snprintf(pol->it.title, sizeof pol->it.title, "%s",
						 it.title);
					snprintf(pol->it.published, sizeof pol->it.published, "%s",
						 it.published);
					pol->subject = subject;
				}
				gk_item_release(&it);
			}
			if (!rc && year == 2017)
				rc = top_up_interpretations_2017(c, a, ai, NELEMS(areas),
								 c->policies, npolicies, err);
			/* the year's disclosure report, published early the next year */
			if (!rc && year < 2018) {
				struct gk_item rep = {.agency_id = agency.id,
						      .outlets = 1u << GK_OUTLET_WEBSITE};
				snprintf(rep.topic, sizeof rep.topic, "2.10");
				snprintf(rep.genre, sizeof rep.genre, "annual_report");
				snprintf(rep.title, sizeof rep.title,
					 "%s%d年政府信息公开工作年度报告", a->short_name, year);
				char when[48];
				snprintf(when, sizeof when, "%d-03-%02d 10:00", year + 1,
					 1 + pick(28));
				snprintf(rep.published, sizeof rep.published, "%.16s", when);
				snprintf(rep.summary, sizeof rep.summary,
					 "%s%d年度政府信息公开工作情况。", a->short_name, year);
				gk_buf_reset(body);
				gk_buf_printf(
					body,
					"<p>本报告根据《中华人民共和国政府信息公开条例》编制，内容涵盖%d年1月1日至12月31日%s政府信息公开工作情况。</p>\n"
					"<h2>一、概述</h2>\n<p>（演示数据）</p>\n",
					year, a->short_name);
				rc = add_one(c, &rep, body->data, err);
				gk_item_release(&rep);
			}
		}
	}
	return rc;
}

/* --- the years since 2019 -------------------------------------------------- */

/* SUBJECT without a final 工作 ("政务公开工作" → "政务公开"), into OUT. */
static const char *base_of(const char *subject, char *out, size_t n)
{
	snprintf(out, n, "%s", subject);
	size_t len = strlen(out), w = strlen("工作");
	if (len > w && !strcmp(out + len - w, "工作"))
		out[len - w] = '\0';
	return out;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && !strcmp(s + n - t, tail);
}

/* The title (and for a 规章 the 体裁) of a recent item of kind K. */
static void recent_title(struct gk_item *it, const struct area *a, enum kind k, const char *subject,
			 int year, int month)
{
	char base[256], work[256];
	const char *who = a->short_name;
	size_t n = sizeof it->title;
	base_of(subject, base, sizeof base);
	work_of(subject, work, sizeof work);
	int v = pick(3);
	switch (k) {
	case K_NOTICE:
		if (v == 0)
			snprintf(it->title, n, "%s关于做好%d年%s的通知", who, year, work);
		else if (v == 1)
			snprintf(it->title, n, "%s关于开展%d年%s专项检查的通知", who, year, base);
		else
			snprintf(it->title, n, "%s关于进一步做好%s的通知", who, work);
		break;
	case K_OPINION:
		if (v == 0)
			snprintf(it->title, n, "%s关于加强%s的实施意见", who, subject);
		else if (v == 1)
			snprintf(it->title, n, "%s关于进一步加强%s的意见", who, subject);
		else /* "杏产业发展" → "推进杏产业高质量发展" */
			snprintf(it->title, n, "%s关于推进%.*s高质量发展的实施意见", who,
				 (int)(strlen(base) -
				       (ends_with(base, "发展") ? strlen("发展") : 0)),
				 base);
		break;
	case K_SCHEME:
		if (v == 0)
			snprintf(it->title, n, "%s关于印发%s实施方案的通知", who, subject);
		else if (v == 1)
			snprintf(it->title, n, "%s关于印发%d年%s工作方案的通知", who, year, base);
		else
			snprintf(it->title, n, "%s关于印发%s三年行动方案（%d—%d年）的通知", who,
				 base, year, year + 2);
		break;
	case K_MEASURES:
		snprintf(it->title, n, "%s%s%s", who, base,
			 ends_with(base, "管理") ? "办法"
			 : v                     ? "管理办法"
						 : "实施办法");
		break;
	case K_RULE:
		/* a 规章 is named for the city, not for the government making it */
		if (ends_with(base, "管理") || v) {
			snprintf(it->title, n, "大同市%s%s", base,
				 ends_with(base, "管理") ? "办法" : "管理办法");
			snprintf(it->genre, sizeof it->genre, "measures");
		} else {
			snprintf(it->title, n, "大同市%s规定", base);
			snprintf(it->genre, sizeof it->genre, "provisions");
		}
		break;
	case K_NEWS:
		if (v == 0)
			snprintf(it->title, n, "%s召开%s推进会", who, base);
		else if (v == 1)
			snprintf(it->title, n, "%s召开%d年%s工作会议", who, year, base);
		else
			snprintf(it->title, n, "%s部署%s", who, work);
		break;
	case K_STATS:
		snprintf(it->title, n, "%d年%d月%s统计信息", year, month, subject);
		break;
	case K_BULLETIN:
		if (v == 0)
			snprintf(it->title, n, "%s关于%s检查情况的通报", who, subject);
		else
			snprintf(it->title, n, "%s关于%d年%s工作考核结果的通报", who, year, base);
		break;
	case K_REPLY:
		snprintf(it->title, n, "%s关于%s有关事项的批复", who, subject);
		break;
	case K_REPORT:
		break;
	}
}

static const char *const cn_digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* 1–99 in Chinese numerals, as articles are numbered: 第十二条. */
static const char *cn_number(int n, char *out, size_t size)
{
	int tens = n / 10 % 10, ones = n % 10;
	snprintf(out, size, "%s%s%s", tens > 1 ? cn_digits[tens] : "", tens ? "十" : "",
		 cn_digits[ones]);
	return out;
}

/* The text of 规章 IT: the decree that promulgates it, then its articles. */
static void rule_body(struct gk_buf *b, const struct gk_item *it, const char *subject,
		      const struct gk_item *replaces, int year)
{
	const char *self = ends_with(it->title, "规定") ? "本规定" : "本办法";
	struct gk_date passed = {0}, from = {0};
	char num[32];
	gk_date_parse(it->written, &passed);
	gk_date_parse(it->effective, &from);
	gk_buf_printf(
		b,
		"<p>《%s》已经%d年%d月%d日市人民政府第%d次常务会议通过，现予公布，自%d年%d月%d日起施行。</p>\n",
		it->title, passed.year, passed.month, passed.day, 1 + pick(40), from.year,
		from.month, from.day);
	gk_buf_puts(b, "<h2>第一章　总则</h2>\n");
	gk_buf_printf(
		b,
		"<p>第一条　为了规范%s，保障公民、法人和其他组织的合法权益，根据有关法律、法规，结合本市实际，制定%s。</p>\n"
		"<p>第二条　本市行政区域内的%s及其监督管理，适用%s。</p>\n"
		"<p>第三条　市人民政府有关部门按照各自职责做好%s相关工作。县（区）人民政府负责本行政区域内的有关工作。</p>\n",
		subject, self, subject, self, subject);
	gk_buf_puts(b, "<h2>第二章　主要措施</h2>\n");
	int article = 4, n = 3 + pick(4);
	for (int i = 0; i < n; i++, article++) {
		gk_buf_printf(b, "<p>第%s条　", cn_number(article, num, sizeof num));
		prose_sentence(b, year);
		gk_buf_puts(b, "</p>\n");
	}
	gk_buf_puts(b, "<h2>第三章　附则</h2>\n");
	gk_buf_printf(b, "<p>第%s条　%s自%d年%d月%d日起施行。", cn_number(article, num, sizeof num),
		      self, from.year, from.month, from.day);
	if (replaces)
		gk_buf_printf(b, "《%s》（%s）同时废止。", replaces->title, replaces->doc_no);
	gk_buf_puts(b, "</p>\n");
}

/* The clause that ends a normative document: when it takes effect, for how
 * long, and what it replaces. */
static void term_clause(struct gk_buf *b, enum kind k, const char *effective, int years,
			const struct gk_item *replaces)
{
	struct gk_date from = {0};
	gk_date_parse(effective, &from);
	gk_buf_printf(b, "<p>本%s自%d年%d月%d日起施行，有效期%d年。",
		      k == K_OPINION ? "意见" : "办法", from.year, from.month, from.day, years);
	if (replaces)
		gk_buf_printf(b, "《%s》（%s）同时废止。", replaces->title, replaces->doc_no);
	gk_buf_puts(b, "</p>\n");
}

/* The office of a government makes no 规章: those an office has from
 * before (2015–2018) go in a 清理 notice, the first item of 2019. IT is
 * that notice, filled but for its body; *IDS (*N of them) gets the ones it
 * repeals, already known to be gone. */
static enum gk_err cleanup_notice(struct demo_cat *c, size_t ai, struct gk_item *it, int64_t **ids,
				  size_t *n, struct gk_error *err)
{
	const struct area *a = area_at(ai);
	char day[11];
	struct norm_doc *d;
	snprintf(day, sizeof day, "%.10s", it->published);
	snprintf(it->title, sizeof it->title, "%s关于废止部分文件的通知", a->short_name);
	snprintf(it->summary, sizeof it->summary,
		 "%s对本机关制发的文件进行了清理，决定废止部分文件。", a->short_name);
	gk_buf_reset(&c->body);
	gk_buf_printf(
		&c->body,
		"<p>各有关单位：</p>\n<p>根据国家和省关于开展规章、行政规范性文件清理工作的要求，%s对本机关制发的文件进行了全面清理。经研究，决定废止以下文件：</p>\n<ol>\n",
		a->short_name);
	while ((d = oldest_in_force(c, ai, true, 2019, day))) {
		struct gk_item old;
		enum gk_err rc = gk_store_item_head(c->s, d->id, &old, err);
		int64_t *more = rc ? NULL : realloc(*ids, (*n + 1) * sizeof **ids);
		if (rc)
			return rc;
		if (!more)
			return gk_fail(err, GK_ENOMEM, "no memory for the demo's 清理 notice");
		*ids = more;
		(*ids)[(*n)++] = d->id;
		d->gone = true;
		gk_buf_printf(&c->body, "<li>《%s》（%s）</li>\n", old.title, old.doc_no);
	}
	gk_buf_puts(&c->body, "</ol>\n<p>上述文件自本通知印发之日起停止执行。</p>\n");
	return GK_OK;
}

/* OLD is repealed by IT on the day IT is published. */
static enum gk_err repeal(struct demo_cat *c, struct gk_item *old, const struct gk_item *it,
			  struct gk_error *err)
{
	old->validity = GK_REPEALED;
	snprintf(old->ended, sizeof old->ended, "%.10s", it->published);
	snprintf(old->repealed_by, sizeof old->repealed_by, "%s", it->doc_no);
	return gk_svc_item_save(&c->svc, old, "repeal", err);
}

/* One year since 2019 of area AI: N items in date order, among them (the
 * Table 1 of the report counts them) a normative document early in the
 * year and another late, and a 规章 mid-year where RULES, each of the first
 * two repealing the oldest of its kind still in force; others repeal one
 * now and then, and documents may expire by their own terms. */
static enum gk_err recent_year(struct demo_cat *c, size_t ai, const struct gk_agency *agency,
			       bool rules, int year, int n, struct gk_error *err)
{
	const struct area *a = area_at(ai);
	struct gk_buf *body = &c->body;
	enum gk_err rc = GK_OK;
	int serial = 0;
	/* working minutes (8:00–18:00) over 360 days from 4 January, so that
	 * times go up with the items, however many a day */
	long first = gk_date_to_days((struct gk_date){.year = year, .month = 1, .day = 4});
	long spacing = 360L * 600 / n;
	for (int i = 0; i < n && !rc; i++) {
		long at = i * 360L * 600 / n + pick((int)(spacing / 2) + 1);
		struct gk_date day = gk_date_from_days(first + at / 600);
		int minute = 8 * 60 + (int)(at % 600);
		char date[11], when[48];
		gk_date_format(day, date);
		bool cleanup = !rules && year == 2019 && i == 0 &&
			       oldest_in_force(c, ai, true, year, date);
		enum kind k;
		const char *genre;
		bool forced = true; /* a slot Table 1 relies on */
		if (cleanup)
			k = K_NOTICE, genre = "notice";
		else if (rules && i == n / 2)
			k = K_RULE, genre = "measures";
		else if (i == n / 4)
			k = K_OPINION, genre = "opinion";
		else if (i == 3 * n / 4)
			k = K_MEASURES, genre = "measures";
		else {
			const struct plan *p = &plans[pick((int)NELEMS(plans))];
			k = rules && p->kind == K_MEASURES ? K_RULE : p->kind;
			genre = p->genre;
			forced = false;
		}
		int si = pick(6);
		struct gk_item it = {.agency_id = agency->id, .outlets = 1u << GK_OUTLET_WEBSITE};
		snprintf(it.topic, sizeof it.topic, "%s", a->topic);
		snprintf(it.genre, sizeof it.genre, "%s", genre);
		snprintf(it.column, sizeof it.column, "%s", a->column);
		snprintf(when, sizeof when, "%s %02d:%02d", date, minute / 60 % 24, minute % 60);
		snprintf(it.published, sizeof it.published, "%.16s", when);
		if (k != K_NEWS)
			gk_date_format(gk_date_from_days(first + at / 600 - 3), it.written);

		/* Table 1: issued, repealed or expired, in force */
		int term = 0;
		char expires[11] = "";
		struct gk_item old = {0};
		struct norm_doc *replaced = NULL;
		if (k == K_RULE || k == K_OPINION || k == K_MEASURES) {
			it.normative = k == K_RULE ? GK_NORM_RULE : GK_NORM_DOCUMENT;
			it.outlets |= 1u << GK_OUTLET_GAZETTE;
			if (k == K_RULE) /* 规章 take effect some weeks after */
				snprintf(when, sizeof when, "%04d-%02d-01", year + day.month / 12,
					 day.month % 12 + 1);
			else
				snprintf(when, sizeof when, "%s", date);
			snprintf(it.effective, sizeof it.effective, "%.10s", when);
			if (k != K_RULE) {
				term = k == K_OPINION || pick(2) ? 5 : 3;
				struct gk_date end = day;
				end.year += term;
				if (end.day > gk_date_days_in_month(end.year, end.month))
					end.day = gk_date_days_in_month(end.year, end.month);
				gk_date_format(end, expires);
				if (strcmp(expires, c->cutoff) <= 0) {
					it.validity = GK_EXPIRED;
					snprintf(it.ended, sizeof it.ended, "%s", expires);
				}
			}
			/* it replaces the oldest of its kind still in force, on that one's subject
			 */
			if (forced || pick(4) == 0)
				replaced = oldest_in_force(c, ai, k == K_RULE, year, date);
			if (replaced) {
				si = replaced->subject;
				rc = gk_store_item_get(c->s, replaced->id, &old, err);
			}
		}
		const char *subject = a->subjects[si];
		disclosure_rules_column(&it, subject);
		recent_title(&it, a, k, subject, year, day.month);
		if (k == K_RULE)
			snprintf(it.doc_no, sizeof it.doc_no, "大同市人民政府令第%d号",
				 ++c->decree);
		else if (k != K_NEWS && k != K_STATS)
			snprintf(it.doc_no, sizeof it.doc_no, "%s〔%d〕%d号", a->prefix, year,
				 ++serial);
		if (pick(3) == 0)
			it.outlets |= 1u << GK_OUTLET_WECHAT;
		if (pick(4) == 0)
			it.outlets |= 1u << GK_OUTLET_WEIBO;
		if (pick(10) == 0)
			it.outlets |= 1u << GK_OUTLET_OTHER;
		snprintf(it.keywords, sizeof it.keywords, "%s %s", subject,
			 gk_genre_label(it.genre));
		snprintf(it.summary, sizeof it.summary, "%s发布的%s，涉及%s。", a->short_name,
			 gk_genre_label(it.genre), subject);
		int64_t *swept = NULL;
		size_t nswept = 0;
		gk_buf_reset(body);
		if (!rc && cleanup)
			rc = cleanup_notice(c, ai, &it, &swept, &nswept, err);
		else if (k == K_RULE)
			rule_body(body, &it, subject, replaced ? &old : NULL, year);
		else {
			body_for(body, a, subject, k, year, false);
			if (term)
				term_clause(body, k, it.effective, term, replaced ? &old : NULL);
		}
		if (!rc)
			rc = add_one(c, &it, body->data, err);
		if (!rc)
			rc = batch_commit(c, err);
		if (!rc && it.normative)
			rc = remember(c, ai, si, &it, expires, err);
		/* the new one repeals the old on the day it is published */
		if (!rc && replaced) {
			rc = repeal(c, &old, &it, err);
			replaced->gone = true;
		}
		for (size_t j = 0; j < nswept && !rc; j++) {
			struct gk_item gone = {0};
			if (!(rc = gk_store_item_get(c->s, swept[j], &gone, err)))
				rc = repeal(c, &gone, &it, err);
			gk_item_release(&gone);
		}
		free(swept);
		/* normative documents are explained as they come out, other
		 * policies of substance often */
		if (!rc && (it.normative || (k == K_SCHEME && pick(2) == 0))) {
			unsigned outlets = 1u << GK_OUTLET_WEBSITE | 1u << GK_OUTLET_WECHAT;
			if (pick(3) == 0)
				outlets |= 1u << GK_OUTLET_WEIBO;
			const char *kind = gk_interp_kind_codes[pick(GK_INTERP_KIND_COUNT)];
			minute += 30; /* before the next item */
			snprintf(when, sizeof when, "%s %02d:%02d", date, minute / 60 % 24,
				 minute % 60);
			rc = add_interpretation(c, a, &it, subject, kind, outlets, when, err);
		}
		gk_item_release(&old);
		gk_item_release(&it);
	}
	return rc;
}

/* 2019 to last year for every agency, the offices of the districts and
 * counties included: about half as many items a year as 2015–2018. */
static enum gk_err recent_years(struct demo_cat *c, int per_year, struct gk_error *err)
{
	int last_year = gk_date_from_days(c->svc.today).year - 1;
	last_year = last_year < 2018 ? 2018 : last_year > 9999 ? 9999 : last_year;
	enum gk_err rc = GK_OK;
	snprintf(c->cutoff, sizeof c->cutoff, "%04d-12-31", last_year);
	c->decree = FIRST_DECREE - 1;
	rnd_state = 20190101; /* its own sequence: 2015–2018 stay as they were */
	for (size_t ai = 0; ai < NAREAS && !rc; ai++) {
		const struct area *a = area_at(ai);
		struct gk_agency agency;
		if ((rc = gk_store_agency_by_code(c->s, a->code, &agency, err)))
			break;
		bool city = a->code[5] == '0' && a->code[6] == '0';
		int n = city ? per_year / 4 : per_year / 6;
		n = n < 4 ? 4 : n; /* room for the documents Table 1 counts */
		bool rules = !strcmp(a->code, CITY_GOVERNMENT);
		for (int year = 2019; year <= last_year && !rc; year++)
			rc = recent_year(c, ai, &agency, rules, year, n, err);
	}
	return rc;
}

enum gk_err gk_svc_demo_catalogue(struct gk_store *s, int per_year, int *count,
				  struct gk_error *err)
{
	struct demo_cat *c = calloc(1, sizeof *c);
	*count = 0;
	if (!c)
		return gk_fail(err, GK_ENOMEM, "no memory for the demo catalogue");
	c->s = s;
	rnd_state = 20170101;
	prose_state = 20181231;
	gk_buf_init(&c->body, 1 << 20);
	gk_svc_init(&c->svc, s, NULL, NULL, "demo");
	c->policies = calloc(MAX_POLICIES_2017, sizeof *c->policies);
	if (!c->policies) {
		free(c);
		return gk_fail(err, GK_ENOMEM, "no memory for the demo catalogue");
	}
	gk_store_bulk(s);
	enum gk_err rc = gk_store_begin(s, err);
	if (!rc) {
		if ((rc = early_years(c, per_year, err)) || (rc = recent_years(c, per_year, err)))
			gk_store_rollback(s);
		else
			rc = gk_store_commit(s, err);
	}
	*count = c->count;
	gk_buf_release(&c->body);
	free(c->docs);
	free(c->policies);
	free(c);
	return rc;
}
