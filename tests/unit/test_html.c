/* Unit tests for lib/html: each context escapes what it must. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "lib/html.h"

static char *render(void (*fn)(struct gk_buf *, const char *), const char *in, struct gk_buf *b)
{
	gk_buf_init(b, 0);
	fn(b, in);
	return b->data;
}

static void text_escapes_markup_and_quotes(void **state)
{
	struct gk_buf b;
	assert_string_equal(render(gk_html_text, "<script>alert('x')</script>&\"", &b),
			    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
	gk_buf_release(&b);
	assert_string_equal(render(gk_html_text, "政府信息公开", &b), "政府信息公开");
	gk_buf_release(&b);
}

static void attr_cannot_break_out(void **state)
{
	struct gk_buf b;
	assert_string_equal(render(gk_html_attr, "\" onmouseover=\"x", &b),
			    "&quot; onmouseover=&quot;x");
	gk_buf_release(&b);
}

static void url_arg_percent_encodes(void **state)
{
	struct gk_buf b;
	assert_string_equal(render(gk_html_url_arg, "a b/c?d=&\"<", &b),
			    "a%20b%2Fc%3Fd%3D%26%22%3C");
	gk_buf_release(&b);
	assert_string_equal(render(gk_html_url_arg, "公开", &b), "%E5%85%AC%E5%BC%80");
	gk_buf_release(&b);
	assert_string_equal(render(gk_html_url_arg, "javascript:alert(1)", &b),
			    "javascript%3Aalert%281%29");
	gk_buf_release(&b);
}

static void null_text_writes_nothing(void **state)
{
	struct gk_buf b;
	assert_string_equal(render(gk_html_text, NULL, &b), "");
	gk_buf_release(&b);
}

static void ints(void **state)
{
	struct gk_buf b;
	gk_buf_init(&b, 0);
	gk_html_int(&b, -1234567890123LL);
	assert_string_equal(b.data, "-1234567890123");
	gk_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_escapes_markup_and_quotes),
		cmocka_unit_test(attr_cannot_break_out),
		cmocka_unit_test(url_arg_percent_encodes),
		cmocka_unit_test(null_text_writes_nothing),
		cmocka_unit_test(ints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
