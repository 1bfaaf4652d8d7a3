package dev.trii.core.db;

import dev.trii.core.config.TriiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the embedded PostgreSQL run as the system user keeps {@code $TRII_HOME/postgres}: in place when that user
 * can reach it, otherwise in a folder of {@value #STORE}, with {@code $TRII_HOME/postgres} a symbolic link to it.
 * The second case is root's default: {@code /root/.trii} sits in a home folder closed to other users.
 *
 * <p>A relocated folder lives as long as its link: one whose link is gone (its TRII_HOME was deleted) is removed
 * on the next start, so deleting TRII_HOME still starts the next run afresh and leaves nothing behind.
 */
final class RelocatedDataDirectory {

  static final String STORE = "/var/lib/trii-postgres";

  private static final String LINK_RECORD = "link";

  private RelocatedDataDirectory() {
  }

  /** The data directory to give the server for {@code wanted}, created (or linked) when missing. */
  static Path resolve(Path wanted) {
    return resolve(wanted, Path.of(STORE));
  }

  static Path resolve(Path wanted, Path store) {
    SystemUser user = SystemUser.ensure(ServiceUserPostgres.USER);
    try {
      if (Files.isSymbolicLink(wanted)) {
        return wanted.resolveSibling(Files.readSymbolicLink(wanted));
      }
      Files.createDirectories(wanted);
      user.own(wanted);
      if (user.canUse(wanted)) {
        return wanted;
      }
      if (!isEmpty(wanted)) {
        throw new TriiException(wanted + " holds PostgreSQL data that the system user " + user.name()
            + " cannot reach (a folder above it is closed to other users): move TRII_HOME to a folder others can "
            + "enter, or set TRII_DB_URL to a PostgreSQL server");
      }
      Files.delete(wanted);
      return relocate(wanted, store);
    } catch (IOException e) {
      throw new TriiException("cannot prepare the embedded PostgreSQL data directory for " + wanted + ": " + e, e);
    }
  }

  private static Path relocate(Path wanted, Path store) throws IOException {
    Files.createDirectories(store);
    Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rwxr-xr-x"));
    removeOrphans(store);
    Path folder = store.resolve(key(wanted));
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(folder.resolve(LINK_RECORD), wanted.toAbsolutePath().toString(), StandardCharsets.UTF_8);
    Path data = Files.createDirectories(folder.resolve("data"));
    Files.createSymbolicLink(wanted, data);
    return data;
  }

  /** Removes the folders whose link no longer points at them and whose server is not running. */
  static void removeOrphans(Path store) throws IOException {
    List<Path> folders;
    try (Stream<Path> listing = Files.list(store)) {
      folders = listing.filter(Files::isDirectory).toList();
    }
    for (Path folder : folders) {
      Path record = folder.resolve(LINK_RECORD);
      Path data = folder.resolve("data");
      if (Files.isRegularFile(record) && !Files.exists(data.resolve("postmaster.pid"))
          && !pointsAt(Path.of(Files.readString(record, StandardCharsets.UTF_8).strip()), data)) {
        deleteTree(folder);
      }
    }
  }

  private static boolean pointsAt(Path link, Path data) throws IOException {
    return Files.isSymbolicLink(link) && link.resolveSibling(Files.readSymbolicLink(link)).equals(data);
  }

  private static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  private static String key(Path wanted) {
    String path = wanted.toAbsolutePath().normalize().toString();
    String readable = path.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+", "");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
      return readable + "-" + HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> tree = Files.walk(folder)) {
      for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
