/* The application form for disclosure (政府信息公开申请表) as a document:
 * the rows both writers draw (application_form_pdf.c, application_form_docx.c),
 * blank or filled in from what an applicant typed on the online form. One
 * model, so the PDF and the Word file ask the same things, with the
 * online form's labels (core/intake.h) where it asks the same thing. What
 * the form must ask is the Regulation's 第二十九条 (docs/forms.md). */
#ifndef GK_OUTPUT_APPLICATION_FORM_H
#define GK_OUTPUT_APPLICATION_FORM_H

#include <stdbool.h>

#include "core/agency.h"
#include "core/intake.h"
#include "lib/buf.h"
#include "lib/enumtab.h"
#include "lib/error.h"

/* The two versions of the form: codes are the download's names. */
#define GK_APPFORM_KIND_LIST(X)                \
	X(GK_APPFORM_PERSON, "person", "公民") \
	X(GK_APPFORM_ORGANISATION, "organisation", "法人或者其他组织")
GK_ENUM_DECLARE(gk_appform_kind, GK_APPFORM, GK_APPFORM_KIND_LIST);

/* The formats a form is written in: codes are the file endings. */
#define GK_APPFORM_FORMAT_LIST(X)       \
	X(GK_APPFORM_PDF, "pdf", "PDF") \
	X(GK_APPFORM_DOCX, "docx", "Word")
GK_ENUM_DECLARE(gk_appform_format, GK_APPFORM_FORMAT, GK_APPFORM_FORMAT_LIST);

/* What to draw: which version, for which agency, filled or blank. */
struct gk_application_form {
	enum gk_appform_kind kind;
	const struct gk_agency
		*agency; /* named in the title, its office in the notes; NULL: none */
	const struct gk_intake *filled; /* what the applicant typed; NULL: a blank form */
};

/* The version of the form for an applicant of TYPE: a natural person's, else
 * an organisation's (the report's two groups). */
enum gk_appform_kind gk_appform_kind_of(enum gk_applicant_type type);

#define GK_APPFORM_MAX_ROWS    24
#define GK_APPFORM_MAX_CHOICES 8
#define GK_APPFORM_MAX_NOTES   6

struct gk_appform_choice {
	const char *label;
	bool checked;
};

/* One row of the ruled table: the group in the first column (rows of one
 * group are one merged cell), the label, then what was typed or the
 * boxes to tick. */
struct gk_appform_row {
	const char *group; /* NULL: the label spans the group's column too */
	const char *label;
	const char *value; /* what was typed, "" when blank; may hold line breaks */
	struct gk_appform_choice choices[GK_APPFORM_MAX_CHOICES];
	int nchoices; /* > 0: a row of boxes, no value */
	int lines;    /* lines of room left for handwriting when the value is blank */
};

/* The whole document, its strings owned by itself or by the form it was
 * built from (the agency and intake must outlive it). */
struct gk_appform_doc {
	char title[256];    /* "<agency>政府信息公开申请表" */
	char subtitle[64];  /* "（公民）" */
	char filename[320]; /* the download's name: title, version and no ending */
	struct gk_appform_row rows[GK_APPFORM_MAX_ROWS];
	int nrows;
	const char *notes_title; /* "填表说明" */
	const char *notes[GK_APPFORM_MAX_NOTES];
	int nnotes;
	char office[768]; /* the receiving office's contact (a note), "" if unknown */
	char scratch[4][192];
};

/* Builds DOC from F. Never fails: a value longer than a row is the writer's
 * to wrap. */
void gk_appform_build(const struct gk_application_form *f, struct gk_appform_doc *doc);

/* The form as a PDF appended to OUT (application_form_pdf.c): A4, the
 * Chinese font embedded as a subset. GK_EIO when no installed font has
 * Chinese characters; GK_ENOMEM. */
enum gk_err gk_appform_pdf(const struct gk_application_form *f, struct gk_buf *out,
			   struct gk_error *err);

/* The form as a Word document (.docx) appended to OUT
 * (application_form_docx.c). GK_ENOMEM, GK_ETOOBIG past OUT's limit. */
enum gk_err gk_appform_docx(const struct gk_application_form *f, struct gk_buf *out,
			    struct gk_error *err);

/* TEXT as XML character data into OUT: & < > " ' escaped, characters XML
 * forbids (controls other than tab and line breaks, U+FFFE, U+FFFF) and
 * bytes that are not UTF-8 dropped. */
void gk_appform_xml_text(struct gk_buf *out, const char *text);

#endif
