/* QR codes as SVG (libqrencode), for links people scan from paper. */
#ifndef GK_LIB_QR_H
#define GK_LIB_QR_H

#include "lib/buf.h"
#include "lib/error.h"

/* Appends to OUT a standalone SVG document showing TEXT as a QR code (error
 * correction level M, 4-module quiet zone, SCALE pixels per module, 1–64).
 * GK_EINVAL if TEXT is empty or too long for a QR code; GK_ENOMEM. */
enum gk_err gk_qr_svg(const char *text, int scale, struct gk_buf *out, struct gk_error *err);

#endif
