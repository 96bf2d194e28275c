package org.duban;

import org.duban.config.Config;
import org.duban.config.ConfigException;
import org.duban.config.ConfigSource;

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
    // Chosen before the first logger exists, so logback reads the right file.
    if (config.logJson()) System.setProperty("logback.configurationFile", "logback-json.xml");
    Server server;
    try {
      server = Server.start(config).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      org.slf4j.LoggerFactory.getLogger(Main.class).error("start-up failed: {}", cause.getMessage(), cause);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> awaitClose(server, config.shutdownGrace().toSeconds() + 10), "duban-shutdown"));
  }

  private static void awaitClose(Server server, long seconds) {
    var log = org.slf4j.LoggerFactory.getLogger(Main.class);
    try {
      log.info("stopping: no new connections, finishing requests in flight");
      server.close().toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
      log.info("stopped");
    } catch (Exception e) {
      System.err.println("duban: shutdown did not finish cleanly: " + e);
    }
  }
}
