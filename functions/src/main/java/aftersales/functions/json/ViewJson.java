package aftersales.functions.json;

import static aftersales.functions.json.Json.array;
import static aftersales.functions.json.Json.money;
import static aftersales.functions.json.Json.object;

import aftersales.domain.Actor;
import aftersales.domain.CallerAction;
import aftersales.domain.Deadline;
import aftersales.domain.DisputeView;
import aftersales.domain.Order;
import aftersales.domain.Policy;
import aftersales.domain.Rules;
import java.time.Instant;
import java.util.List;

/** What callers see: dispute and order views as JSON (the shapes openapi.yaml documents). */
public final class ViewJson {

    private ViewJson() {
    }

    public static JsonObject dispute(DisputeView v) {
        JsonObject n = object();
        n.put("disputeId", v.id().toString());
        n.put("orderId", v.orderId());
        n.put("buyerId", v.buyerId());
        n.put("sellerId", v.sellerId());
        n.put("status", v.status().name());
        if (v.whoseTurn().isPresent()) {
            n.put("whoseTurn", v.whoseTurn().get().name());
        } else {
            n.putNull("whoseTurn");
        }
        n.set("deadlines", array(v.deadlines(), ViewJson::deadline));
        n.set("allowedActions", actions(v.allowedActions()));
        n.set("proposal", OrderJson.proposal(v.proposal()));
        v.rejection().ifPresent(r -> n.set("rejection", OrderJson.rejection(r)));
        n.put("firstFiledAt", v.firstFiledAt().toString());
        JsonObject escalation = n.putObject("automaticEscalation");
        escalation.put("at", v.escalatesAt().toString());
        escalation.put("basis", v.escalatesOn().name());
        v.rulingAllowedFrom().ifPresent(t -> n.put("rulingAllowedFrom", t.toString()));
        n.set("refundable", money(v.refundable()));
        n.set("evidence", array(v.evidence(), OrderJson::evidence));
        n.set("history", array(v.history(), OrderJson::history));
        if (v.resolution().isPresent()) {
            n.set("resolution", OrderJson.resolution(v.resolution().get()));
        } else {
            n.putNull("resolution");
        }
        n.put("policyVersion", v.policyVersion());
        return n;
    }

    public static JsonObject order(Order o, Actor viewer, Instant now, Policy policy) {
        JsonObject n = object();
        n.put("orderId", o.id());
        n.put("buyerId", o.buyerId());
        n.put("sellerId", o.sellerId());
        n.set("amountPaid", money(o.amountPaid()));
        n.set("refunded", money(o.refunded()));
        n.set("refundable", money(o.refundable()));
        n.put("deliveryTimeLimitDays", o.deliveryTimeLimitDays());
        n.put("registeredAt", o.registeredAt().toString());
        n.set("shipments", array(o.shipments(), s -> {
            JsonObject sn = object();
            sn.put("carrier", s.carrier());
            sn.put("trackingNumber", s.trackingNumber());
            sn.put("shippedAt", s.shippedAt().toString());
            return sn;
        }));
        Json.putIfPresent(n, "fullyShippedAt", o.fullyShippedAt());
        Json.putIfPresent(n, "receiptConfirmedAt", o.receiptConfirmedAt());
        Json.putIfPresent(n, "protectionEndsAt", o.protectionEndsAt());
        JsonObject window = n.putObject("applicationWindow");
        Json.putIfPresent(window, "opensAt", o.applicationWindowOpensAt(policy));
        Json.putIfPresent(window, "closesAt", o.applicationWindowClosesAt(policy));
        n.set("disputes", array(o.disputes(), d -> {
            JsonObject dn = object();
            dn.put("disputeId", d.id().toString());
            dn.put("status", d.status().name());
            return dn;
        }));
        n.put("complete", o.isComplete(now));
        o.evaluation().ifPresent(e -> {
            JsonObject en = n.putObject("evaluation");
            en.put("stars", e.stars());
            en.put("sentiment", e.sentiment().name());
            en.put("comment", e.comment());
            en.put("at", e.at().toString());
        });
        n.set("allowedActions", actions(Rules.allowedOrderActions(o, viewer, now, policy)));
        return n;
    }

    private static JsonValue deadline(Deadline d) {
        JsonObject n = object();
        n.put("kind", d.kind().name());
        n.put("at", d.at().toString());
        return n;
    }

    private static JsonValue actions(List<CallerAction> actions) {
        return Json.strings(actions.stream().map(a -> a.name()).toList());
    }
}
