/* Fuzz target: the rich-text sanitiser (core/richtext.c), which takes item
 * bodies from editors, imports and the API. Properties: the output is
 * valid UTF-8; every tag in it is one the sanitiser builds (an allowed
 * name, no attribute but a small colspan/rowspan), so no <script, no on*=
 * handler and no javascript: URL can survive; sanitising the output again
 * changes nothing; its plain text is valid UTF-8. */
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_check.h"

#include "core/richtext.h"
#include "lib/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool richtext_allowed_name(const char *name, size_t n)
{
	static const char *const names[] = {
		"p",          "h2",    "h3",      "h4",    "h5",    "h6",    "ul", "ol", "li",
		"blockquote", "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th",
		"br",         "hr",    "strong",  "em",    "sub",   "sup",   NULL};
	for (int i = 0; names[i]; i++)
		if (strlen(names[i]) == n && memcmp(names[i], name, n) == 0)
			return true;
	return false;
}

/* Every '<' in OUT opens a tag the sanitiser may write: <name>, </name>,
 * <name/>, or a cell with colspan="N" / rowspan="N"; a '>' appears only to
 * close such a tag, and '"' only inside one. */
static void richtext_check_markup(const char *out, size_t len)
{
	const char *p = out, *end = out + len;
	while (p < end) {
		if (*p == '>')
			FUZZ_CHECK(false, "a bare '>' outside a tag");
		if (*p == '"')
			FUZZ_CHECK(false, "a bare '\"' outside a tag");
		if (*p != '<') {
			p++;
			continue;
		}
		p++;
		if (p < end && *p == '/')
			p++;
		const char *name = p;
		while (p < end && (islower((unsigned char)*p) || isdigit((unsigned char)*p)))
			p++;
		FUZZ_CHECK(richtext_allowed_name(name, (size_t)(p - name)), "a tag not allowed");
		bool cell = (p - name == 2) && (!memcmp(name, "td", 2) || !memcmp(name, "th", 2));
		while (p < end && *p == ' ') {
			p++;
			const char *attr = p;
			while (p < end && islower((unsigned char)*p))
				p++;
			size_t an = (size_t)(p - attr);
			FUZZ_CHECK(cell && ((an == 7 && !memcmp(attr, "colspan", 7)) ||
					    (an == 7 && !memcmp(attr, "rowspan", 7))),
				   "an attribute other than a cell's span");
			FUZZ_CHECK(p + 1 < end && p[0] == '=' && p[1] == '"',
				   "an unquoted attribute");
			p += 2;
			const char *num = p;
			while (p < end && isdigit((unsigned char)*p))
				p++;
			FUZZ_CHECK(p > num && p - num <= 3 && p < end && *p == '"',
				   "a span that is not a small number");
			p++;
		}
		if (p < end && *p == '/')
			p++;
		FUZZ_CHECK(p < end && *p == '>', "a tag not closed at once");
		p++;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_buf once, twice, text;
	gk_buf_init(&once, (size_t)16 << 20);
	gk_buf_init(&twice, (size_t)16 << 20);
	gk_buf_init(&text, (size_t)16 << 20);
	gk_richtext_sanitise(&once, (const char *)data, size);
	if (!once.failed) {
		FUZZ_CHECK(gk_utf8_valid(once.data, once.len), "the output is valid UTF-8");
		FUZZ_CHECK(strlen(once.data) == once.len, "no NUL in the output");
		richtext_check_markup(once.data, once.len);
		gk_richtext_sanitise(&twice, once.data, once.len);
		FUZZ_CHECK(!twice.failed && twice.len == once.len &&
				   memcmp(twice.data, once.data, once.len) == 0,
			   "sanitise(sanitise(x)) == sanitise(x)");
		gk_richtext_text(&text, once.data, once.len);
		FUZZ_CHECK(text.failed || gk_utf8_valid(text.data, text.len),
			   "the plain text is valid UTF-8");
	}
	gk_buf_release(&once);
	gk_buf_release(&twice);
	gk_buf_release(&text);
	return 0;
}
