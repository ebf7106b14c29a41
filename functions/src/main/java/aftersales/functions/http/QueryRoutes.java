package aftersales.functions.http;

import aftersales.domain.Actor;
import aftersales.domain.DisputeId;
import aftersales.domain.DisputeStatus;
import aftersales.domain.DisputeView;
import aftersales.domain.OrderId;
import aftersales.domain.Rules;
import aftersales.domain.Order;
import aftersales.domain.OrderDesk;
import aftersales.domain.Role;
import aftersales.functions.json.Json;
import aftersales.functions.json.ViewJson;
import aftersales.functions.store.DynamoLedger;
import aftersales.functions.store.DynamoOrderStore;
import aftersales.functions.store.Page;
import aftersales.functions.store.StoredOrder;
import aftersales.functions.json.JsonValue;
import aftersales.functions.json.JsonArray;
import aftersales.functions.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * The GET routes (the query Lambda, read-only). Reads apply due deadlines to what they show, without writing:
 * a view never depends on whether a timer has fired yet.
 */
public final class QueryRoutes {

    private final DynamoOrderStore orders;
    private final DynamoLedger ledger;
    private final java.time.InstantSource clock;
    private final aftersales.domain.Policy policy;

    public QueryRoutes(DynamoOrderStore orders, DynamoLedger ledger, java.time.InstantSource clock,
                       aftersales.domain.Policy policy) {
        this.orders = orders;
        this.ledger = ledger;
        this.clock = clock;
        this.policy = policy;
    }

    /** GET routes: the query Lambda, read-only. */
    public Api queries(Api api) {
        return api
                .route("GET /orders/{orderId}", this::viewOrder)
                .route("GET /disputes", this::myDisputes)
                .route("GET /disputes/{disputeId}", this::viewDispute)
                .route("GET /arbitration/cases", this::openCases)
                .route("GET /arbitration/cases/{disputeId}", (actor, r) -> actor.is(Role.ARBITRATOR)
                        ? viewDispute(actor, r) : forbidden("arbitrators only"))
                .route("GET /refund-instructions", this::refundInstructions)
                .route("GET /refund-instructions/{instructionId}", this::refundInstruction)
                .route("GET /sellers/{sellerId}/penalties", this::penalties);
    }

    // ---- queries ----

    private HttpResponse viewOrder(Actor actor, HttpRequest r) {
        Optional<StoredOrder> stored = OrderId.isValid(r.path("orderId")) ? orders.load(r.path("orderId"))
                : Optional.empty();
        if (stored.isEmpty() || !DisputeView.mayView(stored.get().order(), actor)) {
            return Problem.notFound();
        }
        Instant now = clock.instant();
        return HttpResponse.json(200, ViewJson.order(OrderDesk.at(stored.get().order(), now), actor, now,
                policy));
    }

    private HttpResponse viewDispute(Actor actor, HttpRequest r) {
        Optional<DisputeId> id = DisputeId.parse(r.path("disputeId"));
        Optional<StoredOrder> stored = id.flatMap(i -> orders.load(i.orderId()));
        if (stored.isEmpty()) {
            return Problem.notFound();
        }
        Instant now = clock.instant();
        return DisputeView.of(stored.get().order(), id.get(), actor, now)
                .map(v -> HttpResponse.json(200, ViewJson.dispute(v)))
                .orElseGet(Problem::notFound);
    }

    private HttpResponse myDisputes(Actor actor, HttpRequest r) {
        if (!actor.is(Role.BUYER) && !actor.is(Role.SELLER)) {
            return forbidden("lists a buyer's or seller's own disputes; arbitrators use /arbitration/cases");
        }
        Requests.Paging paging = Requests.paging(r);
        Optional<DisputeStatus> status = Optional.ofNullable(r.query().get("status")).map(s -> {
            try {
                return DisputeStatus.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("status", "must be one of " + java.util.Arrays.toString(DisputeStatus.values()));
            }
        });
        Page<Order> page = orders.disputesOf(actor.role(), actor.id(), paging.cursor(), paging.limit());
        Instant now = clock.instant();
        JsonArray items = Json.array();
        for (Order stored : page.items()) {
            Order order = OrderDesk.at(stored, now);
            order.disputes().reversed().stream()
                    .filter(d -> status.map(s -> d.status() == s).orElse(true))
                    .forEach(d -> items.add(summary(DisputeView.of(order, d.id(), actor, now).orElseThrow())));
        }
        return HttpResponse.json(200, listing(items, page.next()));
    }

    private HttpResponse openCases(Actor actor, HttpRequest r) {
        if (!actor.is(Role.ARBITRATOR)) {
            return forbidden("arbitrators only");
        }
        Requests.Paging paging = Requests.paging(r);
        Page<Order> page = orders.openCases(paging.cursor(), paging.limit());
        Instant now = clock.instant();
        JsonArray items = Json.array();
        for (Order stored : page.items()) {
            Order order = OrderDesk.at(stored, now);
            order.openDispute().ifPresent(d -> items.add(summary(DisputeView.of(order, d.id(), actor, now).orElseThrow())));
        }
        return HttpResponse.json(200, listing(items, page.next()));
    }

    private HttpResponse refundInstructions(Actor actor, HttpRequest r) {
        if (!actor.is(Role.PLATFORM)) {
            return forbidden("the platform's payment system only");
        }
        Requests.Paging paging = Requests.paging(r);
        Page<JsonValue> page = ledger.refunds(paging.cursor(), paging.limit());
        return HttpResponse.json(200, listing(Json.array(page.items(), n -> n), page.next()));
    }

    private HttpResponse refundInstruction(Actor actor, HttpRequest r) {
        if (!actor.is(Role.PLATFORM)) {
            return forbidden("the platform's payment system only");
        }
        String id = r.path("instructionId");
        boolean wellFormed = id.endsWith(".refund") && DisputeId.parse(id.substring(0, id.length() - 7)).isPresent();
        return (wellFormed ? ledger.refund(id) : Optional.<JsonValue>empty())
                .map(n -> HttpResponse.json(200, n)).orElseGet(Problem::notFound);
    }

    private HttpResponse penalties(Actor actor, HttpRequest r) {
        String sellerId = r.path("sellerId");
        if (sellerId.isBlank() || sellerId.length() > Rules.MAX_SHORT_TEXT) {
            return Problem.notFound();
        }
        boolean self = actor.is(Role.SELLER) && actor.id().equals(sellerId);
        if (!self && !actor.is(Role.PLATFORM) && !actor.is(Role.ARBITRATOR)) {
            return actor.is(Role.SELLER) ? Problem.notFound() : forbidden("the seller, arbitrators and the platform");
        }
        Requests.Paging paging = Requests.paging(r);
        Page<JsonValue> page = ledger.penalties(sellerId, paging.cursor(), paging.limit());
        return HttpResponse.json(200, listing(Json.array(page.items(), n -> n), page.next()));
    }

    private static JsonObject summary(DisputeView v) {
        JsonObject full = ViewJson.dispute(v);
        JsonObject n = Json.object();
        for (String field : new String[] {"disputeId", "orderId", "status", "whoseTurn", "deadlines", "allowedActions",
                "proposal", "history", "resolution"}) {
            n.set(field, full.get(field));
        }
        return n;
    }

    private static JsonObject listing(JsonArray items, Optional<String> next) {
        JsonObject n = Json.object();
        n.set("items", items);
        if (next.isPresent()) {
            n.put("nextCursor", next.get());
        } else {
            n.putNull("nextCursor");
        }
        return n;
    }

    private static HttpResponse forbidden(String detail) {
        return Problem.of(403, "ROLE_NOT_ALLOWED", "Role not allowed", detail);
    }
}
