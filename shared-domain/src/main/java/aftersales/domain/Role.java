package aftersales.domain;

/** Who is acting. Buyers and sellers act on their own orders only; the system acts for deadlines and queues. */
public enum Role {
    BUYER, SELLER, ARBITRATOR, PLATFORM, SYSTEM
}
