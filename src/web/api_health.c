/* GET /api/v1/health — liveness for load balancers and tests. */
#include "web/pages.h"

void gk_api_health(struct gk_request *r)
{
	gk_respond_json(r, 200, json_pack("{s:s}", "status", "ok"));
}
