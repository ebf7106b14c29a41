package aftersales.functions.http;

import java.util.List;

/** Thrown while reading a request that breaks its shape; becomes a 400 problem listing every bad field. */
public final class BadRequest extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public BadRequest(List<Problem.FieldError> errors) {
        super("bad request", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public BadRequest(String field, String message) {
        this(List.of(new Problem.FieldError(field, message)));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
