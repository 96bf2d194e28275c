package org.duban.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How often one client may try a sign-in link: a token bucket per client address, {@code perMinute}
 * tokens deep and refilled at that rate, one token per try, a refused or failed try included. It stands
 * in front of the database, so a flood of guesses costs a map lookup, not a query.
 *
 * <p>Kept in each node's memory: with several nodes behind a balancer a client may get a few more tries
 * a minute, which 96-bit codes can afford. An IPv6 client is counted by its /64, the block one
 * subscriber is given. The table is bounded: buckets full again are dropped, and past {@link #MAX_CLIENTS}
 * busy ones new clients share one bucket rather than grow it.
 */
final class LinkThrottle {
  static final int MAX_CLIENTS = 10_000;
  private static final String CROWD = "(crowd)";
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");
  private final Clock wall;
  private final long perToken;
  private final long capacity;
  private final Map<String, Bucket> buckets = new HashMap<>();

  /** Time saved up, in nanoseconds: a token is {@code perToken} of it, the bucket holds {@code perMinute} tokens. */
  private static final class Bucket {
    long credit;
    Instant at;

    Bucket(long credit, Instant at) {
      this.credit = credit;
      this.at = at;
    }
  }

  LinkThrottle(Clock wall, int perMinute) {
    this.wall = wall;
    this.perToken = Duration.ofMinutes(1).dividedBy(perMinute).toNanos();
    this.capacity = perToken * perMinute;
  }

  /** Takes a token for the client; when there is none, how long until there is. */
  synchronized Optional<Duration> take(String address) {
    Instant now = wall.instant();
    Bucket bucket = bucketOf(key(address), now);
    refill(bucket, now);
    if (bucket.credit >= perToken) {
      bucket.credit -= perToken;
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(perToken - bucket.credit));
  }

  private Bucket bucketOf(String key, Instant now) {
    Bucket known = buckets.get(key);
    if (known != null) return known;
    if (buckets.size() >= MAX_CLIENTS) dropFull(now);
    String at = buckets.size() >= MAX_CLIENTS ? CROWD : key;
    return buckets.computeIfAbsent(at, k -> new Bucket(capacity, now));
  }

  private void refill(Bucket bucket, Instant now) {
    long gained = Math.max(0, Duration.between(bucket.at, now).toNanos());
    bucket.credit = Math.min(capacity, bucket.credit + gained);
    bucket.at = now;
  }

  /** A bucket full again is no different from none. */
  private void dropFull(Instant now) {
    buckets.entrySet().removeIf(e -> {
      refill(e.getValue(), now);
      return e.getValue().credit >= capacity;
    });
  }

  /**
   * The address as counted: an IPv6 address by its first 64 bits. Only an IPv6 literal is parsed (one with
   * a colon and nothing but hex digits, colons and dots): anything else could send the parser to DNS.
   */
  static String key(String address) {
    if (!IPV6.matcher(address).matches()) return address;
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress();
      if (bytes.length != 16) return address;
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i += 2) prefix.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
      return prefix.append(":/64").toString();
    } catch (UnknownHostException | SecurityException notAnAddress) {
      return address;
    }
  }
}
