package org.duban.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Serves a WebJar from the classpath under a version-free path ({@code /webjars/swagger-ui/...}), so
 * pages and import maps do not repeat the version the build already pins.
 */
public final class WebJars {
  private WebJars() {
  }

  public static Handler<RoutingContext> serve(String group, String name) {
    String root = "META-INF/resources/webjars/" + name + "/" + version(group, name);
    StaticHandler files = StaticHandler.create(root).setCachingEnabled(true).setMaxAgeSeconds(86_400);
    return files;
  }

  static String version(String group, String name) {
    String resource = "META-INF/maven/" + group + "/" + name + "/pom.properties";
    try (InputStream in = WebJars.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("WebJar missing from the classpath: " + group + ":" + name);
      Properties props = new Properties();
      props.load(in);
      return props.getProperty("version");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }
}
