/* Every handler, one per page or API resource, each in its own file
 * (page_*.c for HTML, api_*.c for JSON). routes.c maps addresses to them. */
#ifndef GK_WEB_PAGES_H
#define GK_WEB_PAGES_H

#include "web/route.h"

/* static.c */
gk_handler gk_static_file;
/* page_home.c */
gk_handler gk_page_home;
/* page_login.c */
gk_handler gk_page_login_form, gk_page_login_submit, gk_page_logout;
/* page_staff.c */
gk_handler gk_page_staff_home;
/* page_agencies.c */
gk_handler gk_page_agencies, gk_page_agency;
/* page_agency_edit.c */
gk_handler gk_page_agency_edit, gk_page_agency_save;
/* page_users.c */
gk_handler gk_page_users, gk_page_users_add;
/* api_health.c */
gk_handler gk_api_health;
/* api_agencies.c */
gk_handler gk_api_agencies;

#endif
