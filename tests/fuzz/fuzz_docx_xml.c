/* libFuzzer target: a Word document's body (word/document.xml) as text, the
 * merged cells included, then that text through the checker. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/report/check.h"
#include "core/report/docx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_buf text;
	gk_buf_init(&text, GK_REPORT_MAX_INPUT);
	gk_docx_xml_text((const char *)data, size, &text);
	/* the text is NUL-terminated and holds no NUL the XML did not */
	if (strlen(text.data) > text.len)
		__builtin_trap();
	struct gk_report_result *res = NULL;
	struct gk_error err = {0};
	if (text.len && gk_report_check(text.data, text.len, NULL, 0, &res, &err) == GK_OK)
		gk_report_result_free(res);
	gk_buf_release(&text);
	return 0;
}
