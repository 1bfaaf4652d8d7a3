package dev.trii.benchmarks.scoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * An open-loop load generator on one thread, in the manner of wrk2: requests fall due at a fixed rate, each goes out
 * on the first idle one of {@code connections} kept-alive non-blocking sockets (or waits, its clock running, until one
 * is free), and its latency counts from when it was due. One thread instead of one per connection, so the generator
 * competes for the machine's cores with one runnable thread, not eight. Answers must carry a Content-Length (the
 * scoring API's do). Allocates nothing per request, so its own garbage collector never pauses it mid-run.
 */
final class OpenLoop {

  private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);
  /** Due times of requests no connection was free for, a ring. */
  private static final int MOST_WAITING = 1 << 20;

  /**
   * One kept-alive connection: its request, ready to send again, the due time of the one in flight (or -1), and its
   * answer so far.
   */
  private static final class Connection {
    final SocketChannel channel;
    final ByteBuffer request;
    final ByteBuffer answer = ByteBuffer.allocate(64 * 1024);
    long due = -1;

    Connection(SocketChannel channel, byte[] request) {
      this.channel = channel;
      this.request = ByteBuffer.wrap(request);
    }
  }

  private final Selector selector;
  private final long measureFrom;
  private final long[] latencies;
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  /** Hands each ready connection to {@link #collect}: made once, so a select allocates nothing. */
  private final Consumer<SelectionKey> collector = this::collect;
  private int count;
  private long failures;
  private int busy;

  private OpenLoop(Selector selector, long measureFrom, int capacity) {
    this.selector = selector;
    this.measureFrom = measureFrom;
    this.latencies = new long[capacity];
  }

  /** Runs {@code rate} requests a second for {@code warmup} (not measured) then {@code duration}. */
  static HttpLoad.Sample run(HttpLoad.Request request, int connections, double rate, long warmupNanos,
      long durationNanos) {
    try (Selector selector = Selector.open()) {
      long start = System.nanoTime() + 50 * MILLI;
      OpenLoop loop = new OpenLoop(selector, start + warmupNanos,
          (int) Math.min(Integer.MAX_VALUE - 8, (long) (rate * durationNanos / 1e9) + 1024));
      try {
        for (int c = 0; c < connections; c++) {
          loop.idle.add(connect(request, selector));
        }
        loop.drive((long) (1e9 / rate), start, start + warmupNanos + durationNanos);
      } finally {
        for (SelectionKey key : selector.keys()) {
          key.channel().close();
        }
      }
      return new HttpLoad.Sample(connections, rate, Arrays.copyOf(loop.latencies, loop.count), loop.failures,
          durationNanos);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("the open-loop generator failed: " + e.getMessage(), e);
    }
  }

  /** Sends a request every {@code interval} from {@code start} to {@code end}, and reads every answer. */
  private void drive(long interval, long start, long end) throws IOException {
    long[] waiting = new long[MOST_WAITING];
    int waitHead = 0;
    int waitCount = 0;
    long nextDue = start;
    while (nextDue < end || waitCount > 0 || busy > 0) {
      long now = System.nanoTime();
      for (; nextDue <= now && nextDue < end; nextDue += interval) {
        if (waitCount == MOST_WAITING) {
          throw new IllegalStateException("more than " + MOST_WAITING + " requests waiting: the server stalled");
        }
        waiting[(waitHead + waitCount++) & (MOST_WAITING - 1)] = nextDue;
      }
      while (waitCount > 0 && !idle.isEmpty()) {
        Connection connection = idle.poll();
        connection.due = waiting[waitHead];
        waitHead = (waitHead + 1) & (MOST_WAITING - 1);
        waitCount--;
        send(connection);
        busy++;
      }
      long wait = nextDue < end ? nextDue - System.nanoTime() : MILLI;
      // the selector hands ready keys to the collector: no selected-key set to iterate, so nothing is allocated
      if (wait >= 2 * MILLI) {
        selector.select(collector, wait / MILLI - 1); // epoll's timeout is in milliseconds: wake early, then park
      } else if (selector.selectNow(collector) == 0 && wait > 0) {
        LockSupport.parkNanos(wait);
        selector.selectNow(collector);
      }
    }
  }

  /** Reads what arrived on a ready connection; a complete answer is counted and frees the connection. */
  private void collect(SelectionKey key) {
    Connection connection = (Connection) key.attachment();
    int status;
    try {
      status = read(connection);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (status == 0) {
      return; // the answer is not complete yet
    }
    long latency = System.nanoTime() - connection.due;
    if (connection.due >= measureFrom) {
      if (status < 200 || status > 299) {
        failures++;
      }
      if (count < latencies.length) {
        latencies[count++] = latency;
      }
    }
    connection.due = -1;
    busy--;
    idle.add(connection);
  }

  private static Connection connect(HttpLoad.Request request, Selector selector) throws IOException {
    SocketChannel channel = SocketChannel.open(new InetSocketAddress(request.host(), request.port()));
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    channel.configureBlocking(false);
    Connection connection = new Connection(channel, request.bytes());
    channel.register(selector, SelectionKey.OP_READ, connection);
    return connection;
  }

  /** Sends the whole request (a few hundred bytes: the socket's buffer takes it at once). */
  private static void send(Connection connection) throws IOException {
    ByteBuffer out = connection.request.rewind();
    while (out.hasRemaining()) {
      if (connection.channel.write(out) == 0) {
        Thread.onSpinWait();
      }
    }
  }

  /**
   * Reads what arrived; returns the answer's status once it is complete (status line, headers, Content-Length bytes
   * of body), else 0.
   */
  private static int read(Connection connection) throws IOException {
    ByteBuffer answer = connection.answer;
    if (connection.channel.read(answer) < 0) {
      throw new IOException("the server closed a connection");
    }
    byte[] bytes = answer.array();
    int filled = answer.position();
    int headerEnd = -1;
    for (int i = 3; i < filled; i++) {
      if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
        headerEnd = i + 1;
        break;
      }
    }
    if (headerEnd < 0) {
      return 0;
    }
    int length = contentLength(bytes, headerEnd);
    if (filled < headerEnd + length) {
      return 0;
    }
    int status = (bytes[9] - '0') * 100 + (bytes[10] - '0') * 10 + (bytes[11] - '0');
    answer.clear();
    return status;
  }

  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

  private static int contentLength(byte[] bytes, int headerEnd) throws IOException {
    for (int line = 0; line < headerEnd; ) {
      int next = line;
      while (next < headerEnd && bytes[next] != '\n') {
        next++;
      }
      if (next - line > CONTENT_LENGTH.length && matches(bytes, line)) {
        int value = 0;
        for (int i = line + CONTENT_LENGTH.length; i < next; i++) {
          if (bytes[i] >= '0' && bytes[i] <= '9') {
            value = value * 10 + (bytes[i] - '0');
          }
        }
        return value;
      }
      line = next + 1;
    }
    throw new IOException("an answer without Content-Length: the open loop needs one");
  }

  private static boolean matches(byte[] bytes, int at) {
    for (int i = 0; i < CONTENT_LENGTH.length; i++) {
      if ((bytes[at + i] | 0x20) != CONTENT_LENGTH[i]) {
        return false;
      }
    }
    return true;
  }
}
