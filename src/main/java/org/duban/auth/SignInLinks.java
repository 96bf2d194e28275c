package org.duban.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Mints the link each reminder SMS carries to its item: {@code {app.publicUrl}/m#code}. The code is in
 * the fragment, which a browser never sends: it reaches neither an access log nor a {@code Referer}.
 * Minted in the transaction that claims the reminder, so a link exists exactly when its SMS does.
 *
 * <p>A link's life runs on the wall clock, like a session's: a drill's simulated time must neither
 * expire the links of SMS just sent nor stretch them.
 */
public final class SignInLinks {
  /** The path the app is served at for a link; the code follows it after {@code #}. */
  public static final String PATH = "/m";
  private final Optional<String> publicUrl;
  private final Duration ttl;
  private final Clock wall;

  /** @param publicUrl the origin phones reach the server at; without it SMS carry no link and none is minted */
  public SignInLinks(Optional<String> publicUrl, Duration ttl, Clock wall) {
    this.publicUrl = publicUrl;
    this.ttl = ttl;
    this.wall = wall;
  }

  /** No public address: SMS go without links (the benchmark, a server nobody reaches from outside). */
  public static SignInLinks none() {
    return new SignInLinks(Optional.empty(), Duration.ofDays(1), Clock.systemUTC());
  }

  /**
   * An SMS about an item to a phone.
   *
   * @param unitId whose person the phone most likely is (the unit reminded, the sponsor office): a person of
   *               that unit with the phone is taken before one elsewhere
   */
  public record Wanted(long itemId, Optional<Long> unitId, String phone) {
  }

  /** A link and the secret in it, which the outbox forgets once the SMS is sent. */
  public record Link(String url, String code) {
  }

  /** One link per SMS, in the order asked; all empty without a public address. */
  public Future<List<Optional<Link>>> mint(SqlClient tx, List<Wanted> wanted) {
    if (publicUrl.isEmpty() || wanted.isEmpty()) return Future.succeededFuture(Collections.nCopies(wanted.size(), Optional.empty()));
    List<String> codes = new ArrayList<>(wanted.size());
    List<byte[]> hashes = new ArrayList<>(wanted.size());
    for (int i = 0; i < wanted.size(); i++) {
      String code = LinkCodes.newCode();
      codes.add(code);
      hashes.add(LinkCodes.digest(code));
    }
    Instant now = wall.instant();
    return LinkRepository.mint(tx, hashes, wanted, now, now.plus(ttl))
        .map(v -> codes.stream().map(code -> Optional.of(new Link(publicUrl.get() + PATH + "#" + code, code))).toList());
  }
}
