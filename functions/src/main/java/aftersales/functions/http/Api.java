package aftersales.functions.http;

import aftersales.domain.Actor;
import aftersales.functions.store.Cursor;
import aftersales.functions.store.IdempotencyStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP API's front door, shared by the command and query Lambdas: caller from the verified claims, size
 * limit, route by API Gateway's route key, Idempotency-Key for POSTs, and errors as problem+json. Anything
 * unexpected becomes a plain 500 without internals.
 */
public final class Api {

    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(Api.class.getName());

    private final Map<String, BiFunction<Actor, HttpRequest, HttpResponse>> routes = new HashMap<>();
    private final IdempotencyStore idempotency;
    private final java.time.InstantSource clock;

    public Api(IdempotencyStore idempotency, java.time.InstantSource clock) {
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public Api route(String routeKey, BiFunction<Actor, HttpRequest, HttpResponse> handler) {
        routes.put(routeKey, handler);
        return this;
    }

    public java.util.Set<String> routeKeys() {
        return java.util.Set.copyOf(routes.keySet());
    }

    public HttpResponse handle(HttpRequest request) {
        try {
            Optional<Actor> caller = Caller.from(request.claims());
            if (caller.isEmpty()) {
                return Problem.of(401, "UNAUTHENTICATED", "Unauthenticated",
                        "a verified token with claims 'sub' and 'role' (buyer, seller, arbitrator or platform) is required");
            }
            if (request.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                return Problem.of(413, "BODY_TOO_LARGE", "Body too large", "bodies are limited to 64 KB");
            }
            var handler = routes.get(request.routeKey());
            if (handler == null) {
                return Problem.notFound();
            }
            Optional<String> key = request.header("Idempotency-Key");
            if (key.isPresent() && request.routeKey().startsWith("POST ")) {
                return idempotent(caller.get(), key.get(), request, handler);
            }
            return handler.apply(caller.get(), request);
        } catch (BadRequest e) {
            return Problem.badRequest(e.errors());
        } catch (Cursor.BadCursor e) {
            return Problem.badRequest(java.util.List.of(new Problem.FieldError("cursor", "not a cursor this listing gave")));
        } catch (aftersales.functions.store.ConcurrentChange e) {
            return Problem.of(503, "BUSY", "Busy", "the order is being changed by other requests; retry shortly")
                    .withHeader("retry-after", "1");
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure on " + request.routeKey(), e);
            return internalError();
        }
    }

    private HttpResponse idempotent(Actor caller, String key, HttpRequest request,
                                    BiFunction<Actor, HttpRequest, HttpResponse> handler) {
        if (key.isBlank() || key.length() > 255 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new BadRequest("Idempotency-Key", "1 to 255 visible ASCII characters");
        }
        String scope = caller.role() + "#" + caller.id();
        String hash = hash(request);
        var claim = idempotency.claim(scope, key, hash, clock.instant());
        return switch (claim) {
            case IdempotencyStore.Claim.Replay(HttpResponse first) -> first.withHeader("idempotent-replayed", "true");
            case IdempotencyStore.Claim.Mismatch m -> Problem.of(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency key reused",
                    "this Idempotency-Key was used for a different request");
            case IdempotencyStore.Claim.InProgress p -> Problem.of(409, "IDEMPOTENCY_KEY_IN_USE", "Request in progress",
                    "a request with this Idempotency-Key is still being processed; retry shortly");
            case IdempotencyStore.Claim.Claimed c -> {
                HttpResponse response;
                try {
                    response = handler.apply(caller, request);
                } catch (BadRequest e) {
                    response = Problem.badRequest(e.errors());
                } catch (RuntimeException e) {
                    idempotency.release(scope, key);
                    throw e;
                }
                try {
                    idempotency.complete(scope, key, hash, response, clock.instant());
                } catch (RuntimeException e) {
                    // the command is done: answer it; a retry meets the running claim, then (after its lease)
                    // is judged against the new state, which refuses what was already done
                    LOG.log(Level.WARNING, "idempotency record not completed for " + request.routeKey(), e);
                }
                yield response;
            }
        };
    }

    static HttpResponse internalError() {
        return Problem.of(500, "INTERNAL", "Internal error", "the request could not be completed; it is safe to retry");
    }

    private static String hash(HttpRequest r) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(r.routeKey().getBytes(StandardCharsets.UTF_8));
            new java.util.TreeMap<>(r.pathParameters()).forEach((k, v) ->
                    d.update((k + "=" + v + ";").getBytes(StandardCharsets.UTF_8)));
            d.update(r.body().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
