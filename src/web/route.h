/* The route table's types. Each route declares what its handler needs —
 * login, roles, CSRF, body kind, parameters with validators — and the
 * dispatcher checks all of it before the handler runs. */
#ifndef GK_WEB_ROUTE_H
#define GK_WEB_ROUTE_H

#include <stddef.h>

#include "web/request.h"

enum gk_param_kind {
	GK_PARAM_TEXT,  /* any UTF-8 up to max_len code points, no control chars but \n \t */
	GK_PARAM_LINE,  /* one line of text */
	GK_PARAM_INT,   /* decimal integer in [min, max] */
	GK_PARAM_DATE,  /* YYYY-MM-DD */
	GK_PARAM_ENUM,  /* one of choices */
	GK_PARAM_TOKEN, /* [A-Za-z0-9_.-] up to max_len */
	GK_PARAM_FILE,  /* an uploaded file (multipart routes); max_len is its size limit,
			   max how many files the field takes (0 = one) */
};

struct gk_param_spec {
	const char *name;
	enum gk_param_kind kind;
	int required;
	long long min, max;         /* GK_PARAM_INT; max also for GK_PARAM_FILE */
	size_t max_len;             /* TEXT, LINE, TOKEN (0 = 200) */
	const char *const *choices; /* GK_PARAM_ENUM, ended by NULL */
};

enum gk_route_flags {
	GK_ROUTE_LOGIN = 1 << 0,       /* staff only */
	GK_ROUTE_CSRF = 1 << 1,        /* the form must carry the CSRF token */
	GK_ROUTE_JSON = 1 << 2,        /* the body is a JSON object */
	GK_ROUTE_FORM = 1 << 3,        /* the body is a form (urlencoded) */
	GK_ROUTE_PREFIX = 1 << 4,      /* the pattern's last segment '*' takes the rest */
	GK_ROUTE_JSON_PARAMS = 1 << 5, /* with JSON: the object's fields are the parameters,
					  declared and checked like form fields */
	GK_ROUTE_MULTIPART = 1 << 6,   /* the body may be multipart/form-data (uploads) */
	GK_ROUTE_CACHE = 1 << 7,       /* a public page kept ready for anonymous GET/HEAD
					  (web/page_cache.h) until the site version moves */
	GK_ROUTE_ANY_QUERY = 1 << 8    /* query parameters not declared are let through:
					  a callback whose URL names them in a setting */
};

/* Ends a parameter list. */
// clang-format off
#define GK_PARAMS_END {.name = NULL}
// clang-format on

typedef void gk_handler(struct gk_request *r);

struct gk_route {
	unsigned methods;    /* a set of enum gk_method */
	const char *pattern; /* "/items/{id}": {…} captures one segment */
	gk_handler *handler;
	unsigned flags;
	unsigned roles;                     /* any of these roles (0 = any staff) */
	const struct gk_param_spec *params; /* ended by {NULL}; NULL = none accepted */
	size_t max_body;                    /* 0 = the server default */
};

/* The table (routes.c), ended by an entry with pattern NULL. */
extern const struct gk_route gk_routes[];

#endif
