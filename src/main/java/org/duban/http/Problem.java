package org.duban.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.duban.fault.FieldError;
import org.duban.fault.Refusal;

import java.util.List;
import java.util.Optional;

/**
 * A failure as the client receives it, {@code application/problem+json} (RFC 9457). The
 * {@code type} is a stable relative URI ({@code /problems/<slug>}) that clients may switch on; the
 * title is for people. Only the error funnel makes these: the domain refuses with a
 * {@link Refusal}, and {@link #of(Refusal)} is the one place a refusal's kind becomes a status.
 *
 * <p>Every text a problem carries may quote the client, so each is bounded here ({@link Excerpts}),
 * and at most {@link #MAX_ERRORS} field errors are listed, with the count of the rest: whatever path
 * refused a request, the answer stays small.
 */
final class Problem {
  static final int MAX_ERRORS = 20;
  private final int status;
  private final String slug;
  private final String title;
  private final String detail;
  private final List<FieldError> violations;
  private final JsonObject extensions;

  Problem(int status, String slug, String title, String detail, List<FieldError> violations, JsonObject extensions) {
    this.status = status;
    this.slug = slug;
    this.title = Excerpts.bound(title);
    this.detail = Excerpts.bound(detail);
    this.violations = violations.stream().limit(MAX_ERRORS)
        .map(v -> new FieldError(Excerpts.bound(v.field()), Excerpts.bound(v.reason()))).toList();
    this.extensions = bounded(extensions == null ? new JsonObject() : extensions);
    if (violations.size() > MAX_ERRORS) this.extensions.put("errorsOmitted", violations.size() - MAX_ERRORS);
  }

  private static JsonObject bounded(JsonObject extensions) {
    JsonObject copy = new JsonObject();
    extensions.forEach(e -> copy.put(e.getKey(), e.getValue() instanceof String text ? Excerpts.bound(text) : e.getValue()));
    return copy;
  }

  static Problem of(Refusal refusal) {
    return new Problem(statusOf(refusal.kind()), refusal.code(), refusal.title(), refusal.getMessage(), refusal.fields(),
        new JsonObject(new java.util.LinkedHashMap<>(refusal.extensions())));
  }

  static int statusOf(Refusal.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNSUPPORTED_TYPE -> 415;
      case UNPROCESSABLE -> 422;
      case TOO_MANY -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  int status() {
    return status;
  }

  String type() {
    return "/problems/" + slug;
  }

  String title() {
    return title;
  }

  String detail() {
    return detail;
  }

  /** How long a client should wait before trying again, where the problem says so. */
  Optional<Long> retryAfterSeconds() {
    return Optional.ofNullable(extensions.getLong("retryAfterSeconds"));
  }

  List<FieldError> violations() {
    return violations;
  }

  JsonObject toJson(String instance, String requestId) {
    JsonObject json = extensions.copy()
        .put("type", type())
        .put("title", title)
        .put("status", status)
        .put("detail", detail);
    // a request the codec could not read has no path to name
    if (instance != null) json.put("instance", Excerpts.bound(instance));
    json.put("requestId", requestId);
    if (!violations.isEmpty()) {
      json.put("errors", new JsonArray(violations.stream()
          .map(v -> new JsonObject().put("field", v.field()).put("reason", v.reason())).toList()));
    }
    return json;
  }
}
