package org.duban.notify;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.duban.http.Api;
import org.duban.http.Reply;

/**
 * SMS given up on after every attempt stay in the outbox with their last error; once the relay is
 * mended, an administrator sends them again. Their idempotency keys are unchanged, so a relay that did
 * take one after all can tell the repeat.
 */
public final class FailedSms {
  private FailedSms() {
  }

  public static void mount(Api api, Pool pool) {
    OutboxRepository outbox = new OutboxRepository(pool);
    api.on("retryFailedSms", rc -> outbox.requeueFailed().map(n -> Reply.ok(new JsonObject().put("requeued", n))));
  }
}
