package dev.trii.core.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;

/**
 * Whether a Testcontainers test can get its image: the image is here already or its registry can be reached, and a
 * Docker engine answers. A machine with Docker but without the way out to the registry (these CI machines, an
 * air-gapped laptop) skips such a test at once instead of failing it after minutes of pull retries. The image and the
 * registry are checked first, with the {@code docker} command and one TCP connection, because Testcontainers' own
 * check starts by pulling its helper image.
 */
public final class ContainerImages {

  private static final int CONNECT_TIMEOUT_MILLIS = 3_000;

  private ContainerImages() {}

  /** True when {@code image} can be run here. */
  public static boolean canRun(String image) {
    boolean reachable = registryReachable(DockerImageName.parse(image).getRegistry());
    if (!reachable && !presentLocally(image)) {
      return false;
    }
    return DockerClientFactory.instance().isDockerAvailable();
  }

  private static boolean registryReachable(String registry) {
    String host = registry.isEmpty() ? "registry-1.docker.io" : registry;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, 443), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean presentLocally(String image) {
    try {
      Process inspect = new ProcessBuilder("docker", "image", "inspect", image).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!inspect.waitFor(10, TimeUnit.SECONDS)) {
        inspect.destroyForcibly();
        return false;
      }
      return inspect.exitValue() == 0;
    } catch (IOException e) {
      return false; // no docker command
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
