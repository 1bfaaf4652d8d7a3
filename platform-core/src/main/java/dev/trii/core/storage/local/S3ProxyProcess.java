package dev.trii.core.storage.local;

import dev.trii.core.config.TriiException;
import dev.trii.core.process.RepositoryLayout;
import dev.trii.core.process.ServiceProcess;
import dev.trii.core.storage.ObjectStorageSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy with a filesystem backend, run as its own process on 127.0.0.1: the object store for the launcher
 * and the tests when no {@code TRII_S3_ENDPOINT} is configured. Its classpath comes from the
 * {@code infra/s3proxy} build (resolved on first use when missing).
 */
public final class S3ProxyProcess implements AutoCloseable {

  private final ServiceProcess process;
  private final ObjectStorageSettings settings;

  private S3ProxyProcess(ServiceProcess process, ObjectStorageSettings settings) {
    this.process = process;
    this.settings = settings;
  }

  /**
   * Starts S3Proxy storing objects under {@code dataDir}.
   *
   * @param port 0 for any free port
   * @param base keys, bucket and region to serve; its endpoint is ignored
   */
  public static S3ProxyProcess start(Path dataDir, int port, ObjectStorageSettings base) {
    int listenPort = port == 0 ? ServiceProcess.freePort() : port;
    String endpoint = "http://127.0.0.1:" + listenPort;
    Path blobs = dataDir.resolve("blobs");
    Path properties = dataDir.resolve("s3proxy.properties");
    Path logback = dataDir.resolve("logback.xml");
    try {
      Files.createDirectories(blobs);
      Files.writeString(properties, String.join("\n",
          "s3proxy.endpoint=" + endpoint,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + base.accessKey(),
          "s3proxy.credential=" + base.secretKey(),
          "jclouds.provider=filesystem",
          "jclouds.filesystem.basedir=" + blobs,
          ""));
      Files.writeString(logback, """
          <configuration>
            <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
              <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
            </appender>
            <root level="WARN"><appender-ref ref="OUT"/></root>
          </configuration>
          """);
    } catch (IOException e) {
      throw new TriiException("cannot prepare local object storage in " + dataDir + ": " + e.getMessage(), e);
    }
    ServiceProcess process = ServiceProcess.startJava("s3proxy", classpath(),
        List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=" + logback),
        "org.gaul.s3proxy.Main", List.of("--properties", properties.toString()), Map.of(),
        dataDir.resolve("s3proxy.log"));
    try {
      process.awaitHttp(endpoint + "/", Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new S3ProxyProcess(process, base.withEndpoint(endpoint));
  }

  /** Settings that reach this S3Proxy. */
  public ObjectStorageSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    process.close();
  }

  static String classpath() {
    Path module = RepositoryLayout.root().resolve("infra/s3proxy");
    Path file = module.resolve("target/classpath.txt");
    if (!Files.isRegularFile(file)) {
      resolveClasspath(module);
    }
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new TriiException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void resolveClasspath(Path module) {
    try {
      Process mvn = new ProcessBuilder("mvn", "-q", "-B", "-f", module.resolve("pom.xml").toString(), "generate-resources")
          .inheritIO()
          .start();
      if (!mvn.waitFor(10, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
        throw new TriiException("could not resolve S3Proxy's classpath: mvn -f " + module + "/pom.xml generate-resources failed");
      }
    } catch (IOException e) {
      throw new TriiException("could not resolve S3Proxy's classpath (is Maven installed?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TriiException("interrupted while resolving S3Proxy's classpath");
    }
  }
}
