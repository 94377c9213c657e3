/* The demo city's agencies and accounts. Names follow a real prefecture-level
 * city of Shanxi (the seed report's); contacts other than the city office's
 * published one are made up. */
#include <stdio.h>
#include <string.h>

#include "service/demo.h"
#include "store/store.h"

struct demo_agency {
	const char *code, *parent, *name;
	enum gk_agency_kind kind;
	int supervises;
	const char *address, *postcode, *phone, *fax, *email;
};

#define HOURS "工作日 上午8:00-12:00，下午14:30-17:30"

static const struct demo_agency agencies[] = {
	{"035200001", NULL, "大同市人民政府", GK_AGENCY_GOVERNMENT, 0,
	 "大同市兴云街2799号文瀛湖办公楼", "037000", "0352-5189000", "", ""},
	{"035200000", "035200001", "大同市人民政府办公厅", GK_AGENCY_OFFICE, 1,
	 "兴云街2799号文瀛湖办公楼主楼11层1116室", "037000", "0352-5189096", "0352-5189096",
	 "dtszfxxgk@qq.com"},
	{"035201000", "035200001", "大同市国土资源局", GK_AGENCY_DEPARTMENT, 0,
	 "大同市御东新区文兴路1号", "037010", "0352-5100101", "0352-5100102",
	 "gtzyj@datong.example.cn"},
	{"035202000", "035200001", "大同市农业机械局", GK_AGENCY_DEPARTMENT, 0,
	 "大同市平城区迎宾街12号", "037006", "0352-5100201", "", "njj@datong.example.cn"},
	{"035203000", "035200001", "大同市农业委员会", GK_AGENCY_DEPARTMENT, 0,
	 "大同市平城区迎宾街14号", "037006", "0352-5100301", "", "nw@datong.example.cn"},
	{"035204000", "035200001", "大同市卫生和计划生育委员会", GK_AGENCY_DEPARTMENT, 0,
	 "大同市平城区永泰南路6号", "037008", "0352-5100401", "0352-5100402",
	 "wjw@datong.example.cn"},
	{"035205000", "035200001", "大同市环境保护局", GK_AGENCY_DEPARTMENT, 0,
	 "大同市御东新区太和路9号", "037010", "0352-5100501", "0352-5100502",
	 "hbj@datong.example.cn"},
	{"035206000", "035200001", "大同市食品药品监督管理局", GK_AGENCY_DEPARTMENT, 0,
	 "大同市平城区魏都大道20号", "037006", "0352-5100601", "", "sypjj@datong.example.cn"},
	{"035207000", "035200001", "大同市质量技术监督局", GK_AGENCY_DEPARTMENT, 0,
	 "大同市平城区魏都大道22号", "037006", "0352-5100701", "", "zjj@datong.example.cn"},
	{"035208000", "035200001", "大同市政务服务中心", GK_AGENCY_DEPARTMENT, 0,
	 "大同市御东新区文瀛湖政务中心", "037010", "0352-5100801", "", "zwzx@datong.example.cn"},
	{"035210000", "035200001", "大同市城区人民政府", GK_AGENCY_GOVERNMENT, 0,
	 "大同市城区新建南路1号", "037008", "0352-2100001", "", "cq@datong.example.cn"},
	{"035210100", "035210000", "大同市城区人民政府办公室", GK_AGENCY_OFFICE, 0,
	 "大同市城区新建南路1号", "037008", "0352-2100002", "0352-2100003",
	 "cqxxgk@datong.example.cn"},
	{"035211000", "035200001", "大同市矿区人民政府", GK_AGENCY_GOVERNMENT, 0,
	 "大同市矿区新平旺", "037003", "0352-3100001", "", "kq@datong.example.cn"},
	{"035211100", "035211000", "大同市矿区人民政府办公室", GK_AGENCY_OFFICE, 0,
	 "大同市矿区新平旺", "037003", "0352-3100002", "", "kqxxgk@datong.example.cn"},
	{"035212000", "035200001", "大同市南郊区人民政府", GK_AGENCY_GOVERNMENT, 0,
	 "大同市南郊区西环路", "037001", "0352-4100001", "", "njq@datong.example.cn"},
	{"035213000", "035200001", "大同市新荣区人民政府", GK_AGENCY_GOVERNMENT, 0,
	 "大同市新荣区新荣镇", "037002", "0352-6100001", "", "xrq@datong.example.cn"},
	{"035221000", "035200001", "阳高县人民政府", GK_AGENCY_GOVERNMENT, 0, "阳高县龙泉镇",
	 "038100", "0352-6600001", "", "yg@datong.example.cn"},
	{"035221100", "035221000", "阳高县人民政府办公室", GK_AGENCY_OFFICE, 0, "阳高县龙泉镇",
	 "038100", "0352-6600002", "", "ygxxgk@datong.example.cn"},
	{"035221200", "035221000", "阳高县环境保护局", GK_AGENCY_DEPARTMENT, 0, "阳高县龙泉镇",
	 "038100", "0352-6600003", "", "yghbj@datong.example.cn"},
	{"035222000", "035200001", "天镇县人民政府", GK_AGENCY_GOVERNMENT, 0, "天镇县玉泉镇",
	 "038200", "0352-6900001", "", "tz@datong.example.cn"},
	{"035223000", "035200001", "广灵县人民政府", GK_AGENCY_GOVERNMENT, 0, "广灵县壶泉镇",
	 "037500", "0352-8600001", "", "gl@datong.example.cn"},
	{"035224000", "035200001", "灵丘县人民政府", GK_AGENCY_GOVERNMENT, 0, "灵丘县武灵镇",
	 "034400", "0352-8300001", "", "lq@datong.example.cn"},
	{"035225000", "035200001", "浑源县人民政府", GK_AGENCY_GOVERNMENT, 0, "浑源县永安镇",
	 "037400", "0352-8300101", "", "hy@datong.example.cn"},
	{"035226000", "035200001", "左云县人民政府", GK_AGENCY_GOVERNMENT, 0, "左云县云兴镇",
	 "037100", "0352-3800001", "", "zy@datong.example.cn"},
	{"035227000", "035200001", "大同县人民政府", GK_AGENCY_GOVERNMENT, 0, "大同县西坪镇",
	 "037300", "0352-7600001", "", "dtx@datong.example.cn"},
};

struct demo_user {
	const char *login, *name, *agency;
	unsigned roles;
};

static const struct demo_user users[] = {
	{"admin", "市政府信息公开办管理员", "035200000", GK_ROLE_ADMIN},
	{"editor", "市政府办公厅信息发布员", "035200000", GK_ROLE_EDITOR},
	{"handler", "市政府办公厅申请办理员", "035200000", GK_ROLE_HANDLER},
	{"reviewer", "市政府办公厅审核员", "035200000", GK_ROLE_REVIEWER},
	{"hbj.editor", "市环保局信息发布员", "035205000", GK_ROLE_EDITOR},
	{"hbj.handler", "市环保局申请办理员", "035205000", GK_ROLE_HANDLER | GK_ROLE_REVIEWER},
	{"yg.admin", "阳高县政府办管理员", "035221000", GK_ROLE_ADMIN},
};

static enum gk_err add_agencies(struct gk_store *s, struct gk_error *err)
{
	for (size_t i = 0; i < sizeof agencies / sizeof agencies[0]; i++) {
		const struct demo_agency *d = &agencies[i];
		struct gk_agency a = {0}, parent;
		if (d->parent) {
			enum gk_err rc = gk_store_agency_by_code(s, d->parent, &parent, err);
			if (rc)
				return rc;
			a.parent_id = parent.id;
		}
		snprintf(a.code, sizeof a.code, "%s", d->code);
		snprintf(a.name, sizeof a.name, "%s", d->name);
		snprintf(a.address, sizeof a.address, "%s", d->address);
		snprintf(a.postcode, sizeof a.postcode, "%s", d->postcode);
		snprintf(a.phone, sizeof a.phone, "%s", d->phone);
		snprintf(a.fax, sizeof a.fax, "%s", d->fax);
		snprintf(a.email, sizeof a.email, "%s", d->email);
		snprintf(a.office_hours, sizeof a.office_hours, "%s", HOURS);
		a.kind = d->kind;
		a.supervises = d->supervises;
		a.sort_order = (int)i;
		enum gk_err rc = gk_store_agency_add(s, &a, err);
		if (rc)
			return rc;
	}
	return GK_OK;
}

static enum gk_err add_users(struct gk_store *s, const char *password, struct gk_demo_result *out,
			     struct gk_error *err)
{
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
		const struct demo_user *d = &users[i];
		struct gk_demo_account *acc = &out->accounts[out->naccounts];
		struct gk_user u = {0};
		struct gk_agency a;
		enum gk_err rc = gk_store_agency_by_code(s, d->agency, &a, err);
		if (rc)
			return rc;
		u.agency_id = a.id;
		u.roles = d->roles;
		snprintf(u.login, sizeof u.login, "%s", d->login);
		snprintf(u.display_name, sizeof u.display_name, "%s", d->name);
		if (password)
			snprintf(acc->password, sizeof acc->password, "%s", password);
		else /* a random one the password policy accepts */
			do
				gk_password_random(acc->password, 12);
			while (gk_password_policy_check(acc->password, d->login, NULL) != GK_OK);
		if ((rc = gk_password_policy_check(acc->password, d->login, err)) ||
		    (rc = gk_password_hash(acc->password, u.password_hash, err)) ||
		    (rc = gk_store_user_add(s, &u, err)))
			return rc;
		snprintf(acc->login, sizeof acc->login, "%s", d->login);
		gk_role_format(d->roles, acc->role, sizeof acc->role);
		snprintf(acc->agency, sizeof acc->agency, "%s", a.name);
		out->naccounts++;
	}
	return GK_OK;
}

enum gk_err gk_svc_demo_create(struct gk_store *s, const char *password, struct gk_demo_result *out,
			       struct gk_error *err)
{
	_Static_assert(sizeof users / sizeof users[0] <= GK_DEMO_MAX_ACCOUNTS,
		       "too many demo accounts");
	memset(out, 0, sizeof *out);
	struct gk_agency root;
	enum gk_err rc = gk_store_agency_root(s, &root, err);
	if (rc == GK_OK)
		return gk_fail(err, GK_ECONFLICT, "数据库中已有机关，演示数据只能载入空数据库");
	if (rc != GK_ENOTFOUND)
		return rc;
	rc = gk_store_begin(s, err);
	if (rc)
		return rc;
	if ((rc = add_agencies(s, err)) || (rc = add_users(s, password, out, err)) ||
	    (rc = gk_store_commit(s, err))) {
		gk_store_rollback(s);
		memset(out, 0, sizeof *out);
		return rc;
	}
	out->nagencies = (int)(sizeof agencies / sizeof agencies[0]);
	return GK_OK;
}
