/* GET /api/v1/consultations and /api/v1/consultations/{id} — the published
 * questions and answers of online consultation for programs: the filters
 * of /consult/answers (agency, q, before, per_page), newest first,
 * {"items": […], "per_page": N, "next_before": id or null}. Never the
 * asker's name or contact. */
#include <stdio.h>
#include <string.h>

#include "web/applications.h"
#include "web/catalogue.h"
#include "web/consultations.h"
#include "web/pages.h"

static json_t *to_json(struct gk_request *r, const struct gk_consultation *c)
{
	char path[64];
	snprintf(path, sizeof path, "/consult/answers/%lld", (long long)c->id);
	return json_pack("{s:I, s:{s:s, s:s}, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
			 (json_int_t)c->id, "agency", "code", c->agency_code, "name",
			 c->agency_name, "subject", c->subject, "question", c->question, "answer",
			 c->answer, "received", gk_app_day(r, c->received), "answered",
			 gk_app_day(r, c->answered), "url", gk_catalogue_url(r, path));
}

struct listing {
	struct gk_request *r;
	json_t *items;
	int n;
	int64_t last;
};

static int add(const struct gk_consultation *c, void *ctx)
{
	struct listing *l = ctx;
	json_t *o = to_json(l->r, c);
	if (o)
		json_array_append_new(l->items, o);
	l->n++;
	l->last = c->id;
	return 0;
}

void gk_api_consultations(struct gk_request *r)
{
	struct gk_error err = {0};
	struct gk_question_filter f;
	struct listing l = {r, json_array(), 0, 0};
	if (gk_consult_public_filter(r, &f, &err) == GK_OK)
		gk_store_consultation_list(r->store, &f, add, &l, &err);
	if (err.code) {
		json_decref(l.items);
		gk_respond_error(r, err.code, gk_error_text(&err));
		return;
	}
	json_t *next = l.n == f.limit ? json_integer((json_int_t)l.last) : json_null();
	gk_respond_json(r, 200,
			json_pack("{s:I, s:o, s:o}", "per_page", (json_int_t)f.limit, "next_before",
				  next, "items", l.items));
}

void gk_api_consultation(struct gk_request *r)
{
	struct gk_consultation c;
	if (!gk_consult_published(r, &c))
		return;
	json_t *o = to_json(r, &c);
	gk_consultation_release(&c);
	gk_respond_json(r, 200, o);
}
