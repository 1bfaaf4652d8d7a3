package dev.trii.scheduler.security;

import dev.trii.core.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The console's users ({@code console_users}: a role and a bcrypt password hash) and their API tokens
 * ({@code api_tokens}: only a SHA-256 hash is stored; the token is shown once, when created).
 */
public final class ConsoleUsers {

  /** Every token starts with this, so that a leaked one is easy to recognize. */
  public static final String TOKEN_PREFIX = "trii_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A user as the console knows it. */
  public record User(String username, Role role, String passwordHash) {}

  private final JdbcTemplate jdbc;
  private final PasswordEncoder passwords;

  public ConsoleUsers(DataSource dataSource, PasswordEncoder passwords) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.passwords = passwords;
  }

  public Optional<User> find(String username) {
    return jdbc.query("select username, role, password_hash from console_users where username = ?",
        (rs, i) -> new User(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3)), username)
        .stream().findFirst();
  }

  public List<User> all() {
    return jdbc.query("select username, role, password_hash from console_users order by username",
        (rs, i) -> new User(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3)));
  }

  public boolean isEmpty() {
    return jdbc.queryForObject("select count(*) from console_users", Integer.class) == 0;
  }

  /**
   * Adds a user, or gives an existing one a new password and role.
   *
   * @throws IllegalArgumentException for a bad name or a password shorter than 12 characters
   */
  public void save(String username, String password, Role role, String by) {
    if (username == null || !username.matches("[a-z][a-z0-9_.-]{0,62}")) {
      throw new IllegalArgumentException("a user name is lower-case letters, digits, '_', '.' or '-', got '"
          + username + "'");
    }
    if (password == null || password.length() < 12) {
      throw new IllegalArgumentException("a console password needs at least 12 characters");
    }
    jdbc.update("insert into console_users (username, password_hash, role, created_by) values (?, ?, ?, ?) "
        + "on conflict (username) do update set password_hash = excluded.password_hash, role = excluded.role",
        username, passwords.encode(password), role.name(), by);
  }

  /**
   * Creates an API token for the user and returns it (the only time it is seen).
   *
   * @throws IllegalArgumentException when there is no such user
   */
  public String createToken(String username, String name) {
    String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    register(username, name, token);
    return token;
  }

  /** Registers a token chosen elsewhere (the admin token from the settings); does nothing if it is known. */
  public void register(String username, String name, String token) {
    if (find(username).isEmpty()) {
      throw new IllegalArgumentException("no console user named '" + username + "'");
    }
    jdbc.update("insert into api_tokens (username, name, token_hash) values (?, ?, ?) "
        + "on conflict (token_hash) do nothing", username, name, hash(token));
  }

  /** The user a token belongs to, if it is known and not revoked; notes its use. */
  public Optional<User> byToken(String token) {
    List<User> users = jdbc.query("update api_tokens t set last_used_at = now() from console_users u "
            + "where t.token_hash = ? and t.revoked_at is null and u.username = t.username "
            + "returning u.username, u.role, u.password_hash",
        (rs, i) -> new User(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3)), hash(token));
    return users.stream().findFirst();
  }

  /** Revokes every token of the user with that name; returns how many. */
  public int revokeTokens(String username, String name) {
    return jdbc.update("update api_tokens set revoked_at = now() where username = ? and name = ? "
        + "and revoked_at is null", username, name);
  }

  /** A random password for a generated account: 24 URL-safe characters. */
  public static String randomPassword() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18));
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  static String hash(String token) {
    return Sha256.hex(token.getBytes(StandardCharsets.UTF_8));
  }
}
