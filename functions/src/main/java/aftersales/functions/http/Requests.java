package aftersales.functions.http;

import aftersales.domain.Command;
import aftersales.domain.DisputeId;
import aftersales.domain.Money;
import aftersales.domain.RefundReason;
import aftersales.functions.json.Json;
import aftersales.functions.json.JsonValue;
import java.util.Optional;
import java.util.Set;

/** Request bodies into commands, strictly: every route's fields, types and requiredness. */
public final class Requests {

    private Requests() {
    }

    public static JsonValue body(HttpRequest r) {
        if (r.body().isBlank()) {
            throw new BadRequest("body", "a JSON body is required");
        }
        try {
            return Json.parse(r.body());
        } catch (RuntimeException e) {
            throw new BadRequest("body", "malformed JSON");
        }
    }

    /** Routes without a body accept none, or an empty object. */
    public static void noBody(HttpRequest r) {
        if (!r.body().isBlank()) {
            Fields.of(body(r), Set.of()).done();
        }
    }

    public record Registration(String orderId, String buyerId, String sellerId, Money amountPaid, int deliveryDays) {
    }

    public static Registration registration(HttpRequest r) {
        Fields f = Fields.of(body(r), Set.of("orderId", "buyerId", "sellerId", "amountPaid", "deliveryTimeLimitDays"));
        String orderId = f.text("orderId", true);
        String buyer = f.text("buyerId", true);
        String seller = f.text("sellerId", true);
        Optional<Money> paid = f.money("amountPaid", true);
        int days = f.integer("deliveryTimeLimitDays", 1, 365);
        f.done();
        return new Registration(orderId, buyer, seller, paid.orElseThrow(), days);
    }

    public static Command.RecordShipment shipment(HttpRequest r) {
        Fields f = Fields.of(body(r), Set.of("carrier", "trackingNumber", "shippedAt", "allGoodsShipped"));
        var c = new Command.RecordShipment(f.text("carrier", true), f.text("trackingNumber", true),
                f.instant("shippedAt"), f.bool("allGoodsShipped", false));
        f.done();
        return c;
    }

    public static Command.Evaluate evaluation(HttpRequest r) {
        Fields f = Fields.of(body(r), Set.of("stars", "comment"));
        var c = new Command.Evaluate(f.integer("stars", 1, 5), f.optionalText("comment").orElse(""));
        f.done();
        return c;
    }

    public static Command.ApplyForRefund application(HttpRequest r) {
        Fields f = Fields.of(body(r), Set.of("reason", "amount", "returnGoods", "description", "attachments"));
        RefundReason reason = f.enumValue("reason", RefundReason.class, RefundReason.OTHER);
        Optional<Money> amount = f.money("amount", true);
        boolean returnGoods = f.bool("returnGoods", false);
        String description = f.optionalText("description").orElse("");
        var attachments = f.strings("attachments");
        f.done();
        return new Command.ApplyForRefund(reason, amount.orElseThrow(), returnGoods, description, attachments);
    }

    public static Command.ModifyApplication modification(HttpRequest r, DisputeId id) {
        Fields f = Fields.of(body(r), Set.of("reason", "amount", "returnGoods", "description"));
        RefundReason reason = f.enumValue("reason", RefundReason.class, RefundReason.OTHER);
        Optional<Money> amount = f.money("amount", true);
        boolean returnGoods = f.bool("returnGoods", false);
        String description = f.optionalText("description").orElse("");
        f.done();
        return new Command.ModifyApplication(id, reason, amount.orElseThrow(), returnGoods, description);
    }

    public static Command.RejectProposal rejection(HttpRequest r, DisputeId id) {
        Fields f = Fields.of(body(r), Set.of("reason", "counterProposal", "attachments"));
        String reason = f.text("reason", true);
        Optional<Money> counter = f.money("counterProposal", false);
        var attachments = f.strings("attachments");
        f.done();
        return new Command.RejectProposal(id, reason, counter, attachments);
    }

    public static Command.AddEvidence evidence(HttpRequest r, DisputeId id) {
        Fields f = Fields.of(body(r), Set.of("description", "attachments"));
        var c = new Command.AddEvidence(id, f.text("description", true), f.strings("attachments"));
        f.done();
        return c;
    }

    public static Command.Rule ruling(HttpRequest r, DisputeId id) {
        Fields f = Fields.of(body(r), Set.of("refund", "violation", "statement"));
        Optional<Money> refund = f.money("refund", true);
        Optional<String> violation = f.optionalText("violation");
        String statement = f.text("statement", true);
        f.done();
        return new Command.Rule(id, refund.orElseThrow(), violation, statement);
    }

    /** limit (1..100, default 20) and an optional cursor. */
    public record Paging(int limit, Optional<String> cursor) {
    }

    public static Paging paging(HttpRequest r) {
        String limit = r.query().getOrDefault("limit", "20");
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 100) {
            throw new BadRequest("limit", "must be an integer from 1 to 100");
        }
        return new Paging(n, Optional.ofNullable(r.query().get("cursor")).filter(c -> !c.isBlank()));
    }
}
