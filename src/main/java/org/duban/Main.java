package org.duban;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.duban.config.Config;
import org.duban.config.ConfigException;
import org.duban.config.ConfigSource;

import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/** Starts the server as a process; SIGTERM shuts it down gracefully. */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) throws Exception {
    Config config;
    try {
      config = Config.load(ConfigSource.fromProcess());
    } catch (ConfigException e) {
      // One line, before logging is even set up: the operator fixes the key and starts again.
      System.err.println("duban: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (config.logJson()) useJsonLogs();
    Server server;
    try {
      server = Server.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      LoggerFactory.getLogger(Main.class).error("start-up failed: {}", cause.getMessage(), cause);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitClose(server, config.shutdownGrace().toSeconds() + 10), "duban-shutdown"));
  }

  /** Reading a config file may already have started logging in text; start it again in JSON. */
  private static void useJsonLogs() throws JoranException {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(Main.class.getResource("/logback-json.xml"));
  }

  private static void awaitClose(Server server, long seconds) {
    var log = LoggerFactory.getLogger(Main.class);
    try {
      log.info("stopping: no new connections, finishing requests in flight");
      server.close().toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
      log.info("stopped");
    } catch (Exception e) {
      System.err.println("duban: shutdown did not finish cleanly: " + e);
    }
  }
}
