/* QR code to SVG: one path of unit squares, so the file stays small and
 * needs no styles (our CSP allows none inline). */
#include <errno.h>
#include <qrencode.h>
#include <string.h>

#include "lib/qr.h"

enum gk_err gk_qr_svg(const char *text, int scale, struct gk_buf *out, struct gk_error *err)
{
	if (!text || !*text)
		return gk_fail(err, GK_EINVAL, "二维码：没有要编码的内容");
	if (scale < 1 || scale > 64)
		scale = 4;
	errno = 0;
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return errno == ENOMEM
			       ? gk_fail(err, GK_ENOMEM, "qr: out of memory")
			       : gk_fail(err, GK_EINVAL, "二维码：文字过长，无法生成二维码");
	const int quiet = 4, n = qr->width, size = n + 2 * quiet;
	gk_buf_printf(out,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		      "viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">\n"
		      "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"",
		      size * scale, size * scale, size, size, size, size);
	for (int y = 0; y < n; y++) {
		for (int x = 0; x < n; x++) {
			if (!(qr->data[y * n + x] & 1))
				continue;
			/* merge a run of dark modules into one rectangle */
			int run = 1;
			while (x + run < n && (qr->data[y * n + x + run] & 1))
				run++;
			gk_buf_printf(out, "M%d %dh%dv1h-%dz", x + quiet, y + quiet, run, run);
			x += run - 1;
		}
	}
	gk_buf_puts(out, "\"/>\n</svg>\n");
	QRcode_free(qr);
	if (out->failed)
		return gk_fail(err, (enum gk_err)out->failed, "qr: the image is too large");
	return GK_OK;
}
