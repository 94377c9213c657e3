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
/* page_check.c */
/* How many reports /staff/check takes at once (the batch summary). */
#define GK_CHECK_MAX_FILES 50
gk_handler gk_page_check_form, gk_page_check_submit;
/* page_users.c */
gk_handler gk_page_users, gk_page_users_add;
/* accounts (issue 13): own password, an account's state, the audit log */
gk_handler gk_page_password_form, gk_page_password_submit, gk_page_user_action, gk_page_audit;
/* page_items.c, page_item.c, page_guide.c, page_feeds.c, page_export.c (catalogue) */
gk_handler gk_page_items, gk_page_item, gk_page_item_print, gk_page_item_qr, gk_page_item_file,
	gk_page_guide;
gk_handler gk_page_feed_agency, gk_page_feed_topic, gk_page_sitemap, gk_page_sitemap_part;
gk_handler gk_page_export_csv, gk_page_export_jsonl;
/* page_staff_items.c */
gk_handler gk_page_staff_items, gk_page_staff_item_new, gk_page_staff_item_create,
	gk_page_staff_item_edit, gk_page_staff_item_update, gk_page_staff_item_repeal,
	gk_page_staff_item_withdraw, gk_page_staff_item_history, gk_page_staff_item_file_remove;
/* api_items.c */
gk_handler gk_api_items, gk_api_item;
/* applications (issue 4): page_apply.c, page_track.c, page_applications.c,
 * page_application_new.c, page_application.c, page_holidays.c, api_applications.c */
gk_handler gk_page_apply_form, gk_page_apply_submit;
gk_handler gk_page_track_form, gk_page_track, gk_page_track_qr;
/* the applicant's own view behind the second secret (issue 12) */
gk_handler gk_page_track_own, gk_page_track_own_file;
gk_handler gk_page_applications, gk_page_application_new, gk_page_application_register;
gk_handler gk_page_application, gk_page_application_act, gk_page_application_file;
gk_handler gk_page_holidays, gk_page_holidays_upload;
gk_handler gk_api_application_create, gk_api_application_status, gk_api_staff_whoami;
gk_handler gk_api_staff_applications, gk_api_staff_application_create, gk_api_staff_application,
	gk_api_staff_application_act;
/* the forms to download (issue 15): page_forms.c; the filled form page_apply.c */
gk_handler gk_page_forms, gk_page_form_file, gk_page_apply_document;
/* api_health.c */
gk_handler gk_api_health;
/* api_agencies.c */
gk_handler gk_api_agencies;

/* the yearly report's texts (page_report_texts.c) and supervision
 * (page_supervision.c), issue 10 */
gk_handler gk_page_reports, gk_page_report_texts, gk_page_report_texts_save,
	gk_page_report_texts_history, gk_api_report_texts, gk_api_report_texts_save;
gk_handler gk_page_supervision, gk_page_supervision_weights, gk_page_supervision_xlsx;
/* the yearly report itself: preview, documents, publication, the public
 * list (page_annual_report.c) */
gk_handler gk_page_annual_preview, gk_page_annual_download, gk_page_annual_publish,
	gk_page_annual_reports;
/* records the yearly report counts (issue 10): page_records.c,
 * page_records_figures.c, api_records.c */
gk_handler gk_page_records_home, gk_page_figures, gk_page_figures_save;
gk_handler gk_page_disputes_list, gk_page_disputes_new, gk_page_disputes_create,
	gk_page_disputes_edit, gk_page_disputes_update, gk_page_disputes_delete;
gk_handler gk_page_complaints_list, gk_page_complaints_new, gk_page_complaints_create,
	gk_page_complaints_edit, gk_page_complaints_update, gk_page_complaints_delete;
gk_handler gk_page_responses_list, gk_page_responses_new, gk_page_responses_create,
	gk_page_responses_edit, gk_page_responses_update, gk_page_responses_delete;
gk_handler gk_api_disputes, gk_api_disputes_create, gk_api_dispute, gk_api_dispute_update,
	gk_api_dispute_delete;
gk_handler gk_api_complaints, gk_api_complaints_create, gk_api_complaint, gk_api_complaint_update,
	gk_api_complaint_delete;
gk_handler gk_api_responses, gk_api_responses_create, gk_api_response, gk_api_response_update,
	gk_api_response_delete;
gk_handler gk_api_figures, gk_api_figures_set;

/* the portal's columns (issue 12): page_columns.c, page_guide.c, page_feeds.c */
gk_handler gk_page_statutory, gk_page_rules, gk_page_guide_column, gk_page_feed_items;

/* online consultation (issue 15): page_consult.c, page_consult_staff.c,
 * api_consultations.c */
gk_handler gk_page_consult_home, gk_page_consult_form, gk_page_consult_submit,
	gk_page_consult_track_form, gk_page_consult_track, gk_page_consult_answers,
	gk_page_consult_answer;
gk_handler gk_page_consult_queue, gk_page_consult_staff, gk_page_consult_act;
gk_handler gk_api_consultations, gk_api_consultation;
/* page_notices.c (issue 15): each person's notice settings */
gk_handler gk_page_notice_prefs, gk_page_notice_prefs_save, gk_page_notice_retry;
/* page_notice_templates.c (issue 15): templates administrators edit */
gk_handler gk_page_notice_templates, gk_page_notice_template, gk_page_notice_template_save,
	gk_page_notice_template_reset;

#endif
