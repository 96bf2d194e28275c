package org.duban.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.validation.RequestUtils;
import org.duban.fault.Refusal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The contract validator's request extractor, with query values percent-decoded once. Vert.x
 * decodes the query when it parses the URL; vertx-openapi's {@link RequestUtils} then decodes each
 * value again, so {@code %256Fpen} became {@code open} and an offset sent as {@code %2B08:00} became
 * {@code " 08:00"}. The extractor is handed the request with its decoded values encoded once more,
 * which the library's second decoding undoes exactly: it sees the values the URL carries.
 */
final class QueryOnce {
  private QueryOnce() {
  }

  /**
   * A query Vert.x cannot decode (a lone {@code %}, {@code %zz}) is the client's mistake: 400 here,
   * before anything reads the parameters and the decoder's exception becomes a 500 with a stack trace.
   */
  static Handler<RoutingContext> wellFormed() {
    return rc -> {
      try {
        rc.request().params();
      } catch (IllegalArgumentException malformed) {
        rc.fail(Refusal.invalid("query", "has a percent sign not followed by two hexadecimal digits"));
        return;
      }
      rc.next();
    };
  }

  static RequestExtractor extractor() {
    return (rc, operation) -> RequestUtils.extract(withQueryEncodedAgain(rc.request()), operation,
        () -> Future.succeededFuture(rc.body().buffer()));
  }

  static HttpServerRequest withQueryEncodedAgain(HttpServerRequest request) {
    MultiMap encoded = MultiMap.caseInsensitiveMultiMap();
    request.params().forEach(entry -> encoded.add(entry.getKey(), URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8)));
    return (HttpServerRequest) Proxy.newProxyInstance(HttpServerRequest.class.getClassLoader(), new Class<?>[] {HttpServerRequest.class},
        (proxy, method, args) -> isParams(method) ? encoded : delegate(request, method, args));
  }

  private static boolean isParams(Method method) {
    return method.getName().equals("params") && method.getParameterCount() == 0;
  }

  private static Object delegate(HttpServerRequest request, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(request, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
