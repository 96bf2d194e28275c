package org.duban.notify;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;
import java.util.List;

/**
 * How another package has an SMS sent that no reminder planned: written into the outbox in the caller's
 * transaction, so it goes exactly when that transaction commits, then sent by the relay like any other.
 */
public final class Outbox {
  private Outbox() {
  }

  /**
   * A sign-in link's one-time code, to the phone the link's SMS went to.
   *
   * @param secret the code as it stands in the body: blanked in the kept text once the relay has it
   */
  public static Future<Void> signInCode(SqlClient tx, long itemId, String phone, String body, List<String> rules, String secret,
                                        Instant now) {
    return OutboxRepository.signInCode(tx, itemId, phone, body, rules, secret, now);
  }
}
