package org.duban.fault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The domain saying no: a rule, a state, a field or a resource that does not allow what was asked.
 * It knows nothing of HTTP; the web layer's error funnel alone decides how each {@link Kind} is
 * answered. Throw it or fail a future with it.
 */
public final class Refusal extends RuntimeException {
  /** What sort of no this is; each kind has one meaning to a client, whatever the transport. */
  public enum Kind {
    /** the input is malformed or a field breaks its own rule */
    INVALID,
    /** nobody is signed in, or the credentials do not hold */
    UNAUTHENTICATED,
    /** the person is known but may not do this */
    FORBIDDEN,
    /** absent, or present but not visible to this person */
    NOT_FOUND,
    /** the current state does not allow it */
    CONFLICT,
    /** well-formed, but it refers to something unusable or breaks a rule between fields */
    UNPROCESSABLE,
    /** more than the server accepts in one go */
    TOO_LARGE,
    /** the content is of a type this operation does not take */
    UNSUPPORTED_TYPE,
    /** too many attempts; wait before the next */
    TOO_MANY,
    /** passes with time: the database, a busy pool, a start not finished */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String code;
  private final String title;
  private final List<FieldError> fields;
  private final Map<String, Object> extensions;

  /**
   * @param code a stable slug clients may switch on ({@code idempotency-key-reused}); by default the kind's
   * @param title a short readable title; the detail is the exception's message
   * @param extensions extra members for the client ({@code rule}, {@code state}, {@code retryAfterSeconds})
   */
  public Refusal(Kind kind, String code, String title, String detail, List<FieldError> fields, Map<String, Object> extensions) {
    super(detail, null, false, false);
    this.kind = kind;
    this.code = code;
    this.title = title;
    this.fields = List.copyOf(fields);
    this.extensions = extensions == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(extensions));
  }

  public static Refusal invalid(List<FieldError> fields) {
    return new Refusal(Kind.INVALID, "validation", "The request is not valid", "see errors for each field and the reason", fields, null);
  }

  public static Refusal invalid(String field, String reason) {
    return invalid(List.of(new FieldError(field, reason)));
  }

  public static Refusal unauthenticated(String detail) {
    return new Refusal(Kind.UNAUTHENTICATED, "unauthorized", "Authentication required", detail, List.of(), null);
  }

  public static Refusal forbidden(String detail) {
    return new Refusal(Kind.FORBIDDEN, "forbidden", "Not allowed for your role", detail, List.of(), null);
  }

  /** Also used where the thing exists but belongs to another unit: its existence must not leak. */
  public static Refusal notFound(String what) {
    return new Refusal(Kind.NOT_FOUND, "not-found", "Not found", what + " does not exist or is not visible to you", List.of(), null);
  }

  public static Refusal conflict(String detail) {
    return new Refusal(Kind.CONFLICT, "conflict", "Conflicts with the current state", detail, List.of(), null);
  }

  public static Refusal unprocessable(String field, String reason) {
    return new Refusal(Kind.UNPROCESSABLE, "unprocessable", "The request refers to something that cannot be used",
        reason, List.of(new FieldError(field, reason)), null);
  }

  public static Refusal unsupportedType(String title, String detail) {
    return new Refusal(Kind.UNSUPPORTED_TYPE, "unsupported-media-type", title, detail, List.of(), null);
  }

  public static Refusal unavailable(String code, String title, String detail, Map<String, Object> extensions) {
    return new Refusal(Kind.UNAVAILABLE, code, title, detail, List.of(), extensions);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public List<FieldError> fields() {
    return fields;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
