/* libFuzzer target: the report decoder, extractor and checker over any bytes,
 * with a second copy of the input as the "previous" report. */
#include <stddef.h>
#include <stdint.h>

#include "core/report/check.h"
#include "core/report/output.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_report_result *res = NULL;
	struct gk_error err = {0};
	size_t half = size / 2;
	const char *d = (const char *)data;
	/* the whole input alone, then its halves as this year and last year */
	if (gk_report_check(d, size, NULL, 0, &res, &err) == GK_OK) {
		struct gk_buf b;
		gk_buf_init(&b, 0);
		gk_report_result_text(res, "fuzz", &b);
		gk_buf_release(&b);
		json_t *j = gk_report_result_json(res, "fuzz");
		json_decref(j);
		gk_report_result_free(res);
	}
	res = NULL;
	if (half && gk_report_check(d + half, size - half, d, half, &res, &err) == GK_OK)
		gk_report_result_free(res);
	return 0;
}
