/* The revision history's diff (web/revision_diff.c): Chinese labels, old →
 * new in words, no JSON, no field names, texts cut on characters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/utf8.h"
#include "web/revision_diff.h"

static char *diff(const char *older, const char *newer)
{
	json_t *o = older ? json_loads(older, 0, NULL) : NULL;
	json_t *n = json_loads(newer, 0, NULL);
	assert_non_null(n);
	struct gk_buf b;
	gk_buf_init(&b, 1 << 20);
	gk_revision_diff(&b, o, n);
	json_decref(o);
	json_decref(n);
	return gk_buf_detach(&b, NULL);
}

static void test_fields_in_chinese(void **state)
{
	char *t = diff(
		"{\"title\":\"旧标题\",\"status\":\"draft\",\"agency\":{\"code\":\"1\",\"name\":\"市环保局\"},"
		"\"channels\":[\"website\"],\"genre\":{\"code\":\"notice\",\"label\":\"通知\"},\"doc_no\":\"\","
		"\"validity\":\"valid\",\"validity_label\":\"有效\",\"some_new_field\":1}",
		"{\"title\":\"新标题\",\"status\":\"published\",\"agency\":{\"code\":\"1\",\"name\":\"市环保局\"},"
		"\"channels\":[\"website\",\"wechat\"],\"genre\":{\"code\":\"notice\",\"label\":\"通知\"},"
		"\"doc_no\":\"同政发〔2024〕1号\",\"validity\":\"repealed\",\"validity_label\":\"废止\","
		"\"some_new_field\":2}");
	assert_non_null(
		strstr(t, "<span class=\"field\">标题</span>：<span class=\"old\">旧标题</span> → "
			  "<span class=\"new\">新标题</span>"));
	assert_non_null(strstr(t, "草稿</span> → <span class=\"new\">已发布"));
	assert_non_null(strstr(t, "政府网站</span> → <span class=\"new\">政府网站、微信"));
	assert_non_null(strstr(t, "文号</span>：<span class=\"old\">（空）"));
	assert_non_null(strstr(t, "有效</span> → <span class=\"new\">废止"));
	assert_non_null(strstr(t, "其他 1 项信息有修改"));
	/* unchanged fields are not listed; no field names, no JSON */
	assert_null(strstr(t, "发布机构"));
	assert_null(strstr(t, "体裁"));
	assert_null(strstr(t, "title"));
	assert_null(strstr(t, "status"));
	assert_null(strstr(t, "{"));
	free(t);
	t = diff(NULL, "{\"title\":\"第一版\"}");
	assert_non_null(strstr(t, "首次保存：第一版"));
	free(t);
	t = diff("{\"title\":\"同\"}", "{\"title\":\"同\"}");
	assert_non_null(strstr(t, "（无变化）"));
	free(t);
}

static void test_long_texts_cut_on_characters(void **state)
{
	char body[4000] = "";
	for (int i = 0; i < 300; i++)
		strcat(body, "依申请");
	char older[9000], newer[9000];
	snprintf(older, sizeof older, "{\"body\":\"短\",\"summary\":\"%s\"}", body);
	snprintf(newer, sizeof newer, "{\"body\":\"%s\",\"summary\":\"x%s\"}", body, body);
	char *t = diff(older, newer);
	assert_true(gk_utf8_valid(t, strlen(t)));
	assert_non_null(strstr(t, "正文</span>：已修改（原 1 字，现 900 字）"));
	assert_non_null(strstr(t, "…"));
	assert_null(strstr(t, "\xef\xbf\xbd"));
	free(t);
	assert_string_equal(gk_revision_action_label("publish"), "发布");
	assert_string_equal(gk_revision_action_label("nonsense"), "其他操作");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_in_chinese),
		cmocka_unit_test(test_long_texts_cut_on_characters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
