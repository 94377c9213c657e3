/* libFuzzer target: the look at a .docx's ZIP directory made before unzip
 * runs (gk_docx_check_package) over any bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/report/docx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *d = (const char *)data;
	struct gk_error err = {0};
	enum gk_err rc = gk_docx_check_package(d, size, &err);
	/* a refusal is one line */
	if (rc != GK_OK && (!err.detail[0] || strchr(err.detail, '\n')))
		__builtin_trap();
	if (rc == GK_OK && !gk_docx_is_zip(d, size))
		__builtin_trap();
	return 0;
}
