/* Unit tests for core/richtext: formatting survives, script never does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/richtext.h"

static char out[65536];

static const char *san(const char *in)
{
	struct gk_buf b;
	gk_buf_init(&b, 0);
	gk_richtext_sanitise(&b, in, strlen(in));
	snprintf(out, sizeof out, "%s", b.data);
	gk_buf_release(&b);
	return out;
}

/* Nothing that can run: no tag but ours, no attribute but colspan/rowspan,
 * no javascript: anywhere inside a tag. */
static void assert_inert(const char *html)
{
	static const char *const ours[] = {
		"p",          "h2",    "h3",      "h4",    "h5",    "h6",    "ul", "ol", "li",
		"blockquote", "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
		"br",         "hr",    "strong",  "em",    "sub",   "sup",   NULL};
	for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
		const char *q = p + 1 + (p[1] == '/');
		size_t n = strcspn(q, " >");
		int ok = 0;
		for (int i = 0; ours[i]; i++)
			if (strlen(ours[i]) == n && strncmp(q, ours[i], n) == 0)
				ok = 1;
		if (!ok)
			fail_msg("unexpected tag in: %s", html);
		const char *end = strchr(p, '>');
		assert_non_null(end);
		const char *attr = q + n;
		if (*attr == ' ' && strncmp(attr, " colspan=\"", 10) &&
		    strncmp(attr, " rowspan=\"", 10))
			fail_msg("unexpected attribute in: %s", html);
	}
}

static void plain_lines_become_paragraphs(void **state)
{
	assert_string_equal(san("第一段。\n\n  第二段。 \n"), "<p>第一段。</p>\n<p>第二段。</p>\n");
	assert_string_equal(san("a < b & c"), "<p>a &lt; b &amp; c</p>\n");
}

static void formatting_is_kept(void **state)
{
	assert_string_equal(san("<h1>标题</h1><p>正文<strong>加粗</strong></p>"),
			    "<h2>标题</h2><p>正文<strong>加粗</strong></p>");
	assert_string_equal(san("<ul><li>一</li><li>二</ul>"), "<ul><li>一</li><li>二</li></ul>");
	assert_string_equal(san("<table><tr><td colspan=\"2\" style=\"x\">a</td></tr></table>"),
			    "<table><tr><td colspan=\"2\">a</td></tr></table>");
	assert_string_equal(san("<P STYLE=\"color:red\"><SPAN>文字</SPAN></P>"), "<p>文字</p>");
}

static void script_arrives_as_text(void **state)
{
	assert_string_equal(san("<p>x</p><script>alert(1)</script>"),
			    "<p>x</p>&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_string_equal(san("<script>alert(1)</script>"),
			    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
}

static void xss_vectors_are_inert(void **state)
{
	static const char *const vectors[] = {
		"<p onclick=\"alert(1)\">x</p>",
		"<img src=x onerror=alert(1)>",
		"<p><a href=\"javascript:alert(1)\">link</a></p>",
		"<svg/onload=alert(1)>",
		"<p>a<iframe src=//evil></iframe></p>",
		"<p title=\"><script>alert(1)</script>\">x</p>",
		"<p><scr<script>ipt>alert(1)</script></p>",
		"<!--<script>alert(1)</script>--><p>x</p>",
		"<p style=\"background:url(javascript:alert(1))\">x</p>",
		"<td colspan=\"2 onmouseover=alert(1)\">x</td>",
		"<table><tr><td rowspan=\"99999\" onclick=x>x</td></tr></table>",
		"<p>&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;</p>",
		"<p>&#0;&#x0;&#xD800;</p><p>&unknown;</p>",
		"<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
		"<p><object data=x></object><embed src=x><base href=//evil></p>",
		"<p\n onclick=alert(1)>x</p>",
		"<li>orphan</li><td>cell</td></p></table>",
		"<p><style>*{x:expression(alert(1))}</style></p>",
		"<form action=//evil><input name=x></form><p>x</p>",
		"<p>\xff\xfe<</p>",
		"<p><<p>>x</p>",
		"<meta http-equiv=refresh content=0;url=//evil><p>x</p>",
		NULL};
	for (int i = 0; vectors[i]; i++) {
		const char *html = san(vectors[i]);
		assert_inert(html);
		assert_null(strstr(html, "<script"));
		assert_null(strstr(html, "<img"));
		assert_null(strstr(html, "<a "));
	}
}

static void sanitising_twice_changes_nothing(void **state)
{
	static const char *const inputs[] = {
		"<h2>一、总则</h2><p>第一条 <b>为了</b>……</p><ol><li>甲</li></ol>",
		"plain\nlines & <b>not tags</b>",
		"<table><tr><th>项目</th><td rowspan=\"2\">1</td></tr></table><p>&nbsp;&amp;&#39;</p>",
		"<script>x</script><p>y", NULL};
	char first[4096];
	for (int i = 0; inputs[i]; i++) {
		snprintf(first, sizeof first, "%s", san(inputs[i]));
		assert_string_equal(san(first), first);
	}
}

static void nesting_is_closed(void **state)
{
	assert_string_equal(san("<p>a<strong>b"), "<p>a<strong>b</strong></p>");
	assert_string_equal(san("<p>one<p>two"), "<p>one</p><p>two</p>");
	assert_string_equal(san("<strong>x</em></strong>"), "<strong>x</strong>");
}

static void text_extraction(void **state)
{
	struct gk_buf b;
	const char *html = "<h2>标题</h2><p>正文<strong>加粗</strong>文字 &amp; 更多</p><p>二</p>";
	gk_buf_init(&b, 0);
	gk_richtext_text(&b, html, strlen(html));
	assert_string_equal(b.data, "标题\n正文加粗文字 & 更多\n二");
	gk_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_lines_become_paragraphs),
		cmocka_unit_test(formatting_is_kept),
		cmocka_unit_test(script_arrives_as_text),
		cmocka_unit_test(xss_vectors_are_inert),
		cmocka_unit_test(sanitising_twice_changes_nothing),
		cmocka_unit_test(nesting_is_closed),
		cmocka_unit_test(text_extraction),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
