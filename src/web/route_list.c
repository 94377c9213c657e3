/* The route table as data for the outside: `gongkai routes --json` prints
 * it, and the authorization tests (tests/e2e/authz_matrix.test.mjs) derive
 * every route × role × agency case from it rather than from a copy. */
#include <jansson.h>
#include <stdlib.h>

#include "core/user.h"
#include "web/route.h"
#include "web/server.h"

static json_t *methods(unsigned set)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {{GK_GET, "GET"}, {GK_POST, "POST"}, {GK_PUT, "PUT"}, {GK_DELETE, "DELETE"}};
	json_t *a = json_array();
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (set & names[i].bit)
			json_array_append_new(a, json_string(names[i].name));
	return a;
}

static json_t *flags(unsigned set)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {{GK_ROUTE_LOGIN, "login"},         {GK_ROUTE_CSRF, "csrf"},
		     {GK_ROUTE_JSON, "json"},           {GK_ROUTE_FORM, "form"},
		     {GK_ROUTE_PREFIX, "prefix"},       {GK_ROUTE_JSON_PARAMS, "json_params"},
		     {GK_ROUTE_MULTIPART, "multipart"}, {GK_ROUTE_CACHE, "cache"},
		     {GK_ROUTE_ANY_QUERY, "any_query"}};
	json_t *a = json_array();
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (set & names[i].bit)
			json_array_append_new(a, json_string(names[i].name));
	return a;
}

static json_t *roles(unsigned set)
{
	json_t *a = json_array();
	for (int i = 0; i < GK_ROLE_COUNT; i++)
		if (set & (1u << i))
			json_array_append_new(a, json_string(gk_role_codes[i]));
	return a;
}

static const char *kind_name(enum gk_param_kind k)
{
	switch (k) {
	case GK_PARAM_TEXT:
		return "text";
	case GK_PARAM_LINE:
		return "line";
	case GK_PARAM_INT:
		return "int";
	case GK_PARAM_DATE:
		return "date";
	case GK_PARAM_ENUM:
		return "enum";
	case GK_PARAM_TOKEN:
		return "token";
	case GK_PARAM_FILE:
		return "file";
	}
	return "?";
}

static json_t *params(const struct gk_param_spec *p)
{
	json_t *a = json_array();
	for (; p && p->name; p++) {
		json_t *choices = json_array();
		for (const char *const *c = p->choices; c && *c; c++)
			json_array_append_new(choices, json_string(*c));
		json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:I, s:I, s:o}", "name",
						   p->name, "kind", kind_name(p->kind), "required",
						   p->required, "min", (json_int_t)p->min, "max",
						   (json_int_t)p->max, "choices", choices));
	}
	return a;
}

char *gk_routes_json(void)
{
	json_t *list = json_array();
	for (const struct gk_route *r = gk_routes; r->pattern; r++)
		json_array_append_new(
			list, json_pack("{s:o, s:s, s:o, s:o, s:o}", "methods", methods(r->methods),
					"pattern", r->pattern, "flags", flags(r->flags), "roles",
					roles(r->roles), "params", params(r->params)));
	char *text = json_dumps(list, JSON_INDENT(1));
	json_decref(list);
	return text;
}
