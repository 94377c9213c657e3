/* Supervision of the yearly reports and the assessment for the city office
 * (政务公开考核): for a year, each agency in the actor's scope with its
 * report's deadline and timing, the figures the assessment is built on and
 * its score on the sheet the city office weighs. See docs/supervision.md. */
#ifndef GK_SERVICE_SUPERVISION_H
#define GK_SERVICE_SUPERVISION_H

#include <stdbool.h>
#include <stddef.h>

#include "core/agency.h"
#include "core/scoring.h"
#include "service/service.h"

struct gk_supervision_row {
	struct gk_agency agency; /* depth relative to the tree's root */
	long deadline;           /* day number */
	long published;          /* the day its report was first published, else GK_NO_DAY */
	struct gk_assessment fig;
	struct gk_score score;
};

struct gk_supervision {
	int year;
	long today;  /* the service's today */
	long cutoff; /* 31 December of year, or today if that is earlier */
	int weights[GK_CRIT_COUNT];
	bool weights_stored; /* the city office set this year's weights (else defaults) */
	struct gk_supervision_row *rows; /* in tree order; owned */
	size_t count;
};

/* Fills OUT for YEAR (GK_REPORT_YEAR_MIN..MAX, else GK_EINVAL naming 年度):
 * every agency the actor sees (the city office: all; others their subtree;
 * the command line: all). One grouped statement per kind of figure. Release
 * OUT with gk_supervision_release, also after a failure. */
enum gk_err gk_svc_supervision(struct gk_svc *svc, int year, struct gk_supervision *out,
			       struct gk_error *err);
void gk_supervision_release(struct gk_supervision *sv);

/* The agencies the actor sees, in tree order (the city office and the
 * command line: all; others their agency's subtree). Release OUT with
 * gk_agency_list_release. */
enum gk_err gk_svc_visible_agencies(struct gk_svc *svc, struct gk_agency_list *out,
				    struct gk_error *err);

/* YEAR's weights into WEIGHTS: the stored ones, defaults for the others;
 * *STORED (may be NULL) tells whether any was stored. */
enum gk_err gk_svc_score_weights(struct gk_svc *svc, int year, int weights[GK_CRIT_COUNT],
				 bool *stored, struct gk_error *err);
/* True if the actor may set weights: an administrator or editor of the
 * city office (the agency that supervises), or the command line. */
bool gk_svc_score_weights_settable(const struct gk_svc *svc);
/* Stores YEAR's weights (each 0..GK_WEIGHT_MAX, else GK_EINVAL naming the
 * criterion) in one transaction with its audit row. */
enum gk_err gk_svc_score_weights_set(struct gk_svc *svc, int year, const int weights[GK_CRIT_COUNT],
				     struct gk_error *err);

#endif
