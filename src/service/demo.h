/* The demo city: agencies like the seed's (a prefecture-level city, its
 * general office, departments, districts and counties) and one staff
 * account per role, so a newcomer can try everything. */
#ifndef GK_SERVICE_DEMO_H
#define GK_SERVICE_DEMO_H

#include "lib/error.h"

struct gk_store;

#define GK_DEMO_MAX_ACCOUNTS 8

struct gk_demo_account {
	char login[64];
	char password[40];
	char role[32];
	char agency[160];
};

struct gk_demo_result {
	struct gk_demo_account accounts[GK_DEMO_MAX_ACCOUNTS];
	int naccounts;
	int nagencies;
};

/* Fills an empty database with the demo city in one transaction. PASSWORD,
 * if not NULL, is every account's password (for tests); otherwise each gets
 * a random one, reported in OUT. GK_ECONFLICT if the database has agencies. */
enum gk_err gk_svc_demo_create(struct gk_store *s, const char *password, struct gk_demo_result *out,
			       struct gk_error *err);

/* Adds the demo catalogue (service/demo_items.c): for 22 demo agencies and
 * each year 2015–2018 about PER_YEAR items (1.5 times as many for the
 * city's), their interpretations and yearly reports — about 109 items per
 * unit of PER_YEAR; then for all 25 (the district and county offices too)
 * and each year from 2019 to last year, about PER_YEAR / 6 (at least 4), with
 * 规章 (the city government's only), 行政规范性文件, repeals and expiries
 * and an interpretation of each — about 5 items per unit a year, so 146 in
 * all in 2026. Published with 索引号 through the publishing use case,
 * committed every 5,000 items (a failure rolls back the batch it happened
 * in and returns). *COUNT gets the number of items. */
enum gk_err gk_svc_demo_catalogue(struct gk_store *s, int per_year, int *count,
				  struct gk_error *err);

/* Adds the demo applications for disclosure (service/demo_applications.c): 2017
 * with the seed report's totals, 2019 to last year under the 2019 rules,
 * and open ones relative to today (some overdue), each driven through the
 * workflow, in one transaction. *COUNT gets the number of applications.
 * Needs the demo accounts. */
enum gk_err gk_svc_demo_applications(struct gk_store *s, int *count, struct gk_error *err);

#endif
