package org.duban.config;

import java.util.List;

/** Every key the server understands; anything else in a config file is refused. */
final class ConfigKeys {
  static final String HTTP_HOST = "http.host";
  static final String HTTP_PORT = "http.port";
  static final String HTTP_INSTANCES = "http.instances";
  static final String HTTP_BODY_LIMIT = "http.bodyLimitBytes";
  static final String HTTP_REQUEST_TIMEOUT = "http.requestTimeout";
  static final String DB_URL = "db.url";
  static final String DB_POOL_SIZE = "db.poolSize";
  static final String AUTH_JWT_SECRET = "auth.jwtSecret";
  static final String AUTH_ACCESS_TTL = "auth.accessTokenTtl";
  static final String AUTH_REFRESH_TTL = "auth.refreshTokenTtl";
  static final String AUTH_MAX_FAILURES = "auth.maxFailedLogins";
  static final String AUTH_LOCKOUT = "auth.lockout";
  static final String CLOCK_SIMULATED = "clock.simulated";
  static final String CLOCK_START = "clock.start";
  static final String DEMO_ENABLED = "demo.enabled";
  static final String LOG_JSON = "log.json";
  static final String SHUTDOWN_GRACE = "shutdown.grace";
  static final String ATTACHMENT_MAX = "attachments.maxBytes";
  static final String ROLL_TO_WORKING_DAY = "deadlines.rollToWorkingDay";
  static final String ADMIN_BOOTSTRAP_PASSWORD = "admin.bootstrapPassword";
  static final String RELAY_SMS_URL = "relay.smsUrl";
  static final String NODE_ID = "node.id";
  static final String RELAY_RETRY_BASE = "relay.retryBase";
  static final String RELAY_LEASE = "relay.lease";
  static final String LIVE_AUTH_TIMEOUT = "live.authTimeout";
  static final String LIVE_SESSION_CHECK = "live.sessionCheck";
  static final String LIVE_SOCKETS_PER_PERSON = "live.socketsPerPerson";
  static final String LIVE_WRITE_QUEUE = "live.writeQueueBytes";
  static final String APP_PUBLIC_URL = "app.publicUrl";
  static final String AUTH_LINK_TTL = "auth.linkTtl";
  static final String AUTH_LINK_SIGN_IN = "auth.linkSignIn";
  static final String AUTH_LINK_TRIES = "auth.linkTriesPerMinute";
  static final String HTTP_CLIENT_ADDRESS_HEADER = "http.clientAddressHeader";

  static final List<String> ALL = List.of(HTTP_HOST, HTTP_PORT, HTTP_INSTANCES, HTTP_BODY_LIMIT,
      HTTP_REQUEST_TIMEOUT, DB_URL, DB_POOL_SIZE, AUTH_JWT_SECRET, AUTH_ACCESS_TTL, AUTH_REFRESH_TTL,
      AUTH_MAX_FAILURES, AUTH_LOCKOUT, CLOCK_SIMULATED, CLOCK_START, DEMO_ENABLED, LOG_JSON, SHUTDOWN_GRACE,
      ATTACHMENT_MAX, ROLL_TO_WORKING_DAY, ADMIN_BOOTSTRAP_PASSWORD, RELAY_SMS_URL, NODE_ID, RELAY_RETRY_BASE, RELAY_LEASE,
      LIVE_AUTH_TIMEOUT, LIVE_SESSION_CHECK, LIVE_SOCKETS_PER_PERSON, LIVE_WRITE_QUEUE, APP_PUBLIC_URL, AUTH_LINK_TTL,
      AUTH_LINK_SIGN_IN, AUTH_LINK_TRIES, HTTP_CLIENT_ADDRESS_HEADER);

  private ConfigKeys() {
  }
}
