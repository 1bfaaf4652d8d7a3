package dev.trii.core.apikeys;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scoring API's keys ({@code scoring_api_keys}): issued, listed, rotated and revoked by {@code ./trii api-keys},
 * read by the API. Only the prefix and a hash of each key are stored (see {@link ApiKeySecrets}).
 */
public final class ApiKeys {

  /** Requests per second a key may make unless created with another limit. */
  public static final int DEFAULT_RATE_PER_SECOND = 100;

  private static final String COLUMNS = "key_id, name, prefix, key_hash, scopes, rate_per_second, created_at, "
      + "expires_at, revoked_at, last_used_at";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public ApiKeys(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.clock = clock;
  }

  /** A key just created: its record and the key itself, shown once. */
  public record Issued(ApiKey record, String key) {}

  /**
   * Issues a new key.
   *
   * @throws IllegalArgumentException for a name that is not 1–64 letters, digits, {@code _.-}, no scopes or a rate
   *     below 1
   */
  public Issued create(String name, Set<ApiScope> scopes, int ratePerSecond) {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new IllegalArgumentException("a key name is 1 to 64 letters, digits, '_', '.' or '-' (starting with a "
          + "letter or digit), got '" + name + "'");
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a key needs at least one scope: predict, read-models or admin");
    }
    if (ratePerSecond < 1) {
      throw new IllegalArgumentException("a key's rate limit must be at least 1 request per second, got "
          + ratePerSecond);
    }
    ApiKeySecrets.NewKey key = ApiKeySecrets.generate();
    ApiKey record = jdbc.queryForObject("insert into scoring_api_keys (name, prefix, key_hash, scopes, "
        + "rate_per_second, created_at) values (?, ?, ?, ?::text[], ?, ?) returning " + COLUMNS, ApiKeys::key,
        name, key.prefix(), ApiKeySecrets.hash(key.key()), scopeArray(scopes), ratePerSecond,
        Timestamp.from(clock.instant()));
    return new Issued(record, key.key());
  }

  /**
   * Rotates the named key: a new key with the same scopes and rate, and the current ones (not revoked, not expired)
   * expire after {@code overlap}, so clients can switch meanwhile.
   *
   * @throws NoSuchElementException when no valid key has that name
   */
  public Issued rotate(String name, Duration overlap) {
    if (overlap.isNegative()) {
      throw new IllegalArgumentException("the overlap cannot be negative, got " + overlap);
    }
    return transactions.execute(status -> {
      Instant now = clock.instant();
      List<ApiKey> current = jdbc.query("select " + COLUMNS + " from scoring_api_keys where name = ? "
          + "and revoked_at is null and (expires_at is null or expires_at > ?) order by key_id for update",
          ApiKeys::key, name, Timestamp.from(now));
      if (current.isEmpty()) {
        throw new NoSuchElementException("no valid key is named '" + name + "' (see ./trii api-keys list)");
      }
      ApiKey newest = current.get(current.size() - 1);
      Instant ends = now.plus(overlap);
      for (ApiKey old : current) {
        if (old.expiresAt() == null || old.expiresAt().isAfter(ends)) {
          jdbc.update("update scoring_api_keys set expires_at = ? where key_id = ?", Timestamp.from(ends), old.id());
        }
      }
      return create(name, newest.scopes(), newest.ratePerSecond());
    });
  }

  /**
   * Revokes the key with this prefix, or every key with this name.
   *
   * @return the keys revoked now (none when they already were)
   * @throws NoSuchElementException when no key has that prefix or name
   */
  public List<ApiKey> revoke(String prefixOrName) {
    List<ApiKey> matching = jdbc.query("select " + COLUMNS + " from scoring_api_keys where prefix = ? or name = ?",
        ApiKeys::key, prefixOrName, prefixOrName);
    if (matching.isEmpty()) {
      throw new NoSuchElementException("no key has the prefix or name '" + prefixOrName
          + "' (see ./trii api-keys list)");
    }
    return jdbc.query("update scoring_api_keys set revoked_at = ? where (prefix = ? or name = ?) "
        + "and revoked_at is null returning " + COLUMNS, ApiKeys::key, Timestamp.from(clock.instant()), prefixOrName,
        prefixOrName);
  }

  /** Every key, revoked and expired ones too, oldest first. */
  public List<ApiKey> list() {
    return jdbc.query("select " + COLUMNS + " from scoring_api_keys order by key_id", ApiKeys::key);
  }

  /** The keys accepted now: not revoked, not expired. */
  public List<ApiKey> valid() {
    return jdbc.query("select " + COLUMNS + " from scoring_api_keys where revoked_at is null "
        + "and (expires_at is null or expires_at > ?) order by key_id", ApiKeys::key, Timestamp.from(clock.instant()));
  }

  /** The key with this prefix, if it is accepted now. */
  public Optional<ApiKey> validByPrefix(String prefix) {
    return jdbc.query("select " + COLUMNS + " from scoring_api_keys where prefix = ? and revoked_at is null "
        + "and (expires_at is null or expires_at > ?)", ApiKeys::key, prefix, Timestamp.from(clock.instant()))
        .stream().findFirst();
  }

  /** Records that these keys (by prefix) were used, at {@code at}. */
  public void markUsed(Collection<String> prefixes, Instant at) {
    if (prefixes.isEmpty()) {
      return;
    }
    jdbc.update("update scoring_api_keys set last_used_at = ? where prefix = any (?::text[])", Timestamp.from(at),
        "{" + String.join(",", prefixes) + "}");
  }

  private static String scopeArray(Set<ApiScope> scopes) {
    return "{" + String.join(",", scopes.stream().sorted().map(ApiScope::label).toList()) + "}";
  }

  private static ApiKey key(ResultSet rs, int row) throws SQLException {
    Array scopes = rs.getArray("scopes");
    Set<ApiScope> parsed = EnumSet.noneOf(ApiScope.class);
    Arrays.stream((String[]) scopes.getArray()).map(ApiScope::of).forEach(parsed::add);
    return new ApiKey(rs.getLong("key_id"), rs.getString("name"), rs.getString("prefix"), rs.getString("key_hash"),
        parsed, rs.getInt("rate_per_second"), instant(rs, "created_at"), instant(rs, "expires_at"),
        instant(rs, "revoked_at"), instant(rs, "last_used_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
