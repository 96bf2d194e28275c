package org.duban.http;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/**
 * Where a request came from, for limits per client. Behind a reverse proxy every request comes from
 * the proxy, so {@code http.clientAddressHeader} names the header the proxy puts the client's address
 * in ({@code X-Real-IP}, {@code X-Forwarded-For}); of a list, the last entry is taken, the one the
 * nearest proxy added, since a client can write anything in front of it. Without the setting the
 * header is ignored: a client could otherwise claim any address it likes.
 */
public final class ClientAddress {
  private final Optional<String> header;

  public ClientAddress(Optional<String> header) {
    this.header = header;
  }

  public String of(RoutingContext rc) {
    Optional<String> told = header.map(h -> rc.request().getHeader(h)).map(ClientAddress::last).filter(v -> !v.isEmpty());
    return told.orElseGet(() -> {
      SocketAddress peer = rc.request().remoteAddress();
      return peer == null ? "unknown" : peer.hostAddress();
    });
  }

  private static String last(String value) {
    return value.substring(value.lastIndexOf(',') + 1).strip();
  }
}
