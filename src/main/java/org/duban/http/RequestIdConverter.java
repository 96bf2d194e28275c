package org.duban.http;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback's {@code %requestId}: the id of the request whose work produced the log line. */
public final class RequestIdConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return RequestIds.current();
  }
}
