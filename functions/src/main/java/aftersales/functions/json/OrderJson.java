package aftersales.functions.json;

import static aftersales.functions.json.Json.array;
import static aftersales.functions.json.Json.duration;
import static aftersales.functions.json.Json.instant;
import static aftersales.functions.json.Json.list;
import static aftersales.functions.json.Json.money;
import static aftersales.functions.json.Json.object;
import static aftersales.functions.json.Json.optional;
import static aftersales.functions.json.Json.putIfPresent;
import static aftersales.functions.json.Json.strings;

import aftersales.domain.Dispute;
import aftersales.domain.DisputeId;
import aftersales.domain.DisputeState;
import aftersales.domain.EscalationBasis;
import aftersales.domain.Evaluation;
import aftersales.domain.Evidence;
import aftersales.domain.HistoryEntry;
import aftersales.domain.Order;
import aftersales.domain.Policy;
import aftersales.domain.Proposal;
import aftersales.domain.RefundReason;
import aftersales.domain.Resolution;
import aftersales.domain.ResolutionBasis;
import aftersales.domain.Role;
import aftersales.domain.Ruling;
import aftersales.domain.SellerRejection;
import aftersales.domain.Shipment;

/**
 * The stored form of an order and everything in it. Lossless: {@code read(write(o)).equals(o)}.
 * Field names are part of the stored data; renaming one needs a migration.
 */
public final class OrderJson {

    private OrderJson() {
    }

    public static JsonObject write(Order o) {
        JsonObject n = object();
        n.put("id", o.id());
        n.put("buyerId", o.buyerId());
        n.put("sellerId", o.sellerId());
        n.set("amountPaid", money(o.amountPaid()));
        n.put("deliveryTimeLimitDays", o.deliveryTimeLimitDays());
        n.put("registeredAt", o.registeredAt().toString());
        n.set("shipments", array(o.shipments(), OrderJson::shipment));
        putIfPresent(n, "fullyShippedAt", o.fullyShippedAt());
        putIfPresent(n, "receiptConfirmedAt", o.receiptConfirmedAt());
        n.set("refunded", money(o.refunded()));
        n.set("disputes", array(o.disputes(), OrderJson::dispute));
        o.evaluation().ifPresent(e -> {
            JsonObject ev = object();
            ev.put("stars", e.stars());
            ev.put("comment", e.comment());
            ev.put("at", e.at().toString());
            n.set("evaluation", ev);
        });
        return n;
    }

    public static Order read(JsonValue n) {
        return new Order(
                n.get("id").textValue(),
                n.get("buyerId").textValue(),
                n.get("sellerId").textValue(),
                money(n.get("amountPaid")),
                n.get("deliveryTimeLimitDays").intValue(),
                instant(n.get("registeredAt")),
                list(n.get("shipments"), OrderJson::shipment),
                optional(n, "fullyShippedAt").map(Json::instant),
                optional(n, "receiptConfirmedAt").map(Json::instant),
                money(n.get("refunded")),
                list(n.get("disputes"), OrderJson::dispute),
                optional(n, "evaluation").map(e -> new Evaluation(e.get("stars").intValue(),
                        e.get("comment").textValue(), instant(e.get("at")))));
    }

    private static JsonValue shipment(Shipment s) {
        JsonObject n = object();
        n.put("carrier", s.carrier());
        n.put("trackingNumber", s.trackingNumber());
        n.put("shippedAt", s.shippedAt().toString());
        n.put("recordedAt", s.recordedAt().toString());
        return n;
    }

    private static Shipment shipment(JsonValue n) {
        return new Shipment(n.get("carrier").textValue(), n.get("trackingNumber").textValue(),
                instant(n.get("shippedAt")), instant(n.get("recordedAt")));
    }

    private static JsonValue dispute(Dispute d) {
        JsonObject n = object();
        n.put("id", d.id().toString());
        n.set("policy", policy(d.policy()));
        n.put("firstFiledAt", d.firstFiledAt().toString());
        n.set("proposal", proposal(d.proposal()));
        d.rejection().ifPresent(r -> n.set("rejection", rejection(r)));
        n.set("state", state(d.state()));
        n.put("escalatesAt", d.escalatesAt().toString());
        n.put("escalatesOn", d.escalatesOn().name());
        n.set("evidence", array(d.evidence(), OrderJson::evidence));
        n.set("history", array(d.history(), OrderJson::history));
        return n;
    }

    private static Dispute dispute(JsonValue n) {
        return new Dispute(
                DisputeId.parse(n.get("id").textValue()).orElseThrow(),
                policy(n.get("policy")),
                instant(n.get("firstFiledAt")),
                proposal(n.get("proposal")),
                optional(n, "rejection").map(OrderJson::rejection),
                state(n.get("state")),
                instant(n.get("escalatesAt")),
                EscalationBasis.valueOf(n.get("escalatesOn").textValue()),
                list(n.get("evidence"), OrderJson::evidence),
                list(n.get("history"), OrderJson::history));
    }

    public static JsonObject policy(Policy p) {
        JsonObject n = object();
        n.put("version", p.version());
        n.put("applicationDelayAfterShipment", p.applicationDelayAfterShipment().toString());
        n.put("immediateBelowDeliveryLimit", p.immediateBelowDeliveryLimit().toString());
        n.put("windowAfterProtection", p.windowAfterProtection().toString());
        n.put("maxApplicationsPerOrder", p.maxApplicationsPerOrder());
        n.put("sellerResponseTime", p.sellerResponseTime().toString());
        n.put("negotiationPeriod", p.negotiationPeriod().toString());
        n.put("evidencePeriod", p.evidencePeriod().toString());
        n.put("penaltyPointsPerViolation", p.penaltyPointsPerViolation());
        n.put("maxEvidencePerParty", p.maxEvidencePerParty());
        return n;
    }

    public static Policy policy(JsonValue n) {
        return new Policy(n.get("version").textValue(),
                duration(n.get("applicationDelayAfterShipment")),
                duration(n.get("immediateBelowDeliveryLimit")),
                duration(n.get("windowAfterProtection")),
                n.get("maxApplicationsPerOrder").intValue(),
                duration(n.get("sellerResponseTime")),
                duration(n.get("negotiationPeriod")),
                duration(n.get("evidencePeriod")),
                n.get("penaltyPointsPerViolation").intValue(),
                n.get("maxEvidencePerParty").intValue());
    }

    public static JsonObject proposal(Proposal p) {
        JsonObject n = object();
        n.put("reason", p.reason().name());
        n.set("amount", money(p.amount()));
        n.put("returnGoods", p.returnGoods());
        n.put("description", p.description());
        n.put("at", p.at().toString());
        return n;
    }

    private static Proposal proposal(JsonValue n) {
        return new Proposal(RefundReason.valueOf(n.get("reason").textValue()), money(n.get("amount")),
                n.get("returnGoods").booleanValue(), n.get("description").textValue(), instant(n.get("at")));
    }

    public static JsonObject rejection(SellerRejection r) {
        JsonObject n = object();
        n.put("reason", r.reason());
        r.counterProposal().ifPresent(c -> n.set("counterProposal", money(c)));
        n.put("at", r.at().toString());
        return n;
    }

    private static SellerRejection rejection(JsonValue n) {
        return new SellerRejection(n.get("reason").textValue(), optional(n, "counterProposal").map(Json::money),
                instant(n.get("at")));
    }

    private static JsonValue state(DisputeState s) {
        JsonObject n = object();
        switch (s) {
            case DisputeState.AwaitingSeller a -> {
                n.put("type", "AWAITING_SELLER");
                n.put("deadline", a.deadline().toString());
            }
            case DisputeState.AwaitingBuyer b -> n.put("type", "AWAITING_BUYER");
            case DisputeState.Escalated e -> {
                n.put("type", "ESCALATED");
                n.put("basis", e.basis().name());
                n.put("at", e.at().toString());
            }
            case DisputeState.InArbitration a -> {
                n.put("type", "IN_ARBITRATION");
                n.put("basis", a.basis().name());
                n.put("escalatedAt", a.escalatedAt().toString());
                n.put("caseOpenedAt", a.caseOpenedAt().toString());
            }
            case DisputeState.Resolved r -> {
                n.put("type", "RESOLVED");
                n.set("resolution", resolution(r.resolution()));
            }
        }
        return n;
    }

    private static DisputeState state(JsonValue n) {
        return switch (n.get("type").textValue()) {
            case "AWAITING_SELLER" -> new DisputeState.AwaitingSeller(instant(n.get("deadline")));
            case "AWAITING_BUYER" -> new DisputeState.AwaitingBuyer();
            case "ESCALATED" -> new DisputeState.Escalated(EscalationBasis.valueOf(n.get("basis").textValue()),
                    instant(n.get("at")));
            case "IN_ARBITRATION" -> new DisputeState.InArbitration(
                    EscalationBasis.valueOf(n.get("basis").textValue()), instant(n.get("escalatedAt")),
                    instant(n.get("caseOpenedAt")));
            case "RESOLVED" -> new DisputeState.Resolved(resolution(n.get("resolution")));
            default -> throw new IllegalArgumentException("unknown stored state " + n.get("type"));
        };
    }

    public static JsonObject resolution(Resolution r) {
        JsonObject n = object();
        n.put("basis", r.basis().name());
        n.set("refund", money(r.refund()));
        n.put("at", r.at().toString());
        n.put("againstSeller", r.againstSeller());
        r.ruling().ifPresent(ruling -> {
            JsonObject rn = object();
            rn.put("arbitratorId", ruling.arbitratorId());
            rn.set("refund", money(ruling.refund()));
            ruling.violation().ifPresent(v -> rn.put("violation", v));
            rn.put("sellerViolated", ruling.sellerViolated());
            rn.put("statement", ruling.statement());
            rn.put("at", ruling.at().toString());
            n.set("ruling", rn);
        });
        return n;
    }

    private static Resolution resolution(JsonValue n) {
        return new Resolution(ResolutionBasis.valueOf(n.get("basis").textValue()), money(n.get("refund")),
                instant(n.get("at")), optional(n, "ruling").map(r -> new Ruling(r.get("arbitratorId").textValue(),
                        money(r.get("refund")), optional(r, "violation").map(JsonValue::textValue),
                        r.get("statement").textValue(), instant(r.get("at")))));
    }

    public static JsonObject evidence(Evidence e) {
        JsonObject n = object();
        n.put("party", e.party().name());
        n.put("submittedBy", e.submittedBy());
        n.put("description", e.description());
        n.set("attachments", strings(e.attachments()));
        n.put("at", e.at().toString());
        return n;
    }

    private static Evidence evidence(JsonValue n) {
        return new Evidence(Role.valueOf(n.get("party").textValue()), n.get("submittedBy").textValue(),
                n.get("description").textValue(), strings(n.get("attachments")), instant(n.get("at")));
    }

    public static JsonObject history(HistoryEntry h) {
        JsonObject n = object();
        n.put("at", h.at().toString());
        n.put("role", h.role().name());
        n.put("actorId", h.actorId());
        n.put("action", h.action().name());
        n.set("details", Json.map(h.details()));
        return n;
    }

    private static HistoryEntry history(JsonValue n) {
        return new HistoryEntry(instant(n.get("at")), Role.valueOf(n.get("role").textValue()),
                n.get("actorId").textValue(), HistoryEntry.Action.valueOf(n.get("action").textValue()),
                Json.map(n.get("details")));
    }
}
