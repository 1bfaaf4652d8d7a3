package dev.trii.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trii.core.Platform;
import dev.trii.core.testing.TestDatabase;
import dev.trii.scheduler.pipeline.RunDispatcher;
import dev.trii.scheduler.security.ConsoleUsers;
import dev.trii.scheduler.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The job console in a real browser: headless Chromium driven by Selenium through Debian's {@code chromedriver}
 * ({@code infra/local/setup-test-tools.sh} installs both). An operator logs in, triggers a run and watches it succeed,
 * retries a failed run from its failed step, backfills a week from the form; a viewer sees no action and is refused when it posts one anyway. The
 * pipeline page is saved as {@code target/console-pipeline.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "trii.scheduler.watchdog.interval=1h", "trii.scheduler.poll=200ms"})
@Import(ItJobs.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConsoleBrowserIT {

  private static final TestDatabase database = TestDatabase.create();
  private static final String ADMIN_PASSWORD = "browser-admin-password";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @LocalServerPort
  int port;

  @Autowired
  ConsoleUsers users;

  private WebDriver browser;

  @DynamicPropertySource
  static void platform(DynamicPropertyRegistry registry) {
    SchedulerTestSetup.platform(registry, database);
    registry.add("trii.console.admin-password", () -> ADMIN_PASSWORD);
  }

  @AfterAll
  static void dropDatabase(@Autowired Scheduler scheduler, @Autowired Platform platform,
      @Autowired RunDispatcher dispatcher) throws SchedulerException {
    SchedulerTestSetup.shutdown(dispatcher, scheduler, platform, database);
  }

  @BeforeEach
  void openBrowser() {
    Path chromium = Path.of("/usr/bin/chromium");
    Path driver = Path.of("/usr/bin/chromedriver");
    assertThat(Files.isExecutable(chromium) && Files.isExecutable(driver))
        .as("Chromium and chromedriver are needed: run infra/local/setup-test-tools.sh").isTrue();
    ChromeOptions options = new ChromeOptions()
        .setBinary(chromium.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900");
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build(),
        options);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void anOperatorTriggersARunWatchesItSucceedAndRetriesAFailedOne() throws IOException {
    users.save("otto", "an-operator-password", Role.OPERATOR, "it");
    logIn("otto", "an-operator-password");
    assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("operator");
    assertThat(browser.findElements(By.cssSelector("#pipelines tr[data-pipeline]")))
        .extracting(row -> row.getAttribute("data-pipeline")).contains("daily", "it-ok", "it-resumable");

    // trigger a run and watch it succeed
    clickThen(By.linkText("it-ok"), By.id("run-now"));
    clickThen(By.id("run-now"), By.id("notice"));
    assertThat(browser.findElement(By.id("notice")).getText()).matches("run \\d+ queued");
    clickThen(By.cssSelector("#run-grid tr[data-run] a"), By.id("run-status"));
    awaitRunStatus("SUCCEEDED");
    assertThat(browser.findElements(By.cssSelector("#tasks tr[data-task]"))).hasSize(4);
    assertThat(browser.findElement(By.cssSelector("#tasks tr[data-task='load']")).getText()).contains("SUCCEEDED");

    // a run that fails midway, retried once the cause is fixed: only the failed task runs again
    ItJobs.broken.set(true);
    ItJobs.resumableWritten.clear();
    browser.get(url("/pipelines/it-resumable"));
    clickThen(By.id("run-now"), By.id("notice"));
    clickThen(By.cssSelector("#run-grid tr[data-run] a"), By.id("run-status"));
    awaitRunStatus("FAILED");
    assertThat(browser.findElement(By.id("run-error")).getText()).contains("item 6 cannot be processed yet");
    ItJobs.broken.set(false);
    clickThen(By.id("retry"), By.id("notice"));
    assertThat(browser.findElement(By.id("notice")).getText()).contains("queued again");
    awaitRunStatus("SUCCEEDED");
    assertThat(browser.findElement(By.cssSelector("#tasks tr[data-task='resumable']")).getText())
        .contains("SUCCEEDED").contains("itResumableStep: 5 / 5");
    assertThat(ItJobs.resumableWritten).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    // a backfill from the form: a week of the daily test pipeline, shown in its run grid
    browser.get(url("/pipelines/it-daily"));
    ((JavascriptExecutor) browser).executeScript(
        "document.querySelector('#backfill input[name=from]').value = '2026-11-02';"
            + "document.querySelector('#backfill input[name=to]').value = '2026-11-06';");
    clickThen(By.id("backfill-submit"), By.id("notice"));
    assertThat(browser.findElement(By.id("notice")).getText())
        .matches("backfill \\d+: 5 runs queued, 0 intervals left as they are");
    new WebDriverWait(browser, WAIT, Duration.ofMillis(300)).until(driver -> {
      driver.navigate().refresh();
      return driver.findElements(By.cssSelector("#run-grid .state.SUCCEEDED")).size() == 5;
    });
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target/console-pipeline.png"),
        ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void aViewerSeesNoActionAndIsRefusedWhenItPostsOneAnyway(@Autowired Platform platform) {
    users.save("vera", "a-viewer-password", Role.VIEWER, "it");
    logIn("vera", "a-viewer-password");
    assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("viewer");
    browser.get(url("/pipelines/it-ok"));
    assertThat(browser.findElements(By.id("run-now"))).isEmpty();
    assertThat(browser.findElements(By.id("backfill"))).isEmpty();

    // the form's request, sent from the page with the page's own CSRF token
    Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const token = document.querySelector('meta[name=_csrf]').content;
        const header = document.querySelector('meta[name=_csrf_header]').content;
        fetch('/pipelines/it-ok/runs', {method: 'POST', headers: {[header]: token}, redirect: 'manual'})
          .then(answer => done(answer.status));""");
    assertThat(((Number) status).intValue()).isEqualTo(403);
    assertThat(database.count("pipeline_runs where requested_by = 'vera'")).isZero();

    // the registry, data-quality and reject pages are there to read
    database.jdbc().update("insert into quote_rejects (reject_key, source, reason, symbol, event_time, raw_payload) "
        + "values ('browser:1', 'it', 'CROSSED_MARKET', 'AAPL', now(), '{\"bid\": 101, \"ask\": 100}')");
    browser.get(url("/rejects?symbol=AAPL"));
    assertThat(browser.findElement(By.id("reject-counts")).getText()).contains("CROSSED_MARKET", "AAPL");
    assertThat(browser.findElement(By.id("reject-samples")).getText()).contains("\"bid\": 101");
    var run = platform.registry().startRun("browser-models", "run-1");
    platform.registry().createModelVersion("browser-model", "s3://bucket/1", run.runId(), java.util.Map.of());
    platform.registry().setAlias("browser-model", dev.trii.core.registry.ModelRegistry.CHAMPION, 1, "first");
    database.jdbc().update("insert into live_accuracy (model_name, model_version, trading_date, predictions, "
        + "labelled, hits, unlabellable, pending, refreshed_at) values ('browser-model', 1, '2026-03-05', 10, 8, 6, "
        + "1, 1, now())");
    browser.get(url("/models"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Models");
    assertThat(browser.findElement(By.cssSelector("#models tr[data-model=browser-model] td.live")).getText())
        .isEqualTo("0.750 (6 of 8 labelled)");
    browser.get(url("/models/browser-model"));
    assertThat(browser.findElement(By.id("live")).getText()).contains("2026-03-05 10 8 6 0.750 1 1");
    browser.get(url("/quality"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Data quality");
    // the reports page lists each file; its link opens the report itself
    new dev.trii.core.reports.Reports(platform.database().dataSource(), platform.artifacts()).store(
        java.time.LocalDate.parse("2026-03-05"), "daily", dev.trii.core.reports.ReportFormat.HTML,
        "<html><body><h1 id=\"report-title\">2026-03-05</h1></body></html>".getBytes(
            java.nio.charset.StandardCharsets.UTF_8),
        java.time.Instant.parse("2026-03-05T14:30:00Z"), java.time.Instant.parse("2026-03-05T21:00:00Z"));
    browser.get(url("/reports"));
    assertThat(browser.findElement(By.id("reports")).getText()).contains("2026-03-05", "daily", "html",
        "2026-03-05 14:30 – 2026-03-05 21:00 UTC");
    clickThen(By.linkText("html"), By.id("report-title"));
    assertThat(browser.getCurrentUrl()).endsWith("/reports/2026-03-05/daily.html");
    browser.get(url("/reports"));

    clickThen(By.id("logout"), By.id("login"));
    logIn("vera", "wrong-password-here");
    new WebDriverWait(browser, WAIT).until(driver -> driver.getCurrentUrl().endsWith("/login?error"));
    assertThat(browser.findElement(By.cssSelector("p.problem")).getText()).isEqualTo("Wrong user name or password.");
  }

  private void logIn(String user, String password) {
    browser.get(url("/login"));
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("login")).click();
    // the next page: the console with the user's name, or the login page saying why not
    new WebDriverWait(browser, WAIT).until(driver -> !driver.findElements(By.id("user")).isEmpty()
        || driver.getCurrentUrl().endsWith("/login?error"));
  }

  /** Clicks what navigates, and waits for the next page to show {@code awaited}. */
  private void clickThen(By target, By awaited) {
    browser.findElement(target).click();
    new WebDriverWait(browser, WAIT).until(driver -> !driver.findElements(awaited).isEmpty());
  }

  private void awaitRunStatus(String status) {
    new WebDriverWait(browser, WAIT, Duration.ofMillis(300)).until(driver -> {
      List<WebElement> shown = driver.findElements(By.id("run-status"));
      if (!shown.isEmpty() && shown.get(0).getText().equals(status)) {
        return true;
      }
      driver.navigate().refresh();
      return false;
    });
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }
}
