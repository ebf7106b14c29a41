package aftersales.domain;

import java.util.Objects;

/** A verified caller: role plus subject. The domain never learns identity from a request body. */
public record Actor(Role role, String id) {

    public static final Actor SYSTEM = new Actor(Role.SYSTEM, "system");

    public Actor {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("actor id is blank");
        }
    }

    public static Actor buyer(String id) {
        return new Actor(Role.BUYER, id);
    }

    public static Actor seller(String id) {
        return new Actor(Role.SELLER, id);
    }

    public static Actor arbitrator(String id) {
        return new Actor(Role.ARBITRATOR, id);
    }

    public static Actor platform(String id) {
        return new Actor(Role.PLATFORM, id);
    }

    public boolean is(Role r) {
        return role == r;
    }
}
