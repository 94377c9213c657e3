/* Fuzz target: the holiday-file parser (an administrator's upload). Every
 * input must be either refused with a message or loaded, and a loaded year
 * must format and load again to the same days. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "lib/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_calendar *cal = gk_calendar_new();
	struct gk_calendar *copy = gk_calendar_new();
	struct gk_error err = {GK_OK, ""};
	int year = 0;
	if (!cal || !copy)
		abort();
	if (gk_calendar_load_year(cal, (const char *)data, size, &year, &err) == GK_OK) {
		struct gk_buf b;
		gk_buf_init(&b, 0);
		if (gk_calendar_format_year(cal, year, &b, &err) != GK_OK ||
		    gk_calendar_load_year(copy, b.data, b.len, NULL, &err) != GK_OK)
			abort();
		long jan1 = gk_date_to_days((struct gk_date){year, 1, 1});
		for (long d = jan1; d < jan1 + 366; d++)
			if (gk_calendar_is_workday(cal, d) != gk_calendar_is_workday(copy, d))
				abort();
		gk_buf_release(&b);
	} else if (err.detail[0] == '\0') {
		abort(); /* every refusal says why */
	}
	gk_calendar_free(cal);
	gk_calendar_free(copy);
	return 0;
}
