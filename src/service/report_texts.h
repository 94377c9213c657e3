/* The yearly report's sections staff write (总体情况, 存在的主要问题及改进
 * 情况, 其他需要报告的事项): saved as new versions, every version kept, two
 * editors never overwriting each other silently. Editors and administrators
 * of the agency's subtree (the city office: every agency). */
#ifndef GK_SERVICE_REPORT_TEXTS_H
#define GK_SERVICE_REPORT_TEXTS_H

#include <stdbool.h>

#include "core/report/annual.h"
#include "service/service.h"

#define GK_REPORT_TEXT_MAX 20000 /* characters in one section */
#define GK_REPORT_YEAR_MIN 2008  /* the first year of the 2008 条例 */
#define GK_REPORT_YEAR_MAX 2100

/* One section as an editor sends it. */
struct gk_report_text_input {
	enum gk_report_section section;
	int expected;     /* the revision the editor started from (0: none yet) */
	const char *body; /* UTF-8; "\r\n" is kept as "\n" */
	int revision;     /* out: the revision now current (unchanged if nothing
			     was saved) */
	bool saved;       /* out: a new version was stored */
};

/* True if the actor may write the texts of AGENCY_ID (editor or admin in
 * scope; the command line may). */
bool gk_svc_report_texts_writable(struct gk_svc *svc, int64_t agency_id);

/* Checks YEAR as a report year; GK_EINVAL in Chinese naming 年度. */
enum gk_err gk_report_year_check(int year, struct gk_error *err);

/* Saves the N sections IN of AGENCY_ID's report on YEAR in one transaction,
 * each with its audit row. A section whose text is the one its editor
 * started from is left alone (nothing changed); one that changed becomes a
 * new version if its current version is still in->expected, else the whole
 * save fails with GK_ECONFLICT naming the section (nothing is stored).
 * GK_EINVAL names a bad year, section or a text over GK_REPORT_TEXT_MAX;
 * GK_EFORBIDDEN for another agency or role. */
enum gk_err gk_svc_report_texts_save(struct gk_svc *svc, int64_t agency_id, int year,
				     struct gk_report_text_input *in, size_t n,
				     struct gk_error *err);

#endif
