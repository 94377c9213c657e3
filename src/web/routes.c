/* The route table: every address the server answers, what it needs, and
 * the parameters it accepts. The dispatcher (router.c) enforces all of it. */
#include "web/pages.h"

static const struct gk_param_spec login_form_params[] = {
	{"next", GK_PARAM_LINE, 0, 0, 0, 500, NULL},
	{NULL},
};

static const struct gk_param_spec login_params[] = {
	{"login", GK_PARAM_LINE, 1, 0, 0, 64, NULL},
	{"password", GK_PARAM_LINE, 1, 0, 0, 256, NULL},
	{"next", GK_PARAM_LINE, 0, 0, 0, 500, NULL},
	{NULL},
};

static const struct gk_param_spec no_params[] = {{NULL}};

static const struct gk_param_spec agency_edit_params[] = {
	{"name", GK_PARAM_LINE, 1, 0, 0, 80, NULL},
	{"address", GK_PARAM_LINE, 0, 0, 0, 120, NULL},
	{"postcode", GK_PARAM_LINE, 0, 0, 0, 6, NULL},
	{"phone", GK_PARAM_LINE, 0, 0, 0, 60, NULL},
	{"fax", GK_PARAM_LINE, 0, 0, 0, 60, NULL},
	{"email", GK_PARAM_LINE, 0, 0, 0, 120, NULL},
	{"office_hours", GK_PARAM_LINE, 0, 0, 0, 60, NULL},
	{"website", GK_PARAM_LINE, 0, 0, 0, 250, NULL},
	{NULL},
};

static const char *const role_choices[] = {"admin", "editor", "handler", "reviewer", NULL};

static const struct gk_param_spec user_add_params[] = {
	{"login", GK_PARAM_TOKEN, 1, 0, 0, 32, NULL},
	{"display_name", GK_PARAM_LINE, 1, 0, 0, 60, NULL},
	{"agency", GK_PARAM_TOKEN, 1, 0, 0, 18, NULL},
	{"role", GK_PARAM_ENUM, 1, 0, 0, 0, role_choices},
	{"password", GK_PARAM_LINE, 1, 0, 0, 256, NULL},
	{NULL},
};

const struct gk_route gk_routes[] = {
	/* public pages */
	{GK_GET, "/", gk_page_home, 0, 0, no_params, 0},
	{GK_GET, "/agencies", gk_page_agencies, 0, 0, no_params, 0},
	{GK_GET, "/agencies/{code}", gk_page_agency, 0, 0, no_params, 0},
	{GK_GET, "/static/*", gk_static_file, GK_ROUTE_PREFIX, 0, no_params, 0},

	/* staff */
	{GK_GET, "/login", gk_page_login_form, 0, 0, login_form_params, 0},
	{GK_POST, "/login", gk_page_login_submit, GK_ROUTE_FORM | GK_ROUTE_CSRF, 0, login_params, 0},
	{GK_POST, "/logout", gk_page_logout, GK_ROUTE_FORM | GK_ROUTE_CSRF, 0, no_params, 0},
	{GK_GET, "/staff", gk_page_staff_home, GK_ROUTE_LOGIN, 0, no_params, 0},
	{GK_GET, "/staff/agencies/{code}", gk_page_agency_edit, GK_ROUTE_LOGIN, GK_ROLE_ADMIN, no_params, 0},
	{GK_POST, "/staff/agencies/{code}", gk_page_agency_save,
	 GK_ROUTE_LOGIN | GK_ROUTE_FORM | GK_ROUTE_CSRF, GK_ROLE_ADMIN, agency_edit_params, 0},
	{GK_GET, "/staff/users", gk_page_users, GK_ROUTE_LOGIN, GK_ROLE_ADMIN, no_params, 0},
	{GK_POST, "/staff/users", gk_page_users_add,
	 GK_ROUTE_LOGIN | GK_ROUTE_FORM | GK_ROUTE_CSRF, GK_ROLE_ADMIN, user_add_params, 0},

	/* machine interface */
	{GK_GET, "/api/v1/health", gk_api_health, 0, 0, no_params, 0},
	{GK_GET, "/api/v1/agencies", gk_api_agencies, 0, 0, no_params, 0},

	{0, NULL, NULL, 0, 0, NULL, 0},
};
