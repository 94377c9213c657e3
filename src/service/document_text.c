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
#include <strings.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/report/docx.h"
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
	const char *too_big, *too_big_why; /* the message when the output is over its limit */
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
			result = out->failed == GK_ETOOBIG
					 ? gk_fail(err, GK_ETOOBIG, "%s（超过 %zu MiB）%s",
						   rd->too_big, out->max >> 20, rd->too_big_why)
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
	static const struct reader rd = {"PDF 文件",
					 "无法读取 PDF 文件：未安装 pdftotext（poppler-utils）",
					 argv, "PDF 文件中的文字过多", ""};
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
	return gk_docx_is_zip(data, len) && contains(data, len, "word/document.xml");
}

static enum gk_err docx_text(const char *data, size_t len, struct gk_buf *out, struct gk_error *err)
{
	/* /dev/stdin: the unlinked temporary file, which unzip can seek in */
	static char *const argv[] = {"unzip", "-p", "-qq", "/dev/stdin", "word/document.xml", NULL};
	static const struct reader rd = {"Word 文档", "无法读取 Word 文档：未安装 unzip", argv,
					 "Word 文档解压后过大", "，可能是恶意构造的压缩文件"};
	/* the directory first: a bomb, an encrypted or a foreign archive is
	 * refused before unzip runs (the output limit catches a lying directory) */
	enum gk_err rc = gk_docx_check_package(data, len, err);
	if (rc != GK_OK)
		return rc;
	struct gk_buf xml;
	gk_buf_init(&xml, GK_DOCX_MAX_XML);
	int status = 0;
	rc = run_reader(&rd, data, len, &xml, &status, err);
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
	gk_docx_xml_text(xml.data, xml.len, out);
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

static bool has_extension(const char *name, const char *ext)
{
	size_t n = strlen(name), k = strlen(ext);
	return n >= k && strcasecmp(name + n - k, ext) == 0;
}

enum gk_err gk_document_check_name(const char *name, const char *data, size_t len,
				   struct gk_error *err)
{
	if (has_extension(name, ".docx") && !gk_docx_is_zip(data, len) &&
	    !gk_docx_is_ole(data, len))
		return gk_fail(err, GK_EINVAL,
			       "无法读取 Word 文档：文件不是 .docx 文档（不是 zip 压缩包）");
	if (has_extension(name, ".pdf") && !gk_document_is_pdf(data, len))
		return gk_fail(err, GK_EINVAL, "无法读取 PDF 文件：文件已损坏或不是有效的 PDF");
	return GK_OK;
}

bool gk_document_needs_reading(const char *data, size_t len)
{
	return gk_docx_is_zip(data, len) || gk_docx_is_ole(data, len) ||
	       gk_document_is_pdf(data, len);
}

enum gk_err gk_document_text(const char *data, size_t len, char **text, size_t *text_len,
			     struct gk_error *err)
{
	*text = NULL;
	*text_len = 0;
	struct gk_buf out;
	gk_buf_init(&out, GK_REPORT_MAX_INPUT);
	enum gk_err rc = GK_OK;
	if (gk_docx_is_zip(data, len) || gk_docx_is_ole(data, len))
		rc = docx_text(data, len, &out, err);
	else if (gk_document_is_pdf(data, len))
		rc = pdf_text(data, len, &out, err);
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

enum gk_err gk_document_report_text(const char *name, const char *data, size_t len, char **text,
				    size_t *text_len, struct gk_error *err)
{
	*text = NULL;
	*text_len = 0;
	enum gk_err rc = gk_document_check_name(name ? name : "", data, len, err);
	if (rc == GK_OK && gk_document_needs_reading(data, len))
		rc = gk_document_text(data, len, text, text_len, err);
	return rc;
}
