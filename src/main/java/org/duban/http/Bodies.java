package org.duban.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import org.duban.fault.Refusal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a request body only when the operation takes a body of that type, and only up to the limit
 * its kind allows, before any byte past it is buffered: file uploads ({@code application/octet-stream})
 * up to the attachment limit, everything else up to the ordinary one.
 *
 * <p>No operation takes a form, so a multipart or URL-encoded body is never decoded: decoding one is
 * what Netty refuses with a stack trace past 1 KiB, and for a GET Vert.x refuses to decode it at all.
 * Such a body, or one of a type the operation does not declare, is answered 415 naming the types the
 * operation does take, before sign-in and without reading it.
 */
final class Bodies implements Handler<RoutingContext> {
  /** Set when the body is JSON for an operation that takes JSON: {@link JsonText} checks it. */
  static final String JSON_BODY = "duban.jsonBody";
  private final OpenAPIContract contract;
  private final ApiRouter.Settings settings;
  private final BodyHandler files;
  private final BodyHandler others;
  private final Predicate<String> genuineToken;

  /**
   * @param genuineToken whether a bearer token is one this server signed and still in date: only such a
   *                     caller may send an upload's larger body, before the session itself is checked
   */
  Bodies(OpenAPIContract contract, ApiRouter.Settings settings, Predicate<String> genuineToken) {
    this.contract = contract;
    this.settings = settings;
    this.genuineToken = genuineToken;
    this.files = BodyHandler.create(false).setBodyLimit(settings.fileLimitBytes());
    this.others = BodyHandler.create(false).setBodyLimit(settings.bodyLimitBytes());
  }

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    boolean upload = isUpload(rc);
    // a body declared too large is that first, whatever its type (the body handler would say so unread too)
    if (declaredLength(request) > (upload ? settings.fileLimitBytes() : settings.bodyLimitBytes())) {
      rc.fail(413);
      return;
    }
    if (hasBody(request)) {
      Operation operation = contract.findOperation(rc.normalizedPath(), request.method());
      String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
      if (isForm(type) || !takes(operation, type) && takesABody(operation) || isJson(type) && !isUtf8(type)) {
        rc.fail(unsupported(accepted(operation)));
        return;
      }
      if (takes(operation, type) && isJson(type)) rc.put(JSON_BODY, true);
    }
    (upload ? files : others).handle(rc);
  }

  /** A request with a body says so with its length or its transfer coding. */
  private static boolean hasBody(HttpServerRequest request) {
    return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || declaredLength(request) > 0;
  }

  private static long declaredLength(HttpServerRequest request) {
    try {
      String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
      return length == null ? -1 : Long.parseLong(length.trim());
    } catch (NumberFormatException notANumber) {
      // the codec refuses such a head before it gets here
      return -1;
    }
  }

  private static boolean isForm(String type) {
    String media = media(type);
    return media.startsWith("multipart/") || media.equals("application/x-www-form-urlencoded");
  }

  private static boolean isJson(String type) {
    String media = media(type);
    return media.equals("application/json") || media.endsWith("+json");
  }

  /** JSON is read as UTF-8 (RFC 8259): a body that says it is in another charset is refused, not misread. */
  private static boolean isUtf8(String type) {
    for (String parameter : type.split(";")) {
      String[] pair = parameter.split("=", 2);
      if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
        String charset = pair[1].trim().replace("\"", "");
        return charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
      }
    }
    return true;
  }

  private static String media(String type) {
    return type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }

  private static boolean takesABody(Operation operation) {
    return operation != null && operation.getRequestBody() != null;
  }

  /** The validator's own rule for matching a content type to the contract's, so the two never disagree. */
  private static boolean takes(Operation operation, String type) {
    return takesABody(operation) && type != null && operation.getRequestBody().determineContentType(type) != null;
  }

  private static List<String> accepted(Operation operation) {
    return takesABody(operation) ? operation.getRequestBody().getContent().keySet().stream().sorted().toList() : List.of();
  }

  private static Refusal unsupported(List<String> accepted) {
    String detail = accepted.isEmpty() ? "this takes no request body; send none"
        : "send the body as " + String.join(" or ", accepted) + "; forms are not taken";
    return new Refusal(Refusal.Kind.UNSUPPORTED_TYPE, "unsupported-media-type", "Unsupported media type", detail, List.of(),
        Map.of("accepted", accepted));
  }

  /**
   * Only a file upload with a genuine token may send the larger body: a made-up {@code Authorization}
   * header must not make the server buffer 20 MiB before answering 401.
   */
  private boolean isUpload(RoutingContext rc) {
    String authorization = rc.request().getHeader("Authorization");
    return rc.request().method() == HttpMethod.POST && "/attachments".equals(rc.normalizedPath())
        && String.valueOf(rc.request().getHeader("Content-Type")).toLowerCase(Locale.ROOT).startsWith("application/octet-stream")
        && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        && genuineToken.test(authorization.substring(7).strip());
  }
}
