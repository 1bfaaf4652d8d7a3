package dev.trii.core.db;

import dev.trii.core.config.Settings;
import dev.trii.core.config.TriiConfig;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/** Where a PostgreSQL database is and how to log in: what a JDBC connection, a Flink sink or a child process needs. */
public record DatabaseCoordinates(String url, String user, String password) implements Serializable {

  public DatabaseCoordinates {
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  static DatabaseCoordinates fromConfig(TriiConfig config) {
    return new DatabaseCoordinates(config.get(Settings.DB_URL), config.get(Settings.DB_USER), config.get(Settings.DB_PASSWORD));
  }

  /** The driver properties that log in: user and password when set. */
  public Properties loginProperties() {
    Properties properties = new Properties();
    if (!user.isEmpty()) {
      properties.setProperty("user", user);
    }
    if (!password.isEmpty()) {
      properties.setProperty("password", password);
    }
    return properties;
  }

  /** A new connection, outside any pool (a sink's own connection, a tool's one-off). */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, loginProperties());
  }

  /** The settings that make another process connect to this same database. */
  public Map<String, String> asEnvironment() {
    return Map.of(Settings.DB_URL.env(), url, Settings.DB_USER.env(), user, Settings.DB_PASSWORD.env(), password);
  }

  /** The same server, another database on it (tests create one per class). */
  public DatabaseCoordinates withDatabase(String database) {
    int slash = url.indexOf('/', "jdbc:postgresql://".length());
    if (slash < 0) {
      throw new IllegalArgumentException("no database in JDBC URL " + url);
    }
    int query = url.indexOf('?', slash);
    String suffix = query < 0 ? "" : url.substring(query);
    return new DatabaseCoordinates(url.substring(0, slash + 1) + database + suffix, user, password);
  }

  @Override
  public String toString() {
    return url + " as " + (user.isEmpty() ? "(default user)" : user);
  }
}
