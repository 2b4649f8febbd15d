package nl.ggk.hub.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.ggk.hub.web.ApiProblemException;
import nl.ggk.hub.web.Problems;

/**
 * The door in front of an upload route, on the Vert.x event loop: it authenticates and checks Content-Type and
 * Content-Length before a byte of the body is read, then streams the body (or each file part of a
 * multipart/form-data body) to a file under store/incoming with the limit enforced while streaming, and only then
 * hands the request to its Camel route ({@link HttpDoorPolicy}), which finds the files through {@link HttpUploads}.
 * (Not a handler before a platform-http consumer: Camel's handlers resume the request, which Vert.x refuses once an
 * HTTP/2 request has ended.) A refusal is a problem+json answer (or the door's own, {@link DoorRules#refusal})
 * sent at once with {@code Connection: close}; the connection is closed soon after, so a client that keeps sending
 * fills no memory. The files are deleted when the answer has been written.
 */
public final class HttpDoorGuard implements Handler<RoutingContext> {

    /** The request header that carries the upload token to the route; any a client sends is removed first. */
    public static final String TOKEN_HEADER = "GgkUploadToken";
    /**
     * The header that carries the client certificate the TLS handshake verified (an {@code X509Certificate}) to the
     * route; any a client sends is removed first.
     */
    public static final String CLIENT_CERTIFICATE_HEADER = "GgkClientCertificate";


    /** Runs the route of the door for a request whose uploads are stored, and writes its answer. */
    @FunctionalInterface
    public interface Handover {
        void handOver(RoutingContext ctx);
    }

    private final DoorRules rules;
    private final HttpUploads uploads;
    private final Problems problems;
    private volatile Handover handover = ctx -> ctx.fail(503);

    public HttpDoorGuard(DoorRules rules, HttpUploads uploads, Problems problems) {
        this.rules = rules;
        this.uploads = uploads;
        this.problems = problems;
    }

    void handOverTo(Handover route) {
        this.handover = route;
    }

    Problems problems() {
        return problems;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.headers().remove(TOKEN_HEADER);
        request.headers().remove(CLIENT_CERTIFICATE_HEADER);
        DoorRequest door = new DoorRequest(request);
        try {
            rules.check().check(door);
            checkMediaType(door);
            checkLength(request);
        } catch (ApiProblemException problem) {
            refuse(ctx, problem, problem.getMessage());
            return;
        }
        Transfer transfer = new Transfer(ctx);
        ctx.addEndHandler(done -> transfer.discard());
        if (door.multipart()) {
            transfer.multipart();
        } else {
            transfer.single(door);
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
    }

    private void checkMediaType(DoorRequest door) {
        String mediaType = door.mediaType();
        if (door.multipart()) {
            if (!rules.multipartAccepted()) {
                throw ApiProblemException.unsupportedMediaType("multipart/form-data wordt hier niet aangenomen.");
            }
            return;
        }
        if (mediaType == null) {
            throw ApiProblemException.unsupportedMediaType("Geef een Content-Type mee: een ZIP-, CSV- of XML-bestand.");
        }
        if (!rules.mediaTypes().contains(mediaType)) {
            throw ApiProblemException.unsupportedMediaType("Content-Type " + mediaType
                    + " wordt niet aangenomen; stuur application/zip, text/csv of application/xml"
                    + (rules.multipartAccepted() ? ", of multipart/form-data." : "."));
        }
    }

    private void checkLength(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
            if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                throw new ApiProblemException(411, "Geef een Content-Length mee of stuur de body in delen (chunked).");
            }
            return;
        }
        long length;
        try {
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw ApiProblemException.badRequest("Content-Length is geen getal.");
        }
        if (length > rules.maxBytes()) {
            throw tooLarge();
        }
    }

    private ApiProblemException tooLarge() {
        return ApiProblemException.tooLarge("Het bestand is groter dan de grens van " + rules.maxBytes() + " bytes.");
    }

    /** The refusal in the door's language (problem+json, or the door's own), answered and logged once. */
    private void refuse(RoutingContext ctx, ApiProblemException problem, String reason) {
        String path = ctx.request().path();
        Buffer body;
        String contentType = "application/problem+json";
        if (rules.refusal() != null) {
            DoorRules.Refusal refusal = rules.refusal().write(problem, path);
            body = Buffer.buffer(refusal.body());
            contentType = refusal.contentType();
        } else {
            body = Buffer.buffer(problems.json(problem, path));
        }
        DoorRefusal.answer(ctx, problem.status(), contentType, body, Map.of(), reason);
    }

    /** One request's body on its way to disk. */
    private final class Transfer {
        private final RoutingContext ctx;
        private final HttpServerRequest request;
        private final List<Path> files = new CopyOnWriteArrayList<>();
        private final List<Future<Upload>> parts = new ArrayList<>();
        private long total;
        private boolean refused;
        private String token;

        Transfer(RoutingContext ctx) {
            this.ctx = ctx;
            this.request = ctx.request();
        }

        void single(DoorRequest door) {
            request.pause();
            String filename = door.query("filename");
            if (filename == null || filename.isBlank()) {
                filename = ContentDisposition.filename(door.header("Content-Disposition")).orElse(null);
            }
            Future<Upload> stored = stream(request, filename, door.mediaType());
            request.exceptionHandler(this::failed);
            stored.onSuccess(upload -> handOver(List.of(upload))).onFailure(this::failed);
        }

        void multipart() {
            request.setExpectMultipart(true);
            request.exceptionHandler(this::failed);
            request.uploadHandler(this::part);
            request.endHandler(ended -> Future.all(new ArrayList<>(parts)).onComplete(all -> {
                if (all.failed()) {
                    failed(all.cause());
                    return;
                }
                List<Upload> stored = new ArrayList<>();
                for (Future<Upload> part : parts) {
                    stored.add(part.result());
                }
                if (stored.isEmpty()) {
                    failed(ApiProblemException.badRequest(
                            "Het formulier bevat geen bestand: stuur elk bestand als een deel met een bestandsnaam (curl -F file=@a.zip)."));
                } else {
                    handOver(stored);
                }
            }));
        }

        private void part(HttpServerFileUpload upload) {
            if (refused) {
                upload.handler(ignored -> { });
                return;
            }
            String mediaType = upload.contentType() == null ? "application/octet-stream"
                    : upload.contentType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (parts.size() >= rules.maxParts()) {
                failed(ApiProblemException.badRequest("Meer dan " + rules.maxParts() + " bestanden in één verzoek; verdeel ze over meer verzoeken."));
                return;
            }
            if (!rules.mediaTypes().contains(mediaType)) {
                failed(ApiProblemException.unsupportedMediaType("Het deel " + upload.filename() + " is "
                        + mediaType + "; stuur delen van het soort application/zip, text/csv of application/xml."));
                return;
            }
            upload.pause();
            parts.add(stream(upload, ContentDisposition.utf8IfPossible(upload.filename()), mediaType));
        }

        /** Streams {@code source} to a new file, counting every byte against the request's limit. */
        private Future<Upload> stream(ReadStream<Buffer> source, String filename, String mediaType) {
            Path file = uploads.newFile();
            files.add(file);
            Promise<Upload> done = Promise.promise();
            ctx.vertx().fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setCreateNew(true))
                    .onFailure(done::tryFail)
                    .onSuccess(out -> {
                        long[] size = {0};
                        source.handler(buffer -> {
                            if (refused) {
                                return;
                            }
                            size[0] += buffer.length();
                            total += buffer.length();
                            if (total > rules.maxBytes()) {
                                out.close();
                                done.tryFail(tooLarge());
                                failed(tooLarge());
                                return;
                            }
                            out.write(buffer);
                            if (out.writeQueueFull()) {
                                source.pause();
                                out.drainHandler(drained -> source.resume());
                            }
                        });
                        source.exceptionHandler(e -> closeAndFail(out, done, e));
                        source.endHandler(ended -> out.close()
                                .onSuccess(closed -> done.tryComplete(new Upload(file, filename, mediaType, size[0])))
                                .onFailure(done::tryFail));
                        source.resume();
                    });
            return done.future();
        }

        private void closeAndFail(AsyncFile out, Promise<Upload> done, Throwable e) {
            out.close();
            done.tryFail(e);
        }

        private void handOver(List<Upload> stored) {
            if (refused) {
                return;
            }
            token = uploads.register(stored);
            request.headers().set(TOKEN_HEADER, token);
            handover.handOver(ctx);
        }

        private void failed(Throwable cause) {
            if (refused) {
                return;
            }
            refused = true;
            if (cause instanceof ApiProblemException problem) {
                refuse(ctx, problem, problem.getMessage());
            } else {
                refuse(ctx, ApiProblemException.badRequest("De upload brak af voor het einde; er is niets aangenomen. Stuur het bestand opnieuw."),
                        "upload broke off (" + cause.getClass().getSimpleName() + ")");
            }
            discard();
        }

        void discard() {
            uploads.forget(token);
            for (Path file : files) {
                uploads.release(file);
            }
        }
    }
}
