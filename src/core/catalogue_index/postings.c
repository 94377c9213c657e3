/* Text postings: none yet (queries scan the texts). */
#include "core/catalogue_index/internal.h"

int ci_postings_build(struct ci_vec *keys, struct ci_vec *off, struct ci_vec *data,
		      const struct ci_main *m, const uint64_t *text_off, const uint32_t *alen,
		      const char *text, uint32_t n);

int ci_postings_build(struct ci_vec *keys, struct ci_vec *off, struct ci_vec *data,
		      const struct ci_main *m, const uint64_t *text_off, const uint32_t *alen,
		      const char *text, uint32_t n)
{
	uint64_t zero = 0;
	return ci_vec_add(off, &zero, 8);
}
