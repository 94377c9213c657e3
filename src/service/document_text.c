/* A PDF's text through a pdftotext child process, a Word document's through
 * unzip (see document_text.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/report/text.h"
#include "lib/buf.h"
#include "service/document_text.h"

bool gk_document_is_pdf(const char *data, size_t len)
{
	/* the header may follow a little junk; readers accept it in the first 1 KiB */
	size_t scan = len < 1024 ? len : 1024;
	for (size_t i = 0; i + 5 <= scan; i++)
		if (memcmp(data + i, "%PDF-", 5) == 0)
			return true;
	return false;
}

static bool contains(const char *data, size_t len, const char *what)
{
	size_t n = strlen(what);
	for (size_t i = 0; i + n <= len; i++)
		if (data[i] == what[0] && memcmp(data + i, what, n) == 0)
			return true;
	return false;
}

static bool only_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' && s[i] != '\f')
			return false;
	return true;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A reader program for one kind of document. */
struct reader {
	const char *kind;    /* "PDF 文件", "Word 文档": for messages */
	const char *missing; /* the message when the program is not installed */
	char *const *argv;
};

/* The document goes to the child's standard input from an unlinked temporary
 * file (no pipe to write to, so no SIGPIPE and no deadlock; seekable, for
 * readers that need to seek); its output comes back through a pipe, read until
 * end of file, the size limit or the time limit. */
static enum gk_err run_reader(const struct reader *rd, const char *data, size_t len,
			      struct gk_buf *out, int *status, struct gk_error *err)
{
	FILE *in = tmpfile();
	if (!in)
		return gk_fail(err, GK_EIO, "无法读取%s：不能创建临时文件", rd->kind);
	if (fwrite(data, 1, len, in) != len || fflush(in) != 0 ||
	    lseek(fileno(in), 0, SEEK_SET) != 0) {
		fclose(in);
		return gk_fail(err, GK_EIO, "无法读取%s：不能写临时文件", rd->kind);
	}
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC) != 0) {
		fclose(in);
		return gk_fail(err, GK_EIO, "无法读取%s：%s", rd->kind, strerror(errno));
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fileno(in), 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
	posix_spawn_file_actions_addclosefrom_np(&fa, 3); /* the server's sockets stay ours */
#endif
	pid_t pid;
	int rc = posix_spawnp(&pid, rd->argv[0], &fa, NULL, rd->argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	fclose(in);
	if (rc != 0) {
		close(pipefd[0]);
		return gk_fail(err, GK_EIO, "%s", rd->missing);
	}
	/* memory and CPU for the child alone (set just after it starts) */
	struct rlimit mem = {GK_DOCUMENT_TEXT_MEMORY, GK_DOCUMENT_TEXT_MEMORY};
	struct rlimit cpu = {GK_DOCUMENT_TEXT_TIMEOUT, GK_DOCUMENT_TEXT_TIMEOUT};
	prlimit(pid, RLIMIT_AS, &mem, NULL);
	prlimit(pid, RLIMIT_CPU, &cpu, NULL);
	long long deadline = now_ms() + GK_DOCUMENT_TEXT_TIMEOUT * 1000LL;
	enum gk_err result = GK_OK;
	char chunk[65536];
	for (;;) {
		long long left = deadline - now_ms();
		if (left <= 0) {
			result = gk_fail(err, GK_EINVAL, "读取%s超时（超过 %d 秒）", rd->kind,
					 GK_DOCUMENT_TEXT_TIMEOUT);
			break;
		}
		struct pollfd p = {pipefd[0], POLLIN, 0};
		int pr = poll(&p, 1, (int)(left > 1000 ? 1000 : left));
		if (pr < 0 && errno != EINTR) {
			result = gk_fail(err, GK_EIO, "无法读取%s：%s", rd->kind, strerror(errno));
			break;
		}
		if (pr <= 0)
			continue;
		ssize_t n = read(pipefd[0], chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* end of file (or an error: the exit status tells) */
		if (gk_buf_add(out, chunk, (size_t)n) != GK_OK) {
			result =
				out->failed == GK_ETOOBIG
					? gk_fail(err, GK_ETOOBIG, "%s中的文字过多（超过 %zu MiB）",
						  rd->kind, GK_REPORT_MAX_INPUT >> 20)
					: gk_fail(err, GK_ENOMEM, "读取%s时内存不足", rd->kind);
			break;
		}
	}
	close(pipefd[0]);
	if (result != GK_OK)
		kill(pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	return result;
}

static enum gk_err pdf_text(const char *data, size_t len, struct gk_buf *out, struct gk_error *err)
{
	static char *const argv[] = {"pdftotext", "-layout", "-enc", "UTF-8", "-q", "-", "-", NULL};
	static const struct reader rd = {
		"PDF 文件", "无法读取 PDF 文件：未安装 pdftotext（poppler-utils）", argv};
	int status = 0;
	enum gk_err rc = run_reader(&rd, data, len, out, &status, err);
	if (rc != GK_OK)
		return rc;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	if (code == 127)
		return gk_fail(err, GK_EIO, "%s", rd.missing);
	const char *why = NULL;
	if (code != 0 && contains(data, len, "/Encrypt"))
		why = "PDF 文件已加密，无法读取其中的文字；请提供未加密的文件";
	else if (code == 3)
		why = "PDF 文件不允许复制文字，无法读取；请提供未加密的文件";
	else if (code != 0)
		why = "无法读取 PDF 文件：文件已损坏或不是有效的 PDF";
	else if (only_blank(out->data, out->len))
		why = "PDF 文件没有文字层（可能是扫描的图片），无法读取其中的文字；请提供有文字的 PDF 或文本文件";
	return why ? gk_fail(err, GK_EINVAL, "%s", why) : GK_OK;
}

bool gk_document_is_docx(const char *data, size_t len)
{
	/* a ZIP archive whose entries (names stored in the clear) include the body */
	return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0 &&
	       contains(data, len, "word/document.xml");
}

/* Whether the tag at X[i] ('<') is NAME (as "<NAME", "</NAME", then a blank,
 * '>' or '/'). Sets *CLOSING. */
static bool tag_named(const char *x, size_t len, size_t i, const char *name, bool *closing)
{
	size_t k = i + 1;
	*closing = k < len && x[k] == '/';
	if (*closing)
		k++;
	size_t n = strlen(name);
	if (k + n >= len || memcmp(x + k, name, n) != 0)
		return false;
	char c = x[k + n];
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool self_closing(const char *x, size_t end)
{
	return end > 0 && x[end - 1] == '/';
}

/* Appends the XML text X[0..N) with its five entities and character
 * references decoded. */
static void xml_text(struct gk_buf *out, const char *x, size_t n)
{
	static const struct {
		const char *name, *text;
	} ents[] = {{"lt;", "<"}, {"gt;", ">"}, {"amp;", "&"}, {"quot;", "\""}, {"apos;", "'"}};
	for (size_t i = 0; i < n;) {
		if (x[i] != '&') {
			size_t j = i;
			while (j < n && x[j] != '&')
				j++;
			gk_buf_add(out, x + i, j - i);
			i = j;
			continue;
		}
		size_t used = 0;
		for (size_t k = 0; k < sizeof ents / sizeof ents[0] && !used; k++) {
			size_t m = strlen(ents[k].name);
			if (i + 1 + m <= n && memcmp(x + i + 1, ents[k].name, m) == 0) {
				gk_buf_add(out, ents[k].text, 1);
				used = 1 + m;
			}
		}
		if (!used && i + 2 < n && x[i + 1] == '#') {
			bool hex = x[i + 2] == 'x';
			size_t j = i + (hex ? 3 : 2);
			unsigned long cp = 0;
			while (j < n && j - i < 12 && x[j] != ';') {
				char c = x[j];
				int d = c >= '0' && c <= '9'          ? c - '0'
					: hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
					: hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
								      : -1;
				if (d < 0)
					break;
				cp = cp * (hex ? 16 : 10) + (unsigned long)d;
				j++;
			}
			if (j < n && x[j] == ';' && cp > 0 && cp <= 0x10FFFF &&
			    !(cp >= 0xD800 && cp <= 0xDFFF)) {
				char u[4];
				size_t m;
				if (cp < 0x80) {
					u[0] = (char)cp;
					m = 1;
				} else if (cp < 0x800) {
					u[0] = (char)(0xC0 | (cp >> 6));
					u[1] = (char)(0x80 | (cp & 0x3F));
					m = 2;
				} else if (cp < 0x10000) {
					u[0] = (char)(0xE0 | (cp >> 12));
					u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
					u[2] = (char)(0x80 | (cp & 0x3F));
					m = 3;
				} else {
					u[0] = (char)(0xF0 | (cp >> 18));
					u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
					u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
					u[3] = (char)(0x80 | (cp & 0x3F));
					m = 4;
				}
				gk_buf_add(out, u, m);
				used = j + 1 - i;
			}
		}
		if (!used) {
			gk_buf_add(out, "&", 1);
			used = 1;
		}
		i += used;
	}
}

/* word/document.xml as plain text: a paragraph a line, a table row a line
 * with its cells separated by TABs (paragraphs inside a cell joined by a
 * space); only the text of <w:t> runs counts (not deleted text, not field
 * codes). */
static void docx_xml_text(const char *x, size_t len, struct gk_buf *out)
{
	int cell_depth = 0; /* inside a table cell (tables nest) */
	int cells = 0;      /* cells begun in the current row */
	for (size_t i = 0; i < len;) {
		if (x[i] != '<') {
			i++;
			continue;
		}
		size_t end = i;
		while (end < len && x[end] != '>')
			end++;
		if (end == len)
			break;
		bool closing;
		if (tag_named(x, len, i, "w:t", &closing) && !closing && !self_closing(x, end)) {
			size_t close = end + 1;
			while (close < len && !(x[close] == '<' && close + 5 < len &&
						memcmp(x + close, "</w:t>", 6) == 0))
				close++;
			xml_text(out, x + end + 1, close - end - 1);
			i = close;
			continue;
		}
		if (tag_named(x, len, i, "w:p", &closing) && (closing || self_closing(x, end)))
			gk_buf_add(out, cell_depth ? " " : "\n", 1);
		else if (tag_named(x, len, i, "w:tab", &closing) && !closing)
			gk_buf_add(out, cell_depth ? " " : "\t", 1);
		else if ((tag_named(x, len, i, "w:br", &closing) ||
			  tag_named(x, len, i, "w:cr", &closing)) &&
			 !closing)
			gk_buf_add(out, cell_depth ? " " : "\n", 1);
		else if (tag_named(x, len, i, "w:tr", &closing) && cell_depth == 0) {
			cells = 0;
			if (closing)
				gk_buf_add(out, "\n", 1);
		} else if (tag_named(x, len, i, "w:tc", &closing)) {
			if (!closing) {
				if (cell_depth == 0 && cells++ > 0)
					gk_buf_add(out, "\t", 1);
				cell_depth++;
			} else if (cell_depth > 0) {
				cell_depth--;
			}
		}
		i = end + 1;
	}
}

static enum gk_err docx_text(const char *data, size_t len, struct gk_buf *out, struct gk_error *err)
{
	/* /dev/stdin: the unlinked temporary file, which unzip can seek in */
	static char *const argv[] = {"unzip", "-p", "-qq", "/dev/stdin", "word/document.xml", NULL};
	static const struct reader rd = {"Word 文档", "无法读取 Word 文档：未安装 unzip", argv};
	struct gk_buf xml;
	gk_buf_init(&xml, GK_REPORT_MAX_INPUT * 4);
	int status = 0;
	enum gk_err rc = run_reader(&rd, data, len, &xml, &status, err);
	if (rc != GK_OK) {
		gk_buf_release(&xml);
		return rc;
	}
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	if (code == 127) {
		gk_buf_release(&xml);
		return gk_fail(err, GK_EIO, "%s", rd.missing);
	}
	if (code != 0 || xml.len == 0) {
		gk_buf_release(&xml);
		return gk_fail(err, GK_EINVAL,
			       "无法读取 Word 文档：文件已损坏、已加密或不是 .docx 文档");
	}
	docx_xml_text(xml.data, xml.len, out);
	gk_buf_release(&xml);
	if (out->failed)
		return out->failed == GK_ETOOBIG
			       ? gk_fail(err, GK_ETOOBIG, "Word 文档中的文字过多（超过 %zu MiB）",
					 GK_REPORT_MAX_INPUT >> 20)
			       : gk_fail(err, GK_ENOMEM, "读取 Word 文档时内存不足");
	if (only_blank(out->data, out->len))
		return gk_fail(err, GK_EINVAL, "Word 文档中没有文字");
	return GK_OK;
}

bool gk_document_needs_reading(const char *data, size_t len)
{
	return gk_document_is_pdf(data, len) || gk_document_is_docx(data, len);
}

enum gk_err gk_document_text(const char *data, size_t len, char **text, size_t *text_len,
			     struct gk_error *err)
{
	*text = NULL;
	*text_len = 0;
	struct gk_buf out;
	gk_buf_init(&out, GK_REPORT_MAX_INPUT);
	enum gk_err rc = GK_OK;
	if (gk_document_is_pdf(data, len))
		rc = pdf_text(data, len, &out, err);
	else if (gk_document_is_docx(data, len))
		rc = docx_text(data, len, &out, err);
	else if (gk_buf_add(&out, data, len) != GK_OK)
		rc = gk_fail(err, GK_ETOOBIG, "文件过大（上限为 %zu MiB）",
			     GK_REPORT_MAX_INPUT >> 20);
	if (rc != GK_OK) {
		gk_buf_release(&out);
		return rc;
	}
	*text = gk_buf_detach(&out, text_len);
	if (!*text)
		return gk_fail(err, GK_ENOMEM, "读取文件时内存不足");
	return GK_OK;
}
