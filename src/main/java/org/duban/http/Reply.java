package org.duban.http;

import java.util.Map;

/** What a handler answers on success; failures travel as failed futures to the error funnel. */
public record Reply(int status, Object body, Map<String, String> headers) {
  public static Reply ok(Object body) {
    return new Reply(200, body, Map.of());
  }

  public static Reply created(Object body, String location) {
    return new Reply(201, body, Map.of("Location", location));
  }

  public static Reply noContent() {
    return new Reply(204, null, Map.of());
  }
}
