package dev.trii.benchmarks.scoring;

import dev.trii.benchmarks.support.Percentiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A small HTTP/1.1 load generator for the scoring benchmark: {@code connections} keep-alive sockets, one thread each,
 * sending one pre-built request and reading its answer. Closed loop (as fast as answers come: the saturation rate)
 * or open loop at a fixed total rate, where each request's latency counts from when it was due, not when it was
 * sent, so a stalled server is not hidden by a stalled client (no coordinated omission). Light on purpose: it shares
 * the machine's cores with the server it measures.
 */
final class HttpLoad {

  /** One request, built once: method, path, headers and body. */
  record Request(String host, int port, String method, String path, Map<String, String> headers, byte[] body) {

    byte[] bytes() {
      StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
          .append("Host: ").append(host).append(':').append(port).append("\r\n");
      headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      byte[] start = head.toString().getBytes(StandardCharsets.US_ASCII);
      byte[] all = Arrays.copyOf(start, start.length + body.length);
      System.arraycopy(body, 0, all, start.length, body.length);
      return all;
    }
  }

  /**
   * What one loop measured, unsummarized, so that loops repeated in rounds can be pooled.
   *
   * @param latencies nanoseconds of each request due in the timed window, in no particular order
   * @param failures answers other than 2xx, and broken connections
   * @param durationNanos the timed window
   */
  record Sample(int connections, double targetRate, long[] latencies, long failures, long durationNanos) {

    double requestsPerSecond() {
      return latencies.length / (durationNanos / 1e9);
    }
  }

  /**
   * The figures of one or more loops at the same connections and rate.
   *
   * @param requestsPerSecond answered requests per second over the timed windows
   * @param failures answers other than 2xx, and broken connections
   */
  record Result(int connections, double targetRate, long requests, long failures, double requestsPerSecond,
      double p50Micros, double p90Micros, double p99Micros, double p999Micros, double maxMicros) {

    /** One loop's figures. */
    static Result of(Sample sample) {
      return pooled(List.of(sample));
    }

    /** The figures of the loops' requests taken together: the rate over their windows, percentiles over all. */
    static Result pooled(List<Sample> samples) {
      long[] latencies = samples.stream().flatMapToLong(sample -> Arrays.stream(sample.latencies())).sorted()
          .toArray();
      long failures = samples.stream().mapToLong(Sample::failures).sum();
      long durationNanos = samples.stream().mapToLong(Sample::durationNanos).sum();
      Sample all = new Sample(samples.get(0).connections(), samples.get(0).targetRate(), latencies, failures,
          durationNanos);
      return new Result(all.connections(), all.targetRate(), latencies.length, failures,
          all.requestsPerSecond(), Percentiles.micros(latencies, 0.50),
          Percentiles.micros(latencies, 0.90), Percentiles.micros(latencies, 0.99),
          Percentiles.micros(latencies, 0.999), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e3);
    }
  }

  private HttpLoad() {}

  /**
   * Runs the load for {@code warmup} (not measured) then {@code duration}.
   *
   * @param rate total requests per second spread over the connections, or 0 for a closed loop
   */
  static Sample run(Request request, int connections, double rate, long warmupNanos, long durationNanos) {
    byte[] bytes = request.bytes();
    ExecutorService threads = Executors.newFixedThreadPool(connections);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    long measureFrom = start + warmupNanos;
    long end = measureFrom + durationNanos;
    List<Future<long[]>> runs = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      long interval = rate > 0 ? (long) (1e9 * connections / rate) : 0;
      long offset = rate > 0 ? interval * c / connections : 0;
      runs.add(threads.submit(() -> connection(request, bytes, start + offset, interval, measureFrom, end)));
    }
    long[] all = new long[0];
    long failures = 0;
    try {
      for (Future<long[]> run : runs) {
        long[] latencies = run.get();
        failures += latencies[0];
        int from = all.length;
        all = Arrays.copyOf(all, from + latencies.length - 1);
        System.arraycopy(latencies, 1, all, from, latencies.length - 1);
      }
    } catch (Exception e) {
      throw new IllegalStateException("the load generator failed: " + e, e);
    } finally {
      threads.shutdownNow();
    }
    return new Sample(connections, rate, all, failures, durationNanos);
  }

  /** One connection's loop; returns {failures, latency...} of the requests due in the timed window. */
  private static long[] connection(Request request, byte[] bytes, long first, long interval, long measureFrom,
      long end) throws IOException {
    long[] latencies = new long[1 << 16];
    int count = 1;
    long failures = 0;
    long due = first;
    Connection connection = new Connection(request);
    while (true) {
      long now = System.nanoTime();
      if (interval > 0) {
        if (due > now) {
          LockSupport.parkNanos(due - now);
        }
      } else {
        due = Math.max(now, first);
      }
      if (due >= end) {
        break;
      }
      long sent = interval > 0 ? due : System.nanoTime();
      boolean ok;
      try {
        connection.out.write(bytes);
        connection.out.flush();
        ok = readAnswer(connection.in);
      } catch (IOException e) {
        ok = false;
        connection.socket.close();
        connection = new Connection(request);
      }
      long latency = System.nanoTime() - sent;
      if (sent >= measureFrom) {
        if (!ok) {
          failures++;
        }
        if (count == latencies.length) {
          latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[count++] = latency;
      }
      due += interval;
    }
    connection.socket.close();
    latencies[0] = failures;
    return Arrays.copyOf(latencies, count);
  }

  /** A keep-alive connection with buffered reads (one answer is a few hundred bytes). */
  private static final class Connection {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Connection(Request request) {
      try {
        socket = new Socket(request.host(), request.port());
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot connect to " + request.host() + ":" + request.port(), e);
      }
    }
  }

  /** Reads one answer (status line, headers, a Content-Length or chunked body); true for a 2xx. */
  private static boolean readAnswer(InputStream in) throws IOException {
    String status = line(in);
    int length = 0;
    boolean chunked = false;
    String header;
    while (!(header = line(in)).isEmpty()) {
      if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(header.substring(15).trim());
      } else if (header.regionMatches(true, 0, "Transfer-Encoding:", 0, 18)) {
        chunked = header.toLowerCase(Locale.ROOT).contains("chunked");
      }
    }
    if (chunked) {
      int chunk;
      while ((chunk = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0) {
        in.skipNBytes(chunk);
        line(in);
      }
      line(in);
    } else {
      in.skipNBytes(length);
    }
    return status.length() > 9 && status.charAt(9) == '2';
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }
}
