/* Agencies (机构): the tree of a city government, its offices, departments,
 * districts and counties, each with its disclosure office's contact. */
#ifndef GK_CORE_AGENCY_H
#define GK_CORE_AGENCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/enumtab.h"
#include "lib/error.h"

/* The kinds of agency; codes are stored (agencies.kind) and are the API's. */
#define GK_AGENCY_KIND_LIST(X)                                                         \
	X(GK_AGENCY_GOVERNMENT, "government", "人民政府") /* city, district, county */ \
	X(GK_AGENCY_OFFICE, "office", "办公厅(室)")       /* 办公厅/办公室 */    \
	X(GK_AGENCY_DEPARTMENT, "department", "工作部门")                              \
	X(GK_AGENCY_OTHER, "other", "其他") /* 派出机构, 事业单位 … */
GK_ENUM_DECLARE(gk_agency_kind, GK_AGENCY_KIND, GK_AGENCY_KIND_LIST);

struct gk_agency {
	int64_t id;
	int64_t parent_id; /* 0 for the root */
	char code[40];     /* 组织机构代码 or 统一社会信用代码; prefix of 索引号 */
	char name[160];
	enum gk_agency_kind kind;
	bool supervises; /* the city's disclosure office: its staff see all */
	int sort_order;
	int depth; /* filled by listings: 0 for the root */
	/* the disclosure office (政府信息公开工作机构) */
	char address[256];
	char postcode[16];
	char phone[64];
	char fax[64];
	char email[128];
	char office_hours[128];
	char website[256];
};

struct gk_agency_list {
	struct gk_agency *items;
	size_t count;
};

/* Frees L's items; L is an empty list afterwards. */
void gk_agency_list_release(struct gk_agency_list *l);

/* Checks every field of A; on error names the field in ERR. */
enum gk_err gk_agency_validate(const struct gk_agency *a, struct gk_error *err);

/* Copies S into a fixed field, failing (GK_EINVAL naming FIELD) if too long. */
enum gk_err gk_field_set(char *dst, size_t size, const char *s, const char *field,
			 struct gk_error *err);

#endif
