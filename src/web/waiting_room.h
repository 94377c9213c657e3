/* A server whose database cannot be reached when it starts: it listens
 * anyway, answers every request 503 with the reason, and tries the
 * database again until it answers (issue 14). */
#ifndef GK_WEB_WAITING_ROOM_H
#define GK_WEB_WAITING_ROOM_H

#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>

#include "lib/error.h"

/* Tries to reach the database: GK_OK once it answers, GK_EDBDOWN while it
 * does not (anything else ends the wait with that failure). */
typedef enum gk_err (*gk_waiting_try)(void *ctx, struct gk_error *err);

/* Listens on ADDR (LISTEN: how the user wrote it, for messages), prints
 * "listening on …" as a ready server does, answers 503 to every request
 * and calls TRY every two seconds until it returns GK_OK: then the
 * listening socket goes to *LISTENING (for MHD_OPTION_LISTEN_SOCKET, so no
 * connection is refused in between) and its port to *PORT. A signal of
 * SIGNALS (blocked by the caller) ends the wait with *STOPPED set. */
enum gk_err gk_waiting_room(const struct sockaddr_in *addr, const char *listen,
			    const sigset_t *signals, gk_waiting_try try, void *ctx,
			    MHD_socket *listening, unsigned *port, bool *stopped,
			    struct gk_error *err);

#endif
