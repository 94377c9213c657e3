/* Fuzz target: the API's JSON request bodies as the router reads them
 * (web/router.c, included whole for its static read_body and
 * check_params): the body checked as UTF-8, parsed, its fields made
 * parameters and each checked against the route's declaration. The first
 * byte picks one of the table's JSON routes, the rest is the body.
 * Properties: no crash or sanitizer report; a refusal says why in valid
 * UTF-8 (it becomes the JSON answer); accepted parameters are valid UTF-8
 * with no NUL inside. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"

#include "web/router.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const struct gk_route *json_routes[64];
	size_t n = 0;
	for (const struct gk_route *rt = gk_routes; rt->pattern && n < 64; rt++)
		if (rt->flags & GK_ROUTE_JSON)
			json_routes[n++] = rt;
	FUZZ_CHECK(n > 0, "the table has JSON routes");
	struct gk_request *r = calloc(1, sizeof *r);
	FUZZ_CHECK(r != NULL, "memory");
	r->route = json_routes[data[0] % n];
	r->method = GK_POST;
	r->content_type = "application/json";
	gk_buf_init(&r->body, (size_t)1 << 20);
	gk_buf_add(&r->body, data + 1, size - 1);
	struct gk_error err = {0};
	enum gk_err rc = read_body(r, &err);
	if (!rc)
		rc = check_params(r, &err);
	if (rc) {
		FUZZ_CHECK(err.detail[0] != '\0', "a refused body says why");
		FUZZ_CHECK(gk_utf8_valid(err.detail, strlen(err.detail)),
			   "the reason is valid UTF-8 (it goes into JSON)");
	} else {
		for (int i = 0; i < r->nparams; i++)
			FUZZ_CHECK(gk_utf8_valid(r->params[i].name, strlen(r->params[i].name)) &&
					   gk_utf8_valid(r->params[i].value,
							 strlen(r->params[i].value)),
				   "parameters are valid UTF-8");
	}
	if (r->json)
		json_decref(r->json);
	gk_arena_release(&r->arena);
	gk_buf_release(&r->body);
	free(r);
	return 0;
}
