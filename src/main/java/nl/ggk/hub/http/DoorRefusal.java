package nl.ggk.hub.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the doors on the HTTP port answer a refusal, whether the body was read or not: the answer is written
 * once (never over one already begun), with {@code Connection: close}; whatever the client still sends is dropped
 * unread, and the connection is closed when the request has ended or a second later. It is logged once: one WARN
 * line, without a stack trace (a refusal is the client's doing, not the hub's fault).
 */
final class DoorRefusal {

    private static final Logger LOG = LoggerFactory.getLogger(DoorRefusal.class);
    /** How long a refused client may go on sending (discarded) before the connection is closed. */
    private static final long LINGER_MS = 1000;

    private DoorRefusal() {
    }

    /**
     * Answers {@code status} with {@code body} of {@code contentType} and {@code headers}; {@code reason} is the
     * log's text (the problem's detail).
     */
    static void answer(RoutingContext ctx, int status, String contentType, Buffer body, Map<String, String> headers,
                       String reason) {
        answer(ctx, status, contentType, body, headers, reason, true);
    }

    /** As {@link #answer(RoutingContext, int, String, Buffer, Map, String)}; {@code warn} false logs at DEBUG. */
    static void answer(RoutingContext ctx, int status, String contentType, Buffer body, Map<String, String> headers,
                       String reason, boolean warn) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            // answered already (or the client is gone): a second answer would break the first
            return;
        }
        if (warn) {
            LOG.warn("HTTP {} {} refused at the door: {} {}", request.method(), request.path(), status, reason);
        } else {
            LOG.debug("HTTP {} {} answered at the door: {} {}", request.method(), request.path(), status, reason);
        }
        response.setStatusCode(status);
        headers.forEach(response::putHeader);
        if (contentType != null) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
        }
        Buffer content = request.method() == HttpMethod.HEAD ? Buffer.buffer() : body;
        if (request.version() == HttpVersion.HTTP_2) {
            // one stream of a shared connection: ending the answer is all; the client's data is dropped
            dropTheRest(request);
            response.end(content);
            return;
        }
        response.putHeader(HttpHeaders.CONNECTION, "close");
        boolean ended = request.isEnded();
        if (!ended) {
            dropTheRest(request);
        }
        response.end(content).onComplete(written -> {
            if (ended || request.isEnded()) {
                request.connection().close();
                return;
            }
            Vertx vertx = ctx.vertx();
            long timer = vertx.setTimer(LINGER_MS, t -> request.connection().close());
            try {
                request.endHandler(end -> {
                    vertx.cancelTimer(timer);
                    request.connection().close();
                });
            } catch (IllegalStateException endedMeanwhile) {
                vertx.cancelTimer(timer);
                request.connection().close();
            }
        });
    }

    /** Whatever the client still sends is read and dropped, so it neither fills memory nor blocks the answer. */
    private static void dropTheRest(HttpServerRequest request) {
        if (request.isEnded()) {
            return;
        }
        try {
            request.handler(ignored -> { });
            request.exceptionHandler(ignored -> { });
            request.resume();
        } catch (IllegalStateException endedMeanwhile) {
            // nothing left to drop
        }
    }
}
