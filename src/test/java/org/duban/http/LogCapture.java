package org.duban.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the server logs while a test holds it, read from logback itself: the server runs in this
 * JVM, so a request's log lines (and stack traces) land here as they would in production.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<ILoggingEvent> events = new ArrayList<>();

  private LogCapture() {
  }

  static LogCapture begin() {
    LogCapture capture = new LogCapture();
    capture.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
    capture.start();
    root().addAppender(capture);
    return capture;
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    event.prepareForDeferredProcessing();
    events.add(event);
  }

  synchronized List<ILoggingEvent> events() {
    return List.copyOf(events);
  }

  /** What was logged besides the one access line per request. */
  List<ILoggingEvent> besidesAccess() {
    return events().stream().filter(e -> !e.getLoggerName().equals("duban.access")).toList();
  }

  List<ILoggingEvent> access() {
    return events().stream().filter(e -> e.getLoggerName().equals("duban.access")).toList();
  }

  /** Lines that carry a stack trace. */
  List<ILoggingEvent> withStackTraces() {
    return events().stream().filter(e -> e.getThrowableProxy() != null).toList();
  }

  @Override
  public void close() {
    root().detachAppender(this);
    stop();
  }
}
