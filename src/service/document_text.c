/* A PDF's text through a pdftotext child process (see document_text.h). */
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

/* The PDF goes to the child's standard input from an unlinked temporary file
 * (no pipe to write to, so no SIGPIPE and no deadlock); its text comes back
 * through a pipe, read until end of file, the size limit or the time limit. */
static enum gk_err run_pdftotext(const char *data, size_t len, struct gk_buf *out, int *status,
				 struct gk_error *err)
{
	FILE *in = tmpfile();
	if (!in)
		return gk_fail(err, GK_EIO, "无法读取 PDF 文件：不能创建临时文件");
	if (fwrite(data, 1, len, in) != len || fflush(in) != 0 ||
	    lseek(fileno(in), 0, SEEK_SET) != 0) {
		fclose(in);
		return gk_fail(err, GK_EIO, "无法读取 PDF 文件：不能写临时文件");
	}
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC) != 0) {
		fclose(in);
		return gk_fail(err, GK_EIO, "无法读取 PDF 文件：%s", strerror(errno));
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fileno(in), 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
	posix_spawn_file_actions_addclosefrom_np(&fa, 3); /* the server's sockets stay ours */
#endif
	char *argv[] = {"pdftotext", "-layout", "-enc", "UTF-8", "-q", "-", "-", NULL};
	pid_t pid;
	int rc = posix_spawnp(&pid, "pdftotext", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	fclose(in);
	if (rc != 0) {
		close(pipefd[0]);
		return gk_fail(err, GK_EIO, "无法读取 PDF 文件：未安装 pdftotext（poppler-utils）");
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
			result = gk_fail(err, GK_EINVAL, "读取 PDF 文件超时（超过 %d 秒）",
					 GK_DOCUMENT_TEXT_TIMEOUT);
			break;
		}
		struct pollfd p = {pipefd[0], POLLIN, 0};
		int pr = poll(&p, 1, (int)(left > 1000 ? 1000 : left));
		if (pr < 0 && errno != EINTR) {
			result = gk_fail(err, GK_EIO, "无法读取 PDF 文件：%s", strerror(errno));
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
					 ? gk_fail(err, GK_ETOOBIG,
						   "PDF 文件中的文字过多（超过 %zu MiB）",
						   GK_REPORT_MAX_INPUT >> 20)
					 : gk_fail(err, GK_ENOMEM, "读取 PDF 文件时内存不足");
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

enum gk_err gk_document_text(const char *data, size_t len, char **text, size_t *text_len,
			     struct gk_error *err)
{
	*text = NULL;
	*text_len = 0;
	struct gk_buf out;
	gk_buf_init(&out, GK_REPORT_MAX_INPUT);
	if (!gk_document_is_pdf(data, len)) {
		if (gk_buf_add(&out, data, len) != GK_OK) {
			gk_buf_release(&out);
			return gk_fail(err, GK_ETOOBIG, "文件过大（上限为 %zu MiB）",
				       GK_REPORT_MAX_INPUT >> 20);
		}
	} else {
		int status = 0;
		enum gk_err rc = run_pdftotext(data, len, &out, &status, err);
		if (rc != GK_OK) {
			gk_buf_release(&out);
			return rc;
		}
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		const char *why = NULL;
		if (code == 127)
			why = "无法读取 PDF 文件：未安装 pdftotext（poppler-utils）";
		else if (code != 0 && contains(data, len, "/Encrypt"))
			why = "PDF 文件已加密，无法读取其中的文字；请提供未加密的文件";
		else if (code == 3)
			why = "PDF 文件不允许复制文字，无法读取；请提供未加密的文件";
		else if (code != 0)
			why = "无法读取 PDF 文件：文件已损坏或不是有效的 PDF";
		else if (only_blank(out.data, out.len))
			why = "PDF 文件没有文字层（可能是扫描的图片），无法读取其中的文字；请提供有文字的 PDF 或文本文件";
		if (why) {
			gk_buf_release(&out);
			return gk_fail(err, code == 127 ? GK_EIO : GK_EINVAL, "%s", why);
		}
	}
	*text = gk_buf_detach(&out, text_len);
	if (!*text)
		return gk_fail(err, GK_ENOMEM, "读取文件时内存不足");
	return GK_OK;
}
