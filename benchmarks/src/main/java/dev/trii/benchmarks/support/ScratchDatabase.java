package dev.trii.benchmarks.support;

import dev.trii.core.config.TriiException;
import dev.trii.core.db.Database;
import dev.trii.core.db.DatabaseCoordinates;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh database for one benchmark run on the configured server (embedded or not), dropped afterwards unless it is
 * to be kept: the figures never depend on, or touch, the data already there.
 */
public final class ScratchDatabase {

  private ScratchDatabase() {}

  /** Prints the machine line of a benchmark that needs the database: cores, memory, load, Java, PostgreSQL. */
  public static void printMachine(PrintStream out, Map<String, Object> machine) {
    out.printf(Locale.ROOT, "machine     %s cores (%s), %s GiB memory, load average %s; Java %s; PostgreSQL %s%n",
        machine.get("cores"), machine.get("cpu"), machine.get("memory_gib"), machine.get("load_average"),
        machine.get("java"), machine.get("postgresql"));
  }

  /**
   * Creates {@code trii_bench_<random>}, runs {@code measure} on its coordinates and name, then drops it (or says it
   * was kept). Adds the server's PostgreSQL version and URL to {@code machine} first.
   */
  public static <T> T run(Database server, boolean keep, PrintStream out, Map<String, Object> machine,
      BiFunction<DatabaseCoordinates, String, T> measure) {
    JdbcTemplate admin = new JdbcTemplate(server.dataSource());
    machine.put("postgresql", admin.queryForObject("show server_version", String.class));
    machine.put("database_server", server.coordinates().url() + (server.isEmbedded() ? " (embedded)" : ""));
    String name = "trii_bench_" + UUID.randomUUID().toString().substring(0, 8);
    try {
      admin.execute("create database " + name);
    } catch (DataAccessException e) {
      throw new TriiException("cannot create database " + name + " on " + server.coordinates().url()
          + " (the benchmark needs a user allowed to create databases): " + e.getMostSpecificCause().getMessage(), e);
    }
    try {
      return measure.apply(server.coordinates().withDatabase(name), name);
    } finally {
      if (keep) {
        out.println("database " + name + " kept (--keep-database)");
      } else {
        admin.execute("drop database if exists " + name + " with (force)");
      }
    }
  }
}
