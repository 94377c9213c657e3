/* What the public forms (/apply in page_apply.c, /consult/new in
 * page_consult.c) share: the fields with their problems beside them, the
 * summary of the problems at the top, and the human check (the proof of
 * work of web/human_check.h, else a question of our own for visitors
 * without script). Every control is named NAME with the id "a-NAME". */
#ifndef GK_WEB_PUBLIC_FORM_H
#define GK_WEB_PUBLIC_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "web/request.h"

/* The size of a field's problem in core's problem lists
 * (struct gk_intake_problems, struct gk_question_problems): should one
 * change, gk_pubform_error_summary's callers stop compiling. */
#define GK_PUBFORM_MESSAGE_SIZE 192

/* One field as the form shows it. */
struct gk_pubform_field {
	const char *name;    /* the control's name */
	const char *label;   /* our markup */
	const char *mark;    /* NULL, or the words of the mark after the label ("必填") */
	bool required;       /* the control's required attribute */
	const char *hint;    /* our markup, or NULL */
	const char *problem; /* what is wrong with the value: NULL or "" if nothing */
};

/* The parameter NAME, "" if absent. */
const char *gk_pubform_param(struct gk_request *r, const char *name);
/* VALUE trimmed into DST (SIZE bytes), cut to fit. */
void gk_pubform_copy_trimmed(char *dst, size_t size, const char *value);
/* Sets a field's problem (MESSAGE, SIZE bytes) to TEXT, replacing any, and
 * counts it in *COUNT if the field had none. */
void gk_pubform_replace_problem(int *count, char *message, size_t size, const char *text);
/* The agency whose code is CODE ("" for none chosen) into *ID (0 if none);
 * *UNKNOWN if no agency has that code. False on a failure of the server
 * (answered). */
bool gk_pubform_agency(struct gk_request *r, const char *code, int64_t *id, bool *unknown);

/* The summary at the top: COUNT problems of FIELDS fields (MESSAGE[i] ""
 * if none, CODE(i) its control's name) and the human check's problem
 * ANSWER_PROBLEM (NULL if none), each linking to its control. Nothing if
 * there are none. */
void gk_pubform_error_summary(struct gk_buf *b, int count, int fields,
			      const char (*message)[GK_PUBFORM_MESSAGE_SIZE],
			      const char *(*code)(int field), const char *answer_problem);

/* <div class="field"> with the label, the hint and the problem of F. */
void gk_pubform_field_head(struct gk_buf *b, const struct gk_pubform_field *f);
/* The id, name, required and aria attributes of F's control. */
void gk_pubform_field_attrs(struct gk_buf *b, const struct gk_pubform_field *f);
/* A one-line input holding VALUE; EXTRA is our markup (type,
 * autocomplete…); MAX its maxlength (0: none). Closes the field. */
void gk_pubform_input(struct gk_buf *b, const struct gk_pubform_field *f, const char *extra,
		      size_t max, const char *value);
/* A textarea of at most MAX characters holding VALUE. Closes the field. */
void gk_pubform_textarea(struct gk_buf *b, const struct gk_pubform_field *f, size_t max,
			 const char *value);
/* Opens a <select> for F, with PLACEHOLDER (value "") first unless NULL;
 * SELECTED is the value chosen. The options follow, then
 * gk_pubform_select_close. */
void gk_pubform_select_open(struct gk_buf *b, const struct gk_pubform_field *f,
			    const char *placeholder, const char *selected);
void gk_pubform_select_close(struct gk_buf *b);
/* An option for every agency, SELECTED chosen. False on a failure of the
 * server (answered). */
bool gk_pubform_agency_options(struct gk_request *r, const char *selected);

/* The human check of a submitted form. */
struct gk_pubform_human {
	const char *once;    /* the key that spends the proof of work, or NULL */
	bool by_question;    /* passed by the no-script question */
	const char *problem; /* why it did not pass, NULL if it did */
};
/* Checks the proof of work of R's form, else (no script) the answer to the
 * question of form KEY ("apply", "consult": each asks its own), into H.
 * False on a failure of the server (answered). */
bool gk_pubform_human_verify(struct gk_request *r, const char *key, struct gk_pubform_human *h);
/* The human-check block of form KEY: a fresh proof of work for apply.js,
 * else the question, with PROBLEM (NULL if none) beside it and the answer
 * typed kept when KEEP_ANSWER. The question depends on R's anonymous
 * token (gk_auth_anon_token). */
void gk_pubform_human_check(struct gk_request *r, const char *key, const char *problem,
			    bool keep_answer);

#endif
