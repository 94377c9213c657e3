/* The yearly report (政府信息公开工作年度报告) as figures, computed from the
 * records: one agency's own, or summed over its subtree (the city-wide
 * report). Each agency is counted alone (core/report/annual_count.h) and a
 * roll-up is the sum of its agencies (gk_annual_add), so it equals the sum
 * of its parts by construction; every report built is proved with
 * gk_annual_verify (a failure is a bug and is returned). See
 * docs/annual-report.md. */
#ifndef GK_SERVICE_ANNUAL_REPORT_H
#define GK_SERVICE_ANNUAL_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/agency.h"
#include "core/report/annual.h"
#include "service/service.h"

/* Builds into OUT (initialised here; release it with gk_annual_release) the
 * report of AGENCY_ID on YEAR: its own records, or with ROLLUP those of its
 * whole subtree; agency name and code, nagencies, records (0: nothing was
 * recorded for the year) and the newest narrative sections are filled.
 * Staff may build reports of their own subtree only (GK_EFORBIDDEN); the
 * command line (no actor) any. GK_EINVAL for a year out of range,
 * GK_ENOTFOUND for an unknown agency. */
enum gk_err gk_svc_annual_build(struct gk_svc *svc, int64_t agency_id, int year, bool rollup,
				struct gk_annual *out, struct gk_error *err);

/* The years before YEAR for the HTML format's five-year trends: the reports
 * of AGENCY_ID (own, or with ROLLUP its subtree) on YEAR-NMAX … YEAR-1 that
 * can be built (not before 2008), oldest first, into OUT[0..*N) (release
 * each with gk_annual_release). Scope and failures as gk_svc_annual_build. */
enum gk_err gk_svc_annual_build_history(struct gk_svc *svc, int64_t agency_id, int year,
					bool rollup, struct gk_annual *out, int nmax, int *n,
					struct gk_error *err);

/* The same for anyone (public pages), for a report that has been published
 * (annual_reports); GK_ENOTFOUND otherwise. */
enum gk_err gk_svc_annual_build_published(struct gk_svc *svc, int64_t agency_id, int year,
					  bool rollup, struct gk_annual *out, struct gk_error *err);

/* Builds every agency's own report of ROOT's subtree on YEAR in one pass
 * (one query per kind of record for all of them) and calls FN for each in
 * tree order, ROOT first (no sections loaded; A is valid during the call);
 * FN returns nonzero to stop. Scope as gk_svc_annual_build. */
enum gk_err gk_svc_annual_build_many(struct gk_svc *svc, int64_t root, int year,
				     int (*fn)(const struct gk_agency *agency,
					       const struct gk_annual *a, void *ctx),
				     void *ctx, struct gk_error *err);

#endif
