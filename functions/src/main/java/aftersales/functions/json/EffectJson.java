package aftersales.functions.json;

import static aftersales.functions.json.Json.instant;
import static aftersales.functions.json.Json.money;
import static aftersales.functions.json.Json.object;

import aftersales.domain.Deadline;
import aftersales.domain.DeadlineKind;
import aftersales.domain.DisputeId;
import aftersales.domain.Effect;
import aftersales.domain.EscalationBasis;
import aftersales.domain.Penalty;
import aftersales.domain.RefundInstruction;
import aftersales.domain.ResolutionBasis;

/** The stored form of an owed side effect (the outbox), and the message bodies sent to queues. */
public final class EffectJson {

    private EffectJson() {
    }

    public static JsonObject write(Effect e) {
        JsonObject n = object();
        switch (e) {
            case Effect.ScheduleDeadline s -> {
                n.put("type", "SCHEDULE_DEADLINE");
                n.put("disputeId", s.disputeId().toString());
                deadline(n, s.deadline());
            }
            case Effect.CancelDeadline c -> {
                n.put("type", "CANCEL_DEADLINE");
                n.put("disputeId", c.disputeId().toString());
                deadline(n, c.deadline());
            }
            case Effect.SendToArbitration a -> {
                n.put("type", "SEND_TO_ARBITRATION");
                n.setAll(arbitrationMessage(a));
            }
            case Effect.IssueRefund r -> {
                n.put("type", "ISSUE_REFUND");
                n.setAll(refund(r.instruction()));
            }
            case Effect.RecordPenalty p -> {
                n.put("type", "RECORD_PENALTY");
                n.setAll(penalty(p.penalty()));
            }
        }
        return n;
    }

    public static Effect read(JsonValue n) {
        return switch (n.get("type").textValue()) {
            case "SCHEDULE_DEADLINE" -> new Effect.ScheduleDeadline(disputeId(n), deadline(n));
            case "CANCEL_DEADLINE" -> new Effect.CancelDeadline(disputeId(n), deadline(n));
            case "SEND_TO_ARBITRATION" -> arbitrationMessage(n);
            case "ISSUE_REFUND" -> new Effect.IssueRefund(refund(n));
            case "RECORD_PENALTY" -> new Effect.RecordPenalty(penalty(n));
            default -> throw new IllegalArgumentException("unknown stored effect " + n.get("type"));
        };
    }

    /** The arbitration queue's message body. */
    public static JsonObject arbitrationMessage(Effect.SendToArbitration a) {
        JsonObject n = object();
        n.put("disputeId", a.disputeId().toString());
        n.put("basis", a.basis().name());
        n.put("escalatedAt", a.escalatedAt().toString());
        return n;
    }

    public static Effect.SendToArbitration arbitrationMessage(JsonValue n) {
        return new Effect.SendToArbitration(disputeId(n), EscalationBasis.valueOf(n.get("basis").textValue()),
                instant(n.get("escalatedAt")));
    }

    /** A refund instruction as the payment system receives it. */
    public static JsonObject refund(RefundInstruction r) {
        JsonObject n = object();
        n.put("instructionId", r.id());
        n.put("disputeId", r.disputeId().toString());
        n.put("orderId", r.disputeId().orderId());
        n.put("buyerId", r.buyerId());
        n.put("sellerId", r.sellerId());
        n.set("refund", money(r.amount()));
        n.put("basis", r.basis().name());
        n.put("at", r.at().toString());
        return n;
    }

    public static RefundInstruction refund(JsonValue n) {
        return new RefundInstruction(n.get("instructionId").textValue(), disputeId(n), n.get("buyerId").textValue(),
                n.get("sellerId").textValue(), money(n.get("refund")),
                ResolutionBasis.valueOf(n.get("basis").textValue()), instant(n.get("at")));
    }

    public static JsonObject penalty(Penalty p) {
        JsonObject n = object();
        n.put("penaltyId", p.id());
        n.put("sellerId", p.sellerId());
        n.put("disputeId", p.disputeId().toString());
        n.put("points", p.points());
        n.put("reason", p.reason());
        n.put("at", p.at().toString());
        return n;
    }

    public static Penalty penalty(JsonValue n) {
        return new Penalty(n.get("penaltyId").textValue(), n.get("sellerId").textValue(), disputeId(n),
                n.get("points").intValue(), n.get("reason").textValue(), instant(n.get("at")));
    }

    private static void deadline(JsonObject n, Deadline d) {
        n.put("kind", d.kind().name());
        n.put("at", d.at().toString());
    }

    private static Deadline deadline(JsonValue n) {
        return new Deadline(DeadlineKind.valueOf(n.get("kind").textValue()), instant(n.get("at")));
    }

    private static DisputeId disputeId(JsonValue n) {
        return DisputeId.parse(n.get("disputeId").textValue())
                .orElseThrow(() -> new IllegalArgumentException("bad disputeId " + n.get("disputeId")));
    }
}
