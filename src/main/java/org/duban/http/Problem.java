package org.duban.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * A failure a client can act on, answered as {@code application/problem+json} (RFC 9457). The
 * {@code type} is a stable relative URI ({@code /problems/<slug>}) that clients may switch on; the
 * title is for people. Throw it or fail a future with it: the error funnel does the rest.
 */
public final class Problem extends RuntimeException {
  private final int status;
  private final String slug;
  private final String title;
  private final List<Violation> violations;
  private final JsonObject extensions;

  public Problem(int status, String slug, String title, String detail, List<Violation> violations, JsonObject extensions) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.violations = List.copyOf(violations);
    this.extensions = extensions == null ? new JsonObject() : extensions;
  }

  public static Problem invalid(List<Violation> violations) {
    return new Problem(400, "validation", "The request is not valid", "see errors for each field and the reason", violations, null);
  }

  public static Problem invalid(String field, String reason) {
    return invalid(List.of(new Violation(field, reason)));
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", "Authentication required", detail, List.of(), null);
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", "Not allowed for your role", detail, List.of(), null);
  }

  /** Also used where the thing exists but belongs to another unit: its existence must not leak. */
  public static Problem notFound(String what) {
    return new Problem(404, "not-found", "Not found", what + " does not exist or is not visible to you", List.of(), null);
  }

  public static Problem conflict(String detail) {
    return new Problem(409, "conflict", "Conflicts with the current state", detail, List.of(), null);
  }

  public static Problem unprocessable(String field, String reason) {
    return new Problem(422, "unprocessable", "The request refers to something that cannot be used",
        reason, List.of(new Violation(field, reason)), null);
  }

  public int status() {
    return status;
  }

  public String type() {
    return "/problems/" + slug;
  }

  public String title() {
    return title;
  }

  /** How long a client should wait before trying again, where the problem says so. */
  public Optional<Long> retryAfterSeconds() {
    return Optional.ofNullable(extensions.getLong("retryAfterSeconds"));
  }

  public List<Violation> violations() {
    return violations;
  }

  public JsonObject toJson(String instance, String requestId) {
    JsonObject json = extensions.copy()
        .put("type", type())
        .put("title", title)
        .put("status", status)
        .put("detail", getMessage())
        .put("instance", instance)
        .put("requestId", requestId);
    if (!violations.isEmpty()) {
      json.put("errors", new JsonArray(violations.stream().map(Violation::toJson).toList()));
    }
    return json;
  }
}
