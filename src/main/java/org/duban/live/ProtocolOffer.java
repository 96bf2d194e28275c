package org.duban.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a client offers in {@code Sec-WebSocket-Protocol} when it opens {@code /live}: the one protocol the server
 * speaks, {@value #V1}, and, instead of a first {@code auth} message, its access token as
 * {@code duban.bearer.<token>} and the last event it saw as {@code duban.resume.<id>}. A browser cannot set an
 * {@code Authorization} header on a WebSocket, but it can offer protocols; the server answers with {@value #V1}
 * alone, so the token never comes back. An access token is a JWT, three base64url parts joined by dots, and so
 * already a valid protocol token (RFC 6455 4.1, RFC 7230 3.2.6): it needs no encoding.
 *
 * @param token the access token offered, if any
 * @param lastEventId where to resume from, offered only with a token
 */
record ProtocolOffer(Optional<String> token, Optional<Long> lastEventId) {
  static final String V1 = "duban.v1";
  static final String BEARER = "duban.bearer.";
  static final String RESUME = "duban.resume.";
  /** Nothing offered: the client authenticates with its first message. */
  static final ProtocolOffer NONE = new ProtocolOffer(Optional.empty(), Optional.empty());

  /**
   * The offer in the header's values (a client may send the header more than once, each a comma-separated list);
   * empty when the upgrade is to be refused: protocols offered without {@value #V1} (the answer could name none,
   * and a browser then fails the socket anyway), two tokens, a resume without a token, or a resume that is not an
   * event id.
   */
  static Optional<ProtocolOffer> parse(List<String> headerValues) {
    List<String> offered = new ArrayList<>();
    for (String value : headerValues) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) offered.add(part.trim());
      }
    }
    if (offered.isEmpty()) return Optional.of(NONE);
    if (!offered.contains(V1)) return Optional.empty();
    List<String> tokens = withPrefix(offered, BEARER);
    List<String> resumes = withPrefix(offered, RESUME);
    if (tokens.size() > 1 || resumes.size() > 1 || tokens.stream().anyMatch(String::isEmpty)) return Optional.empty();
    if (resumes.isEmpty()) return Optional.of(new ProtocolOffer(tokens.stream().findFirst(), Optional.empty()));
    if (tokens.isEmpty() || !resumes.get(0).matches("[0-9]{1,18}")) return Optional.empty();
    return Optional.of(new ProtocolOffer(Optional.of(tokens.get(0)), Optional.of(Long.parseLong(resumes.get(0)))));
  }

  private static List<String> withPrefix(List<String> offered, String prefix) {
    return offered.stream().filter(p -> p.startsWith(prefix)).map(p -> p.substring(prefix.length())).toList();
  }
}
