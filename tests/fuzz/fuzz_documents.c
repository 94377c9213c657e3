/* libFuzzer target: gk_document_text as the checker calls it, with its child
 * processes (pdftotext for a PDF, unzip for a .docx), then the checker on
 * the text. Slow (a process per input): run it on the kept PDF and DOCX
 * corpora for a bounded time; the reader's own time and size limits hold. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/report/check.h"
#include "service/document_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *d = (const char *)data;
	if (!gk_document_needs_reading(d, size))
		return 0; /* plain text: fuzz_report's */
	char *text = NULL;
	size_t len = 0;
	struct gk_error err = {0};
	enum gk_err rc = gk_document_text(d, size, &text, &len, &err);
	if (rc != GK_OK) {
		if (text || strchr(err.detail, '\n'))
			__builtin_trap(); /* nothing on failure; the reason is one line */
		return 0;
	}
	if (strlen(text) > len)
		__builtin_trap();
	struct gk_report_result *res = NULL;
	if (gk_report_check(text, len, NULL, 0, &res, &err) == GK_OK)
		gk_report_result_free(res);
	free(text);
	return 0;
}
