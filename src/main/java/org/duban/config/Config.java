package org.duban.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.duban.config.ConfigKeys.*;

/**
 * The typed, checked configuration. Built once at start-up; a bad value stops the start with
 * a {@link ConfigException} naming the key, the value and what is allowed.
 *
 * @param jwtSecret empty when none is configured: the server then makes a random one per start
 * @param adminBootstrapPassword when set and no administrator exists, one is created with login {@code admin}
 * @param liveAuthTimeout how long a new {@code /live} socket may take to send its {@code auth} message
 * @param liveSessionCheck how often each node re-reads the sessions of its sockets, all in one query
 * @param liveWriteQueueBytes a socket with more than this waiting to be written is too slow and is closed
 * @param publicUrl the origin phones reach the server at: each reminder SMS links to its item there; without it SMS carry no link
 * @param linkTtl how long a link in an SMS can sign its person in
 * @param linkSignIn {@code direct}: a link signs its person in; {@code code}: it has a one-time code sent to the phone first
 * @param linkTriesPerMinute sign-in links one client address may try a minute
 * @param clientAddressHeader the header a reverse proxy puts the client's address in; none: the peer's address counts
 */
public record Config(
    String httpHost,
    int httpPort,
    int httpInstances,
    long bodyLimitBytes,
    Duration requestTimeout,
    DbTarget db,
    int dbPoolSize,
    Optional<String> jwtSecret,
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    int maxFailedLogins,
    Duration lockout,
    boolean simulatedClock,
    Optional<Instant> clockStart,
    boolean demoEnabled,
    boolean logJson,
    Duration shutdownGrace,
    long attachmentMaxBytes,
    boolean rollDeadlinesToWorkingDay,
    Optional<String> adminBootstrapPassword,
    Optional<String> relaySmsUrl,
    String nodeId,
    Duration relayRetryBase,
    Duration relayLease,
    Duration liveAuthTimeout,
    Duration liveSessionCheck,
    int liveSocketsPerPerson,
    int liveWriteQueueBytes,
    Optional<String> publicUrl,
    Duration linkTtl,
    String linkSignIn,
    int linkTriesPerMinute,
    Optional<String> clientAddressHeader) {

  /** The longest {@code app.publicUrl}: with the code it makes a link of 67 characters, half a two-part SMS. */
  public static final int PUBLIC_URL_MAX = 48;

  public static Config load(ConfigSource source) {
    Reader r = new Reader(source);
    return new Config(
        r.text(HTTP_HOST, "0.0.0.0"),
        r.integer(HTTP_PORT, 8080, 0, 65535),
        r.integer(HTTP_INSTANCES, Runtime.getRuntime().availableProcessors(), 1, 64),
        r.integer(HTTP_BODY_LIMIT, 1_048_576, 1024, 512 * 1_048_576),
        r.duration(HTTP_REQUEST_TIMEOUT, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMinutes(10)),
        DbTarget.resolve(source),
        r.integer(DB_POOL_SIZE, 8, 1, 200),
        r.secret(AUTH_JWT_SECRET, 32),
        r.duration(AUTH_ACCESS_TTL, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofDays(1)),
        r.duration(AUTH_REFRESH_TTL, Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(90)),
        r.integer(AUTH_MAX_FAILURES, 5, 1, 100),
        r.duration(AUTH_LOCKOUT, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofDays(1)),
        r.bool(CLOCK_SIMULATED, false),
        r.instant(CLOCK_START),
        r.bool(DEMO_ENABLED, false),
        r.bool(LOG_JSON, false),
        r.duration(SHUTDOWN_GRACE, Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofMinutes(5)),
        r.integer(ATTACHMENT_MAX, 20 * 1_048_576, 1024, 512 * 1_048_576),
        r.bool(ROLL_TO_WORKING_DAY, true),
        r.secret(ADMIN_BOOTSTRAP_PASSWORD, 10),
        r.url(RELAY_SMS_URL),
        r.text(NODE_ID, defaultNodeId()),
        r.duration(RELAY_RETRY_BASE, Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMinutes(5)),
        r.duration(RELAY_LEASE, Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofMinutes(30)),
        r.duration(LIVE_AUTH_TIMEOUT, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(1)),
        r.duration(LIVE_SESSION_CHECK, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(5)),
        r.integer(LIVE_SOCKETS_PER_PERSON, 5, 1, 100),
        r.integer(LIVE_WRITE_QUEUE, 262_144, 64, 64 * 1_048_576),
        r.origin(APP_PUBLIC_URL, PUBLIC_URL_MAX),
        r.duration(AUTH_LINK_TTL, Duration.ofHours(24), Duration.ofMinutes(10), Duration.ofDays(7)),
        r.choice(AUTH_LINK_SIGN_IN, "direct", java.util.List.of("direct", "code")),
        r.integer(AUTH_LINK_TRIES, 10, 1, 1000),
        r.headerName(HTTP_CLIENT_ADDRESS_HEADER));
  }

  /** Tells the nodes sharing one database apart in what each fired. */
  private static String defaultNodeId() {
    return ProcessHandle.current().pid() + "@" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Secrets are never printed: this is what start-up logs. */
  @Override
  public String toString() {
    return "Config[http=" + httpHost + ":" + httpPort + " x" + httpInstances + ", bodyLimit=" + bodyLimitBytes
        + ", db=" + db + " pool=" + dbPoolSize + ", jwtSecret=" + (jwtSecret.isPresent() ? "(set)" : "(random per start)")
        + ", accessTtl=" + accessTokenTtl + ", refreshTtl=" + refreshTokenTtl + ", simulatedClock=" + simulatedClock
        + ", demo=" + demoEnabled + ", logJson=" + logJson + ", relay=" + relaySmsUrl.isPresent() + ", publicUrl=" + publicUrl.orElse("(none: SMS carry no link)")
        + ", linkSignIn=" + linkSignIn + ", node=" + nodeId + "]";
  }
}
