package dev.trii.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    MDC.clear();
  }

  @Test
  void workOnAnotherThreadLogsWithTheCorrelationIdOfTheThreadThatHandedItOver() throws Exception {
    pool.submit(() -> MDC.put("worker", "own")).get(); // the pool thread's own context, left by earlier work
    MDC.put(CorrelationId.KEY, CorrelationId.ofRun(42));
    MDC.put("pipelineTask", "features");

    Map<String, String> seen = pool.submit(LogContext.carrying(MDC::getCopyOfContextMap)).get();
    AtomicReference<String> seenByRunnable = new AtomicReference<>();
    pool.submit(LogContext.carrying(() -> seenByRunnable.set(MDC.get(CorrelationId.KEY)))).get();

    assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of("correlation_id", "run-42", "pipelineTask", "features"));
    assertThat(seenByRunnable).hasValue("run-42");
    assertThat(pool.submit(MDC::getCopyOfContextMap).get()).as("the pool thread's own context, back")
        .containsExactlyEntriesOf(Map.of("worker", "own"));
  }
}
