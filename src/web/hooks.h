/* Callbacks from outside services (issue 15): the SMS gateway's delivery
 * reports at POST /hooks/sms-delivery. See docs/notices-transport.md. */
#ifndef GK_WEB_HOOKS_H
#define GK_WEB_HOOKS_H

#include "lib/error.h"
#include "web/route.h"
#include "web/server.h"

/* Reads the gateway's settings file (config->sms_gateway_path) at start:
 * one that does not parse stops the server, with the line named. */
enum gk_err gk_hooks_server_init(struct gk_server *srv, struct gk_error *err);
void gk_hooks_server_free(struct gk_server *srv);

/* The request header the gateway's callback carries its secret in, or
 * NULL (none configured, or the secret goes in the query). */
const char *gk_hook_secret_header(const struct gk_server *srv);

gk_handler gk_hook_sms_delivery;

#endif
