/* Agency validation and labels. */
#include <stdlib.h>
#include <string.h>

#include "core/agency.h"
#include "lib/utf8.h"

GK_ENUM_DEFINE(gk_agency_kind, GK_AGENCY_KIND_LIST)

void gk_agency_list_release(struct gk_agency_list *l)
{
	free(l->items);
	l->items = NULL;
	l->count = 0;
}

enum gk_err gk_field_set(char *dst, size_t size, const char *s, const char *field,
			 struct gk_error *err)
{
	size_t n = s ? strlen(s) : 0;
	if (n >= size)
		return gk_fail(err, GK_EINVAL, "“%s”过长（不能超过%zu字节）", field, size - 1);
	if (n && !gk_utf8_valid(s, n))
		return gk_fail(err, GK_EINVAL, "“%s”不是有效的UTF-8文字", field);
	memcpy(dst, s ? s : "", n + 1);
	return GK_OK;
}

static bool all_chars(const char *s, const char *allowed)
{
	return strspn(s, allowed) == strlen(s);
}

static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20)
			return true;
	return false;
}

enum gk_err gk_agency_validate(const struct gk_agency *a, struct gk_error *err)
{
	static const char alnum[] =
		"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	size_t code_len = strlen(a->code);
	if (code_len < 2 || code_len > 18 || !all_chars(a->code, alnum))
		return gk_fail(
			err, GK_EINVAL,
			"“机关代码”“%s”须为2至18位字母或数字（组织机构代码或统一社会信用代码）",
			a->code);
	if (!a->name[0])
		return gk_fail(err, GK_EINVAL, "请填写“机关名称”");
	const struct {
		const char *field, *value;
	} texts[] = {
		{"机关名称", a->name}, {"地址", a->address},   {"电话", a->phone},
		{"传真", a->fax},      {"电子邮箱", a->email}, {"办公时间", a->office_hours},
		{"网站", a->website},
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		if (!gk_utf8_valid(texts[i].value, strlen(texts[i].value)))
			return gk_fail(err, GK_EINVAL, "“%s”不是有效的UTF-8文字", texts[i].field);
		if (has_control(texts[i].value))
			return gk_fail(err, GK_EINVAL, "“%s”含有不允许的控制字符", texts[i].field);
	}
	if (a->postcode[0] && (strlen(a->postcode) != 6 || !all_chars(a->postcode, "0123456789")))
		return gk_fail(err, GK_EINVAL, "“邮政编码”“%s”须为6位数字", a->postcode);
	if (!all_chars(a->phone, "0123456789-+() ,;") || !all_chars(a->fax, "0123456789-+() ,;"))
		return gk_fail(err, GK_EINVAL, "“电话”和“传真”只能含数字、空格和 - + ( ) ,");
	if (a->email[0]) {
		const char *at = strchr(a->email, '@');
		if (!at || at == a->email || !strchr(at, '.') || strchr(a->email, ' '))
			return gk_fail(err, GK_EINVAL, "“电子邮箱”“%s”不是电子邮件地址", a->email);
	}
	if (a->website[0] && strncmp(a->website, "http://", 7) != 0 &&
	    strncmp(a->website, "https://", 8) != 0)
		return gk_fail(err, GK_EINVAL, "“网站”须以http://或https://开头");
	if ((unsigned)a->kind >= GK_AGENCY_KIND_COUNT)
		return gk_fail(err, GK_EINVAL, "“机关类型”的值不在可选范围内");
	return GK_OK;
}
