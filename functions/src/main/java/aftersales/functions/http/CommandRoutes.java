package aftersales.functions.http;

import aftersales.domain.Actor;
import aftersales.domain.Command;
import aftersales.domain.Decision;
import aftersales.domain.DisputeId;
import aftersales.domain.DisputeView;
import aftersales.domain.OrderId;
import aftersales.domain.Order;
import aftersales.domain.Role;
import aftersales.functions.app.OrderService;
import aftersales.functions.app.OrderService.Outcome;
import aftersales.functions.json.ViewJson;
import aftersales.functions.json.JsonValue;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The POST routes (the command Lambda). Each answers with the caller's view after the command, or a problem.
 * Buyers and sellers get 404 for orders and disputes that are not theirs, so ids do not leak.
 */
public final class CommandRoutes {

    private final OrderService service;

    public CommandRoutes(OrderService service) {
        this.service = service;
    }

    /** POST routes: the command Lambda. */
    public Api commands(Api api) {
        return api
                .route("POST /orders", this::register)
                .route("POST /orders/{orderId}/shipments", onOrder(Requests::shipment))
                .route("POST /orders/{orderId}/receipt", onOrder(r -> {
                    Requests.noBody(r);
                    return new Command.ConfirmReceipt();
                }))
                .route("POST /orders/{orderId}/evaluation", onOrder(Requests::evaluation))
                .route("POST /orders/{orderId}/disputes", this::apply)
                .route("POST /disputes/{disputeId}/modification", onDispute(Requests::modification))
                .route("POST /disputes/{disputeId}/acceptance", onDispute(bodiless(Command.AcceptProposal::new)))
                .route("POST /disputes/{disputeId}/rejection", onDispute(Requests::rejection))
                .route("POST /disputes/{disputeId}/counter-proposal-acceptance",
                        onDispute(bodiless(Command.AcceptCounterProposal::new)))
                .route("POST /disputes/{disputeId}/escalation", onDispute(bodiless(Command.Escalate::new)))
                .route("POST /disputes/{disputeId}/cancellation", onDispute(bodiless(Command.CancelDispute::new)))
                .route("POST /disputes/{disputeId}/evidence", onDispute(Requests::evidence))
                .route("POST /arbitration/cases/{disputeId}/ruling", onDispute(Requests::ruling));
    }

    // ---- commands ----

    private HttpResponse register(Actor actor, HttpRequest r) {
        if (!actor.is(Role.PLATFORM)) {
            return forbidden("only the platform registers orders");
        }
        Requests.Registration reg = Requests.registration(r);
        return switch (service.register(actor, reg.orderId(), reg.buyerId(), reg.sellerId(), reg.amountPaid(),
                reg.deliveryDays())) {
            case Outcome.Refused(var refusal) -> Problem.of(refusal);
            case Outcome.NoSuchOrder n -> Problem.notFound();
            case Outcome.Decided(Decision d, Instant at) -> HttpResponse.json(d.changed() ? 201 : 200,
                            ViewJson.order(d.order(), actor, at, service.policy()))
                    .withHeader("location", "/orders/" + d.order().id());
        };
    }

    private HttpResponse apply(Actor actor, HttpRequest r) {
        String orderId = r.path("orderId");
        if (!OrderId.isValid(orderId)) {
            return Problem.notFound();
        }
        Command.ApplyForRefund command = Requests.application(r);
        return switch (service.execute(actor, orderId, command)) {
            case Outcome.NoSuchOrder n -> Problem.notFound();
            case Outcome.Refused(var refusal) -> Problem.of(refusal);
            case Outcome.Decided(Decision d, Instant at) -> d.refusal().map(Problem::of).orElseGet(() -> {
                DisputeId id = d.order().disputes().getLast().id();
                return HttpResponse.json(201, disputeView(d.order(), id, actor, at))
                        .withHeader("location", "/disputes/" + id);
            });
        };
    }

    private BiFunction<Actor, HttpRequest, HttpResponse> onOrder(Function<HttpRequest, Command> parse) {
        return (actor, r) -> {
            if (!OrderId.isValid(r.path("orderId"))) {
                return Problem.notFound();
            }
            Command command = parse.apply(r);
            return switch (service.execute(actor, r.path("orderId"), command)) {
                case Outcome.NoSuchOrder n -> Problem.notFound();
                case Outcome.Refused(var refusal) -> Problem.of(refusal);
                case Outcome.Decided(Decision d, Instant at) -> d.refusal().map(Problem::of)
                        .orElseGet(() -> HttpResponse.json(200, ViewJson.order(d.order(), actor, at, service.policy())));
            };
        };
    }

    private BiFunction<Actor, HttpRequest, HttpResponse> onDispute(
            java.util.function.BiFunction<HttpRequest, DisputeId, Command> parse) {
        return (actor, r) -> {
            Optional<DisputeId> id = DisputeId.parse(r.path("disputeId"));
            if (id.isEmpty()) {
                return Problem.notFound();
            }
            Command command = parse.apply(r, id.get());
            return switch (service.execute(actor, id.get().orderId(), command)) {
                case Outcome.NoSuchOrder n -> Problem.notFound();
                case Outcome.Refused(var refusal) -> Problem.of(refusal);
                case Outcome.Decided(Decision d, Instant at) -> d.refusal().map(Problem::of)
                        .orElseGet(() -> HttpResponse.json(200, disputeView(d.order(), id.get(), actor, at)));
            };
        };
    }

    private static java.util.function.BiFunction<HttpRequest, DisputeId, Command> bodiless(
            Function<DisputeId, Command> make) {
        return (r, id) -> {
            Requests.noBody(r);
            return make.apply(id);
        };
    }

    private static JsonValue disputeView(Order order, DisputeId id, Actor actor, Instant at) {
        return ViewJson.dispute(DisputeView.of(order, id, actor, at).orElseThrow());
    }

    private static HttpResponse forbidden(String detail) {
        return Problem.of(403, "ROLE_NOT_ALLOWED", "Role not allowed", detail);
    }
}
