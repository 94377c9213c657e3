/* Reading a request's validated inputs: parameters, files, path segments. */
#include <stdlib.h>
#include <string.h>

#include "web/request.h"

const char *gk_req_param(const struct gk_request *r, const char *name)
{
	for (int i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].name, name) == 0)
			return r->params[i].value;
	return NULL;
}

long long gk_req_param_int(const struct gk_request *r, const char *name, long long def)
{
	const char *v = gk_req_param(r, name);
	return v && *v ? strtoll(v, NULL, 10) : def;
}

const struct gk_file *gk_req_file_at(const struct gk_request *r, const char *name, int n)
{
	for (int i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].name, name) == 0 && r->files[i].len && n-- == 0)
			return &r->files[i];
	return NULL;
}

const struct gk_file *gk_req_file(const struct gk_request *r, const char *name)
{
	return gk_req_file_at(r, name, 0);
}

const char *gk_req_path_arg(const struct gk_request *r, int n)
{
	return n >= 0 && n < GK_MAX_PATH_ARGS ? r->path_args[n] : NULL;
}
