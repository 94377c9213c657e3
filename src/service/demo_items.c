/* The demo catalogue: a few thousand items for the demo city's agencies,
 * 2015–2018, made from templates of our own — titles, 文号, bodies and dates
 * per agency, with policy interpretations linked to their policies and some
 * normative documents repealed later, bodies with varied prose.
 * Deterministic: the same every run. */
#include <stdio.h>
#include <string.h>

#include "core/item.h"
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
	K_REPORT
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

static void body_text(struct gk_buf *b, const struct area *a, const char *subject, enum kind k,
		      int year)
{
	gk_buf_printf(
		b,
		"<p>各有关单位：</p>\n<p>为进一步做好%s工作，根据国家和省有关规定，结合%s实际，现就有关事项%s如下。</p>\n",
		subject, a->short_name, k == K_NOTICE ? "通知" : "明确");
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
	if (k == K_MEASURES)
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
		     int year)
{
	body_text(b, a, subject, k, year);
	prose(b, year);
}

/* Publishes IT with the body BODY and counts it in *COUNT. */
static enum gk_err add_one(struct gk_svc *svc, struct gk_item *it, const char *body, int *count,
			   struct gk_error *err)
{
	enum gk_err rc = gk_item_set_body(it, body, err);
	if (!rc)
		rc = gk_svc_item_publish(svc, it, err);
	if (!rc)
		(*count)++;
	return rc;
}

enum gk_err gk_svc_demo_catalogue(struct gk_store *s, int per_year, int *count,
				  struct gk_error *err)
{
	enum gk_err rc = GK_OK;
	struct gk_buf body;
	int committed = 0;
	*count = 0;
	rnd_state = 20170101;
	prose_state = 20181231;
	gk_buf_init(&body, 1 << 20);
	struct gk_svc svc;
	gk_svc_init(&svc, s, NULL, NULL, "demo");
	gk_store_bulk(s);
	if ((rc = gk_store_begin(s, err)))
		return rc;
	for (size_t ai = 0; ai < sizeof areas / sizeof areas[0] && !rc; ai++) {
		const struct area *a = &areas[ai];
		struct gk_agency agency;
		if ((rc = gk_store_agency_by_code(s, a->code, &agency, err)))
			break;
		int n = a->code[5] == '0' && a->code[6] == '0' ? per_year * 3 / 2 : per_year;
		for (int year = 2015; year <= 2018 && !rc; year++) {
			int serial = 0;
			/* spread over the year in date order, so 索引号 follow publication */
			for (int i = 0; i < n && !rc; i++) {
				int day = 1 + (i * 360) / n + pick(3);
				int month = 1 + (day - 1) / 30, dom = 1 + (day - 1) % 30;
				if (month > 12)
					month = 12;
				if (month == 2 && dom > 28)
					dom = 28;
				/* bounds the compiler can see, for the date strings below */
				month = month < 1 ? 1 : month;
				dom = dom < 4 ? 4 : dom;
				const struct plan *p =
					&plans[pick((int)(sizeof plans / sizeof plans[0]))];
				const char *subject = a->subjects[pick(6)];
				struct gk_item it = {.agency_id = agency.id,
						     .outlets = 1u << GK_OUTLET_WEBSITE};
				snprintf(it.topic, sizeof it.topic, "%s", a->topic);
				snprintf(it.genre, sizeof it.genre, "%s", p->genre);
				snprintf(it.column, sizeof it.column, "%s", a->column);
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
				gk_buf_reset(&body);
				body_for(&body, a, subject, p->kind, year);
				if ((rc = add_one(&svc, &it, body.data, count, err))) {
					gk_item_release(&it);
					break;
				}
				/* a big catalogue in batches, as an import commits */
				if (*count - committed >= DEMO_BATCH) {
					committed = *count;
					if ((rc = gk_store_commit(s, err)) ||
					    (rc = gk_store_begin(s, err))) {
						gk_item_release(&it);
						break;
					}
				}
				/* a policy of substance gets explained */
				if ((p->kind == K_OPINION || p->kind == K_SCHEME ||
				     p->kind == K_MEASURES) &&
				    pick(2) == 0) {
					struct gk_item in = {.agency_id = agency.id,
							     .outlets = 1u << GK_OUTLET_WEBSITE |
									1u << GK_OUTLET_WECHAT,
							     .interprets_id = it.id};
					snprintf(in.topic, sizeof in.topic, "%s", a->topic);
					snprintf(in.genre, sizeof in.genre, "interpretation");
					snprintf(in.column, sizeof in.column, "%s", a->column);
					snprintf(in.interp_kind, sizeof in.interp_kind, "%s",
						 gk_interp_kind_codes[pick(GK_INTERP_KIND_COUNT)]);
					snprintf(in.title, sizeof in.title, "《%.300s》%s",
						 it.title, gk_interp_label(in.interp_kind));
					snprintf(in.published, sizeof in.published, "%.10s 16:30",
						 it.published);
					snprintf(in.summary, sizeof in.summary,
						 "对%s的背景、主要内容和实施要求作出解读。",
						 subject);
					gk_buf_reset(&body);
					gk_buf_printf(
						&body,
						"<h2>一、出台背景</h2>\n<p>为做好%s工作，%s制定了本文件。</p>\n"
						"<h2>二、主要内容</h2>\n<p>文件明确了总体要求、主要任务和保障措施。</p>\n"
						"<h2>三、实施要求</h2>\n<p>各单位要结合实际抓好贯彻落实。</p>\n",
						subject, a->short_name);
					rc = add_one(&svc, &in, body.data, count, err);
					gk_item_release(&in);
				}
				gk_item_release(&it);
			}
			/* the year's disclosure report, published early the next year */
			if (!rc && year < 2018) {
				struct gk_item rep = {.agency_id = agency.id,
						      .outlets = 1u << GK_OUTLET_WEBSITE};
				snprintf(rep.topic, sizeof rep.topic, "2.1");
				snprintf(rep.genre, sizeof rep.genre, "annual_report");
				snprintf(rep.title, sizeof rep.title,
					 "%s%d年政府信息公开工作年度报告", a->short_name, year);
				char when[48];
				snprintf(when, sizeof when, "%d-03-%02d 10:00", year + 1,
					 1 + pick(28));
				snprintf(rep.published, sizeof rep.published, "%.16s", when);
				snprintf(rep.summary, sizeof rep.summary,
					 "%s%d年度政府信息公开工作情况。", a->short_name, year);
				gk_buf_reset(&body);
				gk_buf_printf(
					&body,
					"<p>本报告根据《中华人民共和国政府信息公开条例》编制，内容涵盖%d年1月1日至12月31日%s政府信息公开工作情况。</p>\n"
					"<h2>一、概述</h2>\n<p>（演示数据）</p>\n",
					year, a->short_name);
				rc = add_one(&svc, &rep, body.data, count, err);
				gk_item_release(&rep);
			}
		}
	}
	gk_buf_release(&body);
	if (rc) {
		gk_store_rollback(s);
		return rc;
	}
	return gk_store_commit(s, err);
}
