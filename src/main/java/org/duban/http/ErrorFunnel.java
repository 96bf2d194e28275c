package org.duban.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.duban.db.PgErrors;
import org.duban.fault.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * The one way out for every failure: whatever went wrong, the client gets
 * {@code application/problem+json} with a stable type, and never a stack trace. Unknown failures are
 * logged with the request id so an operator can find them from the id the client saw; a client's
 * mistake is not logged here at all (the access line records it), so nobody fills the log by
 * sending rubbish. Requests the HTTP codec could not read come here too, through
 * {@link #invalidRequests}, without a router.
 */
public final class ErrorFunnel implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorFunnel.class);
  public static final String PROBLEM_JSON = "application/problem+json";
  private final long bodyLimit;
  private final long fileLimit;
  private final Map<String, String> forms;

  /** @param forms what each pattern of the contract asks for, in words ({@link ValidationProblems#formsOf}) */
  public ErrorFunnel(long bodyLimit, long fileLimit, Map<String, String> forms) {
    this.bodyLimit = bodyLimit;
    this.fileLimit = fileLimit;
    this.forms = Map.copyOf(forms);
  }

  @Override
  public void handle(RoutingContext rc) {
    Problem problem = isBrokenRequest(rc) ? brokenRequest() : toProblem(rc.failure(), rc.statusCode());
    if (isUnreadableToken(rc, problem)) problem = Problem.of(Refusal.unauthenticated("the bearer token cannot be read"));
    if (problem.status() == 413 && problem.type().equals("/problems/too-large")) problem = tooLarge();
    if (problem.status() == 500) {
      LOG.error("{} {} failed: {}", rc.request().method(), AccessLog.path(rc.request()), problem.detail(), rc.failure());
    } else if (problem.status() > 500) {
      LOG.warn("{} {} answered {}: {}", rc.request().method(), AccessLog.path(rc.request()), problem.status(), problem.detail());
    }
    send(rc, problem);
  }

  private Problem tooLarge() {
    return new Problem(413, "too-large", "Request body too large", "a file upload may be at most " + fileLimit
        + " bytes, any other request body " + bodyLimit + " bytes", List.of(),
        new JsonObject().put("fileLimitBytes", fileLimit).put("bodyLimitBytes", bodyLimit));
  }

  /**
   * The request broke while its body was arriving (a chunked body that does not frame, a connection
   * the client dropped): the client's doing, not worth a stack trace. The body handler reports it as
   * the stream's exception with status 200 (400 for a decoder's, which {@link #toProblem} takes as
   * any client error); no other failure carries a success status.
   */
  private static boolean isBrokenRequest(RoutingContext rc) {
    return rc.failure() != null && rc.statusCode() == 200;
  }

  private static Problem brokenRequest() {
    return new Problem(400, "malformed-request", "Malformed request", "the request body could not be read to its end", List.of(), null);
  }

  /** The token handler answers 400 for a token it cannot parse; to the client that is a bad token, 401. */
  private static boolean isUnreadableToken(RoutingContext rc, Problem problem) {
    return problem.status() == 400 && rc.failure() instanceof HttpException && rc.user() == null
        && rc.request().getHeader("Authorization") != null && !(rc.failure().getCause() instanceof ValidatorException);
  }

  /**
   * Writes the problem. The headers every answer carries are set here as well, and the request id
   * made if there is none yet: the router refuses some requests (no Host, a path it cannot decode)
   * before the handlers that would have set them run. A problem is never stored by a cache.
   */
  static void send(RoutingContext rc, Problem problem) {
    HttpServerResponse response = rc.response();
    if (response.headWritten()) {
      if (!response.ended()) response.reset();
      return;
    }
    if (problem.status() == 401) response.putHeader("WWW-Authenticate", "Bearer");
    problem.retryAfterSeconds().ifPresent(seconds -> response.putHeader("Retry-After", Long.toString(seconds)));
    String requestId = RequestIds.ensure(rc);
    SecurityHeaders.putFixed(response.headers());
    response.setStatusCode(problem.status())
        .putHeader("Content-Type", PROBLEM_JSON)
        .putHeader("Cache-Control", SecurityHeaders.NO_STORE)
        .end(problem.toJson(rc.request().path(), requestId).encode());
  }

  Problem toProblem(Throwable failure, int status) {
    if (failure instanceof Refusal r) return Problem.of(r);
    if (failure instanceof HttpException http) return fromHttpException(http);
    if (failure instanceof ValidatorException v) return Problem.of(ValidationProblems.from(v, forms));
    if (failure instanceof DecodeException) return Problem.of(Refusal.invalid("", "the body is not well-formed JSON"));
    if (PgErrors.toRefusal(failure, Map.of()) instanceof Refusal mapped) return Problem.of(mapped);
    if (isUnavailable(failure)) return Problem.of(PgErrors.unavailable());
    if (failure == null && status > 0) return fromStatus(status, null);
    // a handler that failed with a client error status and a cause of its own (the body handler with
    // Netty's decoder exception for a broken chunked body): the client's fault, said without the cause
    if (status >= 400 && status < 500) return fromStatus(status, null);
    return new Problem(500, "internal", "Internal error", "an unexpected error occurred; quote the request id when reporting it", List.of(), null);
  }

  private Problem fromHttpException(HttpException http) {
    if (http.getCause() instanceof ValidatorException v) return Problem.of(ValidationProblems.from(v, forms));
    if (http.getCause() instanceof Refusal r) return Problem.of(r);
    return fromStatus(http.getStatusCode(), http.getPayload());
  }

  static Problem fromStatus(int status, String detail) {
    return switch (status) {
      case 400 -> Problem.of(Refusal.invalid("", detail == null ? "the request is malformed" : detail));
      case 401 -> Problem.of(Refusal.unauthenticated("a valid, unexpired bearer token is required"));
      case 403 -> Problem.of(Refusal.forbidden(detail == null ? "your role may not do this" : detail));
      case 404 -> new Problem(404, "not-found", "Not found", "no such resource", List.of(), null);
      case 405 -> new Problem(405, "method-not-allowed", "Method not allowed", "this resource does not accept that method", List.of(), null);
      case 413 -> new Problem(413, "too-large", "Request body too large", "the body is larger than the server accepts", List.of(), null);
      case 415 -> new Problem(415, "unsupported-media-type", "Unsupported media type", "send application/json", List.of(), null);
      case 503 -> new Problem(503, "unavailable", "Temporarily unavailable", "the server is busy or shutting down; retry shortly", List.of(), null);
      default -> new Problem(status, "http-" + status, HttpResponseStatus.valueOf(status).reasonPhrase(),
          detail == null ? HttpResponseStatus.valueOf(status).reasonPhrase() : detail, List.of(), null);
    };
  }

  /** A request no route could be matched against: its path does not decode (a % not followed by two hex digits). */
  static void unroutable(RoutingContext rc) {
    send(rc, new Problem(400, "malformed-request", "Malformed request",
        "the path is not well-formed: a % must be followed by two hexadecimal digits", List.of(), null));
  }

  /**
   * For {@code HttpServer.invalidRequestHandler}: a request line over the limit (414), headers over it
   * (431) or a head that is not HTTP (400), answered as a problem like any other, then the
   * connection closed, as the codec cannot tell where the next request would begin.
   */
  static Handler<HttpServerRequest> invalidRequests(int maxInitialLineLength, int maxHeaderSize) {
    return request -> {
      Throwable cause = request.decoderResult().cause();
      Problem problem;
      if (cause instanceof TooLongHttpLineException) {
        problem = new Problem(414, "uri-too-long", "URI too long",
            "the request line (method, path and query) may be at most " + maxInitialLineLength + " bytes", List.of(), null);
      } else if (cause instanceof TooLongHttpHeaderException) {
        problem = new Problem(431, "headers-too-large", "Request header fields too large",
            "the request headers may be at most " + maxHeaderSize + " bytes in all", List.of(), null);
      } else {
        problem = new Problem(400, "malformed-request", "Malformed request", "the request is not well-formed HTTP/1.1", List.of(), null);
      }
      String id = UUID.randomUUID().toString();
      HttpServerResponse response = request.response().setStatusCode(problem.status())
          .putHeader(RequestIds.HEADER, id)
          .putHeader("Content-Type", PROBLEM_JSON)
          .putHeader("Connection", "close");
      SecurityHeaders.putFixed(response.headers());
      response.putHeader("Cache-Control", SecurityHeaders.NO_STORE);
      response.end(problem.toJson(null, id).encode()).onComplete(done -> request.connection().close());
      AccessLog.unreadable(id, problem.status());
    };
  }

  private static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof SocketException || t instanceof TimeoutException
          || t instanceof ClosedConnectionException
          || t.getClass().getSimpleName().contains("Timeout") || t.getClass().getSimpleName().contains("PoolTooBusy")) {
        return true;
      }
    }
    return false;
  }
}
