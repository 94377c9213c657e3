/* Static assets compiled into the binary (src/web/static/). */
#include <stdio.h>
#include <string.h>

#include "lib/embed.h"
#include "web/pages.h"

static const char *content_type(const char *name)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{".css", "text/css; charset=utf-8"},
		{".js", "text/javascript; charset=utf-8"},
		{".svg", "image/svg+xml"},
		{".png", "image/png"},
		{".txt", "text/plain; charset=utf-8"},
	};
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

void gk_static_file(struct gk_request *r)
{
	const char *name = gk_req_path_arg(r, 0);
	char path[256];
	if (!name || strchr(name, '/') || strlen(name) > 200) {
		gk_respond_error(r, GK_ENOTFOUND, "没有这个文件");
		return;
	}
	snprintf(path, sizeof path, "src/web/static/%s", name);
	const struct gk_embedded *f = gk_embed_find(path);
	if (!f) {
		gk_respond_error(r, GK_ENOTFOUND, "没有这个文件");
		return;
	}
	r->status = 200;
	r->response_type = content_type(name);
	gk_req_header(r, "Cache-Control", "public, max-age=3600");
	gk_buf_add(&r->out, f->data, f->size);
}
